"""Shared figure style: French decimal comma on axes, a colour-blind-safe palette, PNG rendering.

Figures are built with ``matplotlib.figure.Figure`` directly: they are never registered in
pyplot, so nothing accumulates between calls (the equivalent of ``plt.close(fig)``).

Colour is never the only carrier of meaning: series also differ by marker, line style or hatch,
and carry a text label or a legend. Colours come from the Okabe–Ito palette (Okabe & Ito 2008,
« Color Universal Design »), distinguishable with the common colour-vision deficiencies.

A widget keeps one :class:`LiveFigure` and updates its artists instead of building a new figure
on every change: what does not change is cached as pixels, only the moving artists are drawn.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections import OrderedDict
from typing import Hashable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from matplotlib.ticker import FuncFormatter, MaxNLocator

from mesocours.numbers import fr
from mesocours.plots import textcache

textcache.install()  # glyphs and layouts kept: the same pixels, drawn faster (mesocours/plots/textcache.py)

LAYER_COLOURS = {
    "epiderme": "#f3d6c4",
    "derme": "#e8a58c",
    "hypoderme": "#f7e7a1",
    "au_dela": "#c9b2a6",
}
# Okabe–Ito: safe for deuteranopia, protanopia and tritanopia; black for the eighth colour.
OKABE_ITO = {
    "orange": "#E69F00", "bleu_ciel": "#56B4E9", "vert": "#009E73", "jaune": "#F0E442",
    "bleu": "#0072B2", "vermillon": "#D55E00", "pourpre": "#CC79A7", "noir": "#000000",
}
SERIES_COLOURS = [OKABE_ITO[k] for k in ("bleu", "vermillon", "vert", "orange", "pourpre", "bleu_ciel", "noir")]
SERIES_STYLES = ["-", "--", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)), (0, (3, 1, 1, 1)), (0, (1, 1))]
SERIES_MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
# phases: colour + marker shape (a legend names both)
PHASE_COLOURS = {"attaque": OKABE_ITO["vermillon"], "entretien": OKABE_ITO["bleu"], "evaluation": "#666666",
                 "traitement": OKABE_ITO["vert"]}
PHASE_MARKERS = {"attaque": "o", "entretien": "s", "evaluation": "D", "traitement": "^"}
ACCENT = "#1f3b73"


def series_style(i: int) -> dict:
    """Colour, line style and marker of the i-th series: each series differs by more than its colour."""
    return {"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "ls": SERIES_STYLES[i % len(SERIES_STYLES)],
            "marker": SERIES_MARKERS[i % len(SERIES_MARKERS)]}


NICE_FINE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
NICE_COARSE = (1, 2, 5, 10)


def nice_ceil(x: float, steps: tuple = NICE_FINE) -> float:
    """The smallest « round » number (by default 1, 1,2, 1,5, 2, 2,5, 3, 4, 5, 6, 8 × 10^k) at or above ``x``.

    Axis limits snapped to these change only now and then as a value moves, so the cached
    background (axes, ticks, labels) of a live figure is reused for most updates.
    """
    if not x > 0 or math.isinf(x):
        return 1.0
    k = math.floor(math.log10(x))
    base = 10.0 ** k
    for step in steps:
        if step * base >= x * (1 - 1e-12):
            return round(step * base, 12)
    return 10.0 * base  # pragma: no cover


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


def titled_axes(width: float, height: float, title: str, empty: str | None = None):
    """A figure (constrained layout) with one axes and its title; ``empty`` (a French sentence) is written in the
    axes instead of drawing empty ones: the caller returns the figure as it is."""
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=12)
    if empty is not None:
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    return fig, ax


def to_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _png_of_canvas(canvas: FigureCanvasAgg) -> bytes:
    """PNG of what the canvas holds (opaque RGB: smaller and faster than RGBA)."""
    rgba = np.asarray(canvas.buffer_rgba())
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgba[:, :, :3])).save(buf, format="png", compress_level=1)
    return buf.getvalue()


class LiveFigure:
    """A figure drawn once and then updated in place.

    Artists registered with :meth:`dynamic` are animated: a full draw leaves them out, and the
    result (axes, ticks, labels, static patches) is kept as pixels under a key naming everything
    it depends on. :meth:`png` restores the pixels of its key (drawing them only on a miss), draws
    the dynamic artists over them and encodes the PNG. Callers rebuild the static artists and
    set the axis limits from the key alone, so a cached background never disagrees with them.
    """

    def __init__(self, fig: Figure, cache_size: int = 16):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self._dynamic: list = []
        self._backgrounds: OrderedDict = OrderedDict()
        self._cache_size = cache_size
        self.misses = 0

    def dynamic(self, *artists):
        """Register artists redrawn on every update (returned, for chaining)."""
        for a in artists:
            a.set_animated(True)
            self._dynamic.append(a)
        return artists[0] if len(artists) == 1 else artists

    def forget(self, *artists) -> None:
        for a in artists:
            if a in self._dynamic:
                self._dynamic.remove(a)

    def clear_cache(self) -> None:
        self._backgrounds.clear()

    def png(self, key: Hashable) -> bytes:
        bg = self._backgrounds.get(key)
        if bg is None:
            self.misses += 1
            self.canvas.draw()
            bg = self.canvas.copy_from_bbox(self.fig.bbox)
            self._backgrounds[key] = bg
            while len(self._backgrounds) > self._cache_size:
                self._backgrounds.popitem(last=False)
        else:
            self._backgrounds.move_to_end(key)
            self.canvas.restore_region(bg)
        renderer = self.canvas.get_renderer()
        for a in sorted(self._dynamic, key=lambda a: a.get_zorder()):
            if a.get_visible() and (a.axes is None or a.axes.get_visible()):
                a.draw(renderer)
        return _png_of_canvas(self.canvas)


def png_img_html(png: bytes, alt: str) -> str:
    """An <img> carrying the PNG inline with a real alt text (screen readers)."""
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" style="max-width:100%">'
