"""Technique comparator: area, spacing, volume and time per point -> points, volume, duration."""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from mesocours.models.depth import short_citation
from mesocours.models.techniques import (AREA, SECONDS_PER_POINT, SPACING, VOLUME_PER_POINT, catalogue, injection_plan,
                                         technique, technique_defaults)
from mesocours.numbers import NBSP, InputError, fr
from mesocours.plots.techniques import PlansView, plans_figure
from mesocours.widgets.common import STYLE, View, fr_or_dash, read_number, read_optional, scenario, text_field

TECHNIQUE_SCENARIOS = {
    "nappage-vs-idp": ("Sur 100 cm², le nappage (espacement de 3 mm, 3 piqûres par seconde, d’après une source faible) "
                       "demande des centaines de piqûres ; l’IDP d’une page de formation qui reprend un texte de la SIM "
                       "(source faible : points à 2,5 cm, 0,15 mL) n’en demande que seize. Volume par point du nappage : "
                       "non documenté."),
    "papule-amin-vs-ied": ("Micro-dépôts de l’essai Amin 2006 (0,01 mL tous les 1 cm) sur 225 cm² comparés "
                           "aux lignes d’IED espacées de 3 mm d’une source faible ; volume de l’IED non documenté."),
}
_SCENARIOS = {
    "nappage-vs-idp": (100, [("nappage", 3, None, 1 / 3), ("idp", 25, 0.15, None)]),
    "papule-amin-vs-ied": (225, [("papule", 10, 0.01, None), ("ied", 3, None, None)]),
}


def _fmt(x) -> str:
    return "" if x is None else fr(x, 3)


def _duration(seconds) -> str:
    if seconds is None:
        return "non calculée (temps par point non renseigné)"
    if seconds < 120:
        return fr(seconds, 0, "s")
    return f"{fr(seconds / 60, 1, 'min')}"


class _Side:
    """One technique's controls, prefilled from technique_parameters (blank when no source gives a value)."""

    def __init__(self, letter: str, technique_id: str):
        self.letter = letter
        self.technique = widgets.Dropdown(options=[(t.name, t.id) for t in catalogue().values()], value=technique_id,
                                          description=f"Technique {letter}", style=STYLE)
        self.spacing = text_field(f"Espacement {letter} (mm)", "")
        self.volume = text_field(f"Volume par point {letter} (mL)", "", placeholder="non documenté")
        self.seconds = text_field(f"Temps par point {letter} (s)", "", placeholder="non documenté")
        self.box = widgets.VBox([self.technique, self.spacing, self.volume, self.seconds])
        self.fill_defaults()

    def fill_defaults(self) -> None:
        d = technique_defaults(self.technique.value)
        self.spacing.value = _fmt(d.spacing_mm.value) or "10"
        self.volume.value = _fmt(d.volume_per_point_ml.value)
        self.seconds.value = _fmt(d.seconds_per_point.value)

    def defaults_html(self) -> str:
        t = technique(self.technique.value)
        d = technique_defaults(t.id)
        rows = []
        for label, dv in (("espacement", d.spacing_mm), ("volume par point", d.volume_per_point_ml),
                          ("temps par point", d.seconds_per_point)):
            src = f" ({', '.join(short_citation(k) for k in dv.sources)})" if dv.sources else ""
            rows.append(f"<li>{label}{NBSP}: {html.escape(dv.text)}{html.escape(src)}</li>")
        if d.spacing_mm.value is None:
            rows.append("<li>Aucune source ne donne d’espacement : la valeur de départ (10 mm) est un simple exemple.</li>")
        return f"<div><strong>{html.escape(t.name)}</strong> — valeurs de départ{NBSP}:<ul>{''.join(rows)}</ul></div>"


