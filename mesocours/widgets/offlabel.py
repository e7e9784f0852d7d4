"""Check-list hors AMM: products of a planned mixture, an indication and a route -> regime, reasons, duties.

A thin view over :mod:`mesocours.models.offlabel`: every sentence of fact it prints comes from data/ (products,
readings of a label, duties, legal texts with their status and sources); the words of this module only frame
them. It teaches a framework with its sources: it is no legal advice and never says a use is lawful.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
from IPython.display import HTML  # a stable plain-text repr in the stored outputs

from mesocours.models.depth import short_citation as _short_citation
from mesocours.models.offlabel import (
    DEFAULT_INDICATION_NOTE,
    REGIME_LABELS,
    VERDICT_LABELS,
    Checklist,
    cached_checklist,
    checklist,
    choices,
    default_route,
)
from mesocours.numbers import NBSP, InputError, fr_date
from mesocours.plots.offlabel import OfflabelView, offlabel_figure
from mesocours.widgets.common import STYLE, View, scenario

#: named scenarios shown statically in the book: (product ids, indication id, route id)
OFFLABEL_SCENARIOS = {
    "procaine-piroxicam-tendinopathie": (["procaine", "piroxicam"], "tendinopathie", "intradermique"),
    "acide-hyaluronique-mesolift": (["acide_hyaluronique"], "vieillissement_cutane", "intradermique"),
    "phosphatidylcholine-graisse": (["phosphatidylcholine", "deoxycholate"], "graisse_localisee", "intradermique"),
}
SCENARIO_TEXT = {
    "procaine-piroxicam-tendinopathie": "Procaïne et piroxicam injectable mélangés, par voie intradermique, pour "
                                        "une tendinopathie.",
    "acide-hyaluronique-mesolift": "Acide hyaluronique non réticulé seul, par voie intradermique, pour un mésolift.",
    "phosphatidylcholine-graisse": "Phosphatidylcholine et déoxycholate de sodium, par voie intradermique, pour "
                                   "une graisse localisée.",
}
NATURE_LABELS = {"texte": "exigence du texte", "avis": "avis (sans force obligatoire propre)",
                 "analyse": "analyse des auteurs du cours"}
PRODUCT_STATUS_LABELS = {
    "amm": "AMM", "amm_restreinte": "AMM restreinte", "amm_suspendue": "AMM suspendue",
    "dispositif_medical": "dispositif médical", "sans_amm": "sans AMM", "interdit": "interdit",
    "non_verifie": "non vérifié",
}
FRAME = ("Cette check-list confronte un usage prévu aux données du cours (RCP lus, textes et leur statut de "
         f"vérification){NBSP}; elle enseigne le cadre et ses sources et ne vaut pas avis juridique. Une indication "
         "n’est tenue pour couverte par l’AMM que si les données du cours le disent.")
PRINT_STYLE = "background:#ffffff;color:#000000;border:1px solid #000000;padding:0.8em 1em;margin-top:0.8em"


@lru_cache(maxsize=512)
def short_citation(key: str) -> str:
    return _short_citation(key)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _cites(keys) -> str:
    return _e(f"{NBSP}; ".join(short_citation(k) for k in dict.fromkeys(keys)))


def _table(title: str, caption: bool) -> str:
    """A caption in the book's outputs, a bold line in the live widget (dark-theme contrast, as the mixture widget)."""
    if caption:
        return f'<div style="overflow-x:auto"><table class="table"><caption>{_e(title)}</caption>'
    return f'<p><strong>{_e(title)}</strong></p><div style="overflow-x:auto"><table class="table">'


def _aspect(a) -> str:
    if a is None:
        return "sans objet"
    cites = f" ({_cites(a.sources)})" if a.from_reading else ""  # the plain rule reads the product: cited in its row
    return f"<strong>{_e(VERDICT_LABELS[a.verdict])}</strong><br><small>{_e(a.note)}{cites}</small>"


def products_html(result: Checklist, caption: bool = True) -> str:
    """One two-column table per product (narrow enough for the book's text column)."""
    out = [f"<p>Usage prévu{NBSP}: {_e(result.indication.label)}, voie {_e(result.route.label.lower())}.</p>"]
    for c in result.products:
        p = c.product
        routes = _e(f"{NBSP}; ".join(p.amm_routes)) or "aucune dans les données"
        inds = _e(f"{NBSP}; ".join(p.amm_indications)) or "aucune dans les données"
        mixture = _aspect(c.mixture) if c.mixture is not None else (
            "produit seul" if c.regime in ("hors_amm", "conforme") else "sans objet")
        rows = [("Statut dans les données", f"{_e(PRODUCT_STATUS_LABELS[p.status])}<br><small>{_e(p.status_note)} "
                                            f"({_cites(p.sources)})</small>"),
                ("Voies de l’AMM", routes), ("Indications de l’AMM", inds),
                ("Voie prévue", _aspect(c.route)), ("Indication prévue", _aspect(c.indication)), ("Mélange", mixture),
                ("Régime", f"<strong>{_e(REGIME_LABELS[c.regime])}</strong>")]
        body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
        out.append(_table(f"{p.name}{NBSP}: l’AMM face à l’usage prévu", caption) + f"<tbody>{body}</tbody></table></div>")
    return "".join(out)


