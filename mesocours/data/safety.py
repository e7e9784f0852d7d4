"""Safety: complications, outbreaks, contraindications."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .base import Collection, IsoDate, Range, Sourced


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


class Contraindication(Sourced):
    id: str
    label: str
    kind: Literal["absolue", "relative"]
    related_to: Literal["produit", "technique", "patient"]
    product_ids: list[str] = []
    rationale: str
    strength: Literal["rcp", "reglementaire", "consensus", "avis_de_praticien"]


class InjectionComparison(Sourced):
    """One technique set beside mesotherapy (chapter « Mésothérapie et autres injections »).

    A number is given only where a read source states it; otherwise the field is null and the
    ``*_text`` field says, in our French, what the source says instead (or that it says nothing).
    """

    id: str
    label: str  # short name drawn on the figure
    family: Literal["mesotherapie", "infiltration", "acupuncture", "dispositif_ha", "produit_sanguin",
                    "aiguilles_sans_produit", "topique"]
    target: str  # the layer or structure aimed at, in our words
    depth_mm: Optional[Range] = None
    # what depth_mm measures: the depth reached, the needle length, or a source that does not say which
    depth_kind: Literal["profondeur", "longueur_aiguille", "non_precise", "surface"] = "non_precise"
    depth_text: str
    product_injected: bool
    volume_per_point_ml: Optional[Range] = None
    volume_text: str
    product: str
    status: str  # regulatory status in France, as read
    reliability: Literal["primaire", "secondaire", "faible"]  # of the numbers of this record
    note: Optional[str] = None

    @model_validator(mode="after")
    def _coherent(self) -> "InjectionComparison":
        if not self.product_injected and self.volume_per_point_ml is not None:
            raise ValueError("un volume par point est donné pour une technique qui n'injecte aucun produit")
        if self.depth_kind == "surface" and self.depth_mm is not None and self.depth_mm.max > 0:
            raise ValueError("une application en surface n'a pas de profondeur")
        if self.volume_per_point_ml is not None and self.volume_per_point_ml.min <= 0:
            raise ValueError("un volume par point doit être strictement positif")
        return self


COLLECTIONS = [
    Collection("complications", "complications.yml", Complication),
    Collection("outbreaks", "outbreaks.yml", Outbreak),
    Collection("contraindications", "contraindications.yml", Contraindication),
    Collection("injection_comparisons", "injection_comparisons.yml", InjectionComparison),
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
