"""The 2011 ban timeline: dated by the legal records, unverified points marked, French throughout."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from mesocours.data import load_collection
from mesocours.numbers import InputError
from mesocours.plots.interdits import BAN_EVENTS, ban_events, ban_timeline_figure
from mesocours.plots.timeline import DISPUTED_MARK


@pytest.fixture(scope="module")
def texts():
    return load_collection("legal_texts")


def test_events_take_their_dates_from_the_records(texts):
    by_id = {t.id: t for t in texts}
    events = ban_events(texts)
    assert [e.date for e in events] == [by_id[i].date for i in BAN_EVENTS]
    assert events[0].date == "2011-04-11" and events[-1].date == "2021-12-15"


def test_unverified_outcomes_are_marked(texts):
    flagged = {e.event.split(" :")[0] for e in ban_events(texts) if e.disputed}
    assert len(flagged) == 2
    assert any("non vérifiée" in e.event for e in ban_events(texts) if e.disputed)


def test_figure_is_french_and_marks_unverified_with_text(texts):
    fig = ban_timeline_figure(texts)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == len(BAN_EVENTS)
    assert sum(DISPUTED_MARK in lab for lab in labels) == 2
    assert "interdiction de 2011" in ax.get_title(loc="left")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("non vérifié" in t for t in legend)
    assert any("17 février 2012" in lab for lab in labels)


def test_missing_record_raises_french_error(texts):
    with pytest.raises(InputError, match="absents"):
        ban_events([t for t in texts if t.id != "ce_2012"])
