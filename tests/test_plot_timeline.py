"""The history timeline: French dates, disputed events marked, no overlapping labels."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import matplotlib

matplotlib.use("Agg")

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mesocours.data import load_collection
from mesocours.numbers import InputError
from mesocours.plots.timeline import (
    DISPUTED_MARK,
    date_to_year,
    format_date_fr,
    spread_positions,
    timeline_figure,
)


@dataclass
class Ev:
    date: str
    event: str
    disputed: bool = False


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize(
    "iso, expected",
    [("1958", "1958"), ("1987-10", "octobre 1987"), ("1958-06-04", "4 juin 1958"), ("2003-08-01", "1er août 2003")],
)
def test_format_date_fr_keeps_the_precision_of_the_source(iso, expected):
    assert format_date_fr(iso) == expected


def test_date_to_year_places_a_date_inside_its_year():
    assert date_to_year("1958") == 1958.0
    assert 1958.42 < date_to_year("1958-06-04") < 1958.43
    assert date_to_year("1958-06") < date_to_year("1958-06-04") < date_to_year("1958-08")


@pytest.mark.parametrize("bad", ["58", "1958-13", "1958-02-30", "juin 1958", "", "1958-6-4"])
def test_unreadable_dates_raise_a_french_input_error(bad):
    with pytest.raises(InputError, match="date lisible"):
        date_to_year(bad)


# ---------------------------------------------------------------- label spreading
def test_spread_leaves_well_spaced_labels_alone():
    assert spread_positions([0.0, 5.0, 10.0], 2.0) == [0.0, 5.0, 10.0]


def test_spread_centres_a_collision_on_its_targets():
    assert spread_positions([10.0, 10.0], 2.0) == pytest.approx([9.0, 11.0])
    assert spread_positions([0.0, 10.0, 10.0, 10.0], 2.0) == pytest.approx([0.0, 8.0, 10.0, 12.0])


def test_spread_merges_clusters_that_collide_after_moving():
    # 5 and 6 push apart to 4.5/6.5; 7 then collides and the three recentre on their mean
    out = spread_positions([5.0, 6.0, 7.0], 2.0)
    assert out == pytest.approx([4.0, 6.0, 8.0])


def test_spread_rejects_unsorted_targets():
    with pytest.raises(ValueError):
        spread_positions([3.0, 1.0], 1.0)


@given(
    st.lists(st.floats(min_value=1900, max_value=2100, allow_nan=False), min_size=1, max_size=30).map(sorted),
    st.floats(min_value=0.0, max_value=10.0, allow_nan=False),
)
def test_spread_invariants(targets, gap):
    out = spread_positions(targets, gap)
    assert len(out) == len(targets)
    for a, b in pairwise(out):
        assert b - a >= gap - 1e-6  # never closer than the gap, order kept
    # least displacement keeps the overall centre where the targets are
    assert sum(out) / len(out) == pytest.approx(sum(targets) / len(targets), abs=1e-6)


# ---------------------------------------------------------------- the figure
def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_figure_labels_are_french_and_mark_disputed_events():
    fig = timeline_figure([Ev("1964", "Fondation de la SFM"), Ev("1958-06-04", "Publication", disputed=True)])
    labels = _texts(fig)
    assert labels[0].startswith("4 juin 1958 — Publication") and labels[0].endswith(DISPUTED_MARK)
    assert labels[1] == "1964 — Fondation de la SFM"
    ax = fig.axes[0]
    markers = [ln.get_marker() for ln in ax.lines if ln.get_marker() not in (None, "None", "")]
    assert sorted(markers) == ["D", "o"]  # shape, not only colour, tells them apart
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("divergent" in t for t in legend)
    assert ax.get_title(loc="left").startswith("Repères chronologiques")


def test_time_flows_downwards_whatever_the_input_order():
    fig = timeline_figure([Ev("2003", "b"), Ev("1952", "a")])
    ax = fig.axes[0]
    ys = {t.get_text(): t.get_position()[1] for t in ax.texts}
    lo, hi = ax.get_ylim()
    assert lo > hi  # inverted axis: older at the top
    assert ys["1952 — a"] < ys["2003 — b"]


def test_no_event_is_a_french_error_not_a_traceback():
    with pytest.raises(InputError, match="Aucun événement"):
        timeline_figure([])


def test_course_timeline_draws_without_overlapping_labels():
    events = load_collection("timeline")
    fig = timeline_figure(events)
    assert len(_texts(fig)) == len(events)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = sorted((t.get_window_extent(renderer) for t in fig.axes[0].texts), key=lambda b: -b.y1)
    for upper, lower in pairwise(boxes):
        assert lower.y1 <= upper.y0 + 1.0, "two timeline labels overlap"
    joined = "\n".join(_texts(fig))
    assert "4 juin 1958" in joined and "1964" in joined and "octobre 1987" in joined


def test_course_timeline_marks_the_disputed_1958_date():
    events = {e.id: e for e in load_collection("timeline")}
    pub = events["publication_1958"]
    assert pub.disputed and pub.date == "1958-06-04"
    assert "août" in pub.note  # the other date is stated, not hidden
