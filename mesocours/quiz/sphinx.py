"""Sphinx side of the learning kit: ``{quiz}``, ``{avancement}`` and ``{guide-enseignant}``.

* ```{quiz} <chapter-id>``` renders the chapter's quiz (data/quiz) as accessible static HTML:
  one ``<form>``/``<fieldset>``/``<legend>`` per question, labelled inputs, a « Vérifier » button,
  feedback in an ``aria-live`` region, the score, and the source of each question (``{cite:p}``).
  ``static/quiz.js`` checks answers in the page and keeps the best score per chapter in
  ``localStorage`` (nothing leaves the browser).
* ```{avancement}``` lists every chapter of data/chapters.yml with the best score saved in this
  browser, and a « Réinitialiser » button.
* ```{guide-enseignant} chapitres|calendrier|affecter``` builds the instructor guide from
  data/chapters.yml, data/exercises and data/quiz.

Config values: ``mesocours_data_dir`` (data folder, relative to the book root; default: the repo's
data/ or ``$MESOCOURS_DATA_DIR``), ``mesocours_session_minutes`` (length of a teaching session, 180).
The pure ``render_*`` functions below return HTML/MyST text and are unit-tested without Sphinx.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from mesocours.data import Chapter, DataError, Exercise, Part, Quiz, QuizQuestion
from mesocours.numbers import NBSP, InputError, accord
from mesocours.quiz import bank

logger = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"
QUIZ_MARKER = "mq-quiz"  # class of the quiz root element (tests look for it)
STORAGE_PREFIX = "mesocours.quiz.best."  # localStorage key prefix, + chapter id



# --------------------------------------------------------------------------
# Pure renderers
# --------------------------------------------------------------------------
def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "q"


def _nbsp_typo(text: str) -> str:
    return text.replace(" :", NBSP + ":").replace(" ;", NBSP + ";").replace(" ?", NBSP + "?").replace(" !", NBSP + "!")


def question_data(q: QuizQuestion) -> dict:
    """What quiz.js needs to check one question (answers included: this is a self-check)."""
    d: dict[str, Any] = {"id": q.id, "type": q.type}
    if q.type == "numeric":
        d.update(answer=q.answer, tolerance=q.tolerance, unit=q.unit,
                 feedback_correct=bank.text_to_html(q.feedback_correct or ""),
                 feedback_incorrect=bank.text_to_html(q.feedback_incorrect or ""))
    else:
        d["choices"] = [{"correct": c.correct, "feedback": bank.text_to_html(c.feedback)} for c in q.choices]
    return d


def quiz_json(quiz: Quiz) -> str:
    """The quiz's answer data as JSON safe inside ``<script type="application/json">``."""
    data = {"chapter": quiz.chapter, "title": quiz.title, "questions": [question_data(q) for q in quiz.questions]}
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


def render_question_html(quiz: Quiz, index: int, check_button: bool = True) -> tuple[str, str]:
    """(HTML before the source citation, HTML after it) for question ``index`` of ``quiz``.

    ``check_button=False`` (mock exam): no « Vérifier » button, the exam is graded as a whole."""
    q = quiz.questions[index]
    base = f"mq-{_slug(q.id)}"
    n, total = index + 1, len(quiz.questions)
    out = [f'<form class="mq-question" id="{base}" data-qid="{_attr(q.id)}" data-type="{q.type}" novalidate>',
           f'<fieldset aria-describedby="{base}-type">',
           f'<legend><span class="mq-num">Question {n} sur {total}{NBSP}:</span> '
           f'<span class="mq-stem">{_nbsp_typo(bank.text_to_html(q.stem))}</span></legend>',
           f'<p class="mq-type" id="{base}-type">{html.escape(_nbsp_typo(bank.TYPE_HINT[q.type]))}</p>']
    if q.type == "numeric":
        unit = f" (en {html.escape(q.unit)})" if q.unit else ""
        out += ['<div class="mq-numeric">',
                f'<label for="{base}-input">Votre réponse{unit}</label> ',
                f'<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" '
                f'id="{base}-input" name="{base}" class="mq-input"'
                + (f' data-unit="{_attr(q.unit)}"' if q.unit else "") + ">",
                "</div>"]
    else:
        kind = "checkbox" if q.type == "multiple" else "radio"
        out.append('<ul class="mq-choices">')
        for i, c in enumerate(q.choices):
            cid = f"{base}-c{i}"
            out.append(f'<li class="mq-choice"><input type="{kind}" name="{base}" id="{cid}" value="{i}">'
                       f' <label for="{cid}">{_nbsp_typo(bank.text_to_html(c.text))}</label></li>')
        out.append("</ul>")
    out += ["</fieldset>",
            *(['<button type="submit" class="mq-check">Vérifier</button>'] if check_button else []),
            f'<div class="mq-feedback" id="{base}-feedback" role="status" aria-live="polite" aria-atomic="true"></div>']
    before = "\n".join(out) + '\n<div class="mq-source">'
    after = "</div>\n</form>"
    return before, after


