"""The illustrative diffusion model: exact against closed forms, mass balance, linearity, French errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocours.models.diffusion import (
    ASSUMPTIONS,
    TEACHING_NOTICE,
    Parameters,
    expm,
    parameters,
    rate_matrix,
    simulate,
)
from mesocours.numbers import InputError

rates = st.floats(min_value=0.01, max_value=5, allow_nan=False)
doses = st.floats(min_value=0.01, max_value=5000, allow_nan=False)


@st.composite
def params(draw):
    return Parameters(k_dl=draw(rates), k_dp=draw(rates), k_lp=draw(rates), k_pl=draw(st.floats(0, 1)),
                      k_im=draw(rates), k_e=draw(rates))


def test_iv_bolus_without_redistribution_is_one_exponential():
    sim = simulate(100, "iv", 24, Parameters(k_pl=0))
    expected = 100 * np.exp(-0.4 * sim.times)
    assert np.allclose(sim.curve("iv", "plasma"), expected, rtol=1e-10, atol=1e-10)


def test_im_without_redistribution_is_the_bateman_curve():
    ka, ke = 1.5, 0.4
    sim = simulate(50, "im", 24, Parameters(k_pl=0, k_im=ka, k_e=ke))
    t = sim.times
    expected = 50 * ka / (ka - ke) * (np.exp(-ke * t) - np.exp(-ka * t))
    assert np.allclose(sim.curve("im", "plasma"), expected, rtol=1e-9, atol=1e-9)
    # Bateman peak time ln(ka/ke)/(ka-ke) = 1.2 h, to the grid step (0.1 h)
    assert sim.summaries["im"].t_peak_plasma_h == pytest.approx(np.log(ka / ke) / (ka - ke), abs=0.1)


def test_intradermal_depot_empties_at_the_sum_of_its_rates():
    p = Parameters(k_dl=0.5, k_dp=1.0)
    sim = simulate(10, "iv", 12, p)
    assert np.allclose(sim.curve("id", "depot_id"), 10 * np.exp(-1.5 * sim.times), rtol=1e-10, atol=1e-12)


def test_expm_matches_the_diagonal_case():
    a = np.diag([-3.0, -0.5, 0.0])
    assert np.allclose(expm(a * 2), np.diag(np.exp([-6.0, -1.0, 0.0])))


def test_every_column_of_the_rate_matrix_sums_to_zero():
    assert np.allclose(rate_matrix(Parameters()).sum(axis=0), 0)


def test_default_shapes_teach_what_the_chapter_says():
    sim = simulate(100, "iv", 24)
    sid, siv = sim.summaries["id"], sim.summaries["iv"]
    assert sid.peak_plasma_mg < siv.peak_plasma_mg  # lower plasma peak...
    assert sid.t_peak_plasma_h > siv.t_peak_plasma_h  # ...reached later
    assert sid.peak_local_mg > siv.peak_local_mg  # more in the local tissue
    assert sid.local_share > siv.local_share
    assert sid.passed_plasma_fraction > 0.8  # but most of the dose has gone through the plasma within 24 h


def test_total_plasma_exposure_does_not_depend_on_the_route():
    """Elimination from the plasma only: AUC(0-∞) = dose / k_e for every route (long horizon)."""
    p = Parameters(k_pl=0.0)
    sim = simulate(100, "im", 240, p, points=4801)
    for s in sim.summaries.values():
        assert s.auc_plasma == pytest.approx(100 / p.k_e, rel=2e-3)


def test_assumptions_and_notice_are_returned_as_data():
    sim = simulate(100, "iv", 24)
    assert sim.notice == TEACHING_NOTICE and "pas une étude pharmacocinétique" in sim.notice
    assert sim.assumptions == ASSUMPTIONS and len(sim.assumptions) >= 5
    assert [r[1] for r in sim.parameters.rows()] == [0.5, 1.0, 0.3, 0.02, 1.5, 0.4]


@pytest.mark.parametrize("kwargs, message", [
    ({"dose_mg": "-5"}, "strictement supérieure à 0"),
    ({"dose_mg": "abc"}, "n’est pas un nombre"),
    ({"dose_mg": ""}, "n’est pas renseignée"),
    ({"dose_mg": "20000"}, "au plus égale"),
    ({"dose_mg": "5 mL"}, "L’unité « mL » ne convient pas"),
    ({"hours": "0"}, "durée simulée doit être strictement"),
    ({"comparator": "sc"}, "Comparateur inconnu"),
])
def test_bad_input_is_a_french_message(kwargs, message):
    args = {"dose_mg": 100, "comparator": "iv", "hours": 24, **kwargs}
    with pytest.raises(InputError, match=message):
        simulate(**args)


def test_bad_parameters_are_french_messages():
    with pytest.raises(InputError, match="ne se viderait jamais"):
        parameters(k_dl="0", k_dp="0")
    with pytest.raises(InputError, match="élimination doit être strictement"):
        parameters(k_e="0")
    with pytest.raises(InputError, match="ne peut pas être négative"):
        parameters(k_pl="-1")
    with pytest.raises(InputError, match="Paramètre inconnu"):
        parameters(k_zz="1")
    assert parameters(k_dp="0,2 /h").k_dp == pytest.approx(0.2)


@settings(max_examples=60, deadline=None)
@given(dose=doses, p=params(), comparator=st.sampled_from(["im", "iv"]), hours=st.floats(1, 120))
def test_mass_balance_amounts_sum_to_the_dose(dose, p, comparator, hours):
    sim = simulate(dose, comparator, hours, p)
    for route, x in sim.amounts.items():
        assert np.allclose(x.sum(axis=1), dose, rtol=1e-9), route


@settings(max_examples=60, deadline=None)
@given(dose=doses, p=params(), comparator=st.sampled_from(["im", "iv"]))
def test_curves_are_never_negative(dose, p, comparator):
    sim = simulate(dose, comparator, 48, p)
    for x in sim.amounts.values():
        assert x.min() >= -1e-9 * dose


@settings(max_examples=40, deadline=None)
@given(dose=st.floats(0.01, 900), factor=st.floats(0.1, 10), p=params(), comparator=st.sampled_from(["im", "iv"]))
def test_linear_in_dose(dose, factor, p, comparator):
    a = simulate(dose, comparator, 24, p)
    b = simulate(dose * factor, comparator, 24, p)
    for route in a.amounts:
        assert np.allclose(b.amounts[route], factor * a.amounts[route], rtol=1e-9, atol=1e-12 * dose * factor)
        assert b.summaries[route].t_peak_plasma_h == a.summaries[route].t_peak_plasma_h
        assert b.summaries[route].local_share == pytest.approx(a.summaries[route].local_share, rel=1e-9)
