"""Load and validate the course's facts (``data/``) into typed records.

Every collection is a YAML file (or a folder of YAML files) described by a
pydantic model below.  ``load()`` returns a :class:`Course` holding all of
them; a malformed file raises :class:`DataError` whose message names the file,
the record and the field of every problem, in French (authors read it).

Conventions
-----------
* Units are explicit in field names (``_mm``, ``_ml``, ``_mg_per_ml``,
  ``_deg``, ``_days``) or in a ``unit`` field.
* Every record carries ``sources``: keys of ``book/references.bib``.
* A parameter that a source does not give is ``null`` (never guessed); a
  technique parameter that *no* source documents is listed in
  ``undocumented``.
* Dates are ISO strings with the precision the source gives: ``"1958"``,
  ``"2007-06"`` or ``"2011-02-17"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
BIB_PATH = ROOT / "book" / "references.bib"

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# --------------------------------------------------------------------------
# Shared pieces
# --------------------------------------------------------------------------
class Strict(BaseModel):
    """Base: unknown fields are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


SourceKeys = Annotated[list[str], Field(min_length=1)]
IsoDate = Annotated[str, Field(pattern=_DATE_RE.pattern)]


class Range(Strict):
    """A closed interval as a source states it (``min == max`` for one value)."""

    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) est supérieur à max ({self.max})")
        return self

    @property
    def mid(self) -> float:
        return (self.min + self.max) / 2


class Sourced(Strict):
    sources: SourceKeys


# --------------------------------------------------------------------------
# Products
# --------------------------------------------------------------------------
ProductStatus = Literal[
    "amm",  # marketed with an AMM (used off-label in mesotherapy)
    "amm_restreinte",  # AMM kept with restricted indications
    "amm_suspendue",  # AMM suspended or withdrawn
    "dispositif_medical",  # CE-marked medical device, not a drug
    "sans_amm",  # no AMM in France
    "interdit",  # use forbidden (e.g. lipolysis decree)
]


class Presentation(Sourced):
    brand: str
    strength: str  # as printed on the box, e.g. "20 mg/1 mL", "100 UI/1 mL"
    concentration_mg_per_ml: Optional[float] = Field(default=None, ge=0)
    concentration_ui_per_ml: Optional[float] = Field(default=None, ge=0)
    ampoule_volume_ml: Optional[float] = Field(default=None, gt=0)
    routes: list[str] = Field(min_length=1)  # AMM routes of this presentation
    marketed: Optional[bool] = None


class LabelMaxDose(Sourced):
    value: float = Field(gt=0)
    unit: str  # "mg", "UI"
    per: str  # "jour", "injection", "12 h"...
    route: str
    conditions: Optional[str] = None  # e.g. "sans adrénaline", "5 jours au plus"


class Excipient(Sourced):
    name: str
    amount: Optional[str] = None  # e.g. "20 mg/mL"
    why_it_matters: str


class RegulatoryEvent(Sourced):
    date: IsoDate
    agency: str
    change: Literal["retrait", "suspension", "restriction", "interdiction", "indication_supprimee", "autre"]
    what: str


class Product(Sourced):
    id: str
    name: str
    klass: str = Field(alias="class")
    family: Literal[
        "anesthesique_local", "ains", "myorelaxant", "hormone", "hemostatique", "vasoactif",
        "vitamine", "mineral", "acide_hyaluronique", "chelateur", "corticoide", "lipolytique", "autre",
    ]
    chemistry: Optional[Literal["ester", "amide"]] = None  # local anaesthetics only
    presentations: list[Presentation] = []
    amm_routes: list[str] = []
    amm_indications: list[str] = []
    label_max_dose: list[LabelMaxDose] = []
    excipients: list[Excipient] = []
    allergy_notes: Optional[str] = None
    regulatory_events: list[RegulatoryEvent] = []
    status: ProductStatus
    status_note: str
    sfm_position: Optional[str] = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --------------------------------------------------------------------------
