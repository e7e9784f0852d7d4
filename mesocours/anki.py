"""Anki export of the course: ``python -m mesocours.anki OUTFILE`` (``make anki``).

One deck per part (``Mésothérapie::<part>``; the shared vocabulary in its own deck), with

* a note per glossary term, model « Terme du cours », two cards (term -> definition and back);
* a note per quiz question, model « Question du cours », front = stem (and choices), back = the answer,
  the feedback of every choice and the source.

Identifiers are stable: each note's GUID is derived from the glossary term or the question id, deck and
model ids from fixed names, so importing a new build updates the learner's cards (and keeps their review
history) instead of duplicating them. Tags: ``chapitre::<id>``, ``partie::<id>``, ``glossaire`` or ``quiz``.
Pure except :func:`write_package` (genanki writes the .apkg, a zip holding an SQLite collection).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from mesocours import data as _data
from mesocours.data.loader import SAFE_LOADER
from mesocours.numbers import NBSP, fr
from mesocours.quiz.bank import load_parts_chapters, load_quizzes, text_to_html

ROOT_DECK = "Mésothérapie"
COMMON_DECK = f"{ROOT_DECK}::Vocabulaire commun"
GUID_NAMESPACE = "mesocours"

CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; color: #1a1a1a;
background: #ffffff; line-height: 1.45; max-width: 40em; margin: 0 auto; }
.term { font-size: 1.3em; font-weight: bold; }
.choices li { margin: .2em 0; }
.correct { font-weight: bold; }
.correct::before { content: "✔ "; }
.wrong::before { content: "✘ "; }
.source { font-size: .85em; color: #444; margin-top: 1em; }
.meta { font-size: .8em; color: #555; }"""


def stable_id(*parts: str) -> int:
    """A 31-bit positive integer from names (Anki deck and model ids must not change between builds)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF | 1 << 30


def note_guid(*parts: str) -> str:
    """The GUID of a note (Anki matches notes on it at import), from the record's identity only."""
    import genanki

    return genanki.guid_for(GUID_NAMESPACE, *parts)


@dataclass(frozen=True)
class Card:
    """One note to write: its deck, model, fields, tags and identity."""

    deck: str
    model: str  # "terme" or "question"
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    identity: tuple[str, ...]  # what the GUID is derived from


def _deck_name(part: _data.Part | None) -> str:
    return f"{ROOT_DECK}::{part.title}" if part else COMMON_DECK


def _tag(prefix: str, value: str) -> str:
    return f"{prefix}::{value}".replace(" ", "_")


def _html(text: str) -> str:
    return text_to_html(text) if text else ""


def glossary_by_file(data_dir: Path | str | None = None) -> list[tuple[str, _data.GlossaryTerm]]:
    """(file stem, term) for every validated glossary term; the stem names the chapter that introduces it."""
    folder = Path(data_dir) if data_dir else _data.DATA_DIR
    terms = {t.term: t for t in _data.load_collection("glossary", folder)}
    out: list[tuple[str, _data.GlossaryTerm]] = []
    for path in _data._files(folder, _data.COLLECTIONS["glossary"].path):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []
        out.extend((path.stem, terms[item["term"]]) for item in raw)
    return out


def glossary_cards(data_dir: Path | str | None = None) -> list[Card]:
    parts, chapters = load_parts_chapters(data_dir)
    chapter = {c.id: c for c in chapters}
    part = {p.id: p for p in parts}
    cards = []
    for stem, term in glossary_by_file(data_dir):
        chap = chapter.get(stem)
        prt = part.get(chap.part) if chap else None
        tags = ["glossaire"] + ([_tag("chapitre", chap.id), _tag("partie", prt.id)] if chap and prt else ["commun"])
        see = ", ".join(term.see_also)
        extra = f"Voir aussi{NBSP}: {html.escape(see)}" if see else ""
        where = f"Chapitre {chap.number}. {html.escape(chap.title)}" if chap else "Vocabulaire commun du cours"
        cards.append(Card(_deck_name(prt), "terme", (html.escape(term.term), _html(term.definition), extra, where),
                          tuple(tags), ("glossaire", term.term)))
    return cards


def _answer_html(q: _data.QuizQuestion) -> str:
    if q.type == "numeric":
        unit = f"{NBSP}{q.unit}" if q.unit else ""
        tol = f" (à {fr(q.tolerance)}{unit} près)" if q.tolerance else ""
        return f"<p class='correct'>{fr(q.answer)}{unit}{tol}</p><p>{_html(q.feedback_correct or '')}</p>"
    items = "".join(
        f"<li class='{'correct' if c.correct else 'wrong'}'>{_html(c.text)} — {_html(c.feedback)}</li>"
        for c in q.choices
    )
    return f"<ul class='choices'>{items}</ul>"


