"""The {quiz}, {avancement} and {guide-enseignant} directives: pure renderers, then a small Sphinx build."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mesocours.quiz import bank
from mesocours.quiz import sphinx as qs

FIX = Path(__file__).parent / "fixtures" / "kit"
DATA = FIX / "data"


class Tree(HTMLParser):
    """Collects tags with attributes, and label texts, to check accessibility rules."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.label_for: dict[str, str] = {}
        self._label = None
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "label":
            self._label = [a.get("for"), ""]
        if tag == "script":
            self._script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "label" and self._label:
            self.label_for[self._label[0]] = self._label[1].strip()
            self._label = None
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._label:
            self._label[1] += data
        if self._script:
            self.scripts[-1] += data


def parse(html_text: str) -> Tree:
    t = Tree()
    t.feed(html_text)
    return t


@pytest.fixture(scope="module")
def alpha():
    return bank.get_quiz("alpha", DATA)


def test_quiz_html_structure_is_accessible(alpha):
    html_text = qs.render_quiz_html(alpha)
    tree = parse(html_text)
    tags = [t for t, _ in tree.tags]
    n = len(alpha.questions)
    assert tags.count("form") == n and tags.count("fieldset") == n and tags.count("legend") == n
    assert html_text.count(">Vérifier</button>") == n
    inputs = [a for t, a in tree.tags if t == "input"]
    assert inputs
    for a in inputs:
        assert a["id"] in tree.label_for and tree.label_for[a["id"]], f"input {a['id']} sans libellé"
    numeric = [a for a in inputs if a["type"] == "text"]
    assert len(numeric) == 1 and numeric[0]["inputmode"] == "decimal"
    assert tree.label_for[numeric[0]["id"]] == "Votre réponse (en mm)"
    assert {a["type"] for a in inputs} == {"radio", "checkbox", "text"}
    live = [a for t, a in tree.tags if a.get("aria-live") == "polite"]
    assert len(live) == n + 1  # one feedback region per question + the score
    assert "Question 1 sur 4\u00a0:" in html_text
    assert f'class="{qs.QUIZ_MARKER} mathjax_process"' in html_text
    assert html_text.count("Source\u00a0: kitfixture") == n


def test_quiz_json_holds_answers_and_cannot_break_out_of_script(alpha):
    tree = parse(qs.render_quiz_html(alpha))
    data = json.loads(tree.scripts[0])
    assert data["chapter"] == "alpha" and len(data["questions"]) == 4
    assert data["questions"][3] | {} == data["questions"][3] and data["questions"][3]["answer"] == 2.5
    assert [c["correct"] for c in data["questions"][1]["choices"]] == [True, True, False, False]
    evil = alpha.model_copy(update={"title": "</script><script>alert(1)</script>"})
    assert "</script><script>" not in qs.quiz_json(evil)
    assert json.loads(qs.quiz_json(evil))["title"] == "</script><script>alert(1)</script>"


def test_stems_are_escaped_and_math_converted(alpha):
    html_text = qs.render_quiz_html(alpha)
    assert "&lt;b&gt; &amp; ]]&gt;" in html_text and "<b>" not in html_text
    assert r"\(10^{-3}\)" in html_text
    assert "superficielle\u00a0?" in html_text  # French typography in the legend


def test_progress_html_lists_every_chapter():
    parts, chapters = bank.load_parts_chapters(DATA)
    html_text = qs.render_progress_html(parts, chapters, lambda doc: f"{doc}.html")
    tree = parse(html_text)
    assert [a.get("data-chapter") for t, a in tree.tags if t == "td" and "mq-best" in a.get("class", "")] == \
        ["alpha", "beta", "gamma"]
    assert '<a href="alpha.html">1. Chapitre alpha</a>' in html_text
    assert "gamma.html" not in html_text and "chapitre à venir" in html_text  # no link to an unpublished page
    assert ">Réinitialiser</button>" in html_text
    assert json.loads(tree.scripts[0])[1] == {"id": "beta", "title": "2. Chapitre bêta"}


def test_guide_chapters_text():
    parts, chapters = bank.load_parts_chapters(DATA)
    text = qs.render_guide_chapters(parts, chapters, bank.load_exercises(DATA), bank.load_quizzes(DATA),
                                    docs={"alpha", "beta"}, level=3)
    assert "### Partie d’essai" in text and "#### 1. Chapitre alpha" in text
    assert "### Partie / à venir (à venir)" in text
    assert "{doc}`1. Chapitre alpha </alpha>`" in text
    assert "Temps d’étude\u00a0:** 2\u00a0h\u00a030" in text
    assert "Exercices d’autocorrection\u00a0:** 7" in text and "`alpha-ex7`" in text
    assert "Questions de quiz\u00a0:** 4" in text and "`alpha-q4` (numérique)" in text
    assert "Prérequis\u00a0:** {doc}`1. Chapitre alpha </alpha>`, {doc}`2. Chapitre bêta </beta>`" in text
    assert "&lt;b&gt;" in text  # raw HTML from a stem is neutralised


