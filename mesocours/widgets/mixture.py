"""Mixture calculator: products and volumes -> final concentrations, doses, share of the label maximum, warnings.

It shows facts (label data, arithmetic) and rules (with their kind and sources); it never says a mixture
is safe, and the absence of a warning is said to mean nothing more than « no rule of the data applies ».
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
from IPython.display import HTML  # a stable plain-text repr in the stored outputs
from matplotlib.figure import Figure

from mesocours.models.depth import short_citation as _short_citation
from mesocours.models.mixture import KIND_LABELS, POINTS, SESSIONS, VOLUME_PER_POINT, MixtureResult, choices, mix
from mesocours.numbers import NBSP, InputError, accord, fr
from mesocours.plots.mixture import MixtureView, mixture_figure
from mesocours.widgets.common import STYLE, View, scenario, text_field

#: named scenarios shown statically in the book: (choice keys, volumes, volume per point, points, sessions)
MIXTURE_SCENARIOS = {
    "procaine-ketoprofene": (["procaine#1", "ketoprofene#0"], "2 ; 2", "0,1", "20", "4"),
    "quatre-produits": (["lidocaine#1", "ketoprofene#0", "thiocolchicoside#0", "corticoides"], "2 ; 2 ; 2 ; 1",
                        "0,1", "30", "5"),
    "deux-anesthesiques": (["procaine#1", "lidocaine#1"], "5 ; 5", "0,2", "40", "3"),
    "lipolyse": (["phosphatidylcholine", "deoxycholate"], "5 ; 5", "0,2", "50", "4"),
}
SCENARIO_TEXT = {
    "procaine-ketoprofene": "Procaïne à 2 % et kétoprofène, 2 mL de chacun ; 20 points de 0,1 mL, 4 séances.",
    "quatre-produits": "Lidocaïne, kétoprofène, thiocolchicoside et un corticoïde ; 30 points de 0,1 mL, 5 séances.",
    "deux-anesthesiques": "Procaïne et lidocaïne, 5 mL de chacune ; 40 points de 0,2 mL, 3 séances.",
    "lipolyse": "Phosphatidylcholine et déoxycholate, 5 mL de chacun ; 50 points, 4 séances.",
}

CONVENTIONS = ("Conventions du calcul : les volumes prélevés s’additionnent (volume final = leur somme) ; "
               "concentration finale = concentration de la présentation × volume prélevé ÷ volume final ; "
               f"1{NBSP}% = 10{NBSP}mg/mL ; dose par séance = dose par point × nombre de points ; dose du protocole = "
               "dose par séance × nombre de séances (même mélange à chaque séance). Un maximum du RCP n’est comparé "
               "qu’à la dose d’une séance, et seulement s’il est donné en mg par acte, par jour ou par 12 heures ; il "
               "vaut pour la voie du RCP, jamais pour la voie intradermique, qu’aucun RCP de ces produits ne chiffre. "
               "Aucun RCP ne donne de maximum sur un protocole. Ce calcul n’est pas une recommandation, et l’absence "
               "d’alerte veut seulement dire qu’aucune règle des données du cours ne s’applique.")


@lru_cache(maxsize=512)
def short_citation(key: str) -> str:
    return _short_citation(key)


def _conditions(m) -> str:
    """The label maximum's conditions as the data word them (e.g. that a label does not call it a maximum)."""
    cond = m.maximum.conditions
    return f" <small>({html.escape(cond)})</small>" if cond else ""


def _amount(x, unit) -> str:
    return "non renseignée" if x is None else fr(x, 3, unit)


def _table(title: str, caption: bool) -> str:
    """Opening of a results table: a caption in the book's cell outputs, a bold line in the live widget.

    In the dark theme the widget area keeps the theme's muted caption colour on its own background (axe:
    colour contrast), while its ordinary text passes; the live widget therefore titles its tables in text.
    """
    if caption:
        return f'<div style="overflow-x:auto"><table class="table"><caption>{title}</caption>'
    return f'<p><strong>{title}</strong></p><div style="overflow-x:auto"><table class="table">'


def components_html(result: MixtureResult, caption: bool = True) -> str:
    rows = []
    for c in result.components:
        u = c.unit
        conc = ("non renseignée" if c.final is None else
                f"{fr(c.final, 3)}{NBSP}{u}/mL" + (f" ({fr(c.final_percent, 3)}{NBSP}%)" if c.final_percent is not None else ""))
        stock = "non renseignée" if c.stock is None else f"{fr(c.stock, 3)}{NBSP}{u}/mL"
        maxima = "<br>".join(
            f"{html.escape(m.what)}{_conditions(m)}{NBSP}: " + (f"<strong>{fr(m.share * 100, 1)}{NBSP}%</strong> de ce maximum"
                                                if m.compared else f"non comparé ({html.escape(m.why_not)})")
            for m in c.comparisons) or "aucun maximum dans les données"
        rows.append(f"<tr><th scope=\"row\">{html.escape(c.choice.label)}</th><td>{fr(c.volume_ml, 3)}{NBSP}mL</td>"
                    f"<td>{stock}</td><td>{conc}</td><td>{_amount(c.per_point, u)}</td><td>{_amount(c.per_session, u)}</td>"
                    f"<td>{_amount(c.per_protocol, u)}</td><td>{maxima}</td></tr>")
    extra = ""
    if result.syringes_needed:
        extra = (f"<p>Le volume injecté par séance ({fr(result.injected_per_session_ml, 3)}{NBSP}mL) dépasse le volume "
                 f"préparé ({fr(result.total_volume_ml, 3)}{NBSP}mL){NBSP}: il faudrait plusieurs préparations.</p>")
    title = (f"Concentrations finales et doses (volume final {fr(result.total_volume_ml, 3)}{NBSP}mL, "
             f"{fr(result.points, 0)} points de {fr(result.volume_per_point_ml, 3)}{NBSP}mL, "
             f"{fr(result.sessions, 0)} {accord(result.sessions, 'séance', digits=0)})")
    return (_table(title, caption) +
            "<thead><tr><th scope=\"col\">Produit</th><th scope=\"col\">Volume prélevé</th>"
            "<th scope=\"col\">Concentration de la présentation</th><th scope=\"col\">Concentration finale</th>"
            "<th scope=\"col\">Par point</th><th scope=\"col\">Par séance</th><th scope=\"col\">Sur le protocole</th>"
            "<th scope=\"col\">Maximum du RCP (ce dont il est le maximum)</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></div>" + extra)


