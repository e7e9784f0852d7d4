"""Moodle XML export of the quiz bank: ``python -m mesocours.quiz.moodle OUTDIR``.

Writes one file per chapter (``<chapter>.xml``), ``quiz.xml`` holding the whole bank, and a
ready-made mock exam ``examen-blanc-<graine>.xml`` (the same draw as the book's « Examen blanc » page
and ``examen_blanc(...)`` in a notebook for the same settings; category
``$course$/Mésothérapie/Examen blanc/Graine <graine>``, settings in the category info). Each
chapter opens with a category question (``$course$/Mésothérapie/<part>/<chapter>``), so an
instructor imports ``quiz.xml`` once (Banque de questions > Importer > format « Moodle XML »)
and finds one category per chapter.

Mapping: single -> multichoice (single), multiple -> multichoice (multiple, correct fractions sum
to 100, wrong ones negative), truefalse -> truefalse (or multichoice if the choices are not
« Vrai »/« Faux »), numeric -> numerical with tolerance. Every answer carries its feedback; math
``$…$`` becomes ``\\(…\\)`` (Moodle's MathJax filter).
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Iterable
from pathlib import Path

from mesocours.data import Chapter, DataError, Part, Quiz, QuizQuestion
from mesocours.numbers import NBSP, InputError, accord, strip_accents
from mesocours.quiz import exam as _exam
from mesocours.quiz.bank import load_parts_chapters, load_quizzes, text_to_html

__all__ = [
    "MOODLE_FRACTIONS",
    "bank_xml",
    "category_path",
    "cdata",
    "exam_category_path",
    "exam_file_name",
    "exam_xml",
    "export",
    "fraction_str",
    "main",
    "question_xml",
    "quiz_xml",
    "split_fractions",
]

COURSE_CATEGORY = "Mésothérapie"
EXAM_CATEGORY = "Examen blanc"
DEFAULT_EXAM_SEED = 2026

# Moodle's allowed answer grades (question_bank::fraction_options_full), as percentages.
MOODLE_FRACTIONS = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
                    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0)


def fraction_str(x: float) -> str:
    """A percentage written as Moodle writes it (``33.33333``, ``-50``, ``100``)."""
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _nearest_allowed(x: float) -> float:
    sign = -1.0 if x < 0 else 1.0
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - abs(x)))
    if abs(best - abs(x)) > 1e-4:
        raise ValueError(f"fraction {x} not in Moodle's allowed list")
    return sign * best


def split_fractions(correct: list[bool]) -> list[float]:
    """Grades of a multiple-answer question: correct ones share +100, wrong ones share -100.

    Raises ValueError if a share is not one of Moodle's allowed grades (more than 10 correct answers).
    """
    n_ok = sum(correct)
    n_bad = len(correct) - n_ok
    if n_ok == 0:
        raise ValueError("no correct answer")
    plus = _nearest_allowed(100.0 / n_ok)
    minus = _nearest_allowed(-100.0 / n_bad) if n_bad else 0.0
    return [plus if c else minus for c in correct]


def cdata(text: str) -> str:
    """Wrap text in CDATA, splitting any ``]]>`` it contains."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _esc_path(title: str) -> str:
    return title.replace("/", "//")  # Moodle escapes a slash inside a category name by doubling it


def category_path(part: Part | None, chapter: Chapter | None, quiz: Quiz) -> str:
    part_title = part.title if part else "Sans partie"
    chap_title = f"{chapter.number}. {chapter.title}" if chapter else quiz.title
    return "$course$/" + "/".join(_esc_path(t) for t in (COURSE_CATEGORY, part_title, chap_title))


def _text(tag: str, content: str, fmt: str = "html") -> str:
    return f'<{tag} format="{fmt}"><text>{cdata(content)}</text></{tag}>'


def _para(text: str) -> str:
    return f"<p>{text_to_html(text)}</p>" if text else ""


