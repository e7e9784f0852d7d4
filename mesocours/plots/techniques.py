"""Injection pattern on the treated square, two techniques side by side.

:class:`PlanPanel` keeps its axes and artists: the square, limits and ticks depend on the side
(and whether the technique is continuous) only; the points (one scatter per marker), the rows (one
line collection), the dense shading and the titles are updated in place, so a live widget redraws
only them.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mesocours.models.techniques import Plan
from mesocours.numbers import fr
from mesocours.plots.style import ACCENT, LiveFigure, french_axes, new_figure

MAX_DRAWN = 6000  # beyond this, points are drawn as a shaded grid (same count, faster)
MAX_ROWS = 400
MARKERS = {"points": "o", "grille": ".", "lignes": "."}


class PlanPanel:
    """One technique's square on ``ax``; ``live`` registers the moving artists with a LiveFigure."""

    def __init__(self, ax, live: Optional[LiveFigure] = None):
        self.ax = ax
        self.live = live
        self._static: list = []
        self._key = None
        self.scatters = {m: ax.scatter(np.empty(0), np.empty(0), s=10, color=ACCENT, marker=m, linewidths=0, zorder=3)
                         for m in sorted(set(MARKERS.values()))}
        self.title = ax.set_title(" ", fontsize=9.5, y=1.0)
        self.rows = ax.add_collection(LineCollection([], colors=ACCENT, linewidths=0.6, alpha=0.5, zorder=2))
        self.dense = ax.add_patch(Rectangle((0, 0), 0, 0, facecolor=ACCENT, alpha=0.35, lw=0, hatch="..",
                                            edgecolor="white", zorder=2))
        self.dense_text = ax.text(0, 0, "", ha="center", va="center", fontsize=8, color="white", zorder=4,
                                  bbox={"facecolor": ACCENT, "lw": 0, "pad": 2})
        ax.set_aspect("equal")
        ax.set_xlabel("mm")
        ax.set_ylabel("mm")
        french_axes(ax, 0, nbins=4)
        if live is not None:
            live.dynamic(self.rows, self.dense, self.dense_text, self.title, *self.scatters.values())

    def _build_static(self, key) -> None:
        if key == self._key:
            return
        side, continuous = key
        for a in self._static:
            a.remove()
        self._static = []
        ax = self.ax
        self._static.append(ax.add_patch(Rectangle((0, 0), side, side, facecolor="#fbf3ee", edgecolor="#8c6d5f",
                                                   lw=1, zorder=1)))
        if continuous:
            self._static.append(ax.scatter([side / 2], [side / 2], s=120, color=ACCENT, zorder=3))
            self._static.append(ax.text(side / 2, side * 0.38, "administration continue\u00a0:\nparamètres non documentés",
                                        ha="center", va="top", fontsize=8, color="#3b2a22"))
        ax.set_xlim(-side * 0.03, side * 1.03)
        ax.set_ylim(-side * 0.03, side * 1.03)
        self._key = key

    def draw(self, plan: Plan, pattern: str, title: str) -> tuple:
        """Show ``plan``; return the key of the static part."""
        side = plan.side_mm
        key = (side, pattern == "continu")
        self._build_static(key)
        self.title.set_text(title)
        marker = MARKERS.get(pattern, "o")
        points = self.scatters[marker]
        show_rows = show_points = show_dense = False
        if pattern != "continu":
            pos = np.asarray(plan.positions, dtype=float).reshape(-1, 2)
            if pattern == "lignes":
                rows = np.unique(pos[:, 1])
                if len(rows) <= MAX_ROWS:
                    x0, x1 = pos[:, 0].min(), pos[:, 0].max()
                    self.rows.set_segments([[(x0, y), (x1, y)] for y in rows])
                    show_rows = True
            if plan.points <= MAX_DRAWN:
                size = max(1.5, min(40.0, 9000.0 / max(plan.points, 1)))
                points.set_offsets(pos)
                points.set_sizes([size])
                show_points = True
            else:
                (x0, y0), (x1, y1) = pos.min(axis=0), pos.max(axis=0)
                self.dense.set_bounds(x0, y0, x1 - x0, y1 - y0)
                self.dense_text.set_position((side / 2, side / 2))
                self.dense_text.set_text(f"{fr(plan.points)} points\n(trop serrés pour être dessinés un à un)")
                show_dense = True
        self.rows.set_visible(show_rows)
        for m, sc in self.scatters.items():
            sc.set_visible(show_points and m == marker)
        self.dense.set_visible(show_dense)
        self.dense_text.set_visible(show_dense)
        return key


def draw_plan(ax, plan: Plan, pattern: str, title: str) -> None:
    PlanPanel(ax).draw(plan, pattern, title)


def _layout(fig: Figure) -> None:
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.86, wspace=0.3)


class PlansView:
    """The comparator's two-panel figure, kept between updates: ``png(panels, suptitle)``."""

    def __init__(self, n: int = 2):
        self.fig = new_figure(4.0 * n, 4.2)
        self.live = LiveFigure(self.fig, cache_size=8)
        self.panels = [PlanPanel(self.fig.add_subplot(1, n, i + 1), self.live) for i in range(n)]
        self.suptitle = self.live.dynamic(self.fig.suptitle(" ", fontsize=11))
        _layout(self.fig)

    def png(self, panels: list[tuple[Plan, str, str]], suptitle: str) -> bytes:
        keys = tuple(panel.draw(*spec) for panel, spec in zip(self.panels, panels, strict=True))
        self.suptitle.set_text(suptitle)
        return self.live.png(keys)


def plans_figure(panels: list[tuple[Plan, str, str]], suptitle: str = "Points d’injection sur la surface traitée") -> Figure:
    fig = new_figure(4.0 * len(panels), 4.2)
    for i, (plan, pattern, title) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), i + 1)
        draw_plan(ax, plan, pattern, title)
    fig.suptitle(suptitle, fontsize=11)
    _layout(fig)
    return fig
