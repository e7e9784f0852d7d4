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