def test_guide_schedule_text():
    _, chapters = bank.load_parts_chapters(DATA)
    text = qs.render_guide_schedule(chapters, 180)
    rows = [line for line in text.splitlines() if re.match(r"\| \d", line)]
    assert rows == ["| 1 | 1. Chapitre alpha | 1\u00a0h |", "| 2 | 2. Chapitre bêta | 2\u00a0h\u00a030 |",
                    "| 3 | 1. Chapitre gamma (à venir) | 45\u00a0min |"]
    assert "3 séances" in text
    assert len([r for r in qs.render_guide_schedule(chapters, 200).splitlines() if re.match(r"\| \d", r)]) == 2
    assert len([r for r in qs.render_guide_schedule(chapters, 300).splitlines() if re.match(r"\| \d", r)]) == 1


def test_jupyterhub_link():
    link = qs.jupyterhub_link("https://hub.example.fr/", "https://github.com/org/cours", "main",
                              "notebooks/fondements/02-peau.ipynb")
    assert link == ("https://hub.example.fr/hub/user-redirect/git-pull?repo=https%3A//github.com/org/cours"
                    "&urlpath=lab/tree/cours/notebooks/fondements/02-peau.ipynb&branch=main")
    assert qs.jupyterhub_link("", "https://github.com/org/cours", "main", "x") is None


def test_guide_assign_html():
    parts, chapters = bank.load_parts_chapters(DATA)
    hub = {"hub_url": "https://hub.example.fr", "repo_url": "https://github.com/org/cours", "branch": "main"}
    html_text = qs.render_guide_assign(parts, chapters, hub, lambda d: f"{d}.html" if d != "gamma" else None,
                                       {"alpha": "alpha.ipynb"})
    assert "<code>$course$/Mésothérapie/Partie d’essai/1. Chapitre alpha</code>" in html_text
    assert "Partie // à venir" in html_text  # a slash inside a Moodle category name is doubled
    assert html_text.count("hub/user-redirect/git-pull") == 2  # not for the unpublished chapter
    assert "&amp;urlpath=lab/tree/cours/alpha.ipynb" in html_text
    assert "make student" in html_text and "make moodle" in html_text
    no_hub = qs.render_guide_assign(parts, chapters, {}, lambda d: None, {})
    assert "Aucune adresse de JupyterHub" in no_hub and "git-pull" not in no_hub


# ---- a small real Sphinx build ----
CONF = """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "mesocours.quiz.sphinx"]
myst_enable_extensions = ["dollarmath", "colon_fence"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
language = "fr"
mesocours_data_dir = {data!r}
mesocours_exam_doc = "examen"
html_theme = "basic"
html_theme_options = {{}}
"""


MATHJAX_SCRIPT = re.compile(r"<script[^>]+src=\"[^\"]*mathjax", re.IGNORECASE)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sphinx.cmd.build import build_main

    src = tmp_path_factory.mktemp("book")
    (src / "conf.py").write_text(CONF.format(data=str(DATA)), encoding="utf-8")
    shutil.copy(FIX / "references.bib", src / "references.bib")
    pages = {
        "index": "# Essai\n\n```{toctree}\nalpha\nbeta\navancement\nguide\nexamen\nbiblio\n```\n",
        "alpha": "# 1. Alpha\n\n(sec-alpha-couches)=\n## Les couches\n\n```{quiz} alpha\n```\n",
        "examen": "# Examen blanc\n\n```{examen-blanc}\n:questions: 5\n```\n",
        "beta": "# 2. Bêta\n\nPas de maths ici.\n\n```{quiz} beta\n```\n",
        "avancement": "# Mon avancement\n\n```{avancement}\n```\n\n## Examens\n\n```{avancement} examens\n```\n",
        "guide": "# Guide\n\n## Calendrier\n\n```{guide-enseignant} calendrier\n```\n\n## Affecter\n\n"
                 "```{guide-enseignant} affecter\n```\n\n## Chapitres\n\n```{guide-enseignant} chapitres\n```\n",
        "biblio": "# Bibliographie\n\n```{bibliography}\n```\n",
    }
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    out = src / "_build"
    assert build_main(["-W", "-q", "-b", "html", str(src), str(out)]) == 0
    return out


def test_build_renders_quiz_with_citation_and_assets(built):
    page = (built / "alpha.html").read_text(encoding="utf-8")
    assert f'class="{qs.QUIZ_MARKER}' in page
    assert page.count("<form class=\"mq-question\"") == 4
    assert page.count('class="bibtex-citation"') == 4 or page.count("biblio.html#") >= 4  # {cite:p} resolved
    assert re.search(r'<script[^>]+src="_static/quiz\.js', page)
    assert re.search(r'<link[^>]+href="_static/quiz\.css', page)
    assert (built / "_static" / "quiz.js").exists() and (built / "_static" / "quiz.css").exists()
    assert MATHJAX_SCRIPT.search(page)  # the quiz has math: MathJax is loaded though the prose has none


def test_build_forces_mathjax_only_when_needed(built):
    beta = (built / "beta.html").read_text(encoding="utf-8")
    assert not MATHJAX_SCRIPT.search(beta)  # no math in beta's page nor quiz


