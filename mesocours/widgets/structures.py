"""The « structures à risque » layer of the depth explorer, and its static scenarios for the book.

The depth explorer (:mod:`mesocours.widgets.depth`) calls :func:`structures_layer` when its
checkbox « Afficher les structures à risque » is ticked: the model lists the structures of the
site's region with their verdict, :func:`mesocours.plots.structures.draw_structures` draws them on
the section, and the caption gains their landmarks, dangers and sources.
"""

from __future__ import annotations

import html

from matplotlib.figure import Figure

from mesocours.models.depth import site_profile
from mesocours.models.structures import (DANGER_LABELS, STATUS_LABELS, StructureReach, cite_label, structures_within_reach,
                                         summary)
from mesocours.plots.depth import depth_comparison
from mesocours.plots.structures import draw_structures, legend_lines, make_room, short_name
from mesocours.widgets.common import scenario

STRUCTURE_SCENARIOS = {
    "front-4mm": (
        "Aiguille de 4 mm enfoncée entièrement au front, à 90° puis à 30°, avec les artères de la région "
        "(profondeurs de Cotofana et al. 2020 et des autres sources des données du cours)."
    ),
    "epaule-13mm": (
        "Aiguille de 13 mm enfoncée entièrement à l’épaule, à 90° puis à 30°, avec la plèvre sous le bord "
        "supérieur du trapèze (moyennes de Chen et al. 2018)."
    ),
}

_SCENARIO_PANELS = {
    "front-4mm": [("front", 4, 90, "4 mm à 90°"), ("front", 4, 30, "4 mm à 30°")],
    "epaule-13mm": [("deltoide", 13, 90, "13 mm à 90°"), ("deltoide", 13, 30, "13 mm à 30°")],
}


def structures_layer(fig: Figure, site: str, inserted_mm: float, angle_deg: float) -> tuple[list[StructureReach], str, str]:
    """Draw the layer on the figure's first axis; return (results, status line, alt-text sentence)."""
    results = structures_within_reach(site, inserted_mm, angle_deg)
    make_room(fig, legend_lines(draw_structures(fig.axes[0], results)))
    line = summary(results)
    reached = [short_name(r) for r in results if r.within_reach]
    alt = line + (" À portée : " + ", ".join(reached) + "." if reached else "")
    return results, line, alt


def structures_caption_html(results: list[StructureReach]) -> str:
    """A list of the structures with their verdict, landmark, danger and sources (HTML)."""
    if not results:
        return "<div><strong>Structures à risque</strong> : aucune n’est décrite pour ce site dans les données du cours.</div>"
    items = []
    for r in results:
        dangers = ", ".join(DANGER_LABELS[d] for d in r.structure.dangers)
        cites = " ; ".join(cite_label(k) for k in r.sources)
        items.append(
            f"<li><strong>{html.escape(r.structure.name)}</strong> — {html.escape(STATUS_LABELS[r.status])}. "
            f"{html.escape(r.reason)} Repère : {html.escape(r.structure.landmark)} Danger : {html.escape(dangers)}. "
            f"Sources : {html.escape(cites)}.</li>")
    return f"<div><strong>Structures à risque</strong><ul>{''.join(items)}</ul></div>"


def structures_scenario(name: str) -> Figure:
    """A named static figure for the book (captions in STRUCTURE_SCENARIOS)."""
    panels = scenario(name, _SCENARIO_PANELS)
    fig = depth_comparison([(site_profile(s), length, angle, 1.0, title) for s, length, angle, title in panels],
                           "Structures à risque selon l’aiguille et l’angle")
    lines = [legend_lines(draw_structures(ax, structures_within_reach(s, length, angle)))
             for ax, (s, length, angle, _title) in zip(fig.axes, panels)]
    make_room(fig, max(lines))
    return fig


def scenario_results(name: str) -> list[tuple[str, list[StructureReach]]]:
    """(panel title, verdicts) of each panel of a scenario: what the figure shows, for prose and tests."""
    return [(title, structures_within_reach(s, length, angle)) for s, length, angle, title in scenario(name, _SCENARIO_PANELS)]


def structures_explorer(**kwargs):
    """The depth explorer with the « structures à risque » layer already ticked (same keyword arguments)."""
    from mesocours.widgets.depth import depth_explorer

    w = depth_explorer(**kwargs)
    w.structures.value = True
    return w
