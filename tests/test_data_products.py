"""Products (data/products.yml): the corrections of issue 13, and the product directives that read them.

Facts checked here were read in the labels and decisions the records cite; a test fails if a record
falls back to an assertion no consulted source makes (a status « amm » without a label, « hors AMM pour
tous »), or if a table stops saying what a label maximum is a maximum of.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from mesocours.data import Course, Product, load_collection
from mesocours.numbers import NBSP
from mesocours.sphinxext import render
from mesocours.sphinxext.directives import DIRECTIVES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def products() -> dict[str, Product]:
    return {p.id: p for p in load_collection("products")}


@pytest.fixture(scope="module")
def course(products) -> Course:
    return Course(products=list(products.values()))


# --------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------
def test_the_header_no_longer_says_off_label_for_all():
    header = "".join(line for line in (ROOT / "data" / "products.yml").read_text(encoding="utf-8").splitlines(True)
                     if line.startswith("#"))
    assert "hors AMM pour tous" not in header
    assert "procaïne" in header and "dispositif médical" in header and "non_verifie" in header


def test_statuses_no_label_supports_are_not_asserted(products):
    for pid in ("magnesium", "vitamine_c", "vitamines_b", "edta"):
        assert products[pid].status == "non_verifie", pid
        assert "pas vérifié" in products[pid].status_note or "non vérifié" in products[pid].status_note, pid


def test_injectable_magnesium_sulfate_is_iv_only_and_hypertonic(products):
    mg = products["sulfate_de_magnesium"]
    assert mg.status == "amm" and mg.amm_routes == ["intraveineuse"]
    assert mg.presentations and all(p.hypertonic and p.routes == ["intraveineuse"] for p in mg.presentations)
    assert {p.concentration_mg_per_ml for p in mg.presentations} == {150}
    assert "rcp_sulfate_magnesium_lavoisier" in mg.sources


def test_the_two_edta_are_distinct_and_the_confusion_is_warned(products):
    edta, ca = products["edta"], products["calcium_edetate"]
    assert ca.status == "amm" and ca.presentations and "plomb" in ca.amm_indications[0]
    assert any("fda2008edetate" in w.sources for w in edta.warnings)
    assert any(e.change == "mise_en_garde" and e.date == "2008-01-16" for e in edta.regulatory_events)
    assert "calcium" in edta.status_note and "Cacchio" in ca.status_note


def test_piroxicam_injectable_restriction_and_the_reason_of_2007(products):
    piro = products["piroxicam"]
    texts = " ".join(w.what for w in piro.warnings)
    assert "orale et rectale" in texts and "profonde" in texts
    ev = next(e for e in piro.regulatory_events if e.date == "2007-06")
    assert "gastro-intestinaux" in ev.what and "cutanées graves" in ev.what
    assert {x.kind for x in piro.excipients} == {"alcool_benzylique", "propylene_glycol", "ethanol"}


def test_sulfites_of_the_adrenaline_form_and_of_etamsylate(products):
    assert [e.kind for e in products["lidocaine_adrenaline"].excipients] == ["sulfites"]
    assert products["lidocaine_adrenaline"].chemistry == "amide"
    assert not products["lidocaine"].excipients  # Mésocaïne: sodium only
    eta = products["etamsylate"]
    assert [e.kind for e in eta.excipients] == ["sulfites"]
    assert any("porphyrie" in w.what for w in eta.warnings)


def test_thiocolchicoside_vagal_malaise_and_hepatitis_are_sourced(products):
    thio = products["thiocolchicoside"]
    by_text = {w.what: w.sources for w in thio.warnings}
    assert any("vagal" in t and "ansm_rcp_miorel_2011" in s for t, s in by_text.items())
    assert any("hépatites fulminantes" in t and "bcb_miorel_ge_2024" in s for t, s in by_text.items())
    assert any(e.date == "2013-11-21" for e in thio.regulatory_events)


def test_a_label_maximum_says_what_it_is_a_maximum_of(products):
    for p in products.values():
        for d in p.label_max_dose:
            assert d.per.strip() and d.route.strip(), p.id
            if p.family == "anesthesique_local":
                assert "acte" in d.per and "jamais une dose par point" in d.conditions, p.id


# --------------------------------------------------------------------------
# The directives
# --------------------------------------------------------------------------
def test_default_table_is_the_reference_page_and_shows_the_new_status(course):
    text = render.render_produits(course)
    assert "statut non vérifié" in text
    assert "Dose maximale du RCP (et" not in text and render.MAX_DOSE_NOTE not in text  # the reference page shows no dose


def test_selected_rows_and_columns(course):
    text = render.render_produits(course, ids=["lidocaine", "procaine"], columns=["produit", "chimie", "dose_max"])
    assert text.index("Lidocaïne (Mésocaïne)") < text.index("Procaïne")  # ids keep their order
    assert "Piroxicam" not in text
    assert render.MAX_DOSE_NOTE in text
    assert f"**600{NBSP}mg** par acte" in text and f"**200{NBSP}mg** par acte" in text
    assert "     - ester" in text and "     - amide" in text
    fam = render.render_produits(course, families=["ains"], columns=["produit", "excipients"])
    assert "Kétoprofène" in fam and "Piroxicam" in fam and "Procaïne" not in fam
    assert "**alcool benzylique** (20 mg/mL)" in fam


def test_unknown_column_family_or_product_is_a_french_message(course):
    with pytest.raises(render.UnknownRecord, match="colonne inconnue « dose »"):
        render.render_produits(course, columns=["dose"])
    with pytest.raises(render.UnknownRecord, match="famille sans produit « antibiotique »"):
        render.render_produits(course, families=["antibiotique"])
    with pytest.raises(render.UnknownRecord, match="produit inconnu « aspirine »"):
        render.render_evenements_produits(course, ids=["aspirine"])


def test_events_table_is_chronological(course):
    text = render.render_evenements_produits(course)
    dates = ["2004", "2007", "2008", "2011", "2013", "2024"]
    positions = [text.index(f"{d}**") for d in dates]
    assert positions == sorted(positions)
    only = render.render_evenements_produits(course, ids=["piroxicam"])
    assert "juin 2007" in only and "Buflomédil" not in only
    assert "Aucun événement" in render.render_evenements_produits(course, ids=["procaine"])


def test_directive_options_reach_the_renderer(course):
    shim = SimpleNamespace(arguments=[], options={"produits": "procaine", "colonnes": "produit, allergies"})
    text = DIRECTIVES["tableau-produits"].rst(shim, course)
    assert "PABA" in text and "Lidocaïne" not in text
    shim = SimpleNamespace(arguments=[], options={"familles": "chelateur"})
    text = DIRECTIVES["tableau-evenements-produits"].rst(shim, course)
    assert "FDA" in text


def test_lab_form_of_the_product_table():
    from mesocours.lab import tableau

    shown = tableau("tableau-produits", produits="edta calcium_edetate", colonnes="produit, mises_en_garde")
    assert shown.myst.startswith("```{tableau-produits}") and ":colonnes: produit, mises_en_garde" in shown.myst
    assert "FDA" in shown.html and "digitaliques" in shown.html
    bad = tableau("tableau-produits", colonnes="prix")
    assert "colonne inconnue" in bad.html and bad.myst.startswith("```{admonition} Erreur")


def test_the_caution_box_can_be_left_out_once_shown(course):
    shim = SimpleNamespace(arguments=[], options={"produits": "procaine", "avertissement": "non"})
    assert "Données d’étiquetage" not in DIRECTIVES["tableau-produits"].rst(shim, course)
    shim.options["avertissement"] = "oui"
    assert "Données d’étiquetage" in DIRECTIVES["tableau-produits"].rst(shim, course)
    shim.options["avertissement"] = "peut-être"
    with pytest.raises(render.UnknownRecord, match="avertissement"):
        DIRECTIVES["tableau-produits"].rst(shim, course)