def render_quiz_open(quiz: Quiz) -> str:
    """Opening HTML of a quiz: root element, answer data, instructions."""
    total = len(quiz.questions)
    return "\n".join([
        f'<section class="{QUIZ_MARKER} mathjax_process" id="mq-quiz-{_slug(quiz.chapter)}" '
        f'data-chapter="{_attr(quiz.chapter)}" '
        f'data-total="{total}" aria-labelledby="mq-quiz-{_slug(quiz.chapter)}-title">',
        f'<p class="mq-title" id="mq-quiz-{_slug(quiz.chapter)}-title"><strong>{html.escape(quiz.title)}</strong></p>',
        f'<script type="application/json" class="mq-data">{quiz_json(quiz)}</script>',
        f'<p class="mq-intro">{total} questions. Répondez, puis appuyez sur « Vérifier » (ou sur Entrée). '
        "Votre meilleur score est enregistré dans ce navigateur seulement, sur la page « Mon avancement ».</p>",
        "<noscript><p>Ce quiz a besoin de JavaScript pour corriger vos réponses. Sans JavaScript, "
        "utilisez la version du carnet (notebook) de ce chapitre.</p></noscript>",
    ])


def render_quiz_close(quiz: Quiz) -> str:
    total = len(quiz.questions)
    return (f'<p class="mq-score" role="status" aria-live="polite">Score{NBSP}: '
            f'<span class="mq-score-value">0</span> / {total} — meilleur score enregistré{NBSP}: '
            f'<span class="mq-best-value">aucun</span></p>\n</section>')


def render_quiz_html(quiz: Quiz, cite: callable = None) -> str:
    """The whole quiz as one HTML string (``cite(key) -> html``; default: the key). For tests and previews."""
    cite = cite or (lambda key: f"Source{NBSP}: {html.escape(key)}")
    parts = [render_quiz_open(quiz)]
    for i, q in enumerate(quiz.questions):
        before, after = render_question_html(quiz, i)
        parts += [before, f"<p>{cite(q.source)}</p>", after]
    parts.append(render_quiz_close(quiz))
    return "\n".join(parts)


def chapter_label(ch: Chapter) -> str:
    return f"{ch.number}. {ch.title}"


def progress_entries(parts: Sequence[Part], chapters: Sequence[Chapter]) -> list[dict]:
    part_title = {p.id: p.title for p in parts}
    return [{"id": c.id, "title": chapter_label(c), "part": part_title.get(c.part, c.part), "doc": c.doc,
             "published": c.status == "publie"} for c in chapters]


def render_progress_html(parts: Sequence[Part], chapters: Sequence[Chapter], link: callable) -> str:
    """The « Mon avancement » table. ``link(doc) -> href or None`` (None: no page yet)."""
    entries = progress_entries(parts, chapters)
    rows = []
    for e in entries:
        href = link(e["doc"]) if e["published"] else None
        title = html.escape(e["title"])
        cell = f'<a href="{_attr(href)}">{title}</a>' if href else title
        status = "pas encore de score" if e["published"] else "chapitre à venir"
        rows.append(f'<tr data-chapter="{_attr(e["id"])}"><td>{html.escape(e["part"])}</td>'
                    f'<th scope="row">{cell}</th>'
                    f'<td class="mq-best" data-chapter="{_attr(e["id"])}">{status}</td></tr>')
    data = json.dumps([{"id": e["id"], "title": e["title"]} for e in entries], ensure_ascii=False).replace("</", "<\\/")
    return "\n".join([
        f'<div class="mq-progress" data-prefix="{STORAGE_PREFIX} mesocours.exam.">',
        f'<script type="application/json" class="mq-chapters">{data}</script>',
        '<table class="mq-progress-table table">',
        "<caption>Meilleur score aux quiz, par chapitre (enregistré dans ce navigateur)</caption>",
        '<thead><tr><th scope="col">Partie</th><th scope="col">Chapitre</th>'
        '<th scope="col">Meilleur score</th></tr></thead>',
        "<tbody>", *rows, "</tbody></table>",
        '<p><button type="button" class="mq-reset">Réinitialiser</button> '
        "<small>(efface les scores des quiz et les examens blancs enregistrés dans ce navigateur)</small></p>",
        '<p class="mq-reset-status" role="status" aria-live="polite"></p>',
        "<noscript><p>L’affichage des scores a besoin de JavaScript.</p></noscript>",
        "</div>",
    ])