class TechniqueComparator(View):
    BENCH = (("a.spacing", ["3", "4", "2,5", "5", "6", "3,5", "8", "2"]),
             ("b.spacing", ["25", "20", "15", "30", "10", "12"]),
             ("area", ["100", "225", "150", "50", "400", "80"]),
             ("a.technique", ["ied", "nappage", "papule", "ids", "point_par_point", "mps"]),
             ("b.technique", ["idp", "papule", "mps", "point_par_point"]))  # drawn patterns (not « continu »)

    def __init__(self, area: str = "100", left: str = "nappage", right: str = "idp"):
        self.area = text_field("Surface traitée (cm²)", area)
        self.a = _Side("A", left)
        self.b = _Side("B", right)
        self._filling = False
        for side in (self.a, self.b):
            side.technique.observe(lambda ch, s=side: self._technique_changed(s), names="value")
        controls = [self.area, widgets.HBox([self.a.box, self.b.box])]
        super().__init__(controls)
        self.view = PlansView(2)
        self.update()

    def _technique_changed(self, side: _Side) -> None:
        self._filling = True
        try:
            side.fill_defaults()
        finally:
            self._filling = False
        self.update()

    def update(self) -> bool:
        if self._filling:
            return False
        return super().update()

    def compute(self):
        area = read_number(self.area, AREA)
        panels, lines, alts = [], [], []
        for side in (self.a, self.b):
            t = technique(side.technique.value)
            try:
                spacing = read_number(side.spacing, SPACING)
                volume = read_optional(side.volume, VOLUME_PER_POINT)
                seconds = read_optional(side.seconds, SECONDS_PER_POINT)
                plan = injection_plan(area, spacing, volume, seconds)
            except InputError as err:
                msg = str(err)
                if msg[:2] in ("Le", "La", "L’", "Ce"):  # « Technique A : le volume… »
                    msg = msg[0].lower() + msg[1:]
                raise InputError(f"Technique {side.letter}{NBSP}: {msg}") from None
            panels.append((plan, t.pattern, f"{side.letter}{NBSP}: {t.name}"))
            if t.pattern == "continu":
                lines.append(f"<li><strong>{side.letter} — {html.escape(t.name)}</strong>{NBSP}: administration continue{NBSP}; "
                             "aucune source consultée ne donne de paramètres (durée, débit, pompe), rien n’est calculé.</li>")
                alts.append(f"{t.name}{NBSP}: administration continue, paramètres non documentés")
                continue
            vol = fr_or_dash(plan.total_volume_ml, 2, "mL")
            if plan.total_volume_ml is None:
                vol += " (volume par point non renseigné)"
            lines.append(f"<li><strong>{side.letter} — {html.escape(t.name)}</strong>{NBSP}: {fr(plan.points)} points, "
                         f"volume total {vol}, durée estimée {_duration(plan.duration_s)}.</li>")
            alts.append(f"{t.name}{NBSP}: {fr(plan.points)} points espacés de {fr(spacing, 1, 'mm')}")
        png = self.view.png(panels, f"Points d’injection sur {fr(area, 1, 'cm²')}")
        alt = f"Deux carrés de {fr(area, 1, 'cm²')}{NBSP}: " + f"{NBSP}; ".join(alts) + "."
        caption = self.a.defaults_html() + self.b.defaults_html() + (
            "<p>Ces valeurs décrivent ce que rapportent les sources citées ; elles ne sont pas des recommandations.</p>")
        return png, alt, f"<ul>{''.join(lines)}</ul>", caption


def technique_comparator(**kwargs) -> TechniqueComparator:
    """The live widget. Keyword arguments: area (str), left / right (technique ids)."""
    return TechniqueComparator(**kwargs)


def technique_scenario(name: str) -> Figure:
    area, sides = scenario(name, _SCENARIOS)
    panels = []
    for tid, spacing, volume, seconds in sides:
        t = technique(tid)
        plan = injection_plan(area, spacing, volume, seconds)
        panels.append((plan, t.pattern, f"{t.name}{NBSP}: {fr(plan.points)} points"))
    return plans_figure(panels, f"Points d’injection sur {fr(area, 0, 'cm²')}")
