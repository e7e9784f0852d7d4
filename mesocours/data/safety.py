"""Safety: complications, outbreaks, contraindications."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .base import Collection, IsoDate, Range, Sourced, Strict


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
    # with the trigger « grossesse »: applies before this term only (weeks of amenorrhoea)
    max_term_weeks: Optional[float] = Field(default=None, gt=0, lt=45)

    @model_validator(mode="after")
    def _applies_to_something(self) -> "Contraindication":
        if not self.triggers and not self.product_ids:
            raise ValueError("une contre-indication sans produit doit nommer ses déclencheurs (triggers)")
        terms = (self.min_term_weeks, self.max_term_weeks)
        if any(t is not None for t in terms) and "grossesse" not in self.triggers:
            raise ValueError("min_term_weeks et max_term_weeks demandent le déclencheur « grossesse »")
        if None not in terms and terms[0] >= terms[1]:
            raise ValueError("min_term_weeks doit être inférieur à max_term_weeks")
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


class DoseRule(Sourced):
    """A weight-based dose as a guideline states it (data/emergency.yml, ``doses``): never a dose of ours."""

    id: str
    drug: str
    route: str
    concentration_mg_per_ml: float = Field(gt=0)
    mg_per_kg: float = Field(gt=0)
    max_mg: float = Field(gt=0)
    repeat_after_min: Optional[float] = Field(default=None, gt=0)
    population: str
    note: str = ""


class DrillChoice(Strict):
    label: str
    next: str  # id of a step of the same scenario, or « fin »
    correct: bool
    feedback: str
    sources: list[str] = Field(min_length=1)


class DrillStep(Strict):
    id: str
    minute: float = Field(ge=0)
    situation: str
    choices: list[DrillChoice] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_correct(self) -> "DrillStep":
        if sum(c.correct for c in self.choices) != 1:
            raise ValueError(f"l’étape « {self.id} » doit avoir exactement un choix correct")
        return self


class DrillScenario(Strict):
    """A branching emergency scenario (data/emergency.yml, ``scenarios``): the first step is where it starts."""

    id: str
    title: str
    vignette: str
    weight_kg: float = Field(gt=0, le=300)
    steps: list[DrillStep] = Field(min_length=2)

    @model_validator(mode="after")
    def _graph(self) -> "DrillScenario":
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids) or "fin" in ids:
            raise ValueError("identifiants d’étapes en double, ou une étape nommée « fin »")
        for step in self.steps:
            for c in step.choices:
                if c.next != "fin" and c.next not in ids:
                    raise ValueError(f"l’étape « {step.id} » mène à une étape inconnue « {c.next} »")
        # the correct choices, followed from the first step, reach « fin » without a loop
        steps = {s.id: s for s in self.steps}
        seen, at = set(), ids[0]
        while at != "fin":
            if at in seen:
                raise ValueError("les bons choix tournent en rond sans atteindre « fin »")
            seen.add(at)
            at = next(c.next for c in steps[at].choices if c.correct)
        # and every step can be reached from the first one, by any choice
        reach, todo = {ids[0]}, [ids[0]]
        while todo:
            for c in steps[todo.pop()].choices:
                if c.next != "fin" and c.next not in reach:
                    reach.add(c.next)
                    todo.append(c.next)
        if reach != set(ids):
            raise ValueError(f"étapes inaccessibles depuis la première : {', '.join(sorted(set(ids) - reach))}")
        return self


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
    Collection("screening", "screening.yml", ScreeningItem),
    Collection("session_sizes", "session_sizes.yml", SessionSize),
    Collection("dose_rules", "emergency.yml", DoseRule, key="doses"),
    Collection("drills", "emergency.yml", DrillScenario, key="scenarios"),
    Collection("injection_comparisons", "injection_comparisons.yml", InjectionComparison),
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
