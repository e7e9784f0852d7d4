"""Studies and indications: what was tested, how, with what result and risk of bias."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, field_validator, model_validator

from .base import Collection, Sourced, Strict

StudyKind = Literal[
    "essai_randomise", "essai_non_randomise", "etude_pilote", "serie_de_cas", "revue_systematique",
    "meta_analyse", "revue_narrative", "consensus", "rapport_institutionnel", "investigation_epidemie",
]


#: kinds of record that test an intervention and so must say which way their main result goes
PRIMARY_KINDS = frozenset({"essai_randomise", "essai_non_randomise", "etude_pilote", "serie_de_cas",
                           "revue_systematique", "meta_analyse"})
#: which way the main result goes, for the intervention against its comparator (for a series: against baseline)
Direction = Literal["favorable", "nul", "defavorable", "mixte"]


class RiskOfBias(Strict):
    judgement: Literal["faible", "modere", "eleve", "non_applicable", "non_evalue"]
    by: str  # who made the judgement, e.g. "Inserm 2010", "auteurs du cours"
    rationale: str


class DoseGiven(Strict):
    """An amount of one product that a study reports giving at each of some sessions (never a recommendation)."""

    product: str  # as the source names it, in French: "kétoprofène"
    product_id: Optional[str] = None  # record of products.yml, when there is one
    amount_mg: float = Field(gt=0)  # per session, as reported (or converted from a stated concentration)
    volume_ml: Optional[float] = Field(default=None, gt=0)
    sessions: list[int] = Field(min_length=1)  # 1-based session numbers that received this amount
    note: Optional[str] = None  # how the amount was read ("1 mL à 2 %")

    @field_validator("sessions")
    @classmethod
    def _positive_unique(cls, v: list[int]) -> list[int]:
        if any(n < 1 for n in v) or len(set(v)) != len(v):
            raise ValueError("les numéros de séance commencent à 1 et ne se répètent pas")
        return v


class Study(Sourced):
    id: str
    label: str  # "Cacchio 2009"
    year: int = Field(ge=1900, le=2100)
    kind: StudyKind
    design: str
    n: Optional[int] = Field(default=None, gt=0)  # randomised / included
    n_analysed: Optional[int] = Field(default=None, gt=0)
    arms: Optional[int] = Field(default=None, ge=1)  # groups compared in parallel (a within-subject design: 1)
    indication: str
    indication_ids: list[str] = []
    intervention: Optional[str] = None
    comparator: Optional[str] = None
    sham: Optional[bool] = None  # sham / placebo control
    blinding: Optional[str] = None
    follow_up: Optional[str] = None
    main_result: str
    limitations: list[str] = []
    risk_of_bias: RiskOfBias
    direction: Optional[Direction] = None  # required for PRIMARY_KINDS (the evidence map reads it)
    doses_per_session: list[DoseGiven] = []  # what the study reports giving, session by session

    @model_validator(mode="after")
    def _direction_when_primary(self) -> "Study":
        if self.kind in PRIMARY_KINDS and self.direction is None:
            raise ValueError("une étude qui teste une intervention dit dans quel sens va son résultat principal "
                             "(direction : favorable, nul, defavorable ou mixte)")
        if self.kind not in PRIMARY_KINDS and self.direction is not None:
            raise ValueError("« direction » ne s’applique qu’aux essais, séries, revues systématiques et méta-analyses")
        return self


class RedFlag(Sourced):
    """A sign that forbids delaying another care, as a guideline or a clinical reference states it."""

    sign: str  # « déficit moteur progressif d’un membre inférieur »
    action: str  # what it changes: « avis spécialisé en urgence ; aucune mésothérapie »


class FirstLine(Sourced):
    """A care of proven efficacy that a guideline puts first, before any mesotherapy."""

    care: str  # « rester actif, reprendre tôt ses activités »
    strength: Optional[str] = None  # the guideline's own grade or wording (« grade B », « accord d’experts »)


class Described(Sourced):
    """What a teaching source describes for mesotherapy in this indication: a claim under study, never advice."""

    product_ids: list[str] = []  # records of products.yml (status and warnings are read there)
    mixture: str  # as the source describes it, in our words
    technique: Optional[str] = None  # « papules et nappage paravertébraux »
    schedule: Optional[str] = None  # « une séance par semaine, trois semaines »


class Indication(Sourced):
    id: str
    label: str
    domain: Literal["antalgique", "rhumatologie", "sport", "vasculaire", "esthetique", "dermatologie", "orl", "autre"]
    named_in: list[str] = []  # bib keys of the commissioned texts that name it
    study_ids: list[str] = []
    evidence_summary: str
    chapter: Optional[str] = None  # the chapter of « Indications par spécialité » that teaches it
    red_flags: list[RedFlag] = []
    first_line: list[FirstLine] = []
    described: list[Described] = []

    @model_validator(mode="after")
    def _taught_means_complete(self) -> "Indication":
        if self.chapter is not None and not (self.red_flags and self.first_line):
            raise ValueError("une indication enseignée par un chapitre (chapter) donne ses signes d’alerte "
                             "(red_flags) et sa prise en charge de première intention (first_line)")
        return self


COLLECTIONS = [
    Collection("studies", "studies.yml", Study),
    Collection("indications", "indications.yml", Indication),
]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Indications and studies point at each other; named_in keys are bib keys."""
    problems: list[str] = []
    study_ids = {s.id for s in course.studies}
    indication_ids = {i.id for i in course.indications}
    chapter_ids = {c.id for c in course.chapters}
    product_ids = {p.id for p in course.products}
    for ind in course.indications:
        for key in ind.named_in:
            if key not in known_keys:
                problems.append(f"indications.yml, enregistrement « {ind.id} », champ « named_in » : source inconnue « {key} » (absente de references.bib)")
        for sid in ind.study_ids:
            if sid not in study_ids:
                problems.append(f"indications.yml, enregistrement « {ind.id} », champ « study_ids » : étude inconnue « {sid} »")
        if ind.chapter is not None and ind.chapter not in chapter_ids:
            problems.append(f"indications.yml, enregistrement « {ind.id} », champ « chapter » : chapitre inconnu « {ind.chapter} »")
        for d in ind.described:
            for pid in d.product_ids:
                if pid not in product_ids:
                    problems.append(f"indications.yml, enregistrement « {ind.id} », champ « described » : produit inconnu « {pid} »")
    for st in course.studies:
        for iid in st.indication_ids:
            if iid not in indication_ids:
                problems.append(f"studies.yml, enregistrement « {st.id} », champ « indication_ids » : indication inconnue « {iid} »")
    return problems
