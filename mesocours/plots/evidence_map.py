"""Carte des preuves: one row per indication, one point per study (year on the x axis).

Size = number of patients (area), marker = design group, colour AND fill = risk of bias (filled: faible,
half-filled: modéré, hollow: élevé, grey dotted: non évalué), a sign beside the point = direction of the main
result (+, =, −, ±). A row without a point says its gap in words; the gap of every row is written at its right.
Drawn whole for each filter (the widget keeps the PNG of the last filters).
"""

from __future__ import annotations

import math
import textwrap

from matplotlib.lines import Line2D

from mesocours.models.evidence_map import (BIAS_LABELS, DESIGNS, DIRECTION_LABELS, DIRECTION_SIGNS, DOMAINS, GAPS,
                                           EvidenceMap)
from mesocours.numbers import NBSP
from mesocours.plots.style import OKABE_ITO, new_figure

MARKERS = {"essai_fictif": "D", "essai_actif": "o", "non_randomise": "s", "serie": "^", "synthese": "*"}
BIAS_STYLE = {  # colour, fillstyle, line style of the edge
    "faible": (OKABE_ITO["vert"], "full"),
    "modere": (OKABE_ITO["orange"], "left"),
    "eleve": (OKABE_ITO["vermillon"], "none"),
    "non_evalue": ("#777777", "none"),
    "non_applicable": ("#777777", "none"),
}
YEARS = (2004, 2027)


def marker_size(n: int | None) -> float:
    """Marker size (points) whose area grows with n; a study without n gets the smallest size."""
    return 5 + 0.55 * math.sqrt(n or 1)


def evidence_map_figure(m: EvidenceMap):
    rows = m.rows
    height = 1.6 + 0.36 * max(len(rows), 1)
    fig = new_figure(9.0, height + 1.3)
    bottom = 1.25 / (height + 1.3)
    ax = fig.add_axes((0.27, bottom, 0.47, 1 - bottom - 0.55 / (height + 1.3)))
    ax.set_xlim(*YEARS)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_yticks(range(len(rows)), [textwrap.fill(r.indication, 30) for r in rows], fontsize=8)
    ax.set_xlabel("année de publication", fontsize=9.5)
    ax.tick_params(axis="x", labelsize=8.5)
    ax.grid(True, axis="x", color="#e5e5e5", lw=0.6)
    previous = None
    for y, row in enumerate(rows):
        if previous is not None and row.domain != previous:
            ax.axhline(y - 0.5, color="#999999", lw=0.8)
        previous = row.domain
        if y % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#f4f4f4", lw=0, zorder=0)
        for i, p in enumerate(row.points):
            colour, fill = BIAS_STYLE[p.bias]
            ax.plot([p.year + 0.12 * (i % 3 - 1)], [y], MARKERS[p.design], color=colour, mec=colour if p.bias not in
                    ("non_evalue", "non_applicable") else "#555555", fillstyle=fill, mew=1.6, ms=marker_size(p.n),
                    alpha=0.9, zorder=3)
            ax.text(p.year + 0.12 * (i % 3 - 1) + 0.25 + marker_size(p.n) / 30, y - 0.18,
                    DIRECTION_SIGNS[p.direction], fontsize=9, fontweight="bold", va="center", zorder=4)
        gap = GAPS[row.gap] if row.gap else ""
        if not row.points and not gap:
            gap = "aucune étude de ce plan"
        ax.text(1.02, y, textwrap.fill(gap, 22), transform=ax.get_yaxis_transform(), fontsize=8, va="center", ha="left",
                style="italic", color="#333333")
    if not rows:
        ax.text(0.5, 0.5, "Aucune indication dans ce domaine.", transform=ax.transAxes, ha="center", va="center")
    where = DOMAINS[m.domain] if m.domain else "tous les domaines"
    which = DESIGNS[m.design][0] if m.design else "tous les plans"
    fig.text(0.01, 0.995, f"Carte des preuves{NBSP}: {where}, {which} ({m.points} points)", fontsize=10.5,
             va="top", ha="left")
    designs = [Line2D([], [], ls="", marker=MARKERS[k], color="#444444", mfc="white", ms=7, label=label)
               for k, (label, _k) in DESIGNS.items()]
    bias = [Line2D([], [], ls="", marker="o", color=BIAS_STYLE[k][0], fillstyle=BIAS_STYLE[k][1], mew=1.6, ms=7,
                   mec=BIAS_STYLE[k][0] if k != "non_evalue" else "#555555", label=f"biais {BIAS_LABELS[k]}")
            for k in ("faible", "modere", "eleve", "non_evalue")]
    fig.legend(handles=designs, loc="lower left", bbox_to_anchor=(0.0, 0.0), fontsize=7.5, frameon=False,
               title="Plan (taille = effectif)", title_fontsize=8)
    fig.legend(handles=bias, loc="lower left", bbox_to_anchor=(0.42, 0.0), fontsize=7.5, frameon=False,
               title="Risque de biais (couleur et remplissage)", title_fontsize=8)
    signs = "   ".join(f"{DIRECTION_SIGNS[k]} {v}" for k, v in DIRECTION_LABELS.items())
    fig.text(0.74, 0.02, "Résultat principal\n" + signs.replace("   ", "\n"), fontsize=7.5, va="bottom", ha="left")
    return fig


__all__ = ["BIAS_STYLE", "MARKERS", "evidence_map_figure", "marker_size"]
