"""Hypotheses on the mechanism of mesotherapy: data, the {tableau-hypotheses} directive, its JupyterLab form."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from docutils.core import publish_doctree
from pydantic import ValidationError

from build_tools import lab_forms
from mesocours import lab
from mesocours.data import EVIDENCE_LABELS, Mechanism, course
from mesocours.sphinxext.directives import DIRECTIVES
from mesocours.sphinxext.render import render_hypotheses, rst_text


@pytest.fixture(scope="module")
def c():
    return course()


def _record(**over):
    base = {"id": "x", "name": "X", "author": "Y", "year": "2000", "claim": "c", "status": "hypothese",
            "evidence": "e", "test": "t", "sources": ["mammucari2020"]}
    return Mechanism.model_validate({**base, **over})


def test_the_hypotheses_the_chapter_discusses_are_in_the_data(c):
    ids = {m.id for m in c.mechanisms}
    assert {"procaine_locale", "troisieme_circulation", "diffusion_lente", "epargne_de_dose",
            "modulation_mesodermique", "effet_piqure", "effets_contextuels"} <= ids


def test_no_mechanism_of_mesotherapy_is_marked_demonstrated(c):
    """The sources show none; dose sparing is shown for some vaccines only, so « elsewhere »."""
    assert not [m.id for m in c.mechanisms if m.status == "demontre"]
    assert {m.id: m.status for m in c.mechanisms}["epargne_de_dose"] == "demontre_ailleurs"
    assert "schnyder2020" in {m.id: m for m in c.mechanisms}["epargne_de_dose"].sources


def test_unknown_status_or_year_is_refused():
    with pytest.raises(ValidationError):
        _record(status="prouve")
    with pytest.raises(ValidationError):
        _record(year="vers 1960")
    with pytest.raises(ValidationError):
        _record(sources=[])


def test_table_lists_every_hypothesis_strongest_evidence_first(c):
    text = render_hypotheses(c)
    for m in c.mechanisms:
        assert rst_text(m.name) in text
    # the vaccine-proven one comes before the untested ones, the methodological principle last
    assert text.index("Épargne de dose") < text.index("Modulation mésodermique") < text.index("Effets contextuels")
    assert f"**{EVIDENCE_LABELS['demontre_ailleurs']}**" in text
    assert ":cite:p:`schnyder2020" in text or "schnyder2020" in text


def test_table_follows_the_data(c):
    changed = dataclasses.replace(c, mechanisms=[_record(name="Hypothèse de test", status="opinion")])
    text = render_hypotheses(changed)
    assert "Hypothèse de test" in text and "opinion d’école ou d’experts" in text
    assert "Épargne de dose" not in text
    empty = dataclasses.replace(c, mechanisms=[])
    assert "Aucune hypothèse" in render_hypotheses(empty)


def test_table_is_valid_rst(c):
    doctree = publish_doctree(render_hypotheses(c).replace(":cite:p:", ""),
                              settings_overrides={"report_level": 2, "halt_level": 2})
    tables = list(doctree.findall(lambda n: n.tagname == "table"))
    assert len(tables) == 1
    rows = list(tables[0].findall(lambda n: n.tagname == "row"))
    assert len(rows) == len(c.mechanisms) + 1


def test_directive_and_notebook_form_exist():
    assert "tableau-hypotheses" in DIRECTIVES
    assert "tableau-hypotheses" in lab.table_directive_names()
    bundle = lab.tableau("tableau-hypotheses")._repr_mimebundle_()
    assert bundle[lab.MYST_MIME] == "```{tableau-hypotheses}\n```\n"
    assert "Modulation mésodermique" in bundle["text/html"]
    assert "[Schnyder et al., 2020" in bundle["text/html"] or "Schnyder et al., 2020" in bundle["text/html"]


def test_lab_forms_rewrites_the_directive_into_a_code_cell():
    cells = [{"cell_type": "markdown", "id": "m", "metadata": {},
              "source": "Avant.\n\n```{tableau-hypotheses}\n```\n\nAprès."}]
    out = lab_forms.rewrite_cells(copy.deepcopy(cells))
    assert [(x["cell_type"], x["source"]) for x in out] == [
        ("markdown", "Avant."),
        ("code", 'from mesocours.lab import tableau\ntableau("tableau-hypotheses")'),
        ("markdown", "Après."),
    ]
    assert out[1]["metadata"]["tags"] == ["remove-input"]
    assert lab_forms.rewrite_cells(copy.deepcopy(out)) == out
