"""Safety: complications, outbreaks, contraindications."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .base import Collection, IsoDate, Range, Sourced, Strict


class Complication(Sourced):
    id: str
    label: str
    type: Literal["infectieuse", "allergique", "locale", "systemique", "toxique", "cicatricielle", "autre"]
    frequency: str  # "non mesurée" when no source measures it
    mechanism: str
    prevention: str


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


class ScreeningItem(Strict):
    """A question of the pre-session screening (data/screening.yml): an answer a contraindication names."""

    id: str
    group: Literal["antecedents", "allergies", "traitements", "grossesse", "peau", "sport", "seance"]
    label: str
    # set by the model from the planned session, not asked (e.g. more than three products)
    derived: bool = False


class Contraindication(Sourced):
    id: str
    label: str
    kind: Literal["absolue", "relative"]
    related_to: Literal["produit", "technique", "patient"]
    product_ids: list[str] = []
    rationale: str
    strength: Literal["rcp", "reglementaire", "consensus", "avis_de_praticien"]
    # the screening answers (ids of data/screening.yml) that make it apply; none: it applies whenever one of its
    # products is in the planned mixture
    triggers: list[str] = []
    # with the trigger « grossesse »: applies from this term (weeks of amenorrhoea), as the label states it
    min_term_weeks: Optional[float] = Field(default=None, gt=0, lt=45)

    @model_validator(mode="after")
    def _applies_to_something(self) -> "Contraindication":
        if not self.triggers and not self.product_ids:
            raise ValueError("une contre-indication sans produit doit nommer ses déclencheurs (triggers)")
        if self.min_term_weeks is not None and "grossesse" not in self.triggers:
            raise ValueError("min_term_weeks demande le déclencheur « grossesse »")
        return self


class SessionSize(Sourced):
    """How many injections a session counts, as a published protocol reports it (not a norm)."""

    id: str
    label: str
    short: str  # the figure's band label
    injections: Range
    per: Literal["seance"]
    note: str
    reliability: Literal["primaire", "secondaire", "faible"]


COLLECTIONS = [
    Collection("complications", "complications.yml", Complication),
    Collection("outbreaks", "outbreaks.yml", Outbreak),
    Collection("contraindications", "contraindications.yml", Contraindication),
    Collection("screening", "screening.yml", ScreeningItem),
    Collection("session_sizes", "session_sizes.yml", SessionSize),
]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Contraindications name products of products.yml and answers of screening.yml."""
    problems: list[str] = []
    product_ids = {p.id for p in course.products}
    answers = {q.id for q in course.screening}
    for ci in course.contraindications:
        for pid in ci.product_ids:
            if pid not in product_ids:
                problems.append(f"contraindications.yml, enregistrement « {ci.id} », champ « product_ids » : produit inconnu « {pid} »")
        for t in ci.triggers:
            if t not in answers:
                problems.append(f"contraindications.yml, enregistrement « {ci.id} », champ « triggers » : question inconnue « {t} » (screening.yml)")
    return problems