# Techniques
# --------------------------------------------------------------------------
TechniqueId = Literal["ied", "ids", "idp", "nappage", "papule", "point_par_point", "mps", "mesoperfusion"]


class Technique(Sourced):
    """The catalogue entry: what the technique is, in our words."""

    id: TechniqueId
    name: str
    family: Literal["superficielle", "profonde", "systematisee", "perfusion"]
    description: str
    pattern: Literal["grille", "lignes", "points", "continu"]  # how the comparator draws it


class TechniqueParameters(Sourced):
    """One source's statement of a technique's parameters (one record per source)."""

    id: str
    technique: TechniqueId
    depth_mm: Optional[Range] = None
    depth_text: Optional[str] = None  # the depth as the source words it, in our French
    needle_length_mm: Optional[Range] = None
    needle_gauge: list[str] = []
    angle_deg: Optional[Range] = None
    volume_per_point_ml: Optional[Range] = None
    spacing_mm: Optional[Range] = None
    rate_per_s: Optional[Range] = None
    typical_points: Optional[Range] = None
    uses: list[str] = []
    undocumented: list[str] = []  # parameters this source (and, if stated, no source) gives
    reliability: Literal["primaire", "secondaire", "faible"]
    note: Optional[str] = None

    @field_validator("angle_deg")
    @classmethod
    def _angle(cls, v: Optional[Range]) -> Optional[Range]:
        if v is not None and not (0 <= v.min and v.max <= 90):
            raise ValueError("l'angle doit être compris entre 0 et 90°")
        return v


LayerId = Literal["epiderme", "derme_superficiel", "derme_profond", "hypoderme"]


class LayerDepth(Strict):
    """One skin layer's depth as a teaching schema states it (not a measurement)."""

    layer: LayerId
    depth_mm: Optional[Range] = None
    open_ended: bool = False  # the source says « et au-delà »
    depth_text: str  # the depth as the source words it, in our French


class LayerSchema(Sourced):
    """A schema of the skin layers taught by a source (e.g. the DIU 2008 course), with its depths."""

    id: str
    label: str
    layers: list[LayerDepth] = Field(min_length=1)
    based_on_measurements: bool = False  # does the source cite measured thicknesses?
    note: Optional[str] = None

    @model_validator(mode="after")
    def _unique_layers(self) -> "LayerSchema":
        seen = [layer.layer for layer in self.layers]
        if len(seen) != len(set(seen)):
            raise ValueError("une même couche apparaît deux fois dans le schéma")
        return self


# --------------------------------------------------------------------------
# Skin thickness
# --------------------------------------------------------------------------
class SkinMeasurement(Sourced):
    id: str
    site: str  # machine id, e.g. "lombaire", "visage_pommette"
    site_label: str  # French label shown to learners
    epidermis_mm: Optional[float] = Field(default=None, gt=0)
    skin_mm: Optional[float] = Field(default=None, gt=0)  # epidermis + dermis
    skin_sd_mm: Optional[float] = Field(default=None, ge=0)
    hypodermis_mm: Optional[float] = Field(default=None, gt=0)
    hypodermis_sd_mm: Optional[float] = Field(default=None, ge=0)
    method: Literal["echographie", "histologie", "irm", "autre"]
    method_detail: Optional[str] = None  # e.g. "20 MHz"
    population: str
    n: Optional[int] = Field(default=None, gt=0)
    note: Optional[str] = None

    @model_validator(mode="after")
    def _has_a_value(self) -> "SkinMeasurement":
        if self.epidermis_mm is None and self.skin_mm is None and self.hypodermis_mm is None:
            raise ValueError("au moins une épaisseur (epidermis_mm, skin_mm ou hypodermis_mm) est requise")
        if self.epidermis_mm is not None and self.skin_mm is not None and self.epidermis_mm >= self.skin_mm:
            raise ValueError("l'épiderme ne peut pas être plus épais que l'ensemble épiderme + derme")
        return self


