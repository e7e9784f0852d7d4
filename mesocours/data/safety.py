"""Safety: complications, outbreaks, contraindications."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .base import Collection, IsoDate, Range, Sourced


class Onset(Sourced):
    """When a complication shows, counted from the injection, as its sources describe it.

    ``hours`` is the delay in hours (``min == max`` for one value reported by one case); ``wording`` says it as the
    source does (« quelques minutes », « 1 à 12 semaines »). ``approximate`` is true when the source gives words
    and not numbers, so that the hours are the course authors' reading of those words (the figure marks it).
    """

    hours: Range
    wording: str
    approximate: bool = False

    @model_validator(mode="after")
    def _not_before_the_injection(self) -> "Onset":
        if self.hours.min < 0:
            raise ValueError("un délai d’apparition ne peut pas précéder l’injection (heures négatives)")
        if self.hours.max <= 0:
            raise ValueError("le délai maximal d’apparition doit être strictement positif")
        return self


class Complication(Sourced):
    id: str
    label: str
    type: Literal["infectieuse", "allergique", "locale", "systemique", "toxique", "cicatricielle", "autre"]
    frequency: str  # "non mesurée" when no source measures it
    mechanism: str
    prevention: str
    onset: Optional[Onset] = None  # None: no source read by the course gives the delay


class Outbreak(Sourced):
    id: str
    place: str
    country: str
    start: IsoDate
    end: Optional[IsoDate] = None
    organisms: list[str] = Field(min_length=1)
    cases: int = Field(gt=0)
    # what « cases » counts, as the source defines it (the figure says it next to the number)
    case_kind: Literal["confirmes", "suspects", "patients_infectes", "germe_identifie"] = "confirmes"
    cases_confirmed: Optional[int] = Field(default=None, gt=0)  # when « cases » are suspected ones
    exposed: Optional[int] = Field(default=None, gt=0)
    setting: str
    cause: str

    @model_validator(mode="after")
    def _cases_le_exposed(self) -> "Outbreak":
        if self.exposed is not None and self.cases > self.exposed:
            raise ValueError("le nombre de cas dépasse le nombre de personnes exposées")
        if self.cases_confirmed is not None and self.cases_confirmed > self.cases:
            raise ValueError("plus de cas confirmés que de cas")
        return self


class Contraindication(Sourced):
    id: str
    label: str
    kind: Literal["absolue", "relative"]
    related_to: Literal["produit", "technique", "patient"]
    product_ids: list[str] = []
    rationale: str
    strength: Literal["rcp", "reglementaire", "consensus", "avis_de_praticien"]


COLLECTIONS = [
    Collection("complications", "complications.yml", Complication),
    Collection("outbreaks", "outbreaks.yml", Outbreak),
    Collection("contraindications", "contraindications.yml", Contraindication),
]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Contraindications name products of products.yml."""
    problems: list[str] = []
    product_ids = {p.id for p in course.products}
    for ci in course.contraindications:
        for pid in ci.product_ids:
            if pid not in product_ids:
                problems.append(f"contraindications.yml, enregistrement « {ci.id} », champ « product_ids » : produit inconnu « {pid} »")
    return problems
