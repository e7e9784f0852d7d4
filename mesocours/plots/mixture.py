"""Share of the label maximum per product: one horizontal bar per label maximum of each chosen product.

:class:`MixtureView` is built once per selection of products (its rows are fixed); the volumes, the volume
per point and the number of points move the bars and their labels only. The x limit is snapped to round
numbers (at least 100 %), so most updates reuse the cached axes. A maximum that cannot be compared with the
dose of a session (per injection, another unit, no documented concentration) is a row with a hatched
placeholder and its reason written out, never a bar.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mesocours.models.mixture import MixtureResult, choice
from mesocours.numbers import NBSP, accord, fr
from mesocours.plots.style import OKABE_ITO, LiveFigure, french_axis, new_figure, nice_ceil

BAR = OKABE_ITO["bleu"]
OVER = OKABE_ITO["vermillon"]
_STEPS = (1, 1.5, 2, 3, 5, 10)


def _rows(keys: list[str]) -> list[tuple[str, int]]:
    """(choice key, index of the label maximum) per row; index -1 for a product without any maximum."""
    rows = []
    for k in keys:
        n = len(choice(k).product.label_max_dose)
        rows.extend((k, i) for i in range(n)) if n else rows.append((k, -1))
    return rows


class MixtureView:
    """The calculator's figure for a fixed list of products; ``png(result)`` redraws it."""

    def __init__(self, keys: list[str], live: bool = True):
        self.keys = list(keys)
        self.rows = _rows(self.keys)
        n = len(self.rows)
        self.fig = new_figure(7.6, 1.4 + 0.55 * n)
        self.live = LiveFigure(self.fig, cache_size=6) if live else None
        ax = self.ax = self.fig.add_subplot()
        labels = []
        for k, i in self.rows:
            c = choice(k)
            name = c.product.name
            if i >= 0:
                m = c.product.label_max_dose[i]
                name += f" — max.{NBSP}{fr(m.value)}{NBSP}{m.unit}/{m.per.split(' (')[0]}"
            labels.append(textwrap.fill(name, 34))
        ax.set_yticks(range(n))
        ax.set_yticklabels(labels, fontsize=7.5)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlabel("dose d’une séance, en % du maximum du RCP (trait pointillé : 100 %)")
        self.limit_line = ax.axvline(100, color="#333333", lw=1.2, ls="--")
        self.bars = [Rectangle((0, y - 0.3), 0, 0.6, facecolor=BAR, edgecolor="#222222", lw=0.8)
                     for y in range(n)]
        for b in self.bars:
            ax.add_patch(b)
        self.texts = [ax.text(0, y, "", va="center", ha="left", fontsize=7.5) for y in range(n)]
        self.title = ax.set_title(" ", fontsize=9.5)
        self.fig.subplots_adjust(left=0.36, right=0.97, bottom=0.5 / (1.4 + 0.55 * n), top=1 - 0.35 / (1.4 + 0.55 * n))
        if self.live is not None:
            self.live.dynamic(*self.bars, *self.texts, self.title)

    def draw(self, result: MixtureResult) -> tuple:
        by_key = {c.choice.key: c for c in result.components}
        shares = []
        for (k, i), bar, text in zip(self.rows, self.bars, self.texts):
            comp = by_key[k]
            cmp = comp.comparisons[i] if i >= 0 else None
            if cmp is not None and cmp.compared:
                pct = cmp.share * 100
                shares.append(pct)
                bar.set_width(pct)
                bar.set_facecolor(OVER if pct > 100 else BAR)
                bar.set_hatch("//" if pct > 100 else "")  # not colour alone: hatched beyond the maximum
                text.set_text(f" {fr(pct, 1)}{NBSP}% ({fr(comp.per_session, 2)}{NBSP}{comp.unit} par séance)")
            else:
                bar.set_width(0)
                reason = "aucun maximum dans les données" if cmp is None else cmp.why_not
                text.set_text(f" non comparé{NBSP}: {reason}")
        top = nice_ceil(max([100.0, *shares]) * 1.35, _STEPS)
        self.ax.set_xlim(0, top)
        french_axis(self.ax.xaxis, 0, nbins=5)
        for bar, text in zip(self.bars, self.texts):
            text.set_x(bar.get_width())
        self.title.set_text(f"{fr(result.points, 0)} {accord(result.points, 'point', digits=0)} de "
                            f"{fr(result.volume_per_point_ml, 3)}{NBSP}mL par séance, pris dans un mélange de "
                            f"{fr(result.total_volume_ml, 2)}{NBSP}mL")
        return (top,)

    def png(self, result: MixtureResult) -> bytes:
        return self.live.png(self.draw(result))


def mixture_figure(result: MixtureResult) -> Figure:
    view = MixtureView([c.choice.key for c in result.components], live=False)
    view.draw(result)
    return view.fig