# --------------------------------------------------------------------------
# Studies, indications
# --------------------------------------------------------------------------
StudyKind = Literal[
    "essai_randomise", "essai_non_randomise", "etude_pilote", "serie_de_cas", "revue_systematique",
    "meta_analyse", "revue_narrative", "consensus", "rapport_institutionnel", "investigation_epidemie",
]


class RiskOfBias(Strict):
    judgement: Literal["faible", "modere", "eleve", "non_applicable", "non_evalue"]
    by: str  # who made the judgement, e.g. "Inserm 2010", "auteurs du cours"
    rationale: str


class Study(Sourced):
    id: str
    label: str  # "Cacchio 2009"
    year: int = Field(ge=1900, le=2100)
    kind: StudyKind
    design: str
    n: Optional[int] = Field(default=None, gt=0)  # randomised / included
    n_analysed: Optional[int] = Field(default=None, gt=0)
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


class Indication(Sourced):
    id: str
    label: str
    domain: Literal["antalgique", "rhumatologie", "sport", "vasculaire", "esthetique", "dermatologie", "orl", "autre"]
    named_in: list[str] = []  # bib keys of the commissioned texts that name it
    study_ids: list[str] = []
    evidence_summary: str


# --------------------------------------------------------------------------
# Safety
# --------------------------------------------------------------------------
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
    exposed: Optional[int] = Field(default=None, gt=0)
    setting: str
    cause: str

    @model_validator(mode="after")
    def _cases_le_exposed(self) -> "Outbreak":
        if self.exposed is not None and self.cases > self.exposed:
            raise ValueError("le nombre de cas dépasse le nombre de personnes exposées")
        return self


class Contraindication(Sourced):
    id: str
    label: str
    kind: Literal["absolue", "relative"]
    related_to: Literal["produit", "technique", "patient"]
    product_ids: list[str] = []
    rationale: str
    strength: Literal["rcp", "reglementaire", "consensus", "avis_de_praticien"]


# --------------------------------------------------------------------------
# Law
# --------------------------------------------------------------------------
class LegalText(Sourced):
    id: str
    reference: str  # "Art. L.5121-12-1-2 CSP"
    kind: Literal["loi", "decret", "arrete", "article_de_code", "decision_de_justice", "avis", "decision_administrative"]
    jurisdiction: Literal["FR", "BE", "UE"]
    date: IsoDate
    rule: str  # what it requires or forbids
    binds: str  # whom it binds
    status: str  # "en vigueur", "annulé (art. 2)"...
    topics: list[Literal["hors_amm", "information", "responsabilite", "deontologie", "esthetique", "vigilance", "exercice", "remboursement", "produits"]] = []


# --------------------------------------------------------------------------
# Protocols
# --------------------------------------------------------------------------
class Phase(Strict):
    name: Literal["attaque", "entretien", "evaluation", "traitement"]
    sessions: int = Field(gt=0)
    interval_days: float = Field(gt=0)
    pause_before_days: float = Field(default=0, ge=0)  # gap between previous phase and this one


class Protocol(Sourced):
    id: str
    label: str
    context: str  # "douleur aiguë", "essai Farpour 2020 (gonarthrose)"...
    phases: list[Phase] = Field(min_length=1)
    volume_per_session_ml: Optional[Range] = None
    reliability: Literal["primaire", "secondaire", "faible"]
    note: Optional[str] = None


# --------------------------------------------------------------------------
# History
# --------------------------------------------------------------------------
class TimelineEvent(Sourced):
    id: str
    date: IsoDate
    event: str  # our French
    disputed: bool = False  # sources disagree: say how in `note`
    note: Optional[str] = None


# --------------------------------------------------------------------------
# Glossary, chapters
# --------------------------------------------------------------------------
class GlossaryTerm(Strict):
    term: str
    definition: str  # our own French
    see_also: list[str] = []
    sources: list[str] = []  # optional: definitions are ours


