"""The static form of « Cas décisionnels »: ``{cas-decisionnels}`` in the book, ``cas_decisionnels()`` in JupyterLab.

Each case shows its situation, question and answers; the answer (right letter, why the others are wrong, the
rule, each text with its date and what the course verified, the chapter to reread) is folded in a
``<details>`` element, which the keyboard opens with no script.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from mesocours import lab
from mesocours.data import load
from mesocours.sphinxext.directives import DIRECTIVES
from mesocours.sphinxext.render import UnknownRecord, fr_date, render_cas

ROOT = Path(__file__).resolve().parent.parent
JB = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "jupyter-book"


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
    assert text.index("« Je serai remboursée") < text.index("Une esthéticienne")
    with pytest.raises(UnknownRecord, match="cas inconnu «\u00a0nope\u00a0»"):
        render_cas(course, ["nope"])


def test_the_directive_takes_the_cas_option():
    cls = DIRECTIVES["cas-decisionnels"]
    assert "cas" in cls.option_spec and set(cls.collections) == {"legal_texts", "legal_cases"}


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


def test_a_scratch_book_renders_the_folded_cases_without_warnings(tmp_path):
    """A notebook whose cell output carries the directive (as sections/cas.md will) builds with zero warnings."""
    book = tmp_path / "book"
    book.mkdir()
    shown = lab.cas_decisionnels(cas="abces-groupes produit-retire")
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# Essai\n\nLes cas."},
        {"cell_type": "code", "metadata": {"tags": ["remove-input"]}, "execution_count": 1, "source": "x",
         "outputs": [{"output_type": "display_data", "metadata": {}, "data": shown._repr_mimebundle_()}]},
    ], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}
    (book / "cas.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    (book / "bibliographie.md").write_text((ROOT / "book" / "bibliographie.md").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    config = {"title": "Essai", "only_build_toc_files": True, "execute": {"execute_notebooks": "off"},
              "bibtex_bibfiles": [str(ROOT / "book" / "references.bib")],
              "sphinx": {"extra_extensions": ["mesocours.sphinxext"],
                         "config": {"language": "fr", "bibtex_reference_style": "author_year",
                                    "bibtex_default_style": "plain"}}}
    (book / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (book / "_toc.yml").write_text(yaml.safe_dump({"format": "jb-book", "root": "cas",
                                                   "chapters": [{"file": "bibliographie"}]}), encoding="utf-8")
    proc = subprocess.run([str(JB), "build", str(book), "-W", "-n", "--keep-going"], check=False,
                          capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    warnings = [line for line in log.splitlines() if re.search(r"WARNING|ERROR|CRITICAL", line)]
    assert proc.returncode == 0 and not warnings, "\n".join(warnings)[:3000] or log[-3000:]
    page = (book / "_build" / "html" / "cas.html").read_text(encoding="utf-8")
    assert page.count('<details class="mesocours-cas"><summary>') == 2
    folded = page[page.index("<details"):page.index("</details>")]
    assert "La règle" in folded and 'href="bibliographie.html#' in folded
    assert page.index("Trois abcès en un mois") < page.index("<details")
