"""« Parcours par indication »: choose an indication -> its red flags, first-line care, what teaching sources
describe (with the products' status and warnings) and its studies. A thin view over
:mod:`mesocours.models.pathway` and the book's own renderer (:func:`mesocours.sphinxext.render.render_parcours`):
the widget shows the tables the book prints, word for word, and adds no fact.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from mesocours.models.pathway import indication_choices, pathway
from mesocours.numbers import NBSP
from mesocours.plots.pathway import pathway_alt, pathway_figure
from mesocours.plots.style import to_png
from mesocours.widgets.common import STYLE, View

READING = (f"Lecture{NBSP}: les signes d’alerte d’abord (ils changent la conduite), puis la prise en charge de "
           "première intention selon la recommandation citée, puis ce que décrivent les sources d’enseignement de la "
           "mésothérapie (des affirmations à examiner, avec le statut de chaque produit), enfin les études. "
           "Barre pleine = avec procédure fictive, hachurée = sans, pointillée = sans objet ou non précisée ; "
           "couleur et texte = risque de biais.").replace(" ;", f"{NBSP};")


@lru_cache(maxsize=64)
def pathway_png(indication_id: str) -> bytes:
    """The studies figure of one indication, drawn once per process (the data does not change while it runs)."""
    return to_png(pathway_figure(pathway(indication_id)))


@lru_cache(maxsize=64)
def pathway_html(indication_id: str) -> str:
    """The pathway tables of one indication, as the book prints them (``{tableau-parcours}``), in HTML."""
    from mesocours.lab import tableau

    return tableau("tableau-parcours", indication_id).html


class CarePathway(View):
    BENCH = (("indication", ["lombalgie", "arthrose", "alopecie"]),)

    def __init__(self, indication: str = ""):
        choices = indication_choices()
        ids = [i for _label, i in choices]
        self.indication = widgets.Dropdown(options=choices, value=indication if indication in ids else ids[0],
                                           description="Indication", style=STYLE)
        super().__init__([self.indication])
        self.update()

    def compute(self):
        iid = self.indication.value
        p = pathway(iid)
        where = (f"<p>Chapitre du cours{NBSP}: «{NBSP}{p.chapter_title}{NBSP}».</p>" if p.chapter_title else
                 "<p>Aucun chapitre du cours n’enseigne encore cette indication.</p>")
        # the tables folded: the chapter prints them below the widget (``{tableau-parcours}``), with linked citations
        tables = (f"<details><summary>Le parcours complet{NBSP}: signes d’alerte, soins de première intention, sources "
                  f"d’enseignement, études et produits</summary>{pathway_html(iid)}</details>")
        return pathway_png(iid), pathway_alt(p), summary(p), where + tables + f"<p><small>{READING}</small></p>"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n <= 1 else many}"  # French: 0 and 1 take the singular


def summary(p) -> str:
    """One sentence for the live region (the tables themselves are not read aloud at each change)."""
    studies = len(p.evidence.points)
    return (f"<p><strong>{html.escape(p.label)}</strong>{NBSP}: {_count(len(p.red_flags), 'signe d’alerte', 'signes d’alerte')}, "
            f"{_count(len(p.first_line), 'soin de première intention', 'soins de première intention')}, "
            f"{_count(len(p.described), 'mélange décrit', 'mélanges décrits')} par les sources d’enseignement, "
            f"{_count(studies, 'étude', 'études')} qui {'testent' if studies > 1 else 'teste'} la mésothérapie.</p>")


def parcours(**kwargs) -> CarePathway:
    """The live widget. Keyword argument: indication (an id of data/indications.yml)."""
    return CarePathway(**kwargs)


def parcours_scenario(indication_id: str):
    """The studies figure of one indication (static in the book; the tables come from ``{tableau-parcours}``)."""
    return pathway_figure(pathway(indication_id))


__all__ = ["CarePathway", "parcours", "parcours_scenario", "summary"]
