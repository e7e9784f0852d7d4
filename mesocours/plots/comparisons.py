"""Mesotherapy beside the neighbouring gestures: depth and volume per point, as the sources give them.

Drawn from ``data/injection_comparisons.yml``. Two panels share one row per technique: the depth (mm)
and the volume deposited per point (mL, logarithmic). A number is drawn only where the record gives
one; otherwise the row carries a text saying why (« aucun produit injecté », « non chiffré dans les
sources lues »). What a depth measures is said by the marker *and* a text tag (« longueur d’aiguille »,
« profondeur ou longueur ? »), and a number from a weak source is hatched *and* tagged « source
faible »: colour is never the only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from mesocours.numbers import InputError, fr
from mesocours.plots.style import OKABE_ITO, french_axis, new_figure

NO_PRODUCT = "aucun produit injecté"
NOT_GIVEN = "non chiffré dans les sources lues"
SURFACE = "en surface, sans effraction"
WEAK = "source faible"
KIND_TAGS = {"profondeur": "", "longueur_aiguille": "longueur d’aiguille", "non_precise": "profondeur ou longueur\u00a0?",
             "surface": ""}
KIND_MARKERS = {"profondeur": "o", "longueur_aiguille": "^", "non_precise": "s", "surface": "D"}
FAMILY_COLOURS = {
    "mesotherapie": OKABE_ITO["vermillon"], "infiltration": OKABE_ITO["bleu"], "acupuncture": OKABE_ITO["vert"],
    "dispositif_ha": OKABE_ITO["pourpre"], "produit_sanguin": OKABE_ITO["orange"],
    "aiguilles_sans_produit": OKABE_ITO["bleu_ciel"], "topique": "#555555",
}
VOLUME_TICKS = (0.001, 0.01, 0.1, 1.0)


class RangeLike(Protocol):
    min: float
    max: float


class ComparisonLike(Protocol):
    id: str
    label: str
    family: str
    depth_mm: RangeLike | None
    depth_kind: str
    product_injected: bool
    volume_per_point_ml: RangeLike | None
    reliability: str


@dataclass(frozen=True)
class Row:
    label: str
    family: str
    depth: tuple[float, float] | None
    depth_tag: str  # text next to the depth bar, or the reason there is none
    depth_marker: str
    volume: tuple[float, float] | None
    volume_tag: str
    weak: bool


def comparison_rows(records: Sequence[ComparisonLike]) -> list[Row]:
    """One row per record, in the file's order; InputError (French) if there is nothing to draw."""
    if not records:
        raise InputError("Aucune technique à comparer : la liste est vide.")
    rows = []
    for r in records:
        weak = r.reliability == "faible"
        if r.depth_mm is None:
            depth, depth_tag = None, NOT_GIVEN
        elif r.depth_kind == "surface":
            depth, depth_tag = (0.0, 0.0), SURFACE
        else:
            depth, depth_tag = (r.depth_mm.min, r.depth_mm.max), KIND_TAGS[r.depth_kind]
        if not r.product_injected:
            volume, volume_tag = None, NO_PRODUCT
        elif r.volume_per_point_ml is None:
            volume, volume_tag = None, NOT_GIVEN
        else:
            volume = (r.volume_per_point_ml.min, r.volume_per_point_ml.max)
            volume_tag = WEAK if weak else ""
        rows.append(Row(r.label, r.family, depth, depth_tag, KIND_MARKERS[r.depth_kind], volume, volume_tag, weak))
    return rows


def _range_label(lo: float, hi: float, unit: str, digits: int) -> str:
    return f"{fr(lo, digits)} {unit}" if lo == hi else f"{fr(lo, digits)}–{fr(hi, digits)} {unit}"


