"""Parcours par indication: the studies of one indication as horizontal bars (length = number of patients).

Colour AND hatch carry the risk of bias and the sham control (never colour alone): the bar's colour and its
label say the risk of bias and who judged it; a hatched bar has no sham (placebo) control; the design is written
beside the study's name; the sign of the main result (+, =, −, ±) is written at the end of the bar with its words.
An indication without a study gets a figure that says so (the gap is the message).
"""

from __future__ import annotations

import textwrap

from matplotlib.patches import Patch

from mesocours.models.evidence_map import BIAS_LABELS, DESIGNS, DIRECTION_LABELS, DIRECTION_SIGNS, GAPS
from mesocours.models.pathway import Pathway
from mesocours.numbers import NBSP, fr
from mesocours.plots.evidence_map import BIAS_STYLE
from mesocours.plots.style import french_axis, new_figure, nice_ceil, titled_axes

NO_N = "effectif non relevé"
#: sham control -> (words, hatch): a full bar has one, a hatched bar has none, a dotted one does not say
SHAM = {True: ("avec procédure fictive", None), False: ("sans procédure fictive", "///"),
        None: ("procédure fictive sans objet ou non précisée", "...")}


def pathway_alt(p: Pathway) -> str:
    """French alt text: what the figure shows, study by study."""
    points = p.evidence.points
    if not points:
        return (f"Figure sans barre{NBSP}: aucune étude qui teste la mésothérapie n’a été relevée pour "
                f"{p.label[:1].lower() + p.label[1:]}.")
    items = f"{NBSP}; ".join(
        f"{pt.label}, {DESIGNS[pt.design][0]}, {fr(pt.n) + ' patients' if pt.n else NO_N}, "
        # the sham control is said once: by the design's words when they say it (« … contre procédure fictive »)
        + ("" if "procédure fictive" in DESIGNS[pt.design][0] else f"{SHAM[pt.sham][0]}, ")
        + f"résultat {DIRECTION_LABELS[pt.direction]}, biais {BIAS_LABELS[pt.bias]}" for pt in points)
    return f"Études relevées pour {p.label[:1].lower() + p.label[1:]}, une barre par étude{NBSP}: {items}."


def pathway_figure(p: Pathway):
    points = p.evidence.points
    title = f"Études relevées{NBSP}: {p.label}"
    if not points:
        gap = GAPS[p.evidence.gap] if p.evidence.gap else "aucune étude"
        fig, _ax = titled_axes(8.0, 2.2, textwrap.fill(title, 70),
                               empty=f"{gap[:1].upper() + gap[1:]} qui teste la mésothérapie\n"
                                     "n’a été relevée pour cette indication.")
        return fig
    height = 1.5 + 0.55 * len(points)
    fig = new_figure(8.0, height)
    bottom = 0.95 / height
    ax = fig.add_axes((0.30, bottom, 0.44, 1 - bottom - 0.45 / height))
    top = nice_ceil(max((pt.n or 0) for pt in points) or 10)
    ax.set_xlim(0, top)
    ax.set_ylim(len(points) - 0.5, -0.5)
    ax.set_yticks(range(len(points)),
                  [f"{pt.label}\n{textwrap.shorten(DESIGNS[pt.design][0], 38, placeholder='…')}" for pt in points],
                  fontsize=8)
    ax.set_xlabel("patients (randomisés, inclus ou analysés)", fontsize=9)
    french_axis(ax.xaxis, 0, nbins=5)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(True, axis="x", color="#e5e5e5", lw=0.6)
    for y, pt in enumerate(points):
        colour = BIAS_STYLE[pt.bias][0]
        width = pt.n or 0
        ax.barh(y, width, height=0.6, color=colour if pt.sham else "white", edgecolor=colour,
                hatch=SHAM[pt.sham][1], lw=1.6, zorder=2)
        what = (fr(pt.n) if pt.n else NO_N) + f"  {DIRECTION_SIGNS[pt.direction]} {DIRECTION_LABELS[pt.direction]}"
        ax.text(max(width, 0) + top * 0.015, y - 0.12, what, fontsize=8, va="center", ha="left", zorder=3)
        ax.text(max(width, 0) + top * 0.015, y + 0.2, f"biais {BIAS_LABELS[pt.bias]} ({pt.bias_by})", fontsize=7,
                va="center", ha="left", color="#333333", zorder=3)
    fig.text(0.01, 0.99, textwrap.fill(title, 90), fontsize=10.5, va="top", ha="left")
    handles = [Patch(facecolor="#555555" if hatch is None else "white", edgecolor="#555555", hatch=hatch, label=words)
               for words, hatch in SHAM.values()]
    handles += [Patch(facecolor=BIAS_STYLE[k][0], edgecolor=BIAS_STYLE[k][0], label=f"biais {BIAS_LABELS[k]}")
                for k in ("faible", "modere", "eleve", "non_evalue")]
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 0.0), ncol=3, fontsize=7, frameon=False)
    return fig


__all__ = ["pathway_alt", "pathway_figure"]