# ---- mock exam (« examen blanc ») ----
EXAM_MARKER = "mq-exam"  # class of the mock exam root element
EXAM_STORE = "mesocours.exam.results"  # localStorage key of the mock exam results (see static/exam.js)
EXAM_PREFIX = "mesocours.exam."


def _json_script(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


def exam_data(exam_bank, chapter_href: callable, section_ref: callable) -> dict:
    """What exam.js needs: the pool in bank order, parts, chapters (label, link), sections, answers.

    ``chapter_href(doc) -> str or None``; ``section_ref(label) -> (title, href or None)``.
    """
    pool = []
    for it in exam_bank.items:
        d = {"id": it.id, "part": it.part, "chapter": it.chapter}
        if it.question.section:
            d["section"] = it.question.section
        pool.append(d)
    sections = {}
    for it in exam_bank.items:
        sec = it.question.section
        if sec and sec not in sections:
            title, href = section_ref(sec)
            sections[sec] = {"title": title, "href": href}
    return {
        "pool": pool,
        "parts": [{"id": p.id, "title": p.title, "count": exam_bank.count(p.id)} for p in exam_bank.parts],
        "chapters": [{"id": c.id, "label": chapter_label(c), "part": c.part,
                      "href": chapter_href(c.doc) if c.status == "publie" else None} for c in exam_bank.chapters],
        "sections": sections,
        "questions": {it.id: question_data(it.question) for it in exam_bank.items},
    }


def render_exam_open(exam_bank, data: dict, default_n: int = 20) -> str:
    """The mock exam up to its question store: data, settings form, empty run and result areas."""
    total = len(exam_bank.items)
    n = min(default_n, total)
    parts = []
    for p in exam_bank.parts:
        pid = f"mq-exam-part-{_slug(p.id)}"
        count = exam_bank.count(p.id)
        parts.append(f'<li><input type="checkbox" class="mq-exam-part" id="{pid}" value="{_attr(p.id)}" checked> '
                     f'<label for="{pid}">{html.escape(p.title)} ({count} {accord(count, "question")})</label>'
                     "</li>")
    return "\n".join([
        f'<section class="{EXAM_MARKER} mathjax_process" id="mq-exam" aria-label="Examen blanc">',
        f'<script type="application/json" class="mq-exam-data">{_json_script(data)}</script>',
        "<noscript><p>L’examen blanc a besoin de JavaScript pour tirer les questions et les corriger. "
        "Sans JavaScript, utilisez la fonction <code>examen_blanc()</code> dans un carnet.</p></noscript>",
        '<form class="mq-exam-settings" novalidate>',
        '<fieldset class="mq-exam-fieldset"><legend>Parties du cours</legend>',
        '<ul class="mq-exam-partlist">', *parts, "</ul></fieldset>",
        '<fieldset class="mq-exam-fieldset"><legend>Réglages du tirage</legend>',
        '<p><label for="mq-exam-n">Nombre de questions</label> '
        '<input type="text" inputmode="numeric" autocomplete="off" id="mq-exam-n" class="mq-exam-n" '
        f'value="{n}" size="5" aria-describedby="mq-exam-n-help"> '
        f'<span class="mq-help" id="mq-exam-n-help">la banque en compte {total}{NBSP}; au-delà, '
        "l’examen les prend toutes</span></p>",
        '<p><label for="mq-exam-limit">Temps limite en minutes (facultatif)</label> '
        '<input type="text" inputmode="numeric" autocomplete="off" id="mq-exam-limit" class="mq-exam-limit" '
        'value="" size="5" aria-describedby="mq-exam-limit-help"> '
        '<span class="mq-help" id="mq-exam-limit-help">laissez vide pour ne pas limiter le temps'
        f"{NBSP}; à la fin du temps, l’examen se termine seul</span></p>",
        '<p><label for="mq-exam-seed">Graine du tirage</label> '
        '<input type="text" inputmode="numeric" autocomplete="off" id="mq-exam-seed" class="mq-exam-seed" '
        'value="" size="12" aria-describedby="mq-exam-seed-help"> '
        f'<span class="mq-help" id="mq-exam-seed-help">même graine et mêmes réglages{NBSP}: mêmes questions, '
        "ici, dans un carnet et dans l’export Moodle</span></p>",
        '<p><input type="checkbox" class="mq-exam-stratify" id="mq-exam-stratify" checked> '
        '<label for="mq-exam-stratify">Répartir les questions entre les parties et les chapitres</label></p>',
        "</fieldset>",
        '<p class="mq-exam-buttons"><button type="submit" class="mq-exam-start">Commencer l’examen</button> '
        '<button type="button" class="mq-exam-new">Nouveau tirage</button></p>',
        '<p class="mq-exam-message" role="status" aria-live="polite"></p>',
        "</form>",
        '<p class="mq-exam-announce mq-sr-only" role="status" aria-live="polite"></p>',
        '<div class="mq-exam-run" hidden>',
        '<h2 class="mq-exam-run-title" id="mq-exam-questions-title" tabindex="-1">Questions tirées</h2>',
        '<p class="mq-exam-meta"></p>',
        '<p class="mq-exam-clock" role="timer" aria-live="off" hidden></p>',
        '<div class="mq-exam-questions"></div>',
        '<p><button type="button" class="mq-exam-finish">Terminer l’examen</button></p>',
        "</div>",
        '<div class="mq-exam-result" role="region" hidden></div>',
        '<div class="mq-exam-bank" hidden>',
    ])


def render_exam_close() -> str:
    return "</div>\n</section>"


def render_exam_history_html(exam_href: str | None) -> str:
    """The « Examens blancs » table of « Mon avancement » (filled by quiz.js from localStorage)."""
    link = (f'<a href="{_attr(exam_href)}">examen blanc</a>' if exam_href else "examen blanc")
    return "\n".join([
        f'<div class="mq-exam-history" data-store="{EXAM_STORE}"'
        + (f' data-exam="{_attr(exam_href)}"' if exam_href else "") + ">",
        '<table class="mq-exam-history-table table" hidden>',
        "<caption>Examens blancs enregistrés dans ce navigateur, du plus récent au plus ancien</caption>",
        '<thead><tr><th scope="col">Date</th><th scope="col">Parties</th><th scope="col">Score</th>'
        '<th scope="col">Score par partie</th><th scope="col">Graine</th></tr></thead>',
        "<tbody></tbody></table>",
        f'<p class="mq-exam-history-empty">Aucun {link} enregistré dans ce navigateur.</p>',
        "</div>",
    ])


# ---- instructor guide (MyST text, parsed by the directive) ----
def _short(text: str, n: int = 140) -> str:
    one = " ".join(str(text).split())
    return one if len(one) <= n else one[: n - 1].rstrip() + "…"


def _md_text(text: str) -> str:
    """Bank text inside generated MyST: keep $math$ and emphasis, neutralise raw HTML and roles."""
    return html.escape(text, quote=False).replace("{", "&#123;").replace("|", "\\|")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def _chapter_ref(ch: Chapter, docs: set[str]) -> str:
    if ch.status == "publie" and ch.doc in docs:
        return f"{{doc}}`{_md_escape(chapter_label(ch))} </{ch.doc}>`"
    return _md_escape(chapter_label(ch)) + (" (à venir)" if ch.status != "publie" else " (page non publiée)")


def render_guide_chapters(parts: Sequence[Part], chapters: Sequence[Chapter], exercises: Sequence[Exercise],
                          quizzes: Sequence[Quiz], docs: set[str], level: int = 3) -> str:
    """Per part and chapter (headings of ``level`` and ``level + 1``): objectives, study time,
    prerequisites, exercises and quiz questions (MyST text)."""
    by_id = {c.id: c for c in chapters}
    quiz_by_ch = {q.chapter: q for q in quizzes}
    lines: list[str] = []
    for part in parts:
        chs = [c for c in chapters if c.part == part.id]
        if not chs:
            continue
        status = "" if part.status == "publiee" else " (à venir)"
        lines += [f"{'#' * level} {_md_text(part.title)}{status}", ""]
        for ch in chs:
            exs = [e for e in exercises if e.chapter == ch.id]
            quiz = quiz_by_ch.get(ch.id)
            qs = list(quiz.questions) if quiz else []
            lines += [f"{'#' * (level + 1)} {_md_text(chapter_label(ch))}", ""]
            lines.append(f"- **Page{NBSP}:** {_chapter_ref(ch, docs)}")
            lines.append(f"- **Temps d’étude{NBSP}:** {bank.fmt_duration(ch.study_time_min)}")
            pre = ", ".join(_chapter_ref(by_id[p], docs) if p in by_id else p for p in ch.prerequisites)
            lines.append(f"- **Prérequis{NBSP}:** {pre or 'aucun'}")
            lines.append(f"- **Objectifs{NBSP}:**")
            lines += [f"  - {o}" for o in ch.objectives]
            lines.append(f"- **Exercices d’autocorrection{NBSP}:** {len(exs)}")
            lines += [f"  - `{e.id}`{NBSP}: {_md_text(_short(e.prompt))}" for e in exs]
            lines.append(f"- **Questions de quiz{NBSP}:** {len(qs)}")
            lines += [f"  - `{q.id}` ({_TYPE_FR[q.type]}){NBSP}: {_md_text(_short(q.stem))}" for q in qs]
            lines.append("")
    return "\n".join(lines)


_TYPE_FR = {"single": "choix unique", "multiple": "choix multiple", "truefalse": "vrai/faux", "numeric": "numérique"}


def render_guide_schedule(chapters: Sequence[Chapter], max_minutes: int = 180) -> str:
    """A table of teaching sessions: chapters in order, each session ≤ ``max_minutes`` of study time."""
    sessions = bank.plan_sessions([c.study_time_min for c in chapters], max_minutes)
    total = sum(c.study_time_min for c in chapters)
    lines = [f"Proposition en {len(sessions)} séances d’au plus {bank.fmt_duration(max_minutes)} "
             f"(temps d’étude total{NBSP}: {bank.fmt_duration(total)}), chapitres dans l’ordre du cours. "
             "Un chapitre plus long qu’une séance en occupe une à lui seul.", "",
             "| Séance | Chapitres | Durée |", "|---|---|---|"]
    for n, idx in enumerate(sessions, 1):
        chs = [chapters[i] for i in idx]
        names = " ; ".join(_md_escape(chapter_label(c)) + ("" if c.status == "publie" else " (à venir)") for c in chs)
        names = names.replace(" ;", NBSP + ";")
        lines.append(f"| {n} | {names} | {bank.fmt_duration(sum(c.study_time_min for c in chs))} |")
    return "\n".join(lines) + "\n"


def jupyterhub_link(hub_url: str, repo_url: str, branch: str, path_in_repo: str,
                    interface: str = "jupyterlab") -> str | None:
    """The nbgitpuller link sphinx-book-theme's launch button builds (None without hub or repository)."""
    hub_url = (hub_url or "").strip().strip("/")
    repo_url = (repo_url or "").strip().rstrip("/")
    if not hub_url or not repo_url:
        return None
    repo = repo_url.split("/")[-1].removesuffix(".git")
    ui = {"classic": "tree", "jupyterlab": "lab/tree"}.get(interface, "lab/tree")
    params = urlencode({"repo": repo_url, "urlpath": f"{ui}/{repo}/{path_in_repo}", "branch": branch or "main"},
                       safe="/")
    return f"{hub_url}/hub/user-redirect/git-pull?{params}"


def render_guide_assign(parts: Sequence[Part], chapters: Sequence[Chapter], hub: dict,
                        link: callable, doc_paths: dict[str, str]) -> str:
    """How to assign each chapter (HTML): page, student notebook, Moodle category, JupyterHub link.

    ``link(doc) -> href or None`` gives the chapter page's URL; ``doc_paths`` maps a doc to its path
    in the repository (for the JupyterHub link).
    """
    from mesocours.quiz.moodle import DEFAULT_EXAM_SEED, category_path

    part_by_id = {p.id: p for p in parts}
    out = [
        f"<p>Pour chaque chapitre, quatre façons de le confier aux étudiants{NBSP}:</p>",
        "<ol>",
        "<li><strong>La page du livre</strong>, à lire et à faire en ligne (quiz corrigé dans la page, "
        "sans compte ni serveur).</li>",
        f"<li><strong>Le carnet étudiant</strong>, sans les solutions{NBSP}: <code>make student</code> copie chaque "
        "carnet du dossier <code>notebooks/</code> en retirant les blocs de solution et toutes les sorties"
        f"{NBSP}; distribuez le fichier du chapitre.</li>",
        f"<li><strong>Le quiz dans Moodle</strong>{NBSP}: <code>make moodle</code> écrit la banque au format "
        "Moodle XML (<code>quiz.xml</code> pour toute la banque, un fichier par chapitre, et un examen blanc "
        f"prêt à l’emploi, <code>examen-blanc-{DEFAULT_EXAM_SEED}.xml</code>, le même que celui de la page "
        f"« Examen blanc » avec la graine {DEFAULT_EXAM_SEED}). Dans Moodle, "
        "<em>Banque de questions → Importer → Format Moodle XML</em>, puis créez un test avec les questions "
        "de la catégorie du chapitre (colonne ci-dessous).</li>",
        f"<li><strong>Le carnet exécutable sur le JupyterHub de la faculté</strong>{NBSP}: le lien ouvre le "
        "chapitre dans JupyterLab, widgets actifs.</li>",
        "</ol>",
    ]
    if not hub.get("hub_url"):
        out.append("<p>Aucune adresse de JupyterHub n’est configurée (<code>html_theme_options.launch_buttons."
                   f"jupyterhub_url</code>){NBSP}: les liens de lancement ne sont pas générés.</p>")
    out += ['<table class="table mq-assign">', "<caption>Affecter un chapitre</caption>",
            '<thead><tr><th scope="col">Chapitre</th><th scope="col">Catégorie Moodle</th>'
            '<th scope="col">Lancement JupyterHub</th></tr></thead>', "<tbody>"]
    for ch in chapters:
        cat = category_path(part_by_id.get(ch.part), ch, Quiz(chapter=ch.id, title=ch.title, questions=[_DUMMY_Q]))
        href = link(ch.doc) if ch.status == "publie" else None
        title = html.escape(chapter_label(ch))
        later = " (à venir)" if ch.status != "publie" else ""
        name = f'<a href="{_attr(href)}">{title}</a>' if href else title + later
        hub_link = None
        if href and hub.get("hub_url"):
            hub_link = jupyterhub_link(hub["hub_url"], hub.get("repo_url", ""), hub.get("branch", "main"),
                                       doc_paths.get(ch.doc, ch.doc + ".ipynb"), hub.get("interface", "jupyterlab"))
        launch = (f'<a href="{_attr(hub_link)}">ouvrir le chapitre {ch.number} sur JupyterHub</a>'
                  if hub_link else "—")
        out.append(f'<tr><th scope="row">{name}</th><td><code>{html.escape(cat)}</code></td><td>{launch}</td></tr>')
    out += ["</tbody></table>"]
    return "\n".join(out)


_DUMMY_Q = QuizQuestion(id="_", type="truefalse", stem="_", source="_",
                        choices=[{"text": "Vrai", "correct": True, "feedback": "_"},
                                 {"text": "Faux", "correct": False, "feedback": "_"}])


# --------------------------------------------------------------------------
# Docutils node: raw HTML fragment, HTML builders only
# --------------------------------------------------------------------------
class mq_html(nodes.General, nodes.Element):
    """A fragment of HTML (possibly an opening or closing tag only); links ``@@doc:NAME@@`` resolved at write time."""


_DOC_TOKEN = re.compile(r"@@doc:([^@]+)@@")
_RAWDOC_TOKEN = re.compile(r"@@rawdoc:([^@]+)@@")  # inside JSON: not HTML-escaped
_RAWREF_TOKEN = re.compile(r"@@rawref:([^@]+)@@")  # a section label -> page#anchor ("" if unknown)
_RAWTITLE_TOKEN = re.compile(r"@@rawtitle:([^@]+)@@")  # a section label -> its heading (JSON string body)


def _visit_mq_html(self, node: mq_html) -> None:
    text = node["html"]
    builder = self.builder
    current = getattr(builder, "current_docname", None) or ""
    text = _DOC_TOKEN.sub(lambda m: html.escape(builder.get_relative_uri(current, m.group(1)), quote=True), text)
    text = _RAWDOC_TOKEN.sub(lambda m: builder.get_relative_uri(current, m.group(1)), text)
    if "@@raw" in text:
        labels = builder.env.get_domain("std").labels

        def ref(m):
            found = labels.get(m.group(1))
            return builder.get_relative_uri(current, found[0]) + "#" + found[1] if found else ""

        def title(m):  # the section's heading, as a JSON string body
            found = labels.get(m.group(1))
            name = found[2] if found and found[2] else bank.readable_label(m.group(1))
            return json.dumps(name, ensure_ascii=False)[1:-1].replace("</", "<\\/")

        text = _RAWREF_TOKEN.sub(ref, text)
        text = _RAWTITLE_TOKEN.sub(title, text)
    self.body.append(text)
    raise nodes.SkipNode


def _skip(self, node) -> None:
    raise nodes.SkipNode


# --------------------------------------------------------------------------
# Directives
# --------------------------------------------------------------------------
class _KitDirective(SphinxDirective):
    def data_dir(self) -> Path:
        conf = self.config.mesocours_data_dir
        if conf:
            p = Path(conf)
            return p if p.is_absolute() else Path(self.env.srcdir) / p
        return bank.data_dir()

    def depend(self, *rels: str) -> None:
        d = self.data_dir()
        for rel in rels:
            p = d / rel
            files = sorted(p.glob("*.yml")) if p.is_dir() else [p]
            for f in files:
                if f.exists():
                    self.env.note_dependency(str(f))

    def fail(self, message: str) -> list[nodes.Node]:
        logger.warning(message, location=self.get_location(), type="mesocours", subtype="quiz")
        return [nodes.paragraph(text=message)]

    def html(self, text: str) -> mq_html:
        return mq_html("", html=text)


class QuizDirective(_KitDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        chapter = self.arguments[0].strip()
        self.depend("quiz")
        try:
            quiz = bank.get_quiz(chapter, self.data_dir())
        except (InputError, DataError) as err:
            return self.fail(f"quiz « {chapter} »{NBSP}: {err}")
        out: list[nodes.Node] = [self.html(render_quiz_open(quiz))]
        for i, q in enumerate(quiz.questions):
            before, after = render_question_html(quiz, i)
            out.append(self.html(before))
            holder = nodes.container(classes=["mq-source-text"])
            self.state.nested_parse(StringList([f"Source{NBSP}: {{cite:p}}`{q.source}`"], source="quiz"),
                                    self.content_offset, holder)
            out.extend(holder.children)
            out.append(self.html(after))
        out.append(self.html(render_quiz_close(quiz)))
        return out


class ProgressDirective(_KitDirective):
    """```{avancement}``` (best quiz score per chapter) or ```{avancement} examens``` (mock exams)."""

    has_content = False
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        what = (self.arguments[0].strip() if self.arguments else "chapitres")
        if what == "examens":
            exam_doc = self.config.mesocours_exam_doc
            href = f"@@doc:{exam_doc}@@" if exam_doc in self.env.found_docs else None
            return [self.html(render_exam_history_html(href))]
        if what != "chapitres":
            return self.fail(f"avancement{NBSP}: argument « {what} » inconnu (chapitres ou examens)")
        self.depend("chapters.yml")
        try:
            parts, chapters = bank.load_parts_chapters(self.data_dir())
        except DataError as err:
            return self.fail(f"avancement{NBSP}: {err}")
        found = self.env.found_docs
        text = render_progress_html(parts, chapters, lambda doc: f"@@doc:{doc}@@" if doc in found else None)
        return [self.html(text)]


class ExamDirective(_KitDirective):
    """```{examen-blanc}```: the mock exam drawn from the whole bank (options: ``:questions:`` default n)."""

    has_content = False
    option_spec = {"questions": int}

    def run(self) -> list[nodes.Node]:
        from mesocours.quiz import exam

        self.depend("chapters.yml", "quiz")
        try:
            parts, chapters = bank.load_parts_chapters(self.data_dir())
            quizzes = bank.load_quizzes(self.data_dir())
        except DataError as err:
            return self.fail(f"examen-blanc{NBSP}: {err}")
        exam_bank = exam.make_bank(quizzes, parts, chapters)
        if not exam_bank.items:
            return self.fail(f"examen-blanc{NBSP}: la banque ne contient aucune question d’un chapitre publié")
        found = self.env.found_docs

        def section_ref(label: str) -> tuple[str, str]:  # resolved at write time, when every label is known
            return f"@@rawtitle:{label}@@", f"@@rawref:{label}@@"

        data = exam_data(exam_bank, lambda doc: f"@@rawdoc:{doc}@@" if doc in found else None, section_ref)
        node = self.html(render_exam_open(exam_bank, data, self.options.get("questions", exam.DEFAULT_N)))
        node["exam"] = True
        out: list[nodes.Node] = [node]
        where = {q.id: (quiz, i) for quiz in quizzes for i, q in enumerate(quiz.questions)}
        for it in exam_bank.items:
            quiz, i = where[it.id]
            before, after = render_question_html(quiz, i, check_button=False)
            out.append(self.html(before))
            holder = nodes.container(classes=["mq-source-text"])
            self.state.nested_parse(StringList([f"Source{NBSP}: {{cite:p}}`{it.question.source}`"], source="quiz"),
                                    self.content_offset, holder)
            out.extend(holder.children)
            out.append(self.html(after))
        out.append(self.html(render_exam_close()))
        return out


class GuideDirective(_KitDirective):
    """```{guide-enseignant} chapitres``` | ``calendrier`` | ``affecter``."""

    required_arguments = 1
    option_spec = {"duree-seance": int, "niveau": int}

    def run(self) -> list[nodes.Node]:
        what = self.arguments[0].strip()
        self.depend("chapters.yml", "exercises", "quiz")
        try:
            parts, chapters = bank.load_parts_chapters(self.data_dir())
            exercises = bank.load_exercises(self.data_dir())
            quizzes = bank.load_quizzes(self.data_dir())
        except DataError as err:
            return self.fail(f"guide-enseignant{NBSP}: {err}")
        docs = set(self.env.found_docs)
        if what == "chapitres":
            level = self.options.get("niveau", 3)
            text, titles = render_guide_chapters(parts, chapters, exercises, quizzes, docs, level), True
        elif what == "calendrier":
            minutes = self.options.get("duree-seance", self.config.mesocours_session_minutes)
            text, titles = render_guide_schedule(chapters, minutes), False
        elif what == "affecter":
            opts = self.config.html_theme_options or {}
            launch = opts.get("launch_buttons", {}) or {}
            hub = {"hub_url": launch.get("jupyterhub_url", ""), "interface": launch.get("notebook_interface",
                                                                                         "jupyterlab"),
                   "repo_url": opts.get("repository_url", ""), "branch": opts.get("repository_branch", "main")}
            prefix = (opts.get("path_to_docs", "") or "").strip("/")
            doc_paths = {}
            for ch in chapters:
                if ch.doc in docs:
                    rel = Path(self.env.doc2path(ch.doc)).relative_to(self.env.srcdir).as_posix()
                    doc_paths[ch.doc] = f"{prefix}/{rel}" if prefix else rel
            return [self.html(render_guide_assign(parts, chapters, hub,
                                                  lambda doc: f"@@doc:{doc}@@" if doc in docs else None, doc_paths))]
        else:
            return self.fail(f"guide-enseignant{NBSP}: argument « {what} » inconnu "
                             "(chapitres, calendrier ou affecter)")
        holder = nodes.section() if titles else nodes.container()
        holder.document = self.state.document
        self.state.nested_parse(StringList(text.splitlines(), source="guide-enseignant"), self.content_offset,
                                holder, match_titles=titles)
        return list(holder.children)


# --------------------------------------------------------------------------
# Setup
# --------------------------------------------------------------------------
def _has_kit(doctree) -> bool:
    return doctree is not None and any(True for _ in doctree.findall(mq_html))


def _doctree_read(app, doctree) -> None:
    """A quiz whose text holds math needs MathJax on its page even if the prose has none."""
    if any("\\(" in n["html"] or "\\[" in n["html"] for n in doctree.findall(mq_html)):
        app.env.get_domain("math").data["has_equations"][app.env.docname] = True


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if _has_kit(doctree):
        app.add_js_file("quiz.js", defer="defer")
        app.add_css_file("quiz.css")
        if any(n.get("exam") for n in doctree.findall(mq_html)):
            app.add_js_file("exam.js", defer="defer")  # after quiz.js: it uses window.mesocoursQuiz


def _add_static(app, config) -> None:
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        config.html_static_path.append(static)


def setup(app):
    if "mesocours_data_dir" not in app.config:  # shared with the other mesocours extension
        app.add_config_value("mesocours_data_dir", None, "env")
    app.add_config_value("mesocours_session_minutes", 180, "env")
    app.add_config_value("mesocours_exam_doc", "book/examen-blanc", "env")
    app.add_node(mq_html, html=(_visit_mq_html, None), singlehtml=(_visit_mq_html, None), latex=(_skip, None),
                 text=(_skip, None),
                 man=(_skip, None), texinfo=(_skip, None))
    app.add_directive("quiz", QuizDirective)
    app.add_directive("avancement", ProgressDirective)
    app.add_directive("guide-enseignant", GuideDirective)
    app.add_directive("examen-blanc", ExamDirective)
    app.connect("config-inited", _add_static)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-read", _doctree_read)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
