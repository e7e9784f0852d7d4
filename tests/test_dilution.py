"""Dilution model (mesocours.models.dilution) and its exercise generator (dilution_exercises)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesocours.data import load_collection
from mesocours.models import dilution as d
from mesocours.models import dilution_exercises as dx
from mesocours.numbers import NBSP, InputError

conc = st.floats(0.01, 1000, allow_nan=False)
vol = st.floats(0.01, 100, allow_nan=False)


# --- units and C1V1 ------------------------------------------------------------------------------

def test_real_values():
    assert d.percent_to_mg_per_ml("2 %") == 20  # procaine 2 %
    assert d.mg_per_ml_to_percent(5) == 0.5  # Mésocaïne 0,5 %
    assert d.amount(50, 2) == 100  # ketoprofen 100 mg/2 mL
    assert d.amount(100, 0.5, unit="UI") == 50  # calcitonin 50 UI/0,5 mL
    assert d.volume_for(200, 50) == 4
    assert d.dilute(20, 2, 10) == 4
    assert d.solve_c1v1(c1=20, v1=2, v2=10) == 4
    assert d.solve_c1v1(c1=20, c2=4, v2=10) == 2


@given(st.floats(0.001, 100, allow_nan=False))
def test_percent_round_trip(p):
    assert math.isclose(d.mg_per_ml_to_percent(d.percent_to_mg_per_ml(p)), p, rel_tol=1e-12)


@given(conc, vol)
def test_amount_volume_round_trip(c, v):
    assert math.isclose(d.volume_for(d.amount(c, v), c), v, rel_tol=1e-9)


@given(conc, st.floats(0.01, 20, allow_nan=False), st.floats(1, 50))
def test_c1v1_consistency(c1, v1, factor):
    v2 = v1 * factor
    c2 = d.dilute(c1, v1, v2)
    assert math.isclose(c1 * v1, c2 * v2, rel_tol=1e-9)  # the amount is kept
    assert c2 <= c1 * (1 + 1e-12)
    for missing, expected in (("c1", c1), ("v1", v1), ("c2", c2), ("v2", v2)):
        given_ = {"c1": c1, "v1": v1, "c2": c2, "v2": v2}
        given_[missing] = None
        assert math.isclose(d.solve_c1v1(**given_), expected, rel_tol=1e-9)


@given(conc, st.floats(0.01, 1), st.integers(1, 200), st.floats(1.5, 10))
def test_doses_scale_linearly_with_volume(c, vpp, n, k):
    one = d.dose_per_session(c, vpp, n)
    assert math.isclose(d.dose_per_session(c, vpp * k, n), k * one, rel_tol=1e-9) or vpp * k > 10
    assert math.isclose(one, n * d.dose_per_point(c, vpp), rel_tol=1e-12)
    assert math.isclose(d.dose_over_protocol(one, 5), 5 * one, rel_tol=1e-12)
    assert math.isclose(d.dose_over_protocol([one] * 5), 5 * one, rel_tol=1e-12)


@pytest.mark.parametrize("call, words", [
    (lambda: d.dilute(20, 5, 2), "plus petit que le volume prélevé"),
    (lambda: d.percent_to_mg_per_ml("-1"), "strictement supérieure à 0"),
    (lambda: d.percent_to_mg_per_ml("150"), "au plus égale à 100"),
    (lambda: d.mg_per_ml_to_percent("abc"), "n’est pas un nombre"),
    (lambda: d.dose_per_session(10, 0.1, 2.5), "nombre entier"),
    (lambda: d.dose_per_point(10, "0,1 mg"), "se saisit en mL"),
    (lambda: d.solve_c1v1(c1=1, v1=2), "exactement une"),
    (lambda: d.solve_c1v1(c1=1, v1=2, c2=5), "ne peut pas concentrer"),
    (lambda: d.dose_over_protocol([]), "vide"),
])
def test_bad_input_french_message(call, words):
    with pytest.raises(InputError) as err:
        call()
    assert words in str(err.value)


# --- what a label maximum is a maximum of --------------------------------------------------------

def test_period_of_data():
    kinds = {m.per: d.period_of(m.per).kind for p in load_collection("products") for m in p.label_max_dose}
    assert kinds, "no label maximum in the data"
    assert "inconnue" not in kinds.values(), kinds  # every `per` of the data is understood
    assert d.period_of("12 h").hours == 12
    assert d.period_of("acte (dose totale)").kind == "acte"


def test_never_per_point():
    c = d.compare_with_label(2, "point", 200, "acte (dose totale de l’anesthésie, tous points confondus)")
    assert c.share is None and not c.meaningful and "jamais sur un point" in c.reason


def test_session_against_act_day_and_hours():
    act = d.compare_with_label(20, "seance", 200, "acte (dose totale)")
    assert act.meaningful and math.isclose(act.percent, 10)
    day = d.compare_with_label(160, "seance", 200, "jour")
    assert math.isclose(day.percent, 80) and "seule administration" in day.reason
    assert d.compare_with_label(4, "seance", 4, "12 h").percent == 100


def test_protocol_and_units_not_compared():
    assert d.compare_with_label(800, "protocole", 200, "jour").share is None
    assert d.compare_with_label(50, "seance", 200, "jour", unit="UI").share is None


def test_factor_of_ten():
    assert d.factor_of_ten(40, 4) == 1
    assert d.factor_of_ten(0.4, 4) == -1
    assert d.factor_of_ten(5, 4) is None


# --- exercises -----------------------------------------------------------------------------------

def _real_strengths() -> set[float]:
    out = set()
    for p in load_collection("products"):
        for pr in p.presentations:
            out |= {x for x in (pr.concentration_mg_per_ml, pr.concentration_ui_per_ml) if x is not None}
    return out


@pytest.mark.parametrize("kind", list(dx.KINDS))
def test_every_kind_has_real_presentations(kind):
    assert dx.offers(kind)
    for o in dx.offers(kind):
        assert o.concentration in _real_strengths()


@pytest.mark.parametrize("kind", list(dx.KINDS))
@pytest.mark.parametrize("seed", range(12))
def test_exercises_reproducible_checked_and_explained(kind, seed):
    ex = dx.generate(kind, seed)
    assert ex == dx.generate(kind, str(seed))  # same seed, same exercise
    assert ex.answer > 0 and math.isfinite(ex.answer)
    assert "1\u00a0% près" in ex.statement
    assert re.search(r"\d\.\d", ex.statement) is None, "decimal point instead of comma"
    assert dx.check_answer(ex, ex.answer).ok
    assert dx.check_answer(ex, f"{ex.answer * 1.005:.6f}".replace(".", ",")).ok  # within tolerance
    wrong = dx.check_answer(ex, ex.answer * 10)
    assert not wrong.ok and "10 fois trop grande" in wrong.message
    assert not dx.check_answer(ex, ex.answer * 1.2 + 0.01).ok
    steps = dx.explain(ex)
    assert steps[-1].startswith("Résultat") and all(re.search(r"\d\.\d", s) is None for s in steps)
    assert ex.sources and all(isinstance(s, str) for s in ex.sources)


def test_the_expected_value_is_not_told_on_a_wrong_answer():
    ex = dx.generate("dilution", 3)
    from mesocours.numbers import fr
    msg = dx.check_answer(ex, ex.answer * 3).message
    assert fr(ex.answer, 4) not in msg


def test_strengths_come_from_the_data():
    ex = dx.generate("dilution", 0)
    pres = {f"{pr.brand} ({pr.strength})" for p in load_collection("products") for pr in p.presentations}
    assert ex.presentation in pres


def test_share_of_maximum_is_per_session_and_states_what_the_maximum_covers():
    for seed in range(20):
        ex = dx.generate("part_maximum", seed)
        assert ex.comparison_note and ex.comparison_note.startswith("maximum par")
        assert any("jamais" in s or "acte" in s or "jour" in s or "h" in s for s in ex.steps)


def test_seeds_differ_and_bad_seed_is_french():
    assert len({dx.generate("dose_seance", s).statement for s in range(10)}) > 3
    for bad, words in (("-1", "négatif"), ("1,5", "entier"), ("abc", "n’est pas un nombre"), ("", "renseigné")):
        with pytest.raises(InputError) as err:
            dx.generate("dilution", bad)
        assert words in str(err.value)
    with pytest.raises(InputError):
        dx.generate("inconnu", 1)
    with pytest.raises(InputError) as err:
        dx.check_answer(dx.generate("dilution", 1), "2 mL")
    assert "mg/mL" in str(err.value) and NBSP in str(err.value)


# Regression: the magnesium sulfate ampoules (10 and 20 mL, hypertonic) once made the generator pick a final
# volume from an empty list. Every kind must generate from the real data for many seeds, and no mixture
# exercise may dilute a hypertonic solution.
@pytest.mark.parametrize("kind", sorted(dx.KINDS))
def test_every_kind_generates_from_the_real_data_for_many_seeds(kind):
    for seed in range(300):
        ex = dx.generate(kind, seed)
        assert ex.statement
    if kind in ("dilution", "dose_point", "dose_seance", "part_maximum", "cumul"):
        assert not any(o.presentation.hypertonic for o in dx.offers(kind))


def test_contrast_records_never_appear_in_an_exercise():
    ids = {p.id for p in load_collection("products")}
    assert dx.NOT_MIXTURE_PRODUCTS <= ids  # renamed records would silently re-enter the exercises
    for kind in dx.KINDS:
        assert not {o.product.id for o in dx.offers(kind)} & dx.NOT_MIXTURE_PRODUCTS
