"""« Modèle de diffusion (illustratif) »: an intradermal depot beside an IM or IV bolus of the same dose.

Text fields for the dose, the simulated time and the rate constants; a dropdown for the comparator.
The figure is redrawn in place; beside it the widget prints the summary figures, the model's
assumptions and its parameters, under the notice that this is a teaching model.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import HTML
from matplotlib.figure import Figure

from mesocours.models.diffusion import (
    DOSE,
    HOURS,
    Parameters,
    Simulation,
    parameters,
    simulate,
)
from mesocours.numbers import NBSP, fr
from mesocours.plots.diffusion import DiffusionView, diffusion_figure
from mesocours.widgets.common import STYLE, View, read_number, scenario, text_field

_DEFAULT = Parameters()

#: Named static scenarios shown in the book: (dose mg, comparator, hours, parameters).
DIFFUSION_SCENARIOS = {
    "id-contre-iv": "Dépôt intradermique contre bolus intraveineux de la même dose, paramètres par défaut.",
    "id-contre-im": "Dépôt intradermique contre injection intramusculaire de la même dose, paramètres par défaut.",
    "grosse-molecule": "Molécule plus grosse : dépôt qui se vide lentement (drainage surtout lymphatique), contre IV.",
}
_SCENARIOS = {
    "id-contre-iv": (100, "iv", 24, _DEFAULT),
    "id-contre-im": (100, "im", 24, _DEFAULT),
    "grosse-molecule": (100, "iv", 48, Parameters(k_dl=0.15, k_dp=0.1)),
}

#: Labels of the rate fields, in the order of :data:`mesocours.models.diffusion.FIELDS`.
_FIELD_LABELS = {
    "k_dl": "Dépôt → tissu local (/h)",
    "k_dp": "Dépôt → circulation (/h)",
    "k_lp": "Tissu local → plasma (/h)",
    "k_pl": "Plasma → tissu local (/h)",
    "k_im": "Dépôt IM → plasma (/h)",
    "k_e": "Élimination (/h)",
}


def summary_html(sim: Simulation, caption: bool = True) -> str:
    """The summary figures of both routes, as an accessible table.

    ``caption=False`` (inside the live widget) names the table with ``aria-label`` and prints the
    title as a paragraph: a ``<caption>`` in a widget area loses its contrast in the dark theme.
    """
    head = ("<tr><th scope='col'>Voie</th><th scope='col'>Pic plasmatique</th><th scope='col'>Délai du pic</th>"
            "<th scope='col'>Pic local</th><th scope='col'>Part locale de l’ASC</th>"
            "<th scope='col'>Passé par le plasma à la fin</th></tr>")
    rows = []
    for route, s in sim.summaries.items():
        rows.append(f"<tr><th scope='row'>{html.escape(s.label)}</th><td>{fr(s.peak_plasma_mg, 1)}{NBSP}mg</td>"
                    f"<td>{fr(s.t_peak_plasma_h, 1)}{NBSP}h</td><td>{fr(s.peak_local_mg, 1)}{NBSP}mg</td>"
                    f"<td>{fr(100 * s.local_share, 0)}{NBSP}%</td>"
                    f"<td>{fr(100 * s.passed_plasma_fraction, 0)}{NBSP}% de la dose</td></tr>")
    title = (f"Résumé sur {fr(sim.hours, 0)}{NBSP}h pour {fr(sim.dose_mg, 1)}{NBSP}mg "
               "(quantités du modèle, pas des concentrations mesurées)")
    body = f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"
    if caption:
        return f'<div style="overflow-x:auto"><table class="table"><caption>{html.escape(title)}</caption>' + body
    return (f"<p>{html.escape(title)}</p>"
            f'<div style="overflow-x:auto"><table class="table" aria-label="{html.escape(title, quote=True)}">' + body)


def assumptions_html(sim: Simulation) -> str:
    """The notice, the assumptions and the parameters of the model, printed beside the figure."""
    items = "".join(f"<li>{html.escape(a)}</li>" for a in sim.assumptions)
    params = "".join(f"<li>{html.escape(label)}{NBSP}: {fr(value, 3)}{NBSP}{unit}</li>"
                     for label, value, unit in sim.parameters.rows())
    return (f"<p><strong>{html.escape(sim.notice)}</strong></p>"
            f"<p>Hypothèses du modèle{NBSP}:</p><ul>{items}</ul>"
            f"<p>Paramètres (constantes de vitesse du premier ordre, choisies pour la lisibilité)"
            f"{NBSP}:</p><ul>{params}</ul>")


def _alt(sim: Simulation) -> str:
    parts = []
    for s in sim.summaries.values():
        parts.append(f"{s.label} : pic plasmatique {fr(s.peak_plasma_mg, 1)} mg à {fr(s.t_peak_plasma_h, 1)} h, "
                     f"pic local {fr(s.peak_local_mg, 1)} mg")
    return ("Deux graphiques superposés, quantité dans le tissu local puis dans le plasma en fonction du temps, "
            f"sur {fr(sim.hours, 0)} heures. " + " ; ".join(parts) + ".")


class DiffusionModel(View):
    """The live widget: controls -> simulate -> figure, summary, assumptions."""

    BENCH = (("dose", ["100", "50", "200", "20", "150"]),
             ("comparator", ["iv", "im"]),
             ("k_dp", ["1", "0,2", "2", "0,5"]),
             ("hours", ["24", "12", "48", "36"]))

    def __init__(self, dose: str = "100", comparator: str = "iv", hours: str = "24"):
        self.dose = text_field("Dose injectée (mg)", dose)
        self.comparator = widgets.Dropdown(options=[("Intraveineuse (IV)", "iv"), ("Intramusculaire (IM)", "im")],
                                           value=comparator, description="Comparer le dépôt intradermique à",
                                           style=STYLE)
        self.hours = text_field("Durée simulée (h)", hours)
        self.rates = {name: text_field(label, fr(getattr(_DEFAULT, name), 3)) for name, label in _FIELD_LABELS.items()}
        for name, control in self.rates.items():
            setattr(self, name, control)
        rates_box = widgets.VBox(list(self.rates.values()))
        super().__init__([self.dose, self.comparator, self.hours, rates_box])
        self.view = DiffusionView()
        self.update()

    def compute(self):
        dose = read_number(self.dose, DOSE)
        hours = read_number(self.hours, HOURS)
        params = parameters(**{name: c.value for name, c in self.rates.items()})
        sim = simulate(dose, self.comparator.value, hours, params)
        png = self.view.png(sim)
        return png, _alt(sim), summary_html(sim, caption=False), assumptions_html(sim)


def diffusion_model(**kwargs) -> DiffusionModel:
    """The live widget. Keyword arguments: dose, comparator (« iv » or « im »), hours (text)."""
    return DiffusionModel(**kwargs)


def diffusion_scenario(name: str) -> Figure:
    """The figure of a named scenario (static, for the book)."""
    dose, comparator, hours, params = scenario(name, _SCENARIOS)
    return diffusion_figure(simulate(dose, comparator, hours, params))


def diffusion_scenario_summary(name: str) -> HTML:
    """The summary table of a named scenario (static HTML, for the book)."""
    dose, comparator, hours, params = scenario(name, _SCENARIOS)
    return HTML(summary_html(simulate(dose, comparator, hours, params)))


def diffusion_assumptions() -> HTML:
    """The model's notice, assumptions and default parameters (static HTML, for the book)."""
    return HTML(assumptions_html(simulate(100, "iv", 24)))
