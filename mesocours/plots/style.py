"""Shared figure style: French decimal comma on axes, PNG rendering, no pyplot global state.

Figures are built with ``matplotlib.figure.Figure`` directly: they are never registered in
pyplot, so nothing accumulates between calls (the equivalent of ``plt.close(fig)``).
"""

from __future__ import annotations

import base64
import html
import io

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from mesocours.numbers import fr

LAYER_COLOURS = {
    "epiderme": "#f3d6c4",
    "derme": "#e8a58c",
    "hypoderme": "#f7e7a1",
    "au_dela": "#c9b2a6",
}
PHASE_COLOURS = {"attaque": "#c0392b", "entretien": "#2874a6", "evaluation": "#7d8c8d", "traitement": "#1e8449"}
ACCENT = "#1f3b73"


def fr_formatter(digits: int = 2) -> FuncFormatter:
    """Tick labels with a decimal comma (2,5 not 2.5)."""
    return FuncFormatter(lambda x, _pos: fr(x, digits))


def french_axis(axis, digits: int = 2, nbins: int | None = None) -> None:
    """Decimal-comma tick labels on one axis; ``nbins`` caps its number of ticks.

    Fewer ticks is the cheapest redraw saving: creating and drawing tick labels is most of
    matplotlib's work for these small figures (about 10 ms of a 65 ms redraw).
    """
    axis.set_major_formatter(fr_formatter(digits))
    if nbins is not None:
        axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))


def french_axes(ax, digits: int = 2, nbins: int | None = None) -> None:
    """``french_axis`` on both axes."""
    for axis in (ax.xaxis, ax.yaxis):
        french_axis(axis, digits, nbins)


def new_figure(width: float = 7.0, height: float = 4.0) -> Figure:
    fig = Figure(figsize=(width, height), dpi=72)
    return fig


def to_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def png_img_html(png: bytes, alt: str) -> str:
    """An <img> carrying the PNG inline with a real alt text (screen readers)."""
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" style="max-width:100%">'
