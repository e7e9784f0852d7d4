"""Arithmétique du risque infectieux (illustrative): a per-injection probability, injections per session and
sessions -> the chance that at least one injection is contaminated, over a session and over the protocol.

A thin view over :mod:`mesocours.models.infection`; the session sizes it marks come from data/session_sizes.yml.
The probability is the learner's assumption: no source measures it (the widget says so under the figure).
"""

from __future__ import annotations

import html

from mesocours.models.depth import short_citation
from mesocours.models.infection import RiskResult, risk, session_sizes
from mesocours.numbers import NBSP
from mesocours.plots.infection import RiskView, percent, risk_figure
from mesocours.widgets.common import View, scenario, text_field

#: named scenarios shown statically in the book: (probability in %, injections per session, sessions)
RISK_SCENARIOS = {
    "visage-4-seances": ("0,01", "250", "4"),
    "genou-6-points": ("0,01", "6", "4"),
}
FRAME = (f"Illustration, pas une estimation{NBSP}: aucune source ne mesure la probabilité qu’une injection de "
         f"mésothérapie soit contaminée. La formule suppose des injections indépendantes{NBSP}; un flacon ou un "
         "appareil contaminé expose toute une séance à la fois, ce qu’elle ne décrit pas.")


def caption_html() -> str:
    items = "".join(f"<li><small>{html.escape(s.label)}{NBSP}: {s.injections.min:g} à {s.injections.max:g} injections par "
                    f"séance. {html.escape(s.note)} ({html.escape(short_citation(s.sources[0]))})</small></li>"
                    for s in session_sizes())
    return (f"<p><small>{html.escape(FRAME)}</small></p><p><small>Tailles de séance publiées (bandes grises)"
            f"{NBSP}:</small></p><ul>{items}</ul>")


def result_html(r: RiskResult) -> str:
    text = (f"Avec une probabilité supposée de {percent(r.p)} par injection, une séance de {r.injections} injections "
            f"expose à au moins une injection contaminée avec une probabilité de {percent(r.per_session)}")
    if r.sessions > 1:
        text += f"{NBSP}; {r.sessions} séances ({r.total} injections), {percent(r.per_protocol)}"
    return f"<p>{html.escape(text)}.</p>"


def alt_text(r: RiskResult) -> str:
    return ("Courbe de la probabilité d’au moins une injection contaminée selon le nombre d’injections, pour une "
            f"probabilité supposée de {percent(r.p)} par injection{NBSP}: {percent(r.per_session)} pour une séance de "
            f"{r.injections} injections" + (f", {percent(r.per_protocol)} pour {r.total} injections en {r.sessions} "
                                              "séances" if r.sessions > 1 else "") + ".")


class InfectionRisk(View):
    BENCH = (("injections", ["6", "50", "250", "1000"]), ("probability", ["0,01", "0,1", "1"]))

    def __init__(self, probability: str = "0,01", injections: str = "250", sessions: str = "4"):
        self.probability = text_field("Probabilité supposée par injection (%)", probability, "par exemple 0,01")
        self.injections = text_field("Injections par séance", injections, "par exemple 250")
        self.sessions = text_field("Nombre de séances", sessions, "par exemple 4")
        self._view = RiskView()
        super().__init__([self.probability, self.injections, self.sessions])
        self.update()

    def compute(self):
        r = risk(self.probability.value, self.injections.value, self.sessions.value)
        return self._view.png(r), alt_text(r), result_html(r), caption_html()


def risque_infectieux(**kwargs) -> InfectionRisk:
    """The live widget. Keyword arguments: probability (%), injections, sessions (as typed)."""
    return InfectionRisk(**kwargs)


def risk_scenario(name: str):
    """The figure of a named scenario (static in the book)."""
    return risk_figure(risk(*scenario(name, RISK_SCENARIOS)))


__all__ = ["RISK_SCENARIOS", "InfectionRisk", "risk_scenario", "risque_infectieux"]