def test_build_assets_only_on_kit_pages(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "quiz.js" not in index and "quiz.css" not in index
    assert "quiz.js" in (built / "avancement.html").read_text(encoding="utf-8")
    assert "exam.js" not in (built / "avancement.html").read_text(encoding="utf-8")
    assert "exam.js" not in (built / "alpha.html").read_text(encoding="utf-8")
    page = (built / "examen.html").read_text(encoding="utf-8")
    # exam.js after quiz.js, both deferred: it uses window.mesocoursQuiz
    srcs = re.findall(r'<script defer="defer" src="_static/(quiz|exam)\.js', page)
    assert srcs == ["quiz", "exam"]
    assert (built / "_static" / "exam.js").exists()


def test_build_progress_links_resolved(built):
    page = (built / "avancement.html").read_text(encoding="utf-8")
    assert '<a href="alpha.html">1. Chapitre alpha</a>' in page and "@@doc:" not in page


def test_build_guide_sections_and_links(built):
    page = (built / "guide.html").read_text(encoding="utf-8")
    heads = re.findall(r"<h(\d)>([^<]*)", page)
    assert ("3", "Partie d’essai") in heads and ("4", "1. Chapitre alpha") in heads
    assert 'href="alpha.html"' in page
    assert "| 1 |" not in page and "<table" in page  # the schedule became a table


# ---- the mock exam ----
def test_exam_html_is_accessible_and_carries_the_bank():
    from mesocours.quiz import exam

    eb = exam.load_bank(DATA)
    data = qs.exam_data(eb, lambda doc: f"{doc}.html", lambda label: (label, f"x.html#{label}"))
    text = qs.render_exam_open(eb, data, default_n=20) + qs.render_exam_close()
    t = parse(text)
    inputs = [a for tag, a in t.tags if tag == "input"]
    assert inputs and all(a.get("id") in t.label_for and t.label_for[a["id"]] for a in inputs)
    assert t.label_for["mq-exam-part-p1"] == "Partie d’essai (6 questions)"
    assert t.label_for["mq-exam-n"] == "Nombre de questions"
    assert "Temps limite" in t.label_for["mq-exam-limit"] and t.label_for["mq-exam-seed"] == "Graine du tirage"
    assert [a.get("value") for tag, a in t.tags if tag == "input" and a.get("id") == "mq-exam-n"] == ["6"]  # capped
    assert sum(1 for tag, _ in t.tags if tag == "fieldset") == 2
    assert sum(1 for tag, _ in t.tags if tag == "legend") == 2
    live = [a for tag, a in t.tags if a.get("aria-live") == "polite"]
    assert len(live) == 2  # settings message, sparse announcements
    assert any(a.get("role") == "timer" and a.get("aria-live") == "off" for _, a in t.tags)
    buttons = re.findall(r"<button[^>]*>([^<]+)</button>", text)
    assert buttons == ["Commencer l’examen", "Nouveau tirage", "Terminer l’examen"]
    payload = json.loads(t.scripts[0])
    assert [p["id"] for p in payload["pool"]] == [it.id for it in eb.items]
    assert payload["pool"][0]["section"] == "sec-alpha-couches"
    assert payload["sections"] == {"sec-alpha-couches": {"title": "sec-alpha-couches",
                                                         "href": "x.html#sec-alpha-couches"}}
    assert payload["chapters"][0] == {"id": "alpha", "label": "1. Chapitre alpha", "part": "p1", "href": "alpha.html"}
    assert set(payload["questions"]) == {it.id for it in eb.items}


def test_exam_questions_have_no_check_button():
    quiz = bank.get_quiz("alpha", DATA)
    before, after = qs.render_question_html(quiz, 0, check_button=False)
    assert "Vérifier" not in before + after and 'class="mq-feedback"' in before
    assert "Vérifier" in "".join(qs.render_question_html(quiz, 0))


def test_build_exam_page(built):
    page = (built / "examen.html").read_text(encoding="utf-8")
    assert 'class="mq-exam mathjax_process"' in page
    assert page.count('<form class="mq-question"') == 6 and "mq-check" not in page
    assert "@@" not in page
    data = json.loads(re.search(r'<script type="application/json" class="mq-exam-data">(.*?)</script>', page,
                                re.DOTALL).group(1).replace("<\\/", "</"))
    assert {c["id"]: c["href"] for c in data["chapters"]} == {"alpha": "alpha.html", "beta": "beta.html"}
    assert data["sections"]["sec-alpha-couches"] == {"title": "Les couches", "href": "alpha.html#sec-alpha-couches"}
    assert 'id="mq-exam-n" class="mq-exam-n" value="5"' in page  # the :questions: option
    assert page.count("biblio.html#") >= 6  # each question's source cited


def test_build_progress_page_lists_exams(built):
    page = (built / "avancement.html").read_text(encoding="utf-8")
    assert 'class="mq-exam-history" data-store="mesocours.exam.results" data-exam="examen.html"' in page
    assert '<a href="examen.html">examen blanc</a>' in page
    assert 'data-prefix="mesocours.quiz.best. mesocours.exam."' in page
