"""The « structures à risque » layer of the depth cross-section: documented depth ranges as bands.

``draw_structures(ax, results)`` adds, on an axis already drawn by
:func:`mesocours.plots.depth.draw_section`, one numbered bar per structure whose depth is measured
(from the lower to the upper bound of its shallowest documented range) and a legend that also lists
the structures with no measured depth. It changes nothing else on the axis, except extending the depth
axis so that a band just below the frame stays visible.
"""

from __future__ import annotations

import textwrap

from matplotlib.lines import Line2D

from mesocours.models.structures import StructureReach
from mesocours.numbers import fr

STATUS_COLOURS = {"atteinte": "#a31515", "a_portee": "#d35400", "hors_portee": "#5d6d7e"}
MAX_EXTENDED_DEPTH_MM = 20.0  # deeper bands are listed, not drawn (the skin would become invisible)


def short_name(result: StructureReach) -> str:
    """The structure's name up to its first comma (« Artère supratrochléaire (branche superficielle) »)."""
    return result.structure.name.split(",")[0]


def _wrap(text: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(text, width))


def draw_structures(ax, results: list[StructureReach]) -> list[str]:
    """Draw the layer on ``ax``; return the legend entries, in order (tests read them).

    Each structure with a measured depth is a numbered vertical bar, from the lower to the upper
    bound of its shallowest documented range, coloured by its verdict; the legend (under the axes: call :func:`make_room` on the figure)
    names each bar with its range, then lists the structures drawn outside the frame and those
    without a measured depth.
    """
    bottom, top = ax.get_ylim()  # inverted axis: bottom is the larger depth
    measured = [r for r in results if r.depth is not None]
    needed = [r.depth.range_mm.min for r in measured if r.depth.range_mm.min <= MAX_EXTENDED_DEPTH_MM]
    if needed and max(needed) + 1.0 > bottom:
        bottom = max(needed) + 1.0
        ax.set_ylim(bottom, top)
    x0, x1 = ax.get_xlim()
    inside = sorted((r for r in measured if r.depth.range_mm.min <= bottom),
                    key=lambda r: (r.depth.range_mm.min, r.depth.range_mm.max, r.structure.id))
    outside = [r for r in measured if r.depth.range_mm.min > bottom]
    handles: list = []
    entries: list[str] = []
    width = x1 - x0
    for i, r in enumerate(inside):
        low, high = r.depth.range_mm.min, min(r.depth.range_mm.max, bottom)
        colour = STATUS_COLOURS[r.status]
        x = x0 + width * (0.55 + 0.4 * (i + 0.5) / max(len(inside), 1))
        ax.plot([x, x], [low, high if high > low else low + 0.02 * (bottom - top)], color=colour, lw=6,
                solid_capstyle="butt", alpha=0.85)
        ax.text(x, low, str(i + 1), ha="center", va="bottom", fontsize=7.5, color=colour, fontweight="bold")
        rng = fr(r.depth.range_mm.min, 2) + ("" if r.depth.range_mm.min == r.depth.range_mm.max
                                              else f" à {fr(r.depth.range_mm.max, 2)}")
        entry = f"{i + 1}. {short_name(r)} : {rng} mm"
        handles.append(Line2D([0], [0], color=colour, lw=5))
        entries.append(entry)
    notes = []
    if outside:
        notes.append("Plus profond que le cadre : " + " ; ".join(
            f"{short_name(r)} ({fr(r.depth.range_mm.min, 1)} mm et plus)" for r in outside))
    undocumented = [short_name(r) for r in results if r.depth is None]
    if undocumented:
        notes.append("Sans profondeur mesurée : " + " ; ".join(undocumented))
    if not results:
        notes.append("Aucune structure à risque décrite pour ce site")
    for note in notes:
        handles.append(Line2D([0], [0], color="none"))
        entries.append(note)
    if entries:
        ax.legend(handles, [_wrap(e) for e in entries], loc="upper left", bbox_to_anchor=(-0.08, -0.2),
                  fontsize=6.5, framealpha=0.9, handlelength=1.2, borderpad=0.4, labelspacing=0.3)
    return entries


def legend_lines(entries: list[str]) -> int:
    """How many text lines the legend of ``draw_structures`` takes (to make room under the axes)."""
    return sum(len(textwrap.wrap(e, 70)) or 1 for e in entries)


def make_room(fig, lines: int) -> None:
    """Grow the figure downwards so that a legend of ``lines`` lines fits under the axes."""
    width, height = fig.get_size_inches()
    extra = 0.45 + 0.14 * lines
    fig.set_size_inches(width, height + extra)
    old_bottom = fig.subplotpars.bottom
    fig.subplots_adjust(bottom=(old_bottom * height + extra) / (height + extra),
                        top=1 - (1 - fig.subplotpars.top) * height / (height + extra))