class Part(Strict):
    id: str
    title: str
    status: Literal["publiee", "a_venir"]


class Chapter(Strict):
    id: str
    part: str
    number: int = Field(gt=0)
    title: str
    doc: str  # docname in _toc.yml, e.g. "notebooks/01-fondements/01-histoire"
    objectives: list[str] = Field(min_length=1)
    study_time_min: int = Field(gt=0)
    prerequisites: list[str] = []
    status: Literal["publie", "a_venir"] = "publie"


# --------------------------------------------------------------------------
# Learning kit: exercise answer keys and quiz bank
# --------------------------------------------------------------------------
class Hint(Strict):
    text: str  # points to what to reread, never the answer
    ref: Optional[str] = None  # a MyST label, e.g. "sec-profondeur"


class NumericKey(Strict):
    kind: Literal["numeric"]
    value: float
    tolerance: float = Field(ge=0)  # absolute, in `unit`
    unit: Optional[str] = None  # "mm", "mL", "mg/mL", "%", "points"...


class ChoiceKey(Strict):
    kind: Literal["single", "multiple"]
    options: dict[str, str]  # option id -> text
    correct: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _correct_in_options(self) -> "ChoiceKey":
        unknown = [c for c in self.correct if c not in self.options]
        if unknown:
            raise ValueError(f"réponse(s) correcte(s) absente(s) des options : {unknown}")
        if self.kind == "single" and len(self.correct) != 1:
            raise ValueError("une question à choix unique a exactement une bonne réponse")
        return self


class TextKey(Strict):
    kind: Literal["text"]
    accepted: list[str] = Field(min_length=1)  # variants; compared without case and accents


class Exercise(Sourced):
    id: str
    chapter: str
    prompt: str
    key: Annotated[Union[NumericKey, ChoiceKey, TextKey], Field(discriminator="kind")]
    hint: Hint


class QuizChoice(Strict):
    text: str
    correct: bool
    feedback: str


class QuizQuestion(Strict):
    id: str
    type: Literal["single", "multiple", "truefalse", "numeric"]
    stem: str
    choices: list[QuizChoice] = []
    answer: Optional[float] = None  # numeric questions
    tolerance: float = Field(default=0, ge=0)
    unit: Optional[str] = None
    feedback_correct: Optional[str] = None  # numeric questions
    feedback_incorrect: Optional[str] = None  # numeric questions
    source: str  # bib key backing the correct answer

    @model_validator(mode="after")
    def _well_formed(self) -> "QuizQuestion":
        if self.type == "numeric":
            if self.answer is None or not self.feedback_correct or not self.feedback_incorrect:
                raise ValueError("une question numérique demande answer, feedback_correct et feedback_incorrect")
            if self.choices:
                raise ValueError("une question numérique n'a pas de choices")
            return self
        n_correct = sum(c.correct for c in self.choices)
        if len(self.choices) < 2:
            raise ValueError("au moins deux choix sont nécessaires")
        if n_correct == 0:
            raise ValueError("aucun choix n'est marqué correct")
        if self.type in ("single", "truefalse") and n_correct != 1:
            raise ValueError(f"une question {self.type} a exactement une bonne réponse (ici {n_correct})")
        if self.type == "truefalse" and len(self.choices) != 2:
            raise ValueError("une question vrai/faux a exactement deux choix")
        return self


