import math

import pytest
from hypothesis import assume, given, settings, strategies as st

from mesocours.models.techniques import catalogue, injection_plan, parameters_for, technique_defaults
from mesocours.numbers import InputError


def test_amin_face_plan():
    # Amin 2006: 0.01 mL every 1 cm, 200-250 points: 225 cm² gives a 15 × 15 grid
    plan = injection_plan(225, 10, 0.01, 1)
    assert plan.points == 225
    assert plan.total_volume_ml == pytest.approx(2.25)
    assert plan.duration_s == pytest.approx(225)
    assert plan.side_mm == pytest.approx(150)
    assert len(plan.positions) == 225


def test_text_and_blank_inputs():
    plan = injection_plan("100", "2,5", "", None)
    assert plan.points == 40 * 40
    assert plan.total_volume_ml is None and plan.duration_s is None


@pytest.mark.parametrize("args", [(0, 10, 0.1, 1), (-5, 10, 0.1, 1), (1, 20, 0.1, 1), ("beaucoup", 10, 0.1, 1),
                                  (100, 0, 0.1, 1), (100, 10, -0.1, 1), (10_000, 0.1, 0.1, 1)])
def test_bad_input(args):
    with pytest.raises(InputError):
        injection_plan(*args)


def test_spacing_larger_than_side_message():
    with pytest.raises(InputError, match="dépasse le côté"):
        injection_plan(1, 20, 0.1, 1)  # side 10 mm


def test_defaults_from_data():
    nap = technique_defaults("nappage")
    assert nap.spacing_mm.value == pytest.approx(3) and nap.spacing_mm.record_id == "beautepeople-nappage"
    assert nap.volume_per_point_ml.value is None  # no source gives it
    assert nap.seconds_per_point.value == pytest.approx(1 / 3)
    idp = technique_defaults("idp")
    assert idp.volume_per_point_ml.value == pytest.approx(0.15) and idp.spacing_mm.value == pytest.approx(25)


def test_mesoperfusion_undocumented():
    recs = parameters_for("mesoperfusion")
    assert recs and all(r.depth_mm is None and r.rate_per_s is None for r in recs)
    assert all("rate_per_s" in r.undocumented for r in recs)
    assert catalogue()["mesoperfusion"].pattern == "continu"


@settings(deadline=None)  # plans of up to 50 000 points: slow on a busy machine
@given(st.floats(1, 2000), st.floats(0.5, 50), st.floats(0, 1), st.floats(0, 5))
def test_plan_invariants(area, spacing, vol, sec):
    side = math.sqrt(area) * 10
    assume(spacing <= side and (side / spacing) ** 2 <= 50_000)
    plan = injection_plan(area, spacing, vol, sec)
    assert plan.points == len(plan.positions) >= 1
    assert plan.total_volume_ml == pytest.approx(plan.points * vol)
    assert plan.duration_s == pytest.approx(plan.points * sec)
    assert all(-1e-6 <= x <= side + 1e-6 and -1e-6 <= y <= side + 1e-6 for x, y in plan.positions)
    assert plan.points <= (side / spacing + 1) ** 2


@given(st.floats(10, 1000), st.floats(2, 20), st.floats(1.01, 3))
def test_wider_spacing_never_adds_points(area, spacing, factor):
    side = math.sqrt(area) * 10
    assume(spacing * factor <= side)
    assert injection_plan(area, spacing * factor, 0, 0).points <= injection_plan(area, spacing, 0, 0).points
