import pytest
from hypothesis import given, strategies as st

from mesocours.models.protocols import cumulative, protocols, schedule, sessions
from mesocours.numbers import InputError


def test_trial_schedules():
    assert sessions("farpour2020", 60) == [0, 10]
    assert sessions("tseveendorj2023", 60) == [0, 7, 14, 21]
    assert sessions("dicesare2011", 60) == [0, 7, 14, 21]
    assert sessions("costantino2011", 60) == [0, 3, 6, 9, 12]  # days 1, 4, 7, 10, 13 of the trial
    assert len(sessions("park2008", 84)) == 12
    assert sessions("f61-variante", 60) == [0, 7, 14, 29]  # 3 weekly, then a 4th 15 days later
    assert [p for _, p in schedule("f61-variante")] == ["attaque"] * 3 + ["entretien"]


def test_period_cuts_schedule():
    assert sessions("park2008", 20) == [0, 7, 14]


def test_cumulative_volume():
    cum = cumulative("costantino2011", 20)  # 3 mL per session (Costantino 2011)
    assert cum.counts[-1] == 5 and cum.volumes[-1] == pytest.approx(15)
    assert cumulative("farpour2020", 60).volumes is None  # no volume in the source
    assert cumulative("farpour2020", 60, "1,5").volumes[-1] == pytest.approx(3)


@pytest.mark.parametrize("args", [("farpour2020", 0), ("farpour2020", -3), ("farpour2020", "deux mois"),
                                  ("inconnu", 30), ("farpour2020", 99999)])
def test_bad_input(args):
    with pytest.raises(InputError):
        sessions(*args)


def test_bad_volume():
    with pytest.raises(InputError):
        cumulative("farpour2020", 30, "-1")


@given(st.sampled_from(list(protocols())), st.floats(1, 400), st.floats(0, 10))
def test_cumulative_invariants(pid, period, vol):
    cum = cumulative(pid, period, vol)
    assert cum.days[0] == 0 and cum.days[-1] == pytest.approx(period)
    assert cum.counts == sorted(cum.counts)
    assert cum.counts[-1] == len(sessions(pid, period))
    assert all(0 <= d <= period + 1e-9 for d in sessions(pid, period))


@given(st.sampled_from(list(protocols())), st.floats(1, 200), st.floats(0, 200))
def test_longer_period_never_fewer_sessions(pid, period, extra):
    assert len(sessions(pid, period + extra)) >= len(sessions(pid, period))