def reasons_html(result: Checklist) -> str:
    labelled = [c for c in result.products if c.reasons]
    if not labelled:
        return ""
    items = "".join(f"<li><strong>{_e(c.product.name)}</strong>{NBSP}: "
                    + ", ".join(_e(_lower_first(result_reason(result, r).label)) for r in c.reasons) + "</li>"
                    for c in labelled)
    defs = "".join(f"<li><strong>{_e(r.label)}</strong>{NBSP}: {_e(r.text)} ({_cites(r.sources)})</li>"
                   for r in result.reasons)
    return f"<p><strong>Raisons du hors AMM</strong></p><ul>{items}</ul><ul>{defs}</ul>"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def result_reason(result: Checklist, rid: str):
    return next(r for r in result.reasons if r.id == rid)


def _text_cell(t) -> str:
    return (f"<strong>{_e(t.reference)}</strong> (date dans les données{NBSP}: {_e(fr_date(t.date))}).<br>"
            f"Statut{NBSP}: {_e(t.status)} ({_cites(t.sources)}).")


def duties_html(result: Checklist, caption: bool = True) -> str:
    """The duties in order, each with what it requires, its nature and its texts (a list: long texts wrap)."""
    items = []
    for line in result.duties:
        d = line.duty
        texts = "".join(f"<li>{_text_cell(t)}</li>" for t in line.texts)
        items.append(f"<li><p><strong>{_e(d.title)}</strong> ({_e(', '.join(line.products))}){NBSP}: {_e(d.text)} "
                     f"({_cites(d.sources)}). <em>Nature{NBSP}: {_e(NATURE_LABELS[d.nature])}.</em></p>"
                     f"<p>Textes{NBSP}:</p><ul>{texts}</ul></li>")
    title = "Ce qui arrête la check-list" if result.stopped else "Obligations, conditions et textes"
    return f"<p><strong>{_e(title)}</strong></p><ol>" + "".join(items) + "</ol>"


def stop_html(result: Checklist) -> str:
    if not result.stopped:
        return ""
    names = ", ".join(c.product.name for c in result.products if c.regime in ("interdit", "amm_suspendue"))
    parts = [f"<p><strong>Check-list arrêtée{NBSP}: {_e(names)}.</strong></p>"]
    for line in result.duties:
        parts.append(f"<p><strong>{_e(line.duty.title)}</strong>{NBSP}: {_e(line.duty.text)} ({_cites(line.duty.sources)}"
                     f"{NBSP}; {_e(NATURE_LABELS[line.duty.nature])})</p><p>Ce que disent les textes{NBSP}:</p><ul>")
        for t in line.texts:
            parts.append(f"<li><strong>{_e(t.reference)}</strong>{NBSP}: {_e(t.rule)} (statut{NBSP}: "
                         f"{_e(t.status)}{NBSP}; {_cites(t.sources)})</li>")
        parts.append("</ul>")
    return ('<div style="border-left:6px solid #000000;padding:4px 10px">' + "".join(parts) + "</div>")


def mention_html(result: Checklist) -> str:
    if result.stopped:
        return ""
    if not result.mentions:
        return ("<p><strong>Mention sur l’ordonnance</strong>" + f"{NBSP}: aucune mention «{NBSP}hors AMM{NBSP}» "
                "ne s’applique à ces produits (aucun n’est une spécialité prescrite hors AMM selon les données du "
                "cours)." + "</p>")
    lines = [x for x in result.duties if x.duty.mention]
    src = _cites(k for x in lines for k in x.duty.sources)
    refs = _e(", ".join(dict.fromkeys(t.reference for x in lines for t in x.texts)))
    return "".join(f'<p><strong>Mention exacte à porter sur l’ordonnance</strong>{NBSP}: «{NBSP}{_e(m)}{NBSP}» '
                   f"({refs}{NBSP}; {src})</p>" for m in result.mentions)


def printable_html(result: Checklist) -> str:
    """A print-friendly block (black on white, plain boxes to tick): what the prescription and the record hold."""
    prods = _e(", ".join(c.product.name for c in result.products))
    head = (f'<div class="mesocours-checklist-imprimable" style="{PRINT_STYLE}">'
            f"<p><strong>Check-list hors AMM — à imprimer</strong></p>"
            f"<p>Produits{NBSP}: {prods}. Indication{NBSP}: {_e(result.indication.label)}. Voie prévue{NBSP}: "
            f"{_e(result.route.label)}.</p><p>Patient{NBSP}: ……………… Date{NBSP}: ……………… Prescripteur{NBSP}: ………………</p>")
    if result.stopped:
        refs = _e(", ".join(dict.fromkeys(t.reference for x in result.duties for t in x.texts)))
        return head + f"<p>☐ Usage non réalisé{NBSP}: produit interdit ou AMM suspendue ({refs}).</p></div>"

    def items(lines, attr):
        out = []
        for x in lines:
            refs = _e(", ".join(t.reference for t in x.texts))
            ours = attr == "record_item" and x.duty.record_item_nature == "analyse"
            basis = f"analyse des auteurs du cours, d’après {refs}" if ours else refs
            out.append(f"<li>☐ {_e(getattr(x.duty, attr))} ({basis})</li>")
        return "".join(out)

    body = ""
    if result.prescription_items:
        body += ('<p><strong>Sur l’ordonnance</strong></p><ul style="list-style:none;padding-left:0.5em">'
                 + items(result.prescription_items, "prescription_item") + "</ul>")
    body += ('<p><strong>Dans le dossier du patient</strong></p><ul style="list-style:none;padding-left:0.5em">'
             + items(result.record_items, "record_item") + "</ul>")
    return (head + body + f"<p><small>Liste tirée des données du cours{NBSP}; les articles cités et leur statut de "
            "vérification sont dans la liste des obligations.</small></p></div>")