def comparison_figure(records: Sequence[ComparisonLike]) -> Figure:
    """Depth (left) and volume per point (right) of each technique, with the gaps said in words."""
    rows = comparison_rows(records)
    n = len(rows)
    fig = new_figure(11.5, 0.6 * n + 2.4)
    ax_d, ax_v = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1.05, 1.0], "wspace": 0.06})
    max_depth = max([r.depth[1] for r in rows if r.depth] + [2.0])
    d_right = max_depth * 2.7  # room for the longest label at 9.5 pt
    for i, row in enumerate(rows):
        colour = FAMILY_COLOURS[row.family]
        hatch = "///" if row.weak else None
        # depth panel
        if row.depth is None:
            ax_d.text(0.2, i, row.depth_tag, va="center", ha="left", fontsize=9.5, style="italic", color="#444444")
        else:
            lo, hi = row.depth
            if hi > lo:
                ax_d.barh(i, hi - lo, left=lo, height=0.5, color=colour, alpha=0.85, hatch=hatch,
                          edgecolor="black", lw=0.6)
            ax_d.plot([hi], [i], marker=row.depth_marker, color="black", ms=6, ls="none", zorder=3)
            text = _range_label(lo, hi, "mm", 1) if row.depth_tag != SURFACE else row.depth_tag
            if row.depth_tag and row.depth_tag != SURFACE:
                text += f" ({row.depth_tag})"
            ax_d.text(hi + 0.045 * d_right, i, text, va="center", ha="left", fontsize=9.5)
        # volume panel
        if row.volume is None:
            ax_v.text(0.0012, i, row.volume_tag, va="center", ha="left", fontsize=9.5, style="italic",
                      color="#444444")
        else:
            lo, hi = row.volume
            ax_v.barh(i, hi - lo if hi > lo else lo * 0.12, left=lo if hi > lo else lo * 0.94, height=0.5,
                      color=colour, alpha=0.85, hatch=hatch, edgecolor="black", lw=0.6)
            ax_v.plot([hi], [i], marker="o", color="black", ms=5, ls="none", zorder=3)
            text = _range_label(lo, hi, "mL", 3)
            if row.volume_tag:
                text += f" ({row.volume_tag})"
            ax_v.text(hi * 1.45, i, text, va="center", ha="left", fontsize=9.5)
    ax_d.set_yticks(range(n))
    ax_d.set_yticklabels([r.label for r in rows], fontsize=10)
    ax_d.set_ylim(n - 0.5, -0.5)
    ax_d.set_xlim(-0.3, d_right)
    ax_d.set_xlabel("Profondeur donnée par la source (mm)")
    french_axis(ax_d.xaxis, 0, nbins=6)
    ax_v.set_xscale("log")
    ax_v.set_xlim(0.001, 10.0)
    ax_v.xaxis.set_major_locator(FixedLocator(VOLUME_TICKS))
    ax_v.xaxis.set_minor_locator(NullLocator())
    ax_v.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: fr(x, 3)))
    ax_v.set_xlabel("Volume déposé par point (mL, échelle logarithmique)")
    for ax in (ax_d, ax_v):
        ax.grid(axis="x", color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
    ax_d.set_title("Profondeur", loc="left", fontsize=11)
    ax_v.set_title("Volume par point", loc="left", fontsize=11)
    handles = [
        Line2D([], [], marker=KIND_MARKERS["profondeur"], color="black", ls="none", label="profondeur atteinte"),
        Line2D([], [], marker=KIND_MARKERS["longueur_aiguille"], color="black", ls="none",
               label="longueur d’aiguille"),
        Line2D([], [], marker=KIND_MARKERS["non_precise"], color="black", ls="none",
               label="la source ne dit pas laquelle"),
        Patch(facecolor="white", edgecolor="black", hatch="///", label="nombre tiré d’une source faible"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=9.5, frameon=False)
    fig.suptitle("La mésothérapie et les gestes voisins : ce que les sources chiffrent, et ce qu’elles taisent",
                 x=0.01, ha="left", fontsize=10.5)
    fig.subplots_adjust(left=0.17, right=0.98, top=1 - 0.75 / fig.get_figheight(),
                        bottom=1.05 / fig.get_figheight())
    return fig
