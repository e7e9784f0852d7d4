"""Surface anatomy: body regions and the superficial structures a mesotherapy needle may reach.

``data/structures_at_risk.yml`` holds two lists: ``regions`` (the ten regions of the chapter, each
linked to the skin-thickness sites of ``data/skin_thickness.yml`` that lie in it) and
``structures`` (one record per structure and place, with its landmark, its danger and its depth).
A depth is never guessed: a structure either carries one or more measured depths, each with its
own source, or a ``no_depth_reason`` that says why no depth is given.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .base import Collection, Range, Sourced, Strict

RegionId = Literal["visage", "cuir_chevelu", "cou", "thorax", "rachis", "epaule", "coude", "poignet", "genou",
                   "cheville"]
StructureKind = Literal["artere", "veine", "nerf", "plevre", "canal", "foramen"]
Danger = Literal["injection_intravasculaire", "lesion_nerveuse", "pneumothorax", "hematome", "lesion_canal"]

#: What the two ends of a depth range are, as the source gives them.
DepthBasis = Literal[
    "moyenne_ecart_type",  # mean − 1 SD to mean + 1 SD, both numbers published
    "etendue_observee",  # smallest and largest value measured
    "moyenne_seule",  # a mean only (min == max)
    "moyennes_de_groupes",  # the lowest and highest of several group means (e.g. women, men)
    "mediane",  # a median only (min == max)
    "intervalle_confiance_moyenne",  # the 95 % confidence interval of a mean (not individual values)
]


class BodyRegion(Strict):
    """One region of the chapter, linked to the skin-thickness sites measured inside it."""

    id: RegionId
    label: str  # French, for learners
    skin_sites: list[str] = []  # `site` values of data/skin_thickness.yml
    note: Optional[str] = None


class StructureDepth(Strict):
    """One source's measurement of the distance from the skin surface to a structure."""

    range_mm: Range
    basis: DepthBasis
    method: Literal["echographie", "scanner", "irm", "dissection"]
    population: str
    n: Optional[int] = Field(default=None, gt=0)
    text: str  # the measurement as the source states it, in our French
    source: str  # bib key

    @model_validator(mode="after")
    def _single_value_bases(self) -> "StructureDepth":
        if self.basis in ("moyenne_seule", "mediane") and self.range_mm.min != self.range_mm.max:
            raise ValueError("une moyenne seule ou une médiane se note avec min = max")
        if self.range_mm.min <= 0:
            raise ValueError("une profondeur mesurée est strictement positive")
        return self


class StructureAtRisk(Sourced):
    """A superficial nerve, vessel, duct or the pleura, where it lies and what injuring it costs."""

    id: str
    region: RegionId
    name: str  # French
    kind: StructureKind
    landmark: str  # how to find it on the skin, in our French
    dangers: list[Danger] = Field(min_length=1)
    danger_text: str
    depths: list[StructureDepth] = []
    no_depth_reason: Optional[str] = None  # why no depth is given (none measured, none read...)
    avoid: str  # how the sources suggest to keep away from it, in our French
    note: Optional[str] = None

    @model_validator(mode="after")
    def _depth_or_reason(self) -> "StructureAtRisk":
        if not self.depths and not self.no_depth_reason:
            raise ValueError("une profondeur mesurée (depths) ou la raison de son absence (no_depth_reason) est requise")
        if self.depths and self.no_depth_reason:
            raise ValueError("depths et no_depth_reason s'excluent : une profondeur mesurée n'a pas à être excusée")
        missing = [d.source for d in self.depths if d.source not in self.sources]
        if missing:
            raise ValueError(f"la source d'une profondeur doit figurer dans sources : {missing}")
        return self


COLLECTIONS = [
    Collection("regions", "structures_at_risk.yml", BodyRegion, key="regions"),
    Collection("structures", "structures_at_risk.yml", StructureAtRisk, key="structures"),
]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Regions name measured skin sites; every region has structures and every structure a region."""
    problems: list[str] = []
    skin_sites = {m.site for m in course.skin}
    region_ids = {r.id for r in course.regions}
    for region in course.regions:
        for site in region.skin_sites:
            if skin_sites and site not in skin_sites:
                problems.append(f"structures_at_risk.yml, région « {region.id} » : site de peau inconnu « {site} » "
                                "(absent de skin_thickness.yml)")
    for s in course.structures:
        if region_ids and s.region not in region_ids:
            problems.append(f"structures_at_risk.yml, « {s.id} » : région non décrite « {s.region} »")
    return problems