def checklist_html(result: Checklist, caption: bool = True) -> str:
    """Everything the widget shows under its figure, in reading order."""
    default_used = any(c.indication is not None and not c.indication.from_reading for c in result.products)
    note = f"<p><small>{_e(DEFAULT_INDICATION_NOTE)}</small></p>" if default_used else ""
    if result.stopped:
        return stop_html(result) + products_html(result, caption) + printable_html(result)
    return (products_html(result, caption) + note + reasons_html(result) + mention_html(result)
            + duties_html(result, caption) + printable_html(result))


def alt_text(result: Checklist) -> str:
    parts = []
    for c in result.products:
        if c.route is None:
            parts.append(f"{c.product.name}{NBSP}: {REGIME_LABELS[c.regime]}")
        else:
            aspects = [f"voie {VERDICT_LABELS[c.route.verdict]}", f"indication {VERDICT_LABELS[c.indication.verdict]}"]
            if c.mixture is not None:
                aspects.append(f"mélange {VERDICT_LABELS[c.mixture.verdict]}")
            parts.append(f"{c.product.name}{NBSP}: {', '.join(aspects)}, soit {REGIME_LABELS[c.regime]}")
    stop = " La check-list est arrêtée." if result.stopped else ""
    return (f"Tableau de la check-list hors AMM pour {result.indication.label}, voie {result.route.label.lower()}. "
            + f"{NBSP}; ".join(parts) + "." + stop)


class OfflabelChecklist(View):
    BENCH = (("indication", None), ("route", None))

    def __init__(self, selected: tuple[str, ...] = ("procaine", "piroxicam"), indication: str = "tendinopathie",
                 route: str | None = None):
        table = choices()
        self.order = list(table["products"])
        self.products = widgets.SelectMultiple(options=[(v, k) for k, v in table["products"].items()],
                                               value=tuple(selected), rows=min(10, len(self.order)),
                                               description="Produits du mélange prévu", style=STYLE,
                                               layout=widgets.Layout(width="auto"))
        self.indication = widgets.Dropdown(options=[(v, k) for k, v in table["indications"].items()], value=indication,
                                           description="Indication prévue", style=STYLE,
                                           layout=widgets.Layout(width="auto"))
        self.route = widgets.Dropdown(options=[(v, k) for k, v in table["routes"].items()],
                                      value=route or default_route(), description="Voie d’injection prévue",
                                      style=STYLE, layout=widgets.Layout(width="auto"))
        super().__init__([self.products, self.indication, self.route])
        self.update()

    def view(self, names: list[str]) -> OfflabelView:
        return self.cached_view(tuple(names), lambda: OfflabelView(names))

    def compute(self):
        keys = tuple(sorted(self.products.value, key=self.order.index))  # the order the list shows
        if not keys:
            raise InputError("Choisissez au moins un produit dans la liste.")
        result = cached_checklist(keys, self.indication.value, self.route.value)
        png = self.view([c.product.name for c in result.products]).png(result)
        return png, alt_text(result), checklist_html(result, caption=False), f"<p><small>{_e(FRAME)}</small></p>"


def offlabel_checklist(**kwargs) -> OfflabelChecklist:
    """The live widget. Keyword arguments: selected (product ids), indication (id), route (id)."""
    return OfflabelChecklist(**kwargs)


def scenario_result(name: str) -> Checklist:
    products, indication, route = scenario(name, OFFLABEL_SCENARIOS)
    return checklist(products, indication, route)


def offlabel_scenario(name: str):
    """The figure of a named scenario (static in the book)."""
    return offlabel_figure(scenario_result(name))


def offlabel_scenario_tables(name: str) -> HTML:
    """The tables and the printable checklist of a named scenario, as the live widget shows them."""
    result = scenario_result(name)
    return HTML(f"<p>{_e(SCENARIO_TEXT[name])}</p>" + checklist_html(result) + f"<p><small>{_e(FRAME)}</small></p>")


__all__ = ["OFFLABEL_SCENARIOS", "OfflabelChecklist", "offlabel_checklist", "offlabel_scenario",
           "offlabel_scenario_tables"]
