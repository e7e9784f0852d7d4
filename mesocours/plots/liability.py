"""The three liability paths after a complication, and who pays on the civil path.

Drawn from :data:`mesocours.models.liability.PATHS` and :func:`~mesocours.models.liability.who_pays`:
three columns (civil, criminal, disciplinary), each with what the patient seeks, who judges and what
is looked for; under the civil column, the four « who pays » outcomes, the one that does not exist for
an aesthetic act hatched and labelled (never colour alone).
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from mesocours.models.liability import PATHS, who_pays
from mesocours.plots.style import OKABE_ITO

PATH_COLOURS = {"civile": OKABE_ITO["bleu"], "penale": OKABE_ITO["vermillon"], "disciplinaire": OKABE_ITO["vert"]}
EXCLUDED = "exclu pour un acte esthétique (L.1142-3-1)"


def _box(ax, x, y, w, h, text, *, edge, face="white", hatch=None, size=8.5, weight="normal", wrap=34):
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.012,rounding_size=0.015",
                                linewidth=1.4, edgecolor=edge, facecolor=face, hatch=hatch))
    lines = "\n".join(textwrap.fill(part, wrap) for part in text.split("\n"))
    ax.text(x + w / 2, y + h / 2, lines, ha="center", va="center", fontsize=size, fontweight=weight,
            color="#111111", bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
            if hatch else None)


def _arrow(ax, x0, y0, x1, y1, colour):
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.3, "shrinkA": 0, "shrinkB": 0})


def liability_figure(*, aesthetic: bool = True) -> Figure:
    """A new Figure: the three paths, and the civil outcomes for an ``aesthetic`` act or an act of care."""
    fig = Figure(figsize=(10.5, 7.4), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(0, 1)
    ax.set_ylim(0.02, 1)
    ax.axis("off")
    kind = "acte à visée esthétique" if aesthetic else "acte à visée thérapeutique"
    _box(ax, 0.22, 0.915, 0.56, 0.065, f"Une complication après une séance de mésothérapie ({kind})",
         edge="#444444", size=10, weight="bold", wrap=80)
    col_w, gap = 0.30, 0.035
    xs = [gap / 2 + i * (col_w + gap) for i in range(3)]
    for x, path in zip(xs, PATHS):
        colour = PATH_COLOURS[path.key]
        _arrow(ax, 0.5, 0.90, x + col_w / 2, 0.85, colour)
        _box(ax, x, 0.775, col_w, 0.06, f"{path.title} : {path.purpose}", edge=colour, face="#f5f5f5",
             size=10, weight="bold")
        _box(ax, x, 0.675, col_w, 0.07, f"Qui juge ? {path.forum}", edge=colour, size=8.5)
        y = 0.645
        for step in path.steps:
            _box(ax, x, y - 0.06, col_w, 0.055, step, edge=colour, size=8.5)
            y -= 0.08
    # who pays on the civil path
    x = xs[0]
    colour = PATH_COLOURS["civile"]
    ax.text(x, 0.38, "Qui paie ? (voie civile)", fontsize=10, fontweight="bold", color=colour)
    cases = [
        ("faute prouvée", who_pays(aesthetic=aesthetic, fault=True)),
        ("produit défectueux, sans faute", who_pays(aesthetic=aesthetic, fault=False, product_defect=True)),
        ("aléa sans faute", who_pays(aesthetic=aesthetic, fault=False)),
    ]
    y = 0.355
    for label, answer in cases:
        text = f"{label} : {answer.payers[0]} ({', '.join(answer.texts)})"
        _box(ax, x, y - 0.06, 2 * col_w + gap, 0.055, text, edge=colour, size=8.5, wrap=90)
        y -= 0.08
    if aesthetic:
        _box(ax, x, y - 0.06, 2 * col_w + gap, 0.05,
             f"ONIAM (solidarité nationale) : {EXCLUDED}", edge="#555555", face="#e6e6e6", hatch="///",
             size=8.5, wrap=80)
    else:
        _box(ax, x, y - 0.06, 2 * col_w + gap, 0.05,
             "ONIAM possible pour un acte de soins ; il ne l’est jamais pour un acte purement esthétique (L.1142-3-1)",
             edge=colour, size=8.5, wrap=80)
    ax.text(xs[2], 0.35, textwrap.fill("Les trois voies sont indépendantes : une même complication peut "
                                       "donner lieu à une indemnisation, à une peine et à une sanction ordinale.", 38),
            fontsize=8.5, va="top", color="#333333", fontstyle="italic")
    return fig
