"""Legal texts the « Droit et responsabilité » part needs: present, scoped as the sources say, rendered.

Each assertion is about a fact read in a source (see the record's status and book/references.bib), so a record
that loses it, or a renderer that drops it, fails here.
"""

from __future__ import annotations

import pytest

from mesocours.data import load, load_collection
from mesocours.sphinxext.render import render_textes

NEEDED_BY_THE_LAW_PART = {
    "csp_l1142_1", "csp_l1142_2", "csp_l1142_3_1", "csp_r4127_70", "csp_l1151_2", "csp_l1151_3",
    "csp_l5212_2", "csp_l1413_14", "csp_r5121_161", "decret_2024_490", "ansm_2021_lipolytiques",
    "ce_2015_abrogation", "cass_crim_2023", "decret_2011_382", "ce_2012",
}


@pytest.fixture(scope="module")
def texts():
    return {t.id: t for t in load_collection("legal_texts")}


def test_every_text_the_law_part_needs_is_present(texts):
    assert NEEDED_BY_THE_LAW_PART <= set(texts), sorted(NEEDED_BY_THE_LAW_PART - set(texts))


def test_liability_texts_say_who_pays(texts):
    assert "faute" in texts["csp_l1142_1"].rule and "ONIAM" in texts["csp_l1142_1"].rule
    assert "assurance" in texts["csp_l1142_2"].rule
    no_solidarity = texts["csp_l1142_3_1"]
    assert "ONIAM" in no_solidarity.rule and "esthétique" in no_solidarity.rule
    assert {"responsabilite", "esthetique"} <= set(no_solidarity.topics)
    # the 2015 amendment is reported as unverified, not silently taken as law
    assert "pas été vérifiée" in no_solidarity.status


def test_complicity_ruling_covers_training_and_equipping_for_both_techniques(texts):
    ruling = texts["cass_crim_2023"]
    assert "forme" in ruling.binds and "équipe" in ruling.binds and "médecin compris" in ruling.binds
    assert "cryolipolyse" in ruling.rule and "micro-needling" in ruling.rule
    assert "deux techniques" in ruling.rule and "indifférent" in ruling.rule
    assert "pourvoi rejeté" in ruling.status


def test_the_2011_ban_says_when_it_applies_again_and_on_what_authority(texts):
    for record in (texts["decret_2011_382"], texts["ce_2012"]):
        assert "1er mars 2012" in record.status
        assert "ministere_lyse_adipocytaire" in record.sources and "simhon2012" in record.sources
        # the operative part was not read: the record must say so
        assert "non relu" in record.status or "pas été relu" in record.status


def test_hyaluronic_acid_decree_restricts_supply_to_physicians(texts):
    decree = texts["decret_2024_490"]
    assert "R.5211-72" in decree.reference and "R.5211-73" in decree.reference
    assert "médecins" in decree.rule and "chirurgiens-dentistes" in decree.rule and "annexe XVI" in decree.rule
    assert "1er juillet 2024" in decree.status


def test_unverified_outcome_is_not_presented_as_known(texts):
    assert texts["ce_2015_abrogation"].status.startswith("issue non vérifiée")


def test_the_reference_page_renders_the_new_texts_with_their_sources():
    text = render_textes(load())
    for fragment in ("**Art. L.1142-3-1 CSP**", "**Art. R.4127-70 CSP (art. 70 du code de déontologie)**",
                     ":cite:p:`decret2024490,ameli2024ha`", ":cite:p:`ansm2021decision,ansm2021communique`",
                     ":cite:p:`ce2015abrogation`"):
        assert fragment in text, fragment
    # sorted by date: the 2002 liability article comes before the 2024 decree
    assert text.index("Art. L.1142-1 CSP") < text.index("Décret n° 2024-490")


def test_a_chapter_chooses_its_texts_by_id_then_by_theme():
    from mesocours.sphinxext.render import UnknownRecord
    course = load()
    text = render_textes(course, ids=["csp_l1111_4", "csp_l1111_2"])
    assert text.index("Art. L.1111-4 CSP") < text.index("Art. L.1111-2 CSP")  # ids keep their order
    assert "L.1142-1" not in text
    themed = render_textes(course, topics=["vigilance"])
    assert "Art. L.5212-2 CSP" in themed and "Art. L.1111-4 CSP" not in themed
    with pytest.raises(UnknownRecord, match="texte inconnu « csp_l9999 »"):
        render_textes(course, ids=["csp_l9999"])
    with pytest.raises(UnknownRecord, match="thème inconnu"):
        render_textes(course, topics=["fiscalite"])


def test_every_topic_of_the_schema_has_a_french_name():
    from typing import get_args

    from mesocours.data.law import LegalText
    from mesocours.sphinxext.render import LEGAL_TOPICS
    literal = LegalText.model_fields["topics"].annotation
    (inner,) = get_args(literal)
    assert set(get_args(inner)) == set(LEGAL_TOPICS)


def test_the_notebook_form_takes_the_same_options():
    from mesocours.lab import tableau
    shown = tableau("tableau-textes", textes="csp_l1142_3_1", themes="vigilance")
    assert ":textes: csp_l1142_3_1" in shown.myst and "Art. L.5212-2 CSP" in shown.html


def test_washout_table_prints_every_period_with_its_source():
    from mesocours.data import course
    from mesocours.sphinxext import render

    data = course()
    assert data.washout_periods, "data/washout_periods.yml est vide"
    rst = render.render_sevrage(data)
    for w in data.washout_periods:
        assert f"**{w.days}\u00a0jours**" in rst and render.rst_text(w.substances) in rst
    assert rst.count(":cite:p:") == len(data.washout_periods)
