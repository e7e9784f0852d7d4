"""Carte des preuves: indications × studies from data, filterable by domain and design, gaps in words.
A thin view over :mod:`mesocours.models.evidence_map` (no fact of its own)."""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from mesocours.models.evidence_map import DESIGNS, DOMAINS, GAPS, EvidenceMap, evidence_map
from mesocours.numbers import NBSP, accord
from mesocours.plots.evidence_map import evidence_map_figure
from mesocours.plots.style import to_png
from mesocours.widgets.common import View, scenario

#: named scenarios shown statically in the book: (domain, design); "" = all
MAP_SCENARIOS = {
    "toutes": ("", ""),
    "rhumatologie": ("rhumatologie", ""),
    "esthetique": ("esthetique", ""),
    "douleur": ("antalgique", ""),
    "essais-fictifs": ("", "essai_fictif"),
}
READING = (f"Lecture{NBSP}: un point par étude et par indication étudiée (une méta-analyse apparaît sur chaque "
           "indication qu’elle regroupe)  ; taille = effectif, forme = plan, couleur et remplissage = risque de biais "
           "(avec le nom de qui l’a jugé dans le tableau des études), signe = sens du résultat principal. Les rapports "
           "institutionnels et les consensus sont comptés, pas dessinés. Le manque de chaque ligne est calculé sur "
           "toutes les études des données, quel que soit le filtre.").replace("  ;", f"{NBSP};")


def _choice(value: str) -> str | None:
    return value or None


def result_html(m: EvidenceMap) -> str:
    parts = [f"{m.points} {accord(m.points, 'point')} sur {len(m.rows)} "
             f"{accord(len(m.rows), 'indication')}."]
    for key, label in GAPS.items():
        names = m.gaps(key)
        if names:
            parts.append(f"{label[:1].upper() + label[1:]}{NBSP}: {', '.join(names)}.")
    return "".join(f"<p>{html.escape(p)}</p>" for p in parts)


def alt_text(m: EvidenceMap) -> str:
    where = DOMAINS[m.domain] if m.domain else "tous les domaines"
    rows = f"{NBSP}; ".join(f"{r.indication}{NBSP}: {len(r.points)} {accord(len(r.points), 'étude')}"
                     + (f" ({GAPS[r.gap]})" if r.gap else "") for r in m.rows)
    return f"Carte des preuves, {where}, une ligne par indication{NBSP}: {rows}."


@lru_cache(maxsize=len(DOMAINS) * len(DESIGNS) * 2)
def map_png(domain: str, design: str) -> bytes:
    """The PNG of one filter, drawn once per process (the data does not change while a notebook runs)."""
    return to_png(evidence_map_figure(evidence_map(_choice(domain), _choice(design))))


class EvidenceMapView(View):
    BENCH = (("domain", ["", "rhumatologie", "esthetique"]), ("design", ["", "essai_fictif", "serie"]))

    def __init__(self, domain: str = "", design: str = ""):
        self.domain = widgets.Dropdown(options=[("Tous les domaines", ""), *((v, k) for k, v in DOMAINS.items())],
                                       value=domain, description="Domaine")
        self.design = widgets.Dropdown(options=[("Tous les plans", ""), *((v[0], k) for k, v in DESIGNS.items())],
                                       value=design, description="Plan d’étude")
        super().__init__([self.domain, self.design])
        self.update()

    def compute(self):
        key = (self.domain.value, self.design.value)
        m = evidence_map(_choice(key[0]), _choice(key[1]))
        return map_png(*key), alt_text(m), result_html(m), f"<p><small>{html.escape(READING)}</small></p>"


def carte_des_preuves(**kwargs) -> EvidenceMapView:
    """The live widget. Keyword arguments: domain, design (keys; "" = all)."""
    return EvidenceMapView(**kwargs)


def map_scenario(name: str):
    """The figure of a named scenario (static in the book)."""
    domain, design = scenario(name, MAP_SCENARIOS)
    return evidence_map_figure(evidence_map(_choice(domain), _choice(design)))


__all__ = ["MAP_SCENARIOS", "EvidenceMapView", "carte_des_preuves", "map_scenario"]