class Quiz(Strict):
    chapter: str
    title: str
    questions: list[QuizQuestion] = Field(min_length=1)


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Collection:
    name: str
    path: str  # file, or folder of *.yml, relative to data/
    model: type[BaseModel]
    key: Optional[str] = None  # top-level mapping key holding the list (None: the file is the list)
    one_per_file: bool = False  # each file is one record (quiz)


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in [
        Collection("products", "products.yml", Product),
        Collection("techniques", "techniques.yml", Technique),
        Collection("technique_parameters", "technique_parameters.yml", TechniqueParameters),
        Collection("skin", "skin_thickness.yml", SkinMeasurement),
        Collection("layer_schemas", "layer_schemas.yml", LayerSchema),
        Collection("studies", "studies.yml", Study),
        Collection("indications", "indications.yml", Indication),
        Collection("complications", "complications.yml", Complication),
        Collection("outbreaks", "outbreaks.yml", Outbreak),
        Collection("contraindications", "contraindications.yml", Contraindication),
        Collection("legal_texts", "legal_texts.yml", LegalText),
        Collection("protocols", "protocols.yml", Protocol),
        Collection("timeline", "timeline.yml", TimelineEvent),
        Collection("glossary", "glossary", GlossaryTerm),
        Collection("parts", "chapters.yml", Part, key="parts"),
        Collection("chapters", "chapters.yml", Chapter, key="chapters"),
        Collection("exercises", "exercises", Exercise),
        Collection("quizzes", "quiz", Quiz, one_per_file=True),
    ]
}


