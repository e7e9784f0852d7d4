"""The texts a decision case rests on, on a time axis: when the wording the course read was written.

``texts_figure(texts)`` draws one row per text (in the order the case cites them): a marker at the date of
the wording read (``date`` of its legal_texts record) and, beside it, the reference and that date in words.
Each row has its own marker shape *and* its label, so nothing rests on colour. ``texts_alt(texts)`` says the
same in a sentence, for the image's alt text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure

from mesocours.models.cases import CitedText
from mesocours.numbers import NBSP
from mesocours.plots.style import SERIES_MARKERS, french_axis, new_figure, series_style
from mesocours.plots.timeline import date_to_year

LABEL_WIDTH = 44  # characters per label line


def year_span(texts: Sequence[CitedText]) -> tuple[float, float]:
    """The axis limits: from a little before the oldest wording to a little after the newest (at least 10 years)."""
    years = [date_to_year(t.date) for t in texts]
    lo, hi = min(years), max(years)
    pad = max(2.0, (hi - lo) * 0.08)
    if hi - lo < 10:
        mid = (lo + hi) / 2
        lo, hi = mid - 5, mid + 5
    return lo - pad, hi + pad


def texts_figure(texts: Sequence[CitedText], title: str = "") -> Figure:
    """One row per text: its reference and date on the left, a marker at that date on the time axis."""
    n = len(texts)
    fig = new_figure(8.0, 1.3 + 0.75 * n)
    ax = fig.add_subplot()
    lo, hi = year_span(texts)
    ax.set_xlim(lo, hi)
    ax.set_ylim(n - 0.4, -0.6)
    labels = ax.get_yaxis_transform()  # x in axes fraction, y in data
    for i, t in enumerate(texts):
        x = date_to_year(t.date)
        style = series_style(i)
        ax.axhline(i, color="#bbbbbb", linewidth=0.6, zorder=1)
        ax.plot([x], [i], linestyle="none", marker=SERIES_MARKERS[i % len(SERIES_MARKERS)], markersize=9,
                color=style["color"], markeredgecolor="black", zorder=3, clip_on=False)
        label = "\n".join(textwrap.wrap(t.reference, LABEL_WIDTH) + [f"date{NBSP}: {t.date_fr}"])
        ax.text(-0.03, i, label, transform=labels, va="center", ha="right", fontsize=10)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    french_axis(ax.xaxis, digits=0, nbins=4)
    ax.set_xlabel("Date du texte ou de la version lue", fontsize=10)
    ax.tick_params(axis="x", labelsize=9)
    fig.suptitle(title or "Les textes sur lesquels repose la réponse", fontsize=11, x=0.02, ha="left")
    height = fig.get_figheight()
    fig.subplots_adjust(left=0.55, right=0.97, top=1 - 0.4 / height, bottom=0.6 / height)
    return fig


def texts_alt(texts: Sequence[CitedText]) -> str:
    """The figure in one French sentence (alt text)."""
    parts = [f"{t.reference}, daté du {t.date_fr}" if t.date.count("-") == 2 else f"{t.reference}, daté de {t.date_fr}" for t in texts]
    return ("Frise des textes sur lesquels repose la réponse, placés à la date du texte ou de "
            "la version lue par le cours\u00a0: " + " ; ".join(parts).replace(" ;", "\u00a0;") + ".")
