"""Protocol planner: schedules from data as timelines, cumulative sessions and volume over a period."""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from mesocours.models.depth import short_citation
from mesocours.models.protocols import PERIOD, VOLUME_PER_SESSION, cumulative, protocol, protocols, sessions
from mesocours.numbers import NBSP, InputError, fr
from mesocours.plots.protocols import ProtocolsView, protocols_figure
from mesocours.widgets.common import STYLE, View, read_number, read_optional, scenario, text_field

PROTOCOL_SCENARIOS = {
    "essais-genou": "Gonarthrose : deux séances à dix jours d’intervalle (Farpour 2020) contre quatre séances hebdomadaires (Tseveendorj 2023), sur 60 jours.",
    "lombalgie": "Lombalgie : cinq séances en treize jours (Costantino 2011) contre quatre séances hebdomadaires (Di Cesare 2011), sur 60 jours.",
    "pratiques-f61": "Trois calendriers décrits en ligne, sans standard commun : douleur aiguë, variante 3 + 1 et moyenne italienne, sur 60 jours.",
    "esthetique": "Esthétique : Amin 2006 (mensuel), Savoia 2013 (tous les 15 jours) et Park 2008 (hebdomadaire pendant 12 semaines), sur 120 jours.",
}
_SCENARIOS = {
    "essais-genou": (["farpour2020", "tseveendorj2023"], 60),
    "lombalgie": (["costantino2011", "dicesare2011"], 60),
    "pratiques-f61": (["f61-aigu", "f61-variante", "italie-hebdo"], 60),
    "esthetique": (["amin2006", "savoia2013", "park2008"], 120),
}


def _sessions(n: int) -> str:
    return f"{n} séance" if n < 2 else f"{n} séances"


class ProtocolPlanner(View):
    BENCH = (("period", ["60", "30", "45", "90", "21", "120", "14", "75", "180", "50"]),
             ("volume", ["2", "", "1,5", "3", "0,5"]),
             ("protocols", [tuple(ids) for ids, _ in _SCENARIOS.values()] + [("farpour2020", "tseveendorj2023")]))

    def __init__(self, selected: tuple[str, ...] = ("farpour2020", "tseveendorj2023"), period: str = "60",
                 volume: str = ""):
        options = [(p.label, p.id) for p in protocols().values()]
        self.protocols = widgets.SelectMultiple(options=options, value=tuple(selected), rows=min(8, len(options)),
                                                description="Calendriers à comparer", style=STYLE)
        self.period = text_field("Période étudiée (jours)", period)
        self.volume = text_field("Volume par séance (mL, facultatif)", volume, placeholder="celui de la source")
        super().__init__([self.protocols, self.period, self.volume])
        self.update()

    def view(self, ids: list[str]) -> ProtocolsView:
        """The figure of this selection, kept for the last few selections (built once each)."""
        return self.cached_view(tuple(ids), lambda: ProtocolsView(ids))

    def compute(self):
        ids = list(self.protocols.value)
        if not ids:
            raise InputError("Choisissez au moins un calendrier dans la liste.")
        period = read_number(self.period, PERIOD)
        volume = read_optional(self.volume, VOLUME_PER_SESSION)
        for pid in ids:
            protocol(pid)
        png = self.view(ids).png(period, volume)
        lines, alts, notes = [], [], []
        for pid in ids:
            p = protocol(pid)
            cum = cumulative(p, period, volume)
            n = cum.counts[-1]
            vol = "volume non documenté" if cum.volumes is None else f"volume cumulé {fr(cum.volumes[-1], 2, 'mL')}"
            in_period = sessions(p, period)
            days = ("aucune séance dans la période" if not in_period else
                    ("jour " if len(in_period) == 1 else "jours ") + ", ".join(fr(d, 2) for d in in_period))
            cite = " ; ".join(short_citation(k) for k in p.sources)
            lines.append(f"<li><strong>{html.escape(p.label)}</strong> : {_sessions(n)} en {fr(period, 0)}{NBSP}jours "
                         f"({days}) ; {vol}. Source : {html.escape(cite)} (fiabilité {p.reliability}).</li>")
            alts.append(f"{p.label} : {_sessions(n)}")
            if p.note:
                notes.append(f"<li>{html.escape(p.label)} : {html.escape(p.note)}</li>")
        alt = f"Frise des séances et courbes cumulées sur {fr(period, 0)} jours. " + " ; ".join(alts) + "."
        caption = (f"<ul>{''.join(notes)}</ul><p>Aucun calendrier standard n’existe : ces frises montrent ce que "
                   "chaque source décrit, sans recommandation.</p>")
        return png, alt, f"<ul>{''.join(lines)}</ul>", caption


def protocol_planner(**kwargs) -> ProtocolPlanner:
    """The live widget. Keyword arguments: selected (protocol ids), period (str), volume (str)."""
    return ProtocolPlanner(**kwargs)


def protocol_scenario(name: str) -> Figure:
    ids, period = scenario(name, _SCENARIOS)
    return protocols_figure(ids, period)
