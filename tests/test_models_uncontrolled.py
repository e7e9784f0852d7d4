"""Pourquoi les études sans témoin trompent: the simulation against its expectations, reproducibility, messages."""

import math

import pytest

from mesocours.models.uncontrolled import BETWEEN_SD, POPULATION_MEAN, expected_regression, simulate
from mesocours.numbers import InputError


def test_same_seed_same_patients_other_seed_other_patients():
    assert simulate(seed=3) == simulate(seed=3)
    assert simulate(seed=3).before_after != simulate(seed=4).before_after


def test_regression_formula_limits():
    assert expected_regression(60, 0) == 0
    # threshold at -inf: everyone included, no selection, no regression
    assert expected_regression(-1000, 12) == pytest.approx(0, abs=1e-9)
    # more day-to-day noise, more regression at the same threshold
    assert expected_regression(60, 20) > expected_regression(60, 10)


def test_regression_matches_the_truncated_normal_mean():
    # E[measured | measured >= c] - E[true | measured >= c] from the bivariate normal, by hand
    noise, c = 12.0, 60.0
    total = math.hypot(BETWEEN_SD, noise)
    a = (c - POPULATION_MEAN) / total
    mills = math.exp(-a * a / 2) / math.sqrt(2 * math.pi) / (0.5 * math.erfc(a / math.sqrt(2)))
    measured_mean = POPULATION_MEAN + total * mills
    true_mean = POPULATION_MEAN + BETWEEN_SD ** 2 / total * mills
    assert expected_regression(c, noise) == pytest.approx(measured_mean - true_mean)


def test_with_no_true_effect_the_series_shows_regression_plus_placebo_and_the_trial_shows_nothing():
    s = simulate(effect=0, placebo=10, threshold=60, noise_sd=12, screened=20_000, seed=7)
    assert s.before_after.mean == pytest.approx(s.regression + 10, abs=1.0)
    assert s.difference.low < 0 < s.difference.high
    assert abs(s.difference.mean) < 1.5


def test_a_true_effect_is_found_by_the_trial():
    s = simulate(effect=10, placebo=10, threshold=60, noise_sd=12, screened=20_000, seed=7)
    assert s.difference.mean == pytest.approx(10, abs=1.5)
    assert s.difference.low > 5


def test_without_noise_or_placebo_the_series_shows_the_true_effect():
    s = simulate(effect=0, placebo=0, threshold=60, noise_sd=0, screened=2000, seed=2)
    assert s.before_after.mean == pytest.approx(0, abs=1e-9)


def test_lower_threshold_includes_more_patients():
    assert simulate(threshold=40).included > simulate(threshold=60).included


@pytest.mark.parametrize("kwargs, words", [
    ({"threshold": "100", "screened": "100"}, "baissez le seuil"),
    ({"screened": "10"}, "au moins égal à 20"),
    ({"screened": "100,5"}, "nombre entier"),
    ({"noise_sd": "-1"}, "ne peut pas être négative"),
    ({"effect": "abc"}, "n’est pas un nombre"),
    ({"seed": ""}, "n’est pas renseignée"),
])
def test_bad_input_is_a_french_message(kwargs, words):
    with pytest.raises(InputError, match=words):
        simulate(**kwargs)
