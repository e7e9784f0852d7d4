"""The onset figure of chapter « Effets indésirables »: French labels, one row per dated complication."""

from __future__ import annotations

from matplotlib.figure import Figure

from mesocours.data import Complication, Onset, course
from mesocours.models.onset import onset_rows
from mesocours.plots.onset import onset_figure, range_text


def _c(id_, onset=None, type_="locale"):
    return Complication(id=id_, label=f"Complication {id_}", type=type_, frequency="non mesurée", mechanism="m.",
                        prevention="p.", onset=onset, sources=["farpour2020"])


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_one_row_per_dated_complication_earliest_at_the_top():
    records = course().complications
    fig = onset_figure(records)
    ticks = {t.get_position()[1]: t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()}
    rows = onset_rows(records)
    assert len(ticks) == len(rows) >= 6
    assert ticks[max(ticks)] == rows[0].label and ticks[min(ticks)] == rows[-1].label


def test_windows_axis_and_undated_count_are_in_french():
    fig = onset_figure(course().complications)
    texts = " ".join(_texts(fig))
    assert "immédiat" in texts and "semaines ou mois" in texts
    ax = fig.axes[0]
    assert "échelle logarithmique" in ax.get_xlabel() and "Délai non décrit" in ax.get_xlabel()
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["1 min", "10 min", "1 h"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "systémique" in legend and any("mots" in x for x in legend)


def test_a_delay_given_in_words_is_marked_and_a_single_case_is_a_diamond():
    approx = _c("a", Onset(hours={"min": 0, "max": 1}, wording="quelques minutes", approximate=True,
                           sources=["farpour2020"]), "allergique")
    single = _c("b", Onset(hours={"min": 336, "max": 336}, wording="deux semaines", sources=["farpour2020"]))
    fig = onset_figure([approx, single])
    texts = _texts(fig)
    assert any(t.startswith("≈") for t in texts) and "2\u00a0semaines" in texts
    markers = [line.get_marker() for line in fig.axes[0].lines]
    assert "D" in markers
    assert range_text(336, 336) == "2\u00a0semaines"


def test_no_dated_complication_says_so():
    fig = onset_figure([_c("x")])
    assert "Aucun délai" in " ".join(_texts(fig))
