"""Dépistage avant séance: a patient's answers, a pregnancy term and a planned mixture -> what applies.

A thin view over :mod:`mesocours.models.screening`: every contraindication, reason and source it prints comes from
data/ (screening.yml, contraindications.yml, products.yml). It never says a session may go ahead.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import HTML  # a stable plain-text repr in the stored outputs

from mesocours.data import course
from mesocours.models.screening import (
    GROUP_LABELS,
    KIND_LABELS,
    NEVER_A_GO,
    NOTHING_FOUND,
    STRENGTH_LABELS,
    Finding,
    Screening,
    cached_screen,
    parse_term,
    questions,
    screen,
)
from mesocours.numbers import NBSP, InputError
from mesocours.plots.screening import GENERAL_ROW, ScreeningView, rows_of, screening_figure
from mesocours.widgets.common import STYLE, View, scenario, text_field
from mesocours.widgets.offlabel import _cites, _e

#: named profiles shown statically in the book: (answers, pregnancy term or None, product ids)
SCREENING_SCENARIOS = {
    # chapter « Contre-indications et dépistage avant séance »
    "grossesse-26-sa": (["grossesse"], 26, ["lidocaine", "ketoprofene"]),
    "anticoagulant-70-ans": (["anticoagulant", "sujet_age_polymedique"], None, ["procaine", "piroxicam"]),
    "cycliste-aspirine": (["sport_competition", "allergie_ains"], None, ["procaine", "piroxicam", "corticoides"]),
    # chapter « Cas cliniques intégrés »
    "cas-gonarthrose-anticoagulant": (["anticoagulant"], None, ["procaine", "thiocolchicoside", "piroxicam"]),
    "cas-sportif": (["sport_competition"], None, ["lidocaine", "corticoides"]),
    "cas-grossesse": (["grossesse"], 26, ["procaine", "ketoprofene", "thiocolchicoside"]),
}
SCENARIO_TEXT = {
    "grossesse-26-sa": f"Patiente enceinte de 26{NBSP}semaines d’aménorrhée, mélange prévu de lidocaïne et de "
                       "kétoprofène.",
    "anticoagulant-70-ans": "Homme de 70 ans sous anticoagulant, qui prend plusieurs médicaments au long cours, mélange "
                            "prévu de procaïne et de piroxicam injectable.",
    "cycliste-aspirine": "Cycliste licenciée, compétition dans dix jours, asthme déclenché par l’aspirine, mélange "
                         "proposé de procaïne, de piroxicam et d’un corticoïde.",
    "cas-gonarthrose-anticoagulant": "Patient du cas 3, sous anticoagulant oral, mélange envisagé de procaïne, de "
                                     "thiocolchicoside et de piroxicam injectables.",
    "cas-sportif": "Coureur du cas 4, en compétition dans dix jours, mélange proposé de lidocaïne et d’un corticoïde.",
    "cas-grossesse": f"Patiente du cas 8, enceinte de 26{NBSP}semaines d’aménorrhée, mélange proposé de procaïne, de "
                     "kétoprofène et de thiocolchicoside.",
}


def _finding_html(f: Finding) -> str:
    ci = f.contraindication
    why = ", ".join(a.label for a in f.answers)
    trigger = f"<br><small>Réponse en cause{NBSP}: {_e(why)}.</small>" if why else (
        "<br><small>S’applique dès que le produit est dans le mélange.</small>")
    check = f"<br><strong>À vérifier{NBSP}: {_e(f.to_check)}.</strong>" if f.to_check else ""
    return (f"<li><p><strong>{_e(KIND_LABELS[ci.kind].capitalize())}</strong> ({_e(STRENGTH_LABELS[ci.strength])})"
            f"{NBSP}: {_e(ci.label)}.{trigger}{check}<br><small>{_e(ci.rationale)} ({_cites(ci.sources)})</small>"
            "</p></li>")


def screening_html(result: Screening) -> str:
    """What applies, product by product, then for the patient and the session, then the frame."""
    out = []
    if result.stopped:
        for p in result.stopped:
            out.append(f'<div style="border-left:6px solid #000000;padding:4px 10px"><p><strong>{_e(p.name)}'
                       f"{NBSP}: {'produit interdit' if p.status == 'interdit' else 'AMM suspendue'}.</strong> "
                       f"{_e(p.status_note)} ({_cites(p.sources)})</p></div>")
    if not result.findings:
        out.append(f"<p>{_e(NOTHING_FOUND)}</p>")
    for p in result.products:
        rows = result.for_product(p.id)
        if rows:
            out.append(f"<p><strong>{_e(p.name)}</strong></p><ul>" + "".join(_finding_html(f) for f in rows) + "</ul>")
    if result.general:
        out.append(f"<p><strong>{_e(GENERAL_ROW)}</strong></p><ul>"
                   + "".join(_finding_html(f) for f in result.general) + "</ul>")
    return "".join(out)


def alt_text(result: Screening) -> str:
    parts = []
    names = rows_of(result)
    for name, pid in zip(names, [p.id for p in result.products] + [None]):
        parts.append(f"{name}{NBSP}: {result.count('absolue', pid)} absolue(s), {result.count('relative', pid)} "
                     f"relative(s), {result.pending(pid)} à vérifier")
    return "Tableau du dépistage avant séance. " + f"{NBSP}; ".join(parts) + "."


def frame_html() -> str:
    return f"<p><small>{_e(NEVER_A_GO)}</small></p>"


class ScreeningChecklist(View):
    BENCH = (("products", None), ("term", ["", "12", "26"]))

    def __init__(self, answers: tuple[str, ...] = ("grossesse",), term: str = "",
                 products: tuple[str, ...] = ("procaine", "piroxicam")):
        options = [(f"{GROUP_LABELS[g]} — {q.label}", q.id) for g, qs in questions().items() for q in qs]
        self.answers = widgets.SelectMultiple(options=options, value=tuple(answers), rows=12,
                                              description="Réponses du patient (Ctrl pour en cocher plusieurs)",
                                              style=STYLE, layout=widgets.Layout(width="auto"))
        self.term = text_field("Terme de la grossesse (SA, vide si inconnu)", term, "par exemple 26")
        prods = [(p.name, p.id) for p in course().products]
        self.order = [pid for _, pid in prods]
        self.products = widgets.SelectMultiple(options=prods, value=tuple(products), rows=min(10, len(prods)),
                                               description="Produits du mélange prévu", style=STYLE,
                                               layout=widgets.Layout(width="auto"))
        super().__init__([self.answers, self.term, self.products])
        self.update()

    def view(self, names: list[str]) -> ScreeningView:
        return self.cached_view(tuple(names), lambda: ScreeningView(names))

    def compute(self):
        pids = tuple(sorted(self.products.value, key=self.order.index))
        if not pids:
            raise InputError("Choisissez au moins un produit du mélange prévu.")
        term = parse_term(self.term.value)
        if term is not None and "grossesse" not in self.answers.value:
            raise InputError("Le terme de la grossesse ne se saisit que si la réponse « Grossesse en cours » est "
                             "cochée.")
        result = cached_screen(frozenset(self.answers.value), pids, term)
        png = self.view(rows_of(result)).png(result)
        return png, alt_text(result), screening_html(result), frame_html()


def depistage(**kwargs) -> ScreeningChecklist:
    """The live widget. Keyword arguments: answers (ids), term (text), products (ids)."""
    return ScreeningChecklist(**kwargs)


def scenario_result(name: str) -> Screening:
    answers, term, products = scenario(name, SCREENING_SCENARIOS)
    return screen(answers, products, term)


def depistage_scenario(name: str):
    """The figure of a named profile (static in the book)."""
    return screening_figure(scenario_result(name))


def depistage_scenario_tables(name: str) -> HTML:
    """What the live widget prints under its figure for a named profile."""
    return HTML(f"<p>{_e(SCENARIO_TEXT[name])}</p>" + screening_html(scenario_result(name)) + frame_html())


__all__ = ["SCREENING_SCENARIOS", "ScreeningChecklist", "depistage", "depistage_scenario", "depistage_scenario_tables"]