def _source_html(key: str, citations: dict[str, str]) -> str:
    return f"<p>Source{NBSP}: {html.escape(citations.get(key, key))}</p>"


def _is_true(text: str) -> bool | None:
    t = strip_accents(text).strip().rstrip(".").casefold()
    return {"vrai": True, "true": True, "faux": False, "false": False}.get(t)


def question_xml(q: QuizQuestion, citations: dict[str, str] | None = None, name: str | None = None) -> str:
    """One ``<question>`` element (string) for a bank question (``name``: Moodle name, default its id)."""
    citations = citations or {}
    qtype = q.type
    tf_map = None
    if qtype == "truefalse":
        tf_map = [_is_true(c.text) for c in q.choices]
        if None in tf_map or len(set(tf_map)) != 2:
            qtype = "single"  # choices are not Vrai/Faux: a one-answer multichoice keeps their wording
    stem = q.stem
    if q.type == "numeric" and q.unit:
        stem = f"{stem} (réponse en {q.unit})"
    moodle_type = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
                   "numeric": "numerical"}[qtype]
    lines = [
        f'  <question type="{moodle_type}">',
        f"    <name><text>{cdata(name or q.id)}</text></name>",
        "    " + _text("questiontext", _para(stem)),
        "    " + _text("generalfeedback", _source_html(q.source, citations)),
        "    <defaultgrade>1</defaultgrade>",
        "    <penalty>" + ("1" if moodle_type == "truefalse" else "0.3333333") + "</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{html.escape(q.id)}</idnumber>",
    ]
    if moodle_type == "multichoice":
        single = qtype == "single"
        fractions = ([100.0 if c.correct else 0.0 for c in q.choices] if single
                     else split_fractions([c.correct for c in q.choices]))
        lines += [
            f"    <single>{'true' if single else 'false'}</single>",
            "    <shuffleanswers>true</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
            "    <showstandardinstruction>1</showstandardinstruction>",
            "    " + _text("correctfeedback", "<p>Votre réponse est correcte.</p>"),
            "    " + _text("partiallycorrectfeedback", "<p>Votre réponse est partiellement correcte.</p>"),
            "    " + _text("incorrectfeedback", "<p>Votre réponse est incorrecte.</p>"),
            "    <shownumcorrect/>",
        ]
        for c, frac in zip(q.choices, fractions):
            lines.append(f'    <answer fraction="{fraction_str(frac)}" format="html">'
                         f"<text>{cdata(_para(c.text))}</text>"
                         + _text("feedback", _para(c.feedback)) + "</answer>")
    elif moodle_type == "truefalse":
        for c, value in zip(q.choices, tf_map):
            lines.append(f'    <answer fraction="{100 if c.correct else 0}" format="moodle_auto_format">'
                         f"<text>{'true' if value else 'false'}</text>" + _text("feedback", _para(c.feedback))
                         + "</answer>")
    else:
        lines += [
            f'    <answer fraction="100" format="moodle_auto_format"><text>{q.answer!r}</text>'
            f"<tolerance>{q.tolerance!r}</tolerance>"
            + _text("feedback", _para(q.feedback_correct or "")) + "</answer>",
            '    <answer fraction="0" format="moodle_auto_format"><text>*</text><tolerance>0</tolerance>'
            + _text("feedback", _para(q.feedback_incorrect or "")) + "</answer>",
            "    <unitgradingtype>0</unitgradingtype>",
            "    <unitpenalty>0.1000000</unitpenalty>",
            "    <showunits>3</showunits>",
            "    <unitsleft>0</unitsleft>",
        ]
    lines.append("  </question>")
    return "\n".join(lines)


