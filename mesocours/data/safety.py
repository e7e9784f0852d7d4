"""Safety: complications, outbreaks, contraindications."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .base import Collection, IsoDate, Sourced


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
    # « publication »: the source gives no period, only the year of its report (the timeline says so)
    dated_by: Literal["periode", "publication"] = "periode"
    organisms: list[str] = Field(min_length=1)
    # None: the source read gives no count for this outbreak alone (the figure and the table say so)
    cases: Optional[int] = Field(default=None, gt=0)
    # what « cases » counts, as the source defines it (the figure says it next to the number)
    case_kind: Literal["confirmes", "suspects", "patients_infectes", "germe_identifie", "lesions"] = "confirmes"
    cases_confirmed: Optional[int] = Field(default=None, gt=0)  # when « cases » are suspected ones
    exposed: Optional[int] = Field(default=None, gt=0)
    setting: str
    cause: str
    # how the germ reached the patients, as the investigation concluded (the timeline's marker)
    route: Literal["eau", "produit", "environnement", "non_identifiee"] = "non_identifiee"
    # True when the germ was found in that source (same species; typing when the source reports it)
    route_confirmed: bool = False

    @model_validator(mode="after")
    def _cases_le_exposed(self) -> "Outbreak":
        if self.exposed is not None and self.cases is not None and self.cases > self.exposed:
            raise ValueError("le nombre de cas dépasse le nombre de personnes exposées")
        if self.cases_confirmed is not None and (self.cases is None or self.cases_confirmed > self.cases):
            raise ValueError("plus de cas confirmés que de cas")
        if self.route == "non_identifiee" and self.route_confirmed:
            raise ValueError("une source non identifiée ne peut pas être confirmée")
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
