"""The static form of « Cas décisionnels »: ``{cas-decisionnels}`` in the book, ``cas_decisionnels()`` in JupyterLab.

Each case shows its situation, question and answers; the answer (right letter, why the others are wrong, the
rule, each text with its date and what the course verified, the chapter to reread) is folded in a
``<details>`` element, which the keyboard opens with no script.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from mesocours import lab
from mesocours.data import load, load_collection
from mesocours.sphinxext.directives import DIRECTIVES
from mesocours.sphinxext.render import UnknownRecord, fr_date, render_cas

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def course():
    return load()


def test_every_case_is_shown_and_its_answer_folded(course):
    text = render_cas(course)
    assert text.count('<details class="mesocours-cas">') == len(course.legal_cases) == text.count("</details>")
    for n, c in enumerate(course.legal_cases, 1):
        assert f"Réponse du cas {n} et règle" in text
        start = text.index(f"**Cas {n}\u00a0:")
        folded = text.index("<details", start)
        # the situation and every answer come before the fold, the rule after it
        assert start < folded < text.index("**La règle", folded)


def test_the_answer_gives_the_right_letter_the_rule_and_the_dated_texts(course):
    case = next(c for c in course.legal_cases if c.id == "lyse-graisse")
    texts = {t.id: t for t in course.legal_texts}
    text = render_cas(course, ["lyse-graisse"])
    right = "ABCD"[[ch.right for ch in case.choices].index(True)]
    assert f"**Réponse juste\u00a0: {right}.**" in text
    for tid in case.legal_texts:
        t = texts[tid]
        assert f"{fr_date(t.date)}\u00a0; ce que le cours a vérifié" in text
        assert f":cite:p:`{','.join(t.sources)}`" in text
    assert "chapitre «\u00a04. Pratiques interdites et vigilances\u00a0»" in text
    for i, ch in enumerate(case.choices):
        if not ch.right:
            assert f"- **{'ABCD'[i]}**\u00a0:" in text


def test_cases_are_chosen_by_id_in_that_order(course):
    text = render_cas(course, ["remboursement", "estheticienne"])
    assert text.count("<details") == 2
    assert text.index("«\u00a0Je serai remboursée") < text.index("Une esthéticienne")
    with pytest.raises(UnknownRecord, match="cas inconnu «\u00a0nope\u00a0»"):
        render_cas(course, ["nope"])


def test_the_directive_takes_the_cas_option():
    cls = DIRECTIVES["cas-decisionnels"]
    assert "cas" in cls.option_spec and set(cls.collections) == {"legal_texts", "legal_cases", "chapters"}


def test_the_notebook_form_shows_html_and_carries_the_directive():
    shown = lab.cas_decisionnels(cas="abces-groupes")
    bundle = shown._repr_mimebundle_()
    assert bundle[lab.MYST_MIME] == "```{cas-decisionnels}\n:cas: abces-groupes\n```\n"
    page = bundle["text/html"]
    assert "<details" in page and "<summary>Réponse du cas 1" in page and ":cite:" not in page
    assert "mesocours-cite" in page
    assert lab.cas_decisionnels()._repr_mimebundle_()[lab.MYST_MIME] == "```{cas-decisionnels}\n```\n"
    assert "cas inconnu" in lab.cas_decisionnels(cas="nope").text


def test_lab_forms_rewrites_the_directive_into_the_call():
    from build_tools import lab_forms

    cell = {"cell_type": "markdown", "id": "m", "metadata": {},
            "source": "Texte.\n\n```{cas-decisionnels}\n:cas: lyse-graisse remboursement\n```\n"}
    out = lab_forms.rewrite_cells([cell])
    assert out[1]["source"] == ('from mesocours.lab import cas_decisionnels\n'
                                'cas_decisionnels(cas="lyse-graisse remboursement")')
    assert out[1]["metadata"]["tags"] == ["remove-input"]


@pytest.mark.build
def test_the_built_chapter_folds_every_case():
    """The book (built once by the « book » stage, warnings as errors) shows every case of the data folded in
    chapter 4, its situation before its answer, the answer's citations linked to the bibliography."""
    page_path = ROOT / "_build" / "html" / "notebooks" / "droit" / "04-pratiques-interdites.html"
    if not page_path.exists():
        pytest.fail("_build/html manque : construisez le livre (make book) avant les tests du site")
    page = page_path.read_text(encoding="utf-8")
    cases = load_collection("legal_cases")
    assert page.count('<details class="mesocours-cas"><summary>') == len(cases) >= 10
    start = page.index('<details class="mesocours-cas">')
    folded = page[start:page.index("</details>", start)]
    assert "La règle" in folded and 'href="../../book/bibliographie.html#' in folded
    section = cases[0].section  # « À relire » links to the chapter (or section) to reread
    assert re.search(r'À relire\xa0: chapitre «\xa0<a class="reference internal" href="[^"]*#?' + ("" if section.startswith("chap-") else re.escape(section)), folded), folded[-600:]
    first = html.unescape(re.sub(r"<[^>]+>", "", page[:page.index('<details class="mesocours-cas">')]))
    assert cases[0].title.replace("\u00a0", " ") in first.replace("\u00a0", " ")