def quiz_xml(quiz: Quiz, part: Part | None, chapter: Chapter | None, citations: dict[str, str] | None = None) -> str:
    """The category question of a chapter followed by its questions (no ``<quiz>`` wrapper)."""
    path = category_path(part, chapter, quiz)
    info = f"<p>{html.escape(quiz.title)}</p>"
    head = ('  <question type="category">\n'
            f"    <category><text>{cdata(path)}</text></category>\n"
            f"    {_text('info', info)}\n"
            "  </question>")
    comment = "  <!-- chapitre " + html.escape(quiz.chapter).replace("-", "\u2011") + " -->"
    return "\n".join([comment, head] + [question_xml(q, citations) for q in quiz.questions])


def exam_category_path(seed: int) -> str:
    return "$course$/" + "/".join(_esc_path(t) for t in (COURSE_CATEGORY, EXAM_CATEGORY, f"Graine {seed}"))


def exam_file_name(seed: int) -> str:
    return f"examen-blanc-{seed}.xml"


def exam_xml(exam_bank: _exam.ExamBank, settings: _exam.Settings, citations: dict[str, str] | None = None) -> str:
    """A ready-made mock exam: its category (settings in the info), then the drawn questions in order.

    Question names are numbered (``Q01 · peau-q3``) so that Moodle's bank lists them in the drawn order.
    """
    ids = _exam.draw(exam_bank, settings.parts, settings.n, settings.seed, settings.stratify)
    titles = ", ".join(exam_bank.part(p).title for p in settings.parts)
    by_part = "".join(f"<li>{html.escape(p.title)}{NBSP}: {p.total} {accord(p.total, 'question')}</li>"
                      for p in _exam.score_by_part(exam_bank, ids, {}))
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in settings.notes)
    info = (f"<p>Examen blanc tiré de la banque de quiz du cours{NBSP}: graine {settings.seed}, "
            f"{len(ids)} questions, {accord(len(settings.parts), 'partie')}{NBSP}: {html.escape(titles)}"
            + ("; questions réparties entre les parties et les chapitres" if settings.stratify else "")
            + f".</p><ul>{by_part}</ul>{notes}"
            "<p>La page « Examen blanc » du livre et <code>examen_blanc(...)</code> dans un carnet donnent le même "
            "tirage avec les mêmes réglages. Pour en faire un test Moodle, créez un test et ajoutez-y toutes les "
            "questions de cette catégorie, dans l’ordre de leur nom.</p>")
    head = ('  <question type="category">\n'
            f"    <category><text>{cdata(exam_category_path(settings.seed))}</text></category>\n"
            f"    {_text('info', info)}\n"
            "  </question>")
    width = len(str(len(ids)))
    body = [question_xml(exam_bank.item(q).question, citations, name=f"Q{k:0{max(2, width)}d} · {q}")
            for k, q in enumerate(ids, 1)]
    return _wrap(["  <!-- examen blanc -->", head, *body])


def _wrap(body: Iterable[str]) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(body) + "\n</quiz>\n"


def bib_citations(bib_path: Path | str | None = None) -> dict[str, str]:
    """``key -> "Auteur (année). Titre."`` from references.bib (best effort; the key if unparseable)."""
    from mesocours.data import BIB_PATH

    try:
        from pybtex.database import parse_file

        db = parse_file(str(bib_path or BIB_PATH), bib_format="bibtex")
    except Exception:  # the bib is checked elsewhere; the export falls back to keys
        return {}
    out = {}
    for key, entry in db.entries.items():
        people = entry.persons.get("author", [])
        if people:
            first = people[0]
            author = " ".join(first.last_names) or str(first)
            author = author.replace("{", "").replace("}", "")
            if len(people) > 2:
                author += " et al."
            elif len(people) == 2:
                author += " et " + " ".join(people[1].last_names).replace("{", "").replace("}", "")
        else:
            author = entry.fields.get("organization", entry.fields.get("publisher", ""))
            author = author.replace("{", "").replace("}", "")
        title = entry.fields.get("title", "").replace("{", "").replace("}", "")
        year = entry.fields.get("year", "s. d.")
        out[key] = f"{author} ({year}). {title}.".strip()
    return out


