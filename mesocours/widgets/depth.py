"""Depth explorer: body site, needle length, angle, inserted fraction -> depth and layer reached."""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
from matplotlib.figure import Figure

from mesocours.models.depth import (ANGLE, FRACTION, NEEDLE_LENGTH, UNMEASURED_SITES, layer_at, needle_depth_mm,
                                    partial_measurements, short_citation, site_profile, sites)
from mesocours.numbers import NBSP, fr
from mesocours.plots.depth import DepthView, depth_comparison, depth_figure
from mesocours.widgets.structures import structures_caption_html, structures_layer
from mesocours.widgets.common import STYLE, View, read_number, scenario, text_field

DEPTH_SCENARIOS = {
    "visage-lombaire": (
        "Même geste (aiguille de 4 mm à 30°, soit 2 mm de profondeur) sur la pommette et sur le dos. "
        "Aucune épaisseur de peau (épiderme + derme) lombaire n’a pu être vérifiée : le haut du dos (région "
        "suprascapulaire, Laurent et al. 2007) sert de site dorsal de comparaison."
    ),
    "4mm-90-45": "Aiguille de 4 mm enfoncée entièrement à 90° puis à 45° sur l’abdomen (mesures de Gibney et al. 2010).",
    "13mm-30": "Aiguille de 13 mm à 30°, enfoncée entièrement puis à moitié, sur la cuisse (mesures de Gibney et al. 2010).",
}

_SCENARIO_PANELS = {
    "visage-lombaire": [("visage_pommette", 4, 30, 1.0, "Pommette"),
                        ("suprascapulaire", 4, 30, 1.0, "Haut du dos (pas de mesure lombaire)")],
    "4mm-90-45": [("abdomen", 4, 90, 1.0, "4 mm à 90°"), ("abdomen", 4, 45, 1.0, "4 mm à 45°")],
    "13mm-30": [("cuisse", 13, 30, 1.0, "13 mm à 30°, entièrement"), ("cuisse", 13, 30, 0.5, "13 mm à 30°, à moitié")],
}


def sources_html(profile) -> str:
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in profile.notes)
    return f"<div><strong>Sources des épaisseurs ({html.escape(profile.label)})</strong><ul>{notes}</ul></div>"


@lru_cache(maxsize=1)
def unmeasured_html() -> str:
    items = "".join(
        f"<li>{html.escape(label)}{NBSP}: {html.escape(why)}"
        + (f" Mesures trouvées{NBSP}: {html.escape(' '.join(partial_measurements(site)))}" if partial_measurements(site) else "")
        + "</li>"
        for site, (label, why, _) in UNMEASURED_SITES.items()
    )
    return f"<details><summary>Sites sans mesure vérifiée</summary><ul>{items}</ul></details>"


class DepthExplorer(View):
    BENCH = (("angle", ["30", "45", "60", "20", "75", "35", "50", "90", "15", "40"]),
             ("length", ["4", "6", "3", "13", "5", "2,5", "8", "4,5"]),
             ("fraction", ["0,5", "1", "0,75", "0,25", "0,9"]),
             ("site", None))  # None: every option in turn

    def __init__(self, site: str = "abdomen", length: str = "4", angle: str = "45", fraction: str = "1"):
        self.site = widgets.Dropdown(options=[(label, sid) for sid, label in sites()], value=site,
                                     description="Site anatomique", style=STYLE)
        self.length = text_field("Longueur d’aiguille (mm)", length)
        self.angle = text_field("Angle avec la peau (°)", angle)
        self.fraction = text_field("Fraction insérée (0 à 1)", fraction)
        self.structures = widgets.Checkbox(value=False, description="Afficher les structures à risque",
                                           indent=False)
        self.formula = widgets.HTMLMath(
            description="Formule", style=STYLE, value=r"Profondeur atteinte" + NBSP + r": $p = L \times f \times \sin\theta$ "
                  r"($L$ longueur, $f$ fraction insérée, $\theta$ angle avec la peau)")
        super().__init__([self.site, self.length, self.angle, self.fraction, self.structures, self.formula])
        self.view = DepthView()
        self.update()

    def compute(self):
        length = read_number(self.length, NEEDLE_LENGTH)
        angle = read_number(self.angle, ANGLE)
        frac = read_number(self.fraction, FRACTION)
        depth = needle_depth_mm(length, angle, frac)
        layer = layer_at(self.site.value, depth)
        profile = layer.profile
        png = None if self.structures.value else self.view.png(profile, length, angle, frac)
        result = (f"Profondeur atteinte{NBSP}: <strong>{fr(depth, 2, 'mm')}</strong> "
                  f"({fr(length, 2)} × {fr(frac, 2)} × sin {fr(angle, 1)}°){NBSP}; "
                  f"la pointe est dans{NBSP}: <strong>{html.escape(layer.label)}</strong>.")
        alt = (f"Coupe de la peau, {profile.label}{NBSP}: épiderme et derme {fr(profile.skin_mm, 2, 'mm')}, "
               f"aiguille de {fr(length, 1, 'mm')} à {fr(angle, 0)}°, pointe à {fr(depth, 2, 'mm')}, "
               f"dans{NBSP}: {layer.label}.")
        caption = sources_html(profile) + unmeasured_html()
        if self.structures.value:  # optional layer « structures à risque » (mesocours.widgets.structures)
            fig = depth_figure(profile, length, angle, frac)  # a fresh figure: the layer is drawn over it
            results, line, alt_part = structures_layer(fig, self.site.value, length * frac, angle)
            result += " " + html.escape(line)
            alt += " " + alt_part
            return fig, alt, result, structures_caption_html(results) + caption
        return png, alt, result, caption


def depth_explorer(**kwargs) -> DepthExplorer:
    """The live widget (a VBox). Keyword arguments set initial values (site, length, angle, fraction)."""
    return DepthExplorer(**kwargs)


def depth_scenario(name: str) -> Figure:
    """A named static figure for the book (see DEPTH_SCENARIOS for captions)."""
    panels = [(site_profile(s), length, angle, frac, title)
              for s, length, angle, frac, title in scenario(name, _SCENARIO_PANELS)]
    return depth_comparison(panels, "Profondeur atteinte selon le site et le geste")


def scenario_sources(name: str) -> str:
    """Plain-text source line to print under a scenario figure."""
    keys: list[str] = []
    for s, *_ in _SCENARIO_PANELS[name]:
        for k in site_profile(s).sources:
            if k not in keys:
                keys.append(k)
    return f"Épaisseurs{NBSP}: " + f"{NBSP}; ".join(short_citation(k) for k in keys) + "."
