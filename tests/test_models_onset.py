"""Onset delays of complications (chapter « Effets indésirables »): windows, rows, schema."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mesocours.data import Complication, Onset, course
from mesocours.models.onset import WINDOWS, candidates_for, duration_text, onset_rows, undated, window_of, windows_of
from mesocours.numbers import InputError


def _c(id_, onset=None, type_="locale"):
    return Complication(id=id_, label=id_.capitalize(), type=type_, frequency="non mesurée", mechanism="m.",
                        prevention="p.", onset=onset, sources=["farpour2020"])


def _onset(lo, hi, approximate=False):
    return Onset(hours={"min": lo, "max": hi}, wording="selon la source", approximate=approximate,
                 sources=["farpour2020"])


@pytest.mark.parametrize("hours, window", [(0, "immediat"), (0.99, "immediat"), (1, "heures"), (23.9, "heures"),
                                           (24, "jours"), (167, "jours"), (168, "semaines"), (8760, "semaines")])
def test_the_four_windows_of_the_chapter(hours, window):
    assert window_of(hours) == window


def test_a_negative_or_absurd_delay_is_refused_in_french():
    with pytest.raises(InputError, match="précéder l’injection"):
        window_of(-1)
    with pytest.raises(InputError, match="nombre d’heures"):
        window_of("vite")
    with pytest.raises(InputError, match="supérieur ou égal"):
        windows_of(10, 2)


@given(st.floats(min_value=0, max_value=1e5), st.floats(min_value=0, max_value=1e5))
def test_a_range_touches_consecutive_windows_from_its_first_to_its_last(a, b):
    lo, hi = min(a, b), max(a, b)
    keys = [k for k, *_ in WINDOWS]
    got = windows_of(lo, hi)
    assert got[0] == window_of(lo) and got[-1] == window_of(hi)
    assert got == keys[keys.index(got[0]): keys.index(got[-1]) + 1]


def test_the_schema_refuses_a_delay_before_the_injection():
    with pytest.raises(ValidationError, match="précéder l’injection"):
        _onset(-0.5, 1)
    with pytest.raises(ValidationError, match="strictement positif"):
        _onset(0, 0)


def test_rows_are_sorted_earliest_first_and_undated_records_are_listed():
    records = [_c("tardif", _onset(168, 2016)), _c("sans"), _c("immediat", _onset(0, 1, approximate=True))]
    rows = onset_rows(records)
    assert [r.id for r in rows] == ["immediat", "tardif"]
    assert rows[0].approximate and rows[0].windows == ("immediat", "heures")
    assert rows[1].windows == ("semaines",)
    assert undated(records) == ["Sans"]


def test_durations_are_said_in_french_with_a_decimal_comma():
    assert duration_text(0) == "dès l’injection"
    assert duration_text(0.05) == "3\u00a0min"
    assert duration_text(36) == "1,5\u00a0jour"
    assert duration_text(336) == "2\u00a0semaines"
    assert duration_text(4380) == "6\u00a0mois"


def test_the_course_data_dates_the_teaching_examples_of_the_chapter():
    rows = {r.id: r for r in onset_rows(course().complications)}
    # what the chapter teaches: anaphylaxis, vagal malaise and local-anaesthetic toxicity are immediate,
    # mycobacterial infections and lipoatrophy show after weeks
    for cid in ("allergie_anaphylaxie", "malaise_vagal", "toxicite_anesthesiques_locaux"):
        assert rows[cid].windows[0] == "immediat", cid
    for cid in ("mycobacteries", "lipoatrophie", "panniculite"):
        assert rows[cid].windows == ("semaines",), cid
    assert rows["malaise_vagal"].approximate and not rows["toxicite_anesthesiques_locaux"].approximate


def test_a_nodule_at_five_weeks_points_to_the_late_complications_not_the_immediate_ones():
    found = {r.id for r in candidates_for(5 * 168, course().complications)}
    assert {"mycobacteries", "lipoatrophie", "lyse_hypoosmolaire"} <= found
    assert not found & {"allergie_anaphylaxie", "malaise_vagal", "toxicite_anesthesiques_locaux"}
    with pytest.raises(InputError):
        candidates_for(-2, course().complications)
