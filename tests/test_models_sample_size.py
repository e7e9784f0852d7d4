"""Combien de patients ? The formula against published values, its inverse, and French messages."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesocours.models.sample_size import (detectable_difference, exact_n, per_group, power_of, sample_size,
                                          t_corrected, trials, z)
from mesocours.numbers import InputError


def test_normal_quantiles():
    assert z(0.975) == pytest.approx(1.959964, abs=1e-6)
    assert z(0.80) == pytest.approx(0.841621, abs=1e-6)


def test_textbook_example_10_mm_sd_20():
    # 2 × (1,96 + 0,84)² × 20² / 10² = 62,8 -> 63 per group (normal approximation)
    assert exact_n(10, 20, 0.05, 0.80) == pytest.approx(62.79, abs=0.01)
    r = sample_size("10", "20", "5", "80")
    assert (r.n, r.total, r.t_n) == (63, 126, 64)
    assert r.effect_size == 0.5


@pytest.mark.parametrize("d, power, cohen", [(0.5, 0.80, 64), (0.8, 0.80, 26), (0.5, 0.90, 86), (0.8, 0.90, 34),
                                             (0.2, 0.80, 393)])
def test_t_correction_matches_cohen_table(d, power, cohen):
    # Cohen 1988, table 2.4.1 (two-tailed α = 0,05): n per group of the t-test
    assert abs(math.ceil(t_corrected(d, 1, 0.05, power)) - cohen) <= 1


def test_detectable_difference_inverts_the_formula():
    n = exact_n(12, 18, 0.05, 0.9)
    assert detectable_difference(n, 18, 0.05, 0.9) == pytest.approx(12)
    assert power_of(n, 12, 18, 0.05) == pytest.approx(0.9, abs=1e-3)


@given(st.floats(0.5, 50), st.floats(1, 50), st.floats(0.01, 0.2), st.floats(0.5, 0.99))
def test_more_power_or_smaller_difference_needs_more_patients(delta, sd, alpha, power):
    n = per_group(delta, sd, alpha, power)
    assert n >= 1
    assert per_group(delta / 2, sd, alpha, power) >= n
    assert per_group(delta, sd, alpha, min(0.995, power + 0.004)) >= n


def test_trials_come_from_the_data():
    labels = {t.label for t in trials()}
    assert {"Cacchio 2009", "Costantino 2011"} <= labels
    assert all(t.per_group == t.n / 2 for t in trials())
    assert "Park 2008" not in labels  # within-subject design, not two groups


@pytest.mark.parametrize("args, words", [
    (("0", "20", "5", "80"), "La différence à détecter doit être strictement supérieure à 0"),
    (("10", "-3", "5", "80"), "L’écart-type doit être strictement supérieur à 0"),
    (("10", "20", "0", "80"), r"Le risque alpha \(bilatéral\) doit être strictement supérieur à 0"),
    (("10", "20", "5", "100"), "La puissance doit être au plus égale à 99,9"),
    (("10", "20", "5", "abc"), "n’est pas un nombre"),
    (("0,0001", "100", "5", "99"), "dix millions"),
])
def test_bad_input_is_a_french_message(args, words):
    with pytest.raises(InputError, match=words):
        sample_size(*args)


def test_inverse_rejects_fewer_than_two_per_group():
    with pytest.raises(InputError, match="au moins 2 patients"):
        detectable_difference(1, 20, 0.05, 0.8)


def test_live_figure_draws_exactly_what_a_fresh_figure_draws():
    """The background is cached by (limits, σ, α, power): after any sequence of changes the PNG is the fresh one."""
    import io

    import numpy as np
    from PIL import Image

    from mesocours.plots.sample_size import SampleSizeView
    from mesocours.widgets.sample_size import SampleSizeExplorer

    w = SampleSizeExplorer()
    for name, value in [("sd", "25"), ("delta", "15"), ("power", "90"), ("delta", "5"), ("sd", "15"), ("alpha", "1"),
                        ("delta", "40"), ("sd", "25"), ("power", "80")]:
        getattr(w, name).value = value
        assert w.message.value == ""
        live = w._view.live.png(w._view.key)
        fresh = SampleSizeView().png(sample_size(w.delta.value, w.sd.value, w.alpha.value, w.power.value))
        a, b = (np.asarray(Image.open(io.BytesIO(x))) for x in (live, fresh))
        assert a.shape == b.shape and not (a != b).any(), (name, value)
