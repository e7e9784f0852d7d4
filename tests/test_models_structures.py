"""Structures at risk: real values from data/structures_at_risk.yml, input errors, invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from mesocours.data import DataError, StructureAtRisk, load, load_collection
from mesocours.models.structures import (assess, cite_label, regions, regions_for, shallowest,
                                         structures_within_reach, summary)
from mesocours.numbers import InputError


def _by_id(results):
    return {r.structure.id: r for r in results}


def test_forehead_with_4_mm_needle_real_values():
    """Cotofana 2020: supratrochlear artery at 3,34 ± 0,6 mm. 4 mm at 90° goes past it; at 30° (2 mm) not."""
    vertical = _by_id(structures_within_reach("front", 4, 90))
    assert vertical["visage-supratrochleaire"].status == "atteinte"
    assert vertical["visage-supratrochleaire"].reach_mm == pytest.approx(4.0)
    assert vertical["visage-supraorbitaire"].status == "a_portee"  # 2,74 to 4,34 mm
    assert vertical["visage-faciale-mandibule"].status == "hors_portee"  # 7,6 mm (Lee 2020)
    oblique = _by_id(structures_within_reach("front", 4, 30))
    assert oblique["visage-supratrochleaire"].status == "hors_portee"
    assert oblique["visage-supratrochleaire"].within_reach is False
    assert "2,74 à 3,94\u00a0mm" in oblique["visage-supratrochleaire"].reason
    assert "Cotofana et al. 2020" in oblique["visage-supratrochleaire"].reason


def test_the_shallowest_source_wins_when_sources_disagree():
    """Facial artery at the nasal ala: 5,0 ± 1,6 mm by ultrasound, 8,9 mm by CT: the course keeps 3,4 mm."""
    s = next(x for x in load_collection("structures") if x.id == "visage-faciale-nasogenien")
    d = shallowest(s)
    assert (d.range_mm.min, d.range_mm.max, d.source) == (3.4, 6.6, "jksdh2025faciale")
    r = assess(s, 3.5)
    assert r.status == "a_portee" and "ne concordent pas" in r.reason
    assert "J Korean Soc Dent Hyg 2025" in r.reason  # entry without author: its short title
    assert cite_label("gelezhe2021angulaire") == "Gelezhe et al. 2021"


def test_shoulder_pleura_is_out_of_the_mean_range_but_not_excluded():
    """Chen 2018: pleura at 14,6 mm (women) and 17,4 mm (men) on average under the top of the shoulder."""
    r = _by_id(structures_within_reach("epaule", 13, 90))["epaule-plevre-trapeze"]
    assert r.status == "hors_portee"
    assert "plus superficielle encore" in r.reason  # a mean is not the thinnest patient
    assert _by_id(structures_within_reach("deltoide", 15, 90))["epaule-plevre-trapeze"].status == "a_portee"


def test_thorax_lateral_pleura_reached_by_a_13_mm_needle_in_thin_subjects():
    r = _by_id(structures_within_reach("thorax", 13, 90))
    assert r["thorax-plevre-laterale"].status == "a_portee"  # thinnest wall 8,19 mm
    assert r["thorax-plevre-anterieure"].status == "hors_portee"  # thinnest 13,2 mm
    assert _by_id(structures_within_reach("thorax", 4, 90))["thorax-plevre-laterale"].status == "hors_portee"


def test_undocumented_depth_is_never_excluded():
    results = structures_within_reach("genou", 4, 10)
    assert results and all(r.status == "non_documentee" and r.within_reach is None for r in results)
    assert all("ne peut donc pas être exclue" in r.reason for r in results)


def test_sites_map_to_regions_and_unlinked_sites_give_nothing():
    assert [r.id for r in regions_for("visage_pommette")] == ["visage"]
    assert [r.id for r in regions_for("nuque")] == ["cou"]
    assert regions_for("cuisse") == []  # measured skin site, no region described
    assert structures_within_reach("cuisse", 4, 45) == []
    assert summary([]).startswith("Aucune structure")
    assert len(regions()) == 10


@pytest.mark.parametrize("args", [("nulle_part", 4, 45), ("", 4, 45), (None, 4, 45), ("front", 0, 45),
                                  ("front", "quatre", 45), ("front", 4, 95), ("front", 4, -5), ("front", 200, 45)])
def test_bad_input_raises_the_french_input_error(args):
    with pytest.raises(InputError) as err:
        structures_within_reach(*args)
    assert str(err.value)[0].isupper() or str(err.value).startswith("«")  # a French sentence


def test_results_are_ordered_reached_first_and_summary_counts_them():
    results = structures_within_reach("visage", 6, 90)
    order = {"atteinte": 0, "a_portee": 1, "non_documentee": 2, "hors_portee": 3}
    ranks = [order[r.status] for r in results]
    assert ranks == sorted(ranks)
    text = summary(results)
    assert "3 à portée" in text and "4 sans profondeur mesurée" in text and "1 hors de portée" in text


def test_every_region_has_structures_and_every_depth_cites_its_record():
    structures = load_collection("structures")
    assert {s.region for s in structures} == {r for r, _ in regions()}
    for s in structures:
        for d in s.depths:
            assert d.source in s.sources


def test_schema_rejects_a_guessed_or_unexplained_depth():
    base = {"id": "x", "region": "visage", "name": "X", "kind": "nerf", "landmark": "L", "dangers": ["lesion_nerveuse"],
            "danger_text": "D", "avoid": "A", "sources": ["pitanguy1966"]}
    with pytest.raises(ValueError, match="no_depth_reason"):
        StructureAtRisk.model_validate(base)
    depth = {"range_mm": {"min": 3, "max": 4}, "basis": "moyenne_seule", "method": "echographie", "population": "p",
             "text": "t", "source": "pitanguy1966"}
    with pytest.raises(ValueError, match="min = max"):
        StructureAtRisk.model_validate({**base, "depths": [depth]})
    with pytest.raises(ValueError, match="figurer dans sources"):
        StructureAtRisk.model_validate({**base, "depths": [{**depth, "basis": "mediane", "range_mm": {"min": 3, "max": 3},
                                                            "source": "autre"}]})


def test_region_linked_to_an_unknown_skin_site_is_reported(tmp_path):
    import shutil
    from pathlib import Path

    data = Path(__file__).resolve().parent.parent / "data"
    shutil.copytree(data, tmp_path / "data")
    p = tmp_path / "data" / "structures_at_risk.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("skin_sites: [nuque]", "skin_sites: [nuqe]"), encoding="utf-8")
    with pytest.raises(DataError, match="site de peau inconnu « nuqe »"):
        load(tmp_path / "data")


lengths = st.floats(min_value=0.1, max_value=100, allow_nan=False)
angles = st.floats(min_value=0, max_value=90, allow_nan=False)
where = st.sampled_from(["visage", "thorax", "epaule", "cuir_chevelu", "poignet", "rachis", "cou", "front"])
_RANK = {"hors_portee": 0, "a_portee": 1, "atteinte": 2}


@settings(max_examples=60, deadline=None)
@given(where, lengths, lengths, angles)
def test_reach_is_monotone_in_length(place, a, b, angle):
    short, long_ = sorted((a, b))
    r1, r2 = _by_id(structures_within_reach(place, short, angle)), _by_id(structures_within_reach(place, long_, angle))
    for sid, res in r1.items():
        assert res.reach_mm <= r2[sid].reach_mm + 1e-9
        if res.status != "non_documentee":
            assert _RANK[res.status] <= _RANK[r2[sid].status]
        else:
            assert r2[sid].status == "non_documentee"


@settings(max_examples=60, deadline=None)
@given(where, lengths, angles, angles)
def test_reach_is_monotone_in_angle(place, length, a, b):
    low, high = sorted((a, b))
    r1, r2 = _by_id(structures_within_reach(place, length, low)), _by_id(structures_within_reach(place, length, high))
    for sid, res in r1.items():
        assert res.reach_mm <= r2[sid].reach_mm + 1e-9
        if res.status != "non_documentee":
            assert _RANK[res.status] <= _RANK[r2[sid].status]