def _front_html(q: _data.QuizQuestion) -> str:
    stem = f"<p>{_html(q.stem)}</p>"
    if q.type == "numeric":
        unit = f" (en {q.unit})" if q.unit else ""
        return stem + f"<p class='meta'>Réponse numérique{unit}.</p>"
    hint = {"single": "Une seule réponse.", "truefalse": "Vrai ou faux.",
            "multiple": "Une ou plusieurs réponses."}[q.type]
    items = "".join(f"<li>{_html(c.text)}</li>" for c in q.choices)
    return stem + f"<ol class='choices' type='A'>{items}</ol><p class='meta'>{hint}</p>"


def quiz_cards(data_dir: Path | str | None = None, citations: dict[str, str] | None = None) -> list[Card]:
    parts, chapters = load_parts_chapters(data_dir)
    chapter = {c.id: c for c in chapters}
    part = {p.id: p for p in parts}
    citations = citations or {}
    cards = []
    for quiz in load_quizzes(data_dir):
        chap = chapter.get(quiz.chapter)
        prt = part.get(chap.part) if chap else None
        tags = ["quiz", _tag("chapitre", quiz.chapter)] + ([_tag("partie", prt.id)] if prt else [])
        where = f"Chapitre {chap.number}. {html.escape(chap.title)}" if chap else html.escape(quiz.title)
        for q in quiz.questions:
            source = f"Source{NBSP}: {html.escape(citations.get(q.source, q.source))}"
            cards.append(Card(_deck_name(prt), "question", (_front_html(q), _answer_html(q), source, where),
                              tuple(tags), ("quiz", q.id)))
    return cards


def all_cards(data_dir: Path | str | None = None, bib_path: Path | str | None = None) -> list[Card]:
    from mesocours.quiz.moodle import bib_citations

    return glossary_cards(data_dir) + quiz_cards(data_dir, bib_citations(bib_path))


def _models():
    import genanki

    term = genanki.Model(
        stable_id(GUID_NAMESPACE, "model", "terme"),
        "Mésothérapie — terme du cours",
        fields=[{"name": "Terme"}, {"name": "Définition"}, {"name": "Voir aussi"}, {"name": "Chapitre"}],
        templates=[
            {"name": "Terme → définition",
             "qfmt": "<div class='term'>{{Terme}}</div><p class='meta'>Donnez la définition.</p>",
             "afmt": "{{FrontSide}}<hr id='answer'>{{Définition}}<p class='meta'>{{Voir aussi}}</p>"
                     "<p class='meta'>{{Chapitre}}</p>"},
            {"name": "Définition → terme",
             "qfmt": "{{Définition}}<p class='meta'>Quel est le terme&nbsp;?</p>",
             "afmt": "{{FrontSide}}<hr id='answer'><div class='term'>{{Terme}}</div><p class='meta'>{{Chapitre}}</p>"},
        ],
        css=CSS,
    )
    question = genanki.Model(
        stable_id(GUID_NAMESPACE, "model", "question"),
        "Mésothérapie — question du cours",
        fields=[{"name": "Question"}, {"name": "Réponse"}, {"name": "Source"}, {"name": "Chapitre"}],
        templates=[{
            "name": "Question → réponse",
            "qfmt": "{{Question}}",
            "afmt": "{{FrontSide}}<hr id='answer'>{{Réponse}}<p class='source'>{{Source}}</p>"
                    "<p class='meta'>{{Chapitre}}</p>",
        }],
        css=CSS,
    )
    return {"terme": term, "question": question}


def write_package(cards: list[Card], out: Path | str) -> Path:
    """Write the .apkg (one deck per part) and return its path."""
    import genanki

    models = _models()
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        deck = decks.setdefault(card.deck, genanki.Deck(stable_id(GUID_NAMESPACE, "deck", card.deck), card.deck))
        deck.add_note(genanki.Note(model=models[card.model], fields=list(card.fields), tags=list(card.tags),
                                   guid=note_guid(*card.identity)))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(list(decks.values())).write_to_file(str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m mesocours.anki",
                                 description="Écrit le paquet Anki du cours (glossaire et banque de quiz).")
    ap.add_argument("out", help="fichier .apkg à écrire")
    ap.add_argument("--data-dir", default=None, help="dossier data/ à lire (par défaut celui du dépôt)")
    ap.add_argument("--bib", default=None, help="fichier BibTeX (par défaut book/references.bib)")
    args = ap.parse_args(argv)
    try:
        cards = all_cards(args.data_dir, args.bib)
    except _data.DataError as err:
        print(f"Export Anki impossible{NBSP}:\n{err}", file=sys.stderr)
        return 1
    path = write_package(cards, args.out)
    n_terms = sum(c.model == "terme" for c in cards)
    print(f"{path} : {len(cards)} notes ({n_terms} termes du glossaire, {len(cards) - n_terms} questions), "
          f"{len({c.deck for c in cards})} paquets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