def bank_xml(quizzes: list[Quiz], parts: list[Part], chapters: list[Chapter],
             citations: dict[str, str] | None = None) -> dict[str, str]:
    """``{file name: XML text}``: one file per chapter and ``quiz.xml`` with everything, in course order."""
    part_by_id = {p.id: p for p in parts}
    chap_by_id = {c.id: c for c in chapters}
    order = {c.id: i for i, c in enumerate(chapters)}
    ordered = sorted(quizzes, key=lambda q: (order.get(q.chapter, len(order)), q.chapter))
    files: dict[str, str] = {}
    bodies = []
    for quiz in ordered:
        chap = chap_by_id.get(quiz.chapter)
        part = part_by_id.get(chap.part) if chap else None
        body = quiz_xml(quiz, part, chap, citations)
        files[f"{quiz.chapter}.xml"] = _wrap([body])
        bodies.append(body)
    files["quiz.xml"] = _wrap(bodies)
    return files


def export(outdir: Path | str, data_dir: Path | str | None = None, bib_path: Path | str | None = None,
           exam_seed: int = DEFAULT_EXAM_SEED, exam_n: int = _exam.DEFAULT_N, exam_parts=None,
           exam_stratify: bool = True) -> list[Path]:
    """Write the bank's Moodle XML files and the mock exam into ``outdir``; return the paths written.

    Raises InputError (French) for unusable mock exam settings.
    """
    out = Path(outdir)
    parts, chapters = load_parts_chapters(data_dir)
    quizzes = load_quizzes(data_dir)
    citations = bib_citations(bib_path)
    files = bank_xml(quizzes, parts, chapters, citations)
    exam_bank = _exam.make_bank(quizzes, parts, chapters)
    if exam_bank.items:
        settings = _exam.check_settings(exam_bank, exam_parts, exam_n, exam_seed, exam_stratify)
        files[exam_file_name(settings.seed)] = exam_xml(exam_bank, settings, citations)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m mesocours.quiz.moodle",
                                 description="Exporte la banque de quiz au format Moodle XML.")
    ap.add_argument("outdir", help="dossier de sortie (créé au besoin)")
    ap.add_argument("--data-dir", default=None, help="dossier data/ à lire (par défaut celui du dépôt)")
    ap.add_argument("--bib", default=None, help="fichier BibTeX des sources (par défaut book/references.bib)")
    ap.add_argument("--examen-graine", default=str(DEFAULT_EXAM_SEED),
                    help=f"graine de l’examen blanc (par défaut {DEFAULT_EXAM_SEED})")
    ap.add_argument("--examen-n", default=str(_exam.DEFAULT_N),
                    help=f"nombre de questions de l’examen blanc (par défaut {_exam.DEFAULT_N})")
    ap.add_argument("--examen-parties", default=None,
                    help="parties de l’examen blanc, séparées par des virgules (par défaut toutes)")
    ap.add_argument("--examen-sans-repartition", action="store_true",
                    help="tirer sans répartir les questions entre parties et chapitres")
    args = ap.parse_args(argv)
    try:
        written = export(args.outdir, args.data_dir, args.bib, exam_seed=args.examen_graine, exam_n=args.examen_n,
                         exam_parts=args.examen_parties, exam_stratify=not args.examen_sans_repartition)
    except InputError as err:
        print(f"Examen blanc impossible{NBSP}: {err}", file=sys.stderr)
        return 1
    except (DataError, ValueError) as err:
        print(f"Export Moodle impossible{NBSP}:\n{err}", file=sys.stderr)
        return 1
    n = sum(len(q.questions) for q in load_quizzes(args.data_dir))
    combined = Path(args.outdir) / "quiz.xml"
    print(f"{n} questions exportées dans {len(written)} fichiers ({combined} contient toute la banque).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
