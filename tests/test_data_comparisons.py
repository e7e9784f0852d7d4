"""data/injection_comparisons.yml: each record's numbers are coherent with what it says of itself."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mesocours.data import InjectionComparison, load_collection


@pytest.fixture(scope="module")
def records():
    return load_collection("injection_comparisons")


def test_mesotherapy_and_each_neighbour_are_there(records):
    families = {r.family for r in records}
    assert {"mesotherapie", "infiltration", "acupuncture", "dispositif_ha", "produit_sanguin",
            "aiguilles_sans_produit", "topique"} <= families
    assert len({r.id for r in records}) == len(records)


def test_a_gesture_without_product_has_no_volume(records):
    for r in records:
        if not r.product_injected:
            assert r.volume_per_point_ml is None, r.id


def test_a_missing_number_is_said_in_words(records):
    for r in records:
        if r.depth_mm is None:
            assert "non" in r.depth_text or "aucune" in r.depth_text or "sans profondeur" in r.depth_text, r.id
        if r.product_injected and r.volume_per_point_ml is None:
            assert "non" in r.volume_text, r.id


BASE = dict(id="x", label="x", family="acupuncture", target="x", depth_text="x", volume_text="x", product="x",
            status="x", reliability="secondaire", sources=["inserm2014acupuncture"])


def test_schema_rejects_a_volume_without_product():
    with pytest.raises(ValidationError, match="aucun produit"):
        InjectionComparison(**BASE, product_injected=False, volume_per_point_ml={"min": 0.1, "max": 0.1})


def test_schema_rejects_a_depth_for_a_surface_application():
    with pytest.raises(ValidationError, match="surface"):
        InjectionComparison(**BASE, product_injected=False, depth_kind="surface", depth_mm={"min": 0, "max": 1})


def test_schema_rejects_a_zero_volume():
    with pytest.raises(ValidationError, match="strictement positif"):
        InjectionComparison(**BASE, product_injected=True, volume_per_point_ml={"min": 0, "max": 0.1})