class DataError(Exception):
    """One or more problems in data/; ``str()`` lists each on its own line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Données invalides :\n" + "\n".join(f"- {p}" for p in problems))


def _files(data_dir: Path, rel: str) -> list[Path]:
    p = data_dir / rel
    if p.is_dir():
        return sorted(p.glob("*.yml"))
    return [p] if p.exists() else []


def _record_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict):
        for k in ("id", "term", "chapter"):
            if raw.get(k):
                return f"« {raw[k]} » (n° {index + 1})"
    return f"n° {index + 1}"


_FRENCH_ERRORS = {
    "missing": "champ obligatoire absent",
    "extra_forbidden": "champ inconnu (faute de frappe ?)",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "string_type": "texte attendu",
    "bool_type": "booléen attendu (true ou false)",
    "bool_parsing": "booléen attendu (true ou false)",
    "list_type": "liste attendue",
    "dict_type": "dictionnaire (clé : valeur) attendu",
    "model_type": "dictionnaire (clé : valeur) attendu",
    "model_attributes_type": "dictionnaire (clé : valeur) attendu",
}


def _french_message(e: dict) -> str:
    """The French wording of one pydantic error (authors read these)."""
    kind, ctx = e.get("type", ""), e.get("ctx") or {}
    if kind in _FRENCH_ERRORS:
        msg = _FRENCH_ERRORS[kind]
        if kind not in ("missing", "extra_forbidden") and "input" in e:
            msg += f" (reçu : {e['input']!r})"
        return msg
    if kind == "literal_error":
        return f"valeur non autorisée {e.get('input')!r} ; valeurs possibles : {ctx.get('expected', '?')}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sign = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        bound = next(iter(ctx.values()), "?")
        return f"la valeur doit être {sign} {bound} (reçu : {e.get('input')!r})"
    if kind == "too_short":
        return f"au moins {ctx.get('min_length', 1)} élément(s) attendu(s)"
    if kind == "string_pattern_mismatch":
        return f"format invalide (reçu : {e.get('input')!r} ; attendu : AAAA, AAAA-MM ou AAAA-MM-JJ pour une date)"
    if kind == "union_tag_invalid":
        return f"type de clé inconnu {ctx.get('tag')!r} ; attendu : {ctx.get('expected_tags', '?')}"
    return e["msg"].removeprefix("Value error, ")


def _describe(err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"] if not str(p).startswith(("function-after", "tagged-union")))
        out.append(f"champ « {loc or '(enregistrement)'} » : {_french_message(e)}")
    return out


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (ligne {mark.line + 1})" if mark else ""
        problems.append(f"{path.name}{where} : YAML illisible : {getattr(exc, 'problem', exc)}")
    except OSError as exc:
        problems.append(f"{path} : lecture impossible : {exc}")
    return None


def load_collection(name: str, data_dir: Path | str | None = None) -> list[Any]:
    """Load and validate one collection; raise DataError listing every problem."""
    coll = COLLECTIONS[name]
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    problems: list[str] = []
    records: list[Any] = []
    for path in _files(data_dir, coll.path):
        rel = path.relative_to(data_dir.parent) if data_dir.parent in path.parents else path
        n_before = len(problems)
        raw = _read_yaml(path, problems)
        if raw is None:
            # a YAML error was already reported; otherwise the file holds no record
            if path.stat().st_size and len(problems) == n_before:
                problems.append(f"{rel} : fichier vide")
            continue
        if coll.one_per_file:
            items = [raw]
        else:
            if coll.key is not None:
                if not isinstance(raw, dict) or coll.key not in raw:
                    problems.append(f"{rel} : clé de premier niveau « {coll.key} » attendue")
                    continue
                raw = raw[coll.key]
            if not isinstance(raw, list):
                problems.append(f"{rel} : une liste d'enregistrements est attendue")
                continue
            items = raw
        for i, item in enumerate(items):
            try:
                records.append(coll.model.model_validate(item))
            except ValidationError as err:
                for d in _describe(err):
                    problems.append(f"{rel}, enregistrement {_record_name(item, i)}, {d}")
    ids = [getattr(r, "id", None) or getattr(r, "term", None) for r in records]
    id_field = "term" if coll.model is GlossaryTerm else "id"
    seen: set[str] = set()
    for rid in ids:
        if rid is not None and rid in seen:
            problems.append(f"{coll.path}, enregistrement « {rid} », champ « {id_field} » : identifiant « {rid} » en double")
        seen.add(rid)
    if problems:
        raise DataError(problems)
    return records


# --------------------------------------------------------------------------
# The whole course
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Course:
    products: list[Product] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    technique_parameters: list[TechniqueParameters] = field(default_factory=list)
    skin: list[SkinMeasurement] = field(default_factory=list)
    layer_schemas: list[LayerSchema] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    indications: list[Indication] = field(default_factory=list)
    complications: list[Complication] = field(default_factory=list)
    outbreaks: list[Outbreak] = field(default_factory=list)
    contraindications: list[Contraindication] = field(default_factory=list)
    legal_texts: list[LegalText] = field(default_factory=list)
    protocols: list[Protocol] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    quizzes: list[Quiz] = field(default_factory=list)

    def by_id(self, collection: str) -> dict[str, Any]:
        return {getattr(r, "id"): r for r in getattr(self, collection)}


def _source_keys(record: Any) -> list[str]:
    """Every bib key a record cites, nested records included."""
    keys: list[str] = []
    if isinstance(record, BaseModel):
        for name in type(record).model_fields:
            value = getattr(record, name)
            if name == "sources" and isinstance(value, list):
                keys.extend(value)
            elif name == "source" and isinstance(value, str):
                keys.append(value)
            else:
                keys.extend(_source_keys(value))
    elif isinstance(record, (list, tuple)):
        for v in record:
            keys.extend(_source_keys(v))
    return keys


def _source_key_paths(record: Any, prefix: str = "") -> list[tuple[str, str]]:
    """(field path, bib key) for every key a record cites, e.g. ("presentations.0.sources", "x")."""
    out: list[tuple[str, str]] = []
    if isinstance(record, BaseModel):
        for name in type(record).model_fields:
            value = getattr(record, name)
            path = f"{prefix}{name}"
            if name == "sources" and isinstance(value, list):
                out.extend((path, k) for k in value)
            elif name == "source" and isinstance(value, str):
                out.append((path, value))
            else:
                out.extend(_source_key_paths(value, f"{path}."))
    elif isinstance(record, (list, tuple)):
        for i, v in enumerate(record):
            out.extend(_source_key_paths(v, f"{prefix.rstrip('.')}.{i}." if prefix else f"{i}."))
    return out


def bib_keys(bib_path: Path | str | None = None) -> set[str]:
    """Keys of book/references.bib (a light parse; tests/test_bib.py checks fields with pybtex)."""
    text = Path(bib_path or BIB_PATH).read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, flags=re.M))


def check_links(course: Course, known_keys: set[str]) -> list[str]:
    """Cross-collection problems: unknown bib keys, dangling ids."""
    problems: list[str] = []
    for name in COLLECTIONS:
        for rec in getattr(course, name):
            rid = getattr(rec, "id", None) or getattr(rec, "term", None) or getattr(rec, "chapter", "?")
            for where, key in _source_key_paths(rec):
                if key not in known_keys:
                    problems.append(f"{COLLECTIONS[name].path}, enregistrement « {rid} », champ « {where} » : source inconnue « {key} » (absente de references.bib)")
    study_ids = {s.id for s in course.studies}
    product_ids = {p.id for p in course.products}
    chapter_ids = {c.id for c in course.chapters}
    part_ids = {p.id for p in course.parts}
    indication_ids = {i.id for i in course.indications}
    technique_ids = {t.id for t in course.techniques}
    for ind in course.indications:
        for key in ind.named_in:
            if key not in known_keys:
                problems.append(f"indications.yml, enregistrement « {ind.id} », champ « named_in » : source inconnue « {key} » (absente de references.bib)")
        for sid in ind.study_ids:
            if sid not in study_ids:
                problems.append(f"indications.yml, enregistrement « {ind.id} », champ « study_ids » : étude inconnue « {sid} »")
    for st in course.studies:
        for iid in st.indication_ids:
            if iid not in indication_ids:
                problems.append(f"studies.yml, enregistrement « {st.id} », champ « indication_ids » : indication inconnue « {iid} »")
    for ci in course.contraindications:
        for pid in ci.product_ids:
            if pid not in product_ids:
                problems.append(f"contraindications.yml, enregistrement « {ci.id} », champ « product_ids » : produit inconnu « {pid} »")
    for tp in course.technique_parameters:
        if technique_ids and tp.technique not in technique_ids:
            problems.append(f"technique_parameters.yml, « {tp.id} » : technique absente du catalogue « {tp.technique} »")
    for ch in course.chapters:
        if ch.part not in part_ids:
            problems.append(f"chapters.yml, « {ch.id} » : partie inconnue « {ch.part} »")
        for pre in ch.prerequisites:
            if pre not in chapter_ids:
                problems.append(f"chapters.yml, « {ch.id} » : prérequis inconnu « {pre} »")
    for ex in course.exercises:
        if ex.chapter not in chapter_ids:
            problems.append(f"exercises, « {ex.id} » : chapitre inconnu « {ex.chapter} »")
    for qz in course.quizzes:
        if qz.chapter not in chapter_ids:
            problems.append(f"quiz, « {qz.chapter} » : chapitre inconnu")
    qids = [q.id for qz in course.quizzes for q in qz.questions]
    for dup in sorted({q for q in qids if qids.count(q) > 1}):
        problems.append(f"quiz : identifiant de question « {dup} » en double")
    return problems


def load(data_dir: Path | str | None = None, bib_path: Path | str | None = None) -> Course:
    """Load every collection, check cross-links and bib keys; raise DataError on any problem."""
    problems: list[str] = []
    loaded: dict[str, list[Any]] = {}
    for name in COLLECTIONS:
        try:
            loaded[name] = load_collection(name, data_dir)
        except DataError as err:
            problems.extend(err.problems)
            loaded[name] = []
    course = Course(**loaded)
    if not problems:
        problems.extend(check_links(course, bib_keys(bib_path)))
    if problems:
        raise DataError(problems)
    return course


@lru_cache(maxsize=1)
def course() -> Course:
    """The validated course data, loaded once per process."""
    return load()
