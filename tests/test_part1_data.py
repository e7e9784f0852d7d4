"""Part « Fondements et techniques » data: valid, sourced, and honest about gaps."""

import pytest

from mesocours.data import _source_keys, bib_keys, load_collection

COLLS = ["skin", "techniques", "technique_parameters", "protocols"]


@pytest.mark.parametrize("name", COLLS)
def test_collection_valid_and_sourced(name):
    keys = bib_keys()
    recs = load_collection(name)
    assert recs
    for r in recs:
        for k in _source_keys(r):
            assert k in keys, f"{name} {r.id}: clé inconnue {k}"


def test_skin_sites_and_provenance():
    recs = load_collection("skin")
    sites = {r.site for r in recs}
    for s in ["visage_pommette", "front", "nuque", "suprascapulaire", "lombaire", "deltoide", "cuisse", "abdomen",
              "bras", "fesse"]:
        assert s in sites
    for r in recs:
        assert r.method in ("echographie", "histologie", "irm") and r.population
    # sources that disagree are kept as separate records
    abdomen = [r for r in recs if r.site == "abdomen"]
    assert {tuple(r.sources) for r in abdomen} == {("gibney2010",), ("sim2014",)}


def test_catalogue_complete():
    ids = {t.id for t in load_collection("techniques")}
    assert ids == {"ied", "ids", "idp", "nappage", "papule", "point_par_point", "mps", "mesoperfusion"}


def test_undocumented_lists_are_consistent():
    fields = ["depth_mm", "needle_length_mm", "angle_deg", "volume_per_point_ml", "spacing_mm", "rate_per_s",
              "typical_points"]
    for r in load_collection("technique_parameters"):
        for f in fields:
            if getattr(r, f) is None:
                assert f in r.undocumented, f"{r.id}: {f} nul mais absent de undocumented"
            else:
                assert f not in r.undocumented, f"{r.id}: {f} renseigné et déclaré non documenté"
        if not r.needle_gauge:
            assert "needle_gauge" in r.undocumented, r.id


def test_protocols_cover_trials():
    ids = {p.id for p in load_collection("protocols")}
    assert {"farpour2020", "dicesare2011", "tseveendorj2023", "costantino2011", "park2008", "amin2006"} <= ids


def test_chapter2_prose_numbers_follow_the_skin_data():
    """Chapter 2 quotes the nape value and rounds the lumbar ones in its prose: both must still match the data."""
    import re
    from pathlib import Path

    recs = {r.id: r for r in load_collection("skin")}
    nape, l1, l5 = recs["ha2018-nuque"], recs["okan2020-lombaire-l1"], recs["okan2020-lombaire-l5"]
    nape_text = f"{nape.skin_mm:.2f} ± {nape.skin_sd_mm:.2f} mm".replace(".", ",")  # « 3,08 ± 0,87 mm »
    assert 15 <= l1.hypodermis_mm < 25 and 25 <= l5.hypodermis_mm < 35  # « une vingtaine … une trentaine »
    sds = sorted([l1.hypodermis_sd_mm, l5.hypodermis_sd_mm])
    assert int(sds[0]) == 12 and round(sds[1]) == 16  # « un écart type de 12 à 16 mm »
    chapter = Path(__file__).resolve().parents[1] / "notebooks" / "fondements" / "02-peau.ipynb"
    text = re.sub(r"[\u00a0\u202f]", " ", chapter.read_text(encoding="utf-8"))
    for phrase in [nape_text, "une vingtaine de millimètres en L1 et une trentaine en L5",
                   "écart type de 12 à 16 mm"]:
        assert phrase in text, phrase
