"""The regulatory events of the products (``data/products.yml``) on one time axis, one row per product.

``product_events_figure(products)`` draws a marker at the date of each event, in the row of its product;
the kind of change (withdrawal, suspension, restriction...) is carried by the marker's shape *and* its
colour, and named in the legend, so the figure never relies on colour alone. Rows are ordered by the
date of each product's first event. Pure function of the records; tested in tests/test_plot_product_events.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mesocours.numbers import InputError
from mesocours.plots.style import OKABE_ITO
from mesocours.plots.timeline import date_to_year

#: change -> (French label, marker, colour); every change of RegulatoryEvent has one
CHANGE_STYLE: dict[str, tuple[str, str, str]] = {
    "retrait": ("retrait", "X", OKABE_ITO["vermillon"]),
    "suspension": ("suspension", "s", OKABE_ITO["orange"]),
    "interdiction": ("interdiction", "P", OKABE_ITO["noir"]),
    "restriction": ("restriction", "v", OKABE_ITO["bleu"]),
    "indication_supprimee": ("indication supprimée", "D", OKABE_ITO["pourpre"]),
    "mise_en_garde": ("mise en garde", "^", OKABE_ITO["vert"]),
    "autre": ("autre décision", "o", "#666666"),
}


def event_rows(products: Iterable[Any]) -> list[tuple[str, list[tuple[float, str]]]]:
    """(product name, [(decimal year, change), ...]) for the products that have events, oldest first."""
    rows = []
    for p in products:
        evs = sorted((date_to_year(e.date), e.change) for e in p.regulatory_events)
        if evs:
            rows.append((p.name, evs))
    return sorted(rows, key=lambda r: (r[1][0][0], r[0]))


def product_events_figure(products: Sequence[Any], *, width_in: float = 9.0) -> Figure:
    """One row per product with events, a marker per event; raises InputError (French) if there is none."""
    rows = event_rows(products)
    if not rows:
        raise InputError("Aucun événement réglementaire à afficher pour ces produits.")
    years = [y for _, evs in rows for y, _ in evs]
    lo, hi = int(min(years)) - 1, int(max(years)) + 2
    fig = Figure(figsize=(width_in, 1.2 + 0.42 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    used: list[str] = []
    for i, (_, evs) in enumerate(rows):
        ax.plot([evs[0][0], evs[-1][0]], [i, i], color="#bbbbbb", linewidth=1, zorder=1)
        for y, change in evs:
            label, marker, colour = CHANGE_STYLE[change]
            ax.plot([y], [i], marker=marker, markersize=8, color=colour, markeredgecolor="white",
                    linestyle="none", zorder=3)
            if change not in used:
                used.append(change)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([name for name, _ in rows], fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(lo, hi)
    step = 2 if hi - lo <= 24 else 5
    first = lo + (-lo) % step
    ax.set_xticks(range(first, hi + 1, step))
    ax.set_xlabel("Année de la décision")
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Line2D([], [], marker=CHANGE_STYLE[c][1], color=CHANGE_STYLE[c][2], linestyle="none",
                      markersize=8, label=CHANGE_STYLE[c][0]) for c in used]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=min(4, len(handles)),
              fontsize=9, frameon=False)
    ax.set_title("Décisions réglementaires sur les produits cités en mésothérapie", fontsize=11, loc="left")
    return fig
