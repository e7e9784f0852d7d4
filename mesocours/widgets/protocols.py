"""Protocol planner: schedules from data as timelines, cumulative sessions and volume over a period."""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from mesocours.models.depth import short_citation
from mesocours.models.protocols import cumulative, protocol, protocols, sessions
from mesocours.numbers import InputError, fr
from mesocours.plots.protocols import protocols_figure
from mesocours.widgets.common import STYLE, View, read_number, read_optional, scenario, text_field

PROTOCOL_SCENARIOS = {
    "essais-genou": "Gonarthrose : deux séances à dix jours d’intervalle (Farpour 2020) contre quatre séances hebdomadaires (Tseveendorj 2023), sur 60 jours.",
    "lombalgie": "Lombalgie : cinq séances en treize jours (Costantino 2011) contre quatre séances hebdomadaires (Di Cesare 2011), sur 60 jours.",
    "pratiques-f61": "Trois calendriers décrits en ligne, sans standard commun : douleur aiguë, variante 3 + 1 et moyenne italienne, sur 60 jours.",
    "esthetique": "Esthétique : Amin 2006 (mensuel), Savoia 2013 (tous les 15 jours) et Park 2008 (hebdomadaire pendant 12 semaines), sur 120 jours.",
}
_SCENARIOS = {
    "essais-genou": (["farpour2020", "tseveendorj2023"], 60),
    "lombalgie": (["costantino2011", "dicesare2011"], 60),
    "pratiques-f61": (["f61-aigu", "f61-variante", "italie-hebdo"], 60),
    "esthetique": (["amin2006", "savoia2013", "park2008"], 120),
}


class ProtocolPlanner(View):
    def __init__(self, selected: tuple[str, ...] = ("farpour2020", "tseveendorj2023"), period: str = "60",
                 volume: str = ""):
        options = [(p.label, p.id) for p in protocols().values()]
        self.protocols = widgets.SelectMultiple(options=options, value=tuple(selected), rows=min(8, len(options)),
                                                description="Calendriers à comparer", style=STYLE)
        self.period = text_field("Période étudiée (jours)", period)
        self.volume = text_field("Volume par séance (mL, facultatif)", volume, placeholder="celui de la source")
        super().__init__([self.protocols, self.period, self.volume])
        self.update()

    def compute(self):
        ids = list(self.protocols.value)
        if not ids:
            raise InputError("Choisissez au moins un calendrier dans la liste.")
        period = read_number(self.period, minimum=0, strict_min=True, maximum=3650, name="la période")
        volume = read_optional(self.volume, minimum=0, name="le volume")
        fig = protocols_figure(ids, period, volume)
        lines, alts, notes = [], [], []
        for pid in ids:
            p = protocol(pid)
            cum = cumulative(p, period, volume)
            n = cum.counts[-1]
            vol = "volume non documenté" if cum.volumes is None else f"volume cumulé {fr(cum.volumes[-1], 2, 'mL')}"
            days = ", ".join(fr(d, 2) for d in sessions(p, period))
            cite = " ; ".join(short_citation(k) for k in p.sources)
            lines.append(f"<li><strong>{html.escape(p.label)}</strong> : {n} séance(s) en {fr(period, 0)} jours "
                         f"(jours {days}) ; {vol}. Source : {html.escape(cite)} (fiabilité {p.reliability}).</li>")
            alts.append(f"{p.label} : {n} séances")
            if p.note:
                notes.append(f"<li>{html.escape(p.label)} : {html.escape(p.note)}</li>")
        alt = f"Frise des séances et courbes cumulées sur {fr(period, 0)} jours. " + " ; ".join(alts) + "."
        caption = (f"<ul>{''.join(notes)}</ul><p>Aucun calendrier standard n’existe : ces frises montrent ce que "
                   "chaque source décrit, sans recommandation.</p>")
        return fig, alt, f"<ul>{''.join(lines)}</ul>", caption


def protocol_planner(**kwargs) -> ProtocolPlanner:
    """The live widget. Keyword arguments: selected (protocol ids), period (str), volume (str)."""
    return ProtocolPlanner(**kwargs)


def protocol_scenario(name: str) -> Figure:
    ids, period = scenario(name, _SCENARIOS)
    return protocols_figure(ids, period)
