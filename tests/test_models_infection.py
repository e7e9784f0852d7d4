"""Arithmétique du risque infectieux: the formula, its limits, and French messages for bad input."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesocours.models.infection import at_least_one, risk, session_sizes
from mesocours.numbers import InputError


def test_formula_on_hand_computed_values():
    assert at_least_one(0.5, 1) == 0.5
    assert at_least_one(0.5, 2) == pytest.approx(0.75)
    assert at_least_one(0.001, 200) == pytest.approx(1 - 0.999 ** 200)
    assert at_least_one(0, 1000) == 0 and at_least_one(1, 3) == 1 and at_least_one(1, 0) == 0


@given(st.floats(0, 1), st.integers(0, 10_000), st.integers(0, 10_000))
def test_more_injections_never_lower_the_risk(p, n, extra):
    assert 0 <= at_least_one(p, n) <= at_least_one(p, n + extra) <= 1


@given(st.floats(1e-12, 1e-6), st.integers(1, 1000))
def test_small_p_is_close_to_n_times_p(p, n):
    assert at_least_one(p, n) == pytest.approx(n * p, rel=1e-3)


def test_risk_parses_what_a_learner_types():
    r = risk("0,1", "200", "4")
    assert r.p == pytest.approx(0.001) and r.total == 800
    assert r.per_session == pytest.approx(1 - 0.999 ** 200)
    assert r.per_protocol == pytest.approx(1 - 0.999 ** 800)
    assert risk("0,1 %", 6).per_session == pytest.approx(1 - 0.999 ** 6)


@pytest.mark.parametrize("p, n, s, message", [
    ("0", 10, 1, "strictement supérieure à 0"),
    ("150", 10, 1, "au plus égale à 100"),
    ("abc", 10, 1, "n’est pas un nombre"),
    ("0,1", "2,5", 1, "nombre entier"),
    ("0,1", "0", 1, "au moins égal à 1"),
    ("0,1", 10, "", "n’est pas renseigné"),
    ("nan", 10, 1, "pas un nombre"),
])
def test_bad_input_is_a_french_message(p, n, s, message):
    with pytest.raises(InputError, match=message):
        risk(p, n, s)


def test_at_least_one_rejects_impossible_values():
    for p, n in ((-0.1, 1), (1.1, 1), (0.5, -1), (math.nan, 1)):
        with pytest.raises(InputError):
            at_least_one(p, n)


def test_session_sizes_come_from_data_with_sources():
    sizes = session_sizes()
    assert sizes and all(s.sources and s.injections.min >= 1 for s in sizes)
