"""Chapter tables of ch. 3 and ch. 5 come from data: doses of a study, needle gauges, calendars, contraindications."""

from __future__ import annotations

import dataclasses

import pytest
from docutils.core import publish_doctree

from mesocours.data import DoseGiven, Study, course
from mesocours.models.doses import reported_totals
from mesocours.models.protocols import schedule
from mesocours.sphinxext.render import (
    UnknownRecord,
    render_calendriers,
    render_calibres,
    render_contre_indications,
    render_doses,
)


@pytest.fixture(scope="module")
def c():
    return course()


def _strip_roles(text: str) -> str:
    return text.replace(":cite:p:", "")


def test_costantino_doses_are_those_of_the_abstract(c):
    """Abstract (PMC2952299): ketoprofen 160 mg every session; methylprednisolone 40 mg on days 1 and 4, 20 mg after."""
    totals = {t.product: t for t in reported_totals(c.by_id("studies")["costantino2011"])}
    assert totals["kétoprofène"].per_session_mg == (160, 160, 160, 160, 160)
    assert totals["méthylprednisolone"].per_session_mg == (40, 40, 20, 20, 20)
    assert totals["méthylprednisolone"].total_mg == 140
    assert totals["lidocaïne"].total_mg == 100


def test_doses_table_follows_the_data(c):
    study = c.by_id("studies")["costantino2011"]
    text = render_doses(c, "costantino2011")
    assert "800\u00a0mg" in text and "140\u00a0mg" in text
    changed = study.model_copy(update={"doses_per_session": [
        DoseGiven(product="kétoprofène", amount_mg=100, sessions=[1, 2])]})
    totals = reported_totals(changed)
    assert totals[0].total_mg == 200 and totals[0].sessions_given == 2
    fake = dataclasses.replace(c, studies=[changed])
    assert "200\u00a0mg" in render_doses(fake, "costantino2011")


def test_doses_unknown_or_empty_study_is_a_french_error(c):
    with pytest.raises(UnknownRecord, match="étude inconnue"):
        render_doses(c, "etude_fantome")
    with pytest.raises(UnknownRecord, match="aucune dose"):
        render_doses(c, "dicesare2011")


def test_two_doses_of_one_product_at_one_session_are_refused():
    study = Study.model_validate({
        "id": "x", "label": "X", "year": 2000, "kind": "essai_randomise", "design": "d", "indication": "i",
        "main_result": "r", "risk_of_bias": {"judgement": "eleve", "by": "b", "rationale": "r"}, "sources": ["has2014"],
        "direction": "nul",
        "doses_per_session": [{"product": "p", "amount_mg": 1, "sessions": [1]},
                              {"product": "p", "amount_mg": 2, "sessions": [1]}]})
    with pytest.raises(ValueError, match="séance 1"):
        reported_totals(study)


def test_gauge_table_sorted_and_from_data(c):
    text = render_calibres(c)
    rows = [g for g in sorted(c.needle_gauges, key=lambda g: g.gauge)]
    positions = [text.index(f"**{g.gauge}\u00a0G**") for g in rows]
    assert positions == sorted(positions)
    assert "0,413\u00a0mm" in text  # 27 G
    # finer gauge, smaller diameter: the table would be wrong otherwise
    diam = [g.outer_diameter_mm for g in rows]
    assert diam == sorted(diam, reverse=True)


def test_calendars_last_day_comes_from_the_model(c):
    text = render_calendriers(c)
    for p in c.protocols:
        assert p.label in text
    variant = next(p for p in c.protocols if "3 + 1" in p.label)
    assert schedule(variant)[-1][0] == 29


def test_contraindications_strongest_source_first(c):
    text = render_contre_indications(c)
    first_rcp = text.index("RCP du produit")
    first_praticien = text.index("liste de praticiens (faible)")
    assert first_rcp < first_praticien
    assert "multi-injecteur" in text.lower()


@pytest.mark.parametrize("func", [render_calibres, render_calendriers, render_contre_indications])
def test_tables_are_valid_rst(c, func):
    doctree = publish_doctree(_strip_roles(func(c)), settings_overrides={"report_level": 2, "halt_level": 2})
    assert list(doctree.findall(lambda n: n.tagname == "table"))


def test_outbreak_table_says_what_a_case_is(c):
    from mesocours.sphinxext.render import render_epidemies

    text = render_epidemies(c)
    assert "35 cas suspects, dont 4 confirmés" in text  # Lima (Munayco 2008)
    assert "16 cas sur 105 personnes exposées" in text  # France 2006-2007
