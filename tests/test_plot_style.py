"""Colour is never the only carrier of meaning; colours come from the Okabe–Ito palette."""

from matplotlib.colors import to_hex

from mesocours.plots.style import OKABE_ITO, PHASE_COLOURS, PHASE_MARKERS, SERIES_COLOURS, nice_ceil, series_style
from mesocours.widgets.protocols import protocol_scenario

SAFE = {c.lower() for c in OKABE_ITO.values()} | {"#666666"}


def test_palette_is_okabe_ito():
    assert {c.lower() for c in SERIES_COLOURS} <= SAFE
    assert {c.lower() for c in PHASE_COLOURS.values()} <= SAFE


def test_series_and_phases_differ_by_more_than_colour():
    styles = [series_style(i) for i in range(7)]
    assert len({(str(s["ls"]), s["marker"]) for s in styles}) == 7
    assert len(set(PHASE_MARKERS.values())) == len(PHASE_MARKERS) and set(PHASE_MARKERS) == set(PHASE_COLOURS)


def test_protocol_figure_lines_differ_by_style_and_are_labelled():
    fig = protocol_scenario("pratiques-f61")
    ax = fig.axes[1]
    lines = [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]
    assert len(lines) == 3
    assert len({(str(ln.get_linestyle()), ln.get_marker()) for ln in lines}) == 3
    assert {to_hex(ln.get_color()) for ln in lines} <= SAFE
    assert [t.get_text().split("\u00a0:")[0] for t in ax.get_legend().get_texts()] == [ln.get_label() for ln in lines]


def test_nice_ceil():
    assert [nice_ceil(x) for x in (0.3, 1, 1.1, 2.83, 7, 60, 61)] == [0.3, 1, 1.2, 3, 8, 60, 80]
    assert nice_ceil(45, (1, 2, 5, 10)) == 50 and nice_ceil(float("nan")) == 1.0
