"""Carte des preuves: every primary study of the data is on the map, gaps follow the data, filters narrow."""

import pytest

from mesocours.data import course
from mesocours.data.studies import PRIMARY_KINDS
from mesocours.models.evidence_map import DESIGNS, DOMAINS, design_of, evidence_map
from mesocours.numbers import InputError


def test_every_primary_study_is_drawn_on_each_of_its_indications():
    m = evidence_map()
    drawn = {(r.indication, p.label) for r in m.rows for p in r.points}
    labels = {i.id: i.label for i in course().indications}
    for s in course().studies:
        if s.kind in PRIMARY_KINDS:
            assert s.indication_ids, s.id
            for iid in s.indication_ids:
                assert (labels[iid], s.label) in drawn


def test_every_kind_has_a_design_group():
    for kind in PRIMARY_KINDS:
        assert any(kind in kinds for _label, kinds in DESIGNS.values())


def test_gaps_follow_the_data():
    rows = {r.indication: r for r in evidence_map().rows}
    for ind in course().indications:
        row = rows[ind.label]
        studies = [s for s in course().studies if ind.id in s.indication_ids and s.kind in PRIMARY_KINDS]
        trials = [s for s in studies if s.kind == "essai_randomise"]
        expected = ("aucune_etude" if not studies else "aucun_essai" if not trials
                    else None if any(s.sham for s in trials) else "aucun_fictif")
        assert row.gap == expected, ind.id


def test_filters_narrow_without_changing_gaps():
    whole = {r.indication: r.gap for r in evidence_map().rows}
    sham = evidence_map(design="essai_fictif")
    assert all(p.design == "essai_fictif" and p.sham for r in sham.rows for p in r.points)
    assert {r.indication: r.gap for r in sham.rows} == whole
    aesthetic = evidence_map(domain="esthetique")
    assert aesthetic.rows and all(r.domain == "esthetique" for r in aesthetic.rows)


def test_design_of_separates_sham_trials():
    by_id = {s.id: s for s in course().studies}
    assert design_of(by_id["cacchio2009"]) == "essai_fictif"
    assert design_of(by_id["costantino2011"]) == "essai_actif"


@pytest.mark.parametrize("kwargs", [{"domain": "nulle_part"}, {"design": "essai"}])
def test_unknown_filter_is_a_french_message(kwargs):
    with pytest.raises(InputError):
        evidence_map(**kwargs)


def test_rows_are_grouped_by_domain():
    order = [r.domain for r in evidence_map().rows]
    assert order == sorted(order, key=list(DOMAINS).index)


def test_alt_text_counts_in_french():
    """« 0 étude », « 1 étude », « 2 études », and a non-breaking space before each « ; »."""
    from mesocours.widgets.evidence_map import alt_text

    m = evidence_map()
    alt = alt_text(m)
    rows = alt.split(":", 1)[1].rstrip(".").split("\u00a0; ")
    assert len(rows) == len(m.rows)
    for row, text in zip(m.rows, rows):
        n = len(row.points)
        assert f"\u00a0: {n} étude{'s' if n > 1 else ''}" in text, text
    assert "0 études" not in alt and "1 études" not in alt