def warnings_html(result: MixtureResult, caption: bool = True) -> str:
    if not result.warnings:
        return "<p>Aucune règle des données du cours ne s’applique à ce mélange (ce n’est pas une preuve d’innocuité).</p>"
    rows = []
    for w in result.warnings:
        who = html.escape(", ".join(w.products)) if w.products else "le mélange"
        cites = html.escape(" ; ".join(short_citation(k) for k in w.sources))
        rows.append(f"<tr><th scope=\"row\">{html.escape(w.rule.title)}</th><td>{who}</td>"
                    f"<td>{KIND_LABELS[w.rule.kind]}</td><td>{html.escape(w.rule.text)}</td><td>{cites}</td></tr>")
    return (_table("Règles et faits qui s’appliquent à ce mélange", caption)
            + "<thead><tr><th scope=\"col\">Alerte</th><th scope=\"col\">Concerne</th>"
            "<th scope=\"col\">Nature</th><th scope=\"col\">Ce que dit la source</th><th scope=\"col\">Sources</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def _alt(result: MixtureResult) -> str:
    parts = []
    for c in result.components:
        shown = [f"{fr(m.share * 100, 1)} % du {m.what}" for m in c.comparisons if m.compared]
        parts.append(f"{c.name} : " + (", ".join(shown) if shown else "aucun maximum comparable"))
    return "Part du maximum du RCP atteinte par la dose d’une séance, produit par produit. " + " ; ".join(parts) + "."


class MixtureCalculator(View):
    BENCH = (("volume_per_point", ["0,1", "0,05", "0,2", "0,15", "0,3", "0,08"]),
             ("points", ["20", "30", "10", "45", "25", "60"]),
             ("volumes", ["2 ; 2", "1 ; 3", "3 ; 1", "2 ; 4", "0,5 ; 2"]))

    def __init__(self, selected: tuple[str, ...] = ("procaine#1", "ketoprofene#0"), volumes: str = "2 ; 2",
                 volume_per_point: str = "0,1", points: str = "20", sessions: str = "4"):
        table = choices()
        self.order = list(table)
        self.products = widgets.SelectMultiple(options=[(c.label, k) for k, c in table.items()], value=tuple(selected),
                                               rows=min(10, len(table)), description="Produits du mélange", style=STYLE,
                                               layout=widgets.Layout(width="auto"))
        self.volumes = text_field("Volumes prélevés (mL, un par produit dans l’ordre de la liste, séparés par « ; »)",
                                  volumes)
        self.volume_per_point = text_field("Volume par point (mL)", volume_per_point)
        self.points = text_field("Nombre de points par séance", points)
        self.sessions = text_field("Nombre de séances du protocole", sessions)
        super().__init__([self.products, self.volumes, self.volume_per_point, self.points, self.sessions])
        self.update()

    def view(self, keys: list[str]) -> MixtureView:
        return self.cached_view(tuple(keys), lambda: MixtureView(keys))

    def compute(self):
        keys = sorted(self.products.value, key=self.order.index)  # the order the list shows
        if not keys:
            raise InputError("Choisissez au moins un produit dans la liste.")
        result = mix(keys, self.volumes.value, self.volume_per_point.value, self.points.value, self.sessions.value)
        png = self.view(keys).png(result)
        shown = components_html(result, caption=False) + warnings_html(result, caption=False)
        return png, _alt(result), shown, f"<p>{html.escape(CONVENTIONS)}</p>"


def mixture_calculator(**kwargs) -> MixtureCalculator:
    """The live widget. Keyword arguments: selected (choice keys), volumes, volume_per_point, points, sessions."""
    return MixtureCalculator(**kwargs)


def scenario_result(name: str) -> MixtureResult:
    keys, volumes, vpp, points, sessions = scenario(name, MIXTURE_SCENARIOS)
    return mix(keys, volumes, vpp, points, sessions)


def mixture_scenario(name: str) -> Figure:
    """The figure of a named scenario (static in the book)."""
    return mixture_figure(scenario_result(name))


def mixture_scenario_tables(name: str) -> HTML:
    """The concentrations, doses and warnings of a named scenario, as the live widget shows them."""
    result = scenario_result(name)
    return HTML(f"<p>{html.escape(SCENARIO_TEXT[name])}</p>" + components_html(result) + warnings_html(result)
                 + f"<p>{html.escape(CONVENTIONS)}</p>")


# keep the Field objects importable next to the widget (their messages are the widget's messages)
__all__ = [
    "MIXTURE_SCENARIOS",
    "POINTS",
    "SESSIONS",
    "VOLUME_PER_POINT",
    "MixtureCalculator",
    "mixture_calculator",
    "mixture_scenario",
    "mixture_scenario_tables",
]
