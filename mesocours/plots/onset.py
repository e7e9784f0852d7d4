"""When complications show after a session: one row per complication of ``data/complications.yml`` with an onset.

``onset_figure(course().complications)`` returns a matplotlib ``Figure`` (built without pyplot): a logarithmic
time axis from one minute to one year after the injection, the four windows of :mod:`mesocours.models.onset`
shaded and named at the top, and for each complication a bar from its earliest to its latest documented delay
(a diamond when a single case gives a single delay). The type of complication is carried by colour *and* hatch,
named in the legend; a delay the source gives in words (hours read by the course authors) has a dashed edge
and its value starts with « ≈ ». The complications whose delay no source gives are counted under the axis.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from mesocours.models.onset import WINDOWS, duration_text, onset_rows, undated
from mesocours.numbers import NBSP, fr
from mesocours.plots.style import OKABE_ITO, titled_axes

X_MIN = 1 / 60  # one minute, in hours: a delay of 0 (« dès l’injection ») is drawn from here
X_MAX = 8760.0  # one year
TICKS = [(1 / 60, "1 min"), (10 / 60, "10 min"), (1, "1 h"), (6, "6 h"), (24, "1 jour"), (168, "1 sem."),
         (730, "1 mois"), (4380, "6 mois")]

TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    # type: (colour, hatch, legend label)
    "systemique": (OKABE_ITO["bleu"], "", "systémique"),
    "allergique": (OKABE_ITO["vermillon"], "///", "allergique"),
    "locale": (OKABE_ITO["vert"], "...", "locale"),
    "infectieuse": (OKABE_ITO["orange"], "xxx", "infectieuse"),
    "cicatricielle": (OKABE_ITO["pourpre"], "\\\\\\", "cicatricielle"),
    "toxique": (OKABE_ITO["bleu_ciel"], "---", "toxique"),
    "autre": ("#888888", "+++", "autre"),
}
BAND_SHADES = ("#f4f4f4", "#ffffff")


def range_text(min_hours: float, max_hours: float, approximate: bool = False) -> str:
    """``(0, 1)`` -> ``"dès l’injection – 1 h"``; ``(336, 336)`` -> ``"2 semaines"``; ``≈`` first when approximate."""
    text = duration_text(min_hours) if min_hours == max_hours else \
        f"{duration_text(min_hours)}{NBSP}– {duration_text(max_hours)}"
    return f"≈{NBSP}{text}" if approximate else text


def onset_figure(complications: Iterable, *,
                 title: str = "Délai d’apparition des complications après la séance") -> Figure:
    """Bars of documented onset delays (log time axis), the four windows shaded; see the module docstring."""
    complications = list(complications)
    rows = onset_rows(complications)
    missing = undated(complications)
    n = len(rows)
    fig, ax = titled_axes(9.5, max(3.0, 0.62 * n + 2.4), title,
                          None if n else "Aucun délai d’apparition documenté à afficher")
    if n == 0:
        return fig

    ax.set_xscale("log")
    ax.set_xlim(X_MIN / 1.6, X_MAX * 6)
    ax.set_ylim(-0.7, n - 0.3 + 0.9)
    for i, (_key, label, lo, hi) in enumerate(WINDOWS):
        left, right = max(lo, X_MIN / 1.6), min(hi, X_MAX * 6)
        ax.axvspan(left, right, color=BAND_SHADES[i % 2], zorder=0)
        if i:
            ax.axvline(lo, color="#bbbbbb", linewidth=0.8, linestyle=":", zorder=1)
        centre = (left * right) ** 0.5
        ax.text(centre, n - 0.3 + 0.55, textwrap.fill(label, 18), ha="center", va="center", fontsize=8,
                color="#333333")

    ys = list(range(n))[::-1]  # earliest at the top
    used_types = []
    for y, r in zip(ys, rows):
        colour, hatch, _ = TYPE_STYLE[r.type]
        if r.type not in used_types:
            used_types.append(r.type)
        lo, hi = max(r.min_hours, X_MIN), max(r.max_hours, X_MIN)
        line = "--" if r.approximate else "-"
        if hi / lo < 1.15:  # one delay: a diamond
            ax.plot([lo], [y], marker="D", markersize=10, color=colour, markeredgecolor="black",
                    linestyle="none", zorder=3)
            end = lo * 1.25
        else:
            ax.barh(y, hi - lo, left=lo, height=0.5, color=colour, hatch=hatch, edgecolor="black",
                    linewidth=1.0, linestyle=line, alpha=0.85 if r.approximate else 1.0, zorder=3)
            end = hi * 1.12
        ax.text(end, y, range_text(r.min_hours, r.max_hours, r.approximate), va="center", fontsize=8.5, zorder=4)

    ax.set_yticks(ys, [textwrap.fill(r.label, 34) for r in rows], fontsize=8.5)
    ax.set_xticks([t for t, _ in TICKS], [lab for _, lab in TICKS], fontsize=8.5)
    ax.minorticks_off()
    xlabel = "Délai depuis l’injection (échelle logarithmique)"
    if missing:
        xlabel += (f"\nDélai non décrit par les sources lues pour {fr(len(missing))} autres complications "
                   "(voir le tableau du chapitre)")
    ax.set_xlabel(xlabel, fontsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    handles = [Patch(facecolor=TYPE_STYLE[t][0], hatch=TYPE_STYLE[t][1], edgecolor="black", label=TYPE_STYLE[t][2])
               for t in used_types]
    handles.append(Line2D([0], [0], marker="D", color="w", markerfacecolor="#999999", markeredgecolor="black",
                          markersize=8, label="un délai unique (un cas publié)"))
    handles.append(Patch(facecolor="white", edgecolor="black", linestyle="--",
                         label="≈ délai donné en mots par la source"))
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    return fig
