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

Layout
------
One module of schemas per theme, each declaring its ``COLLECTIONS`` (and its own cross-links in
``check_links``): ``base`` (shared pieces), ``products``, ``techniques`` (techniques, skin, layer
schemas, protocols), ``studies`` (studies, indications), ``safety`` (complications, outbreaks,
contraindications), ``law``, ``history``, ``learning`` (glossary, chapters, exercises, quiz), ``anatomy``
(body regions and structures at risk), and
``loader`` (reading, validation, French messages, the ``Course``). Every name is re-exported here:
``from mesocours.data import course, load, DataError, Product`` works whatever module holds it.
"""

from .anatomy import BodyRegion, DepthBasis, RegionId, StructureAtRisk, StructureDepth
from .base import BIB_PATH, DATA_DIR, ROOT, Collection, IsoDate, Range, Sourced, SourceKeys, Strict
from .history import TimelineEvent
from .law import (
    REGIMES_OF_STATUS,
    CaseChoice,
    LabelReading,
    LegalCase,
    LegalText,
    OfflabelDuty,
    OfflabelReason,
    OfflabelRoute,
    Regime,
)
from .mechanisms import EVIDENCE_LABELS, EvidenceStatus, Mechanism
from .mixtures import MixingRule, Trigger
from .learning import (
    Chapter,
    ChoiceKey,
    Exercise,
    GlossaryTerm,
    Hint,
    NumericKey,
    Part,
    Quiz,
    QuizChoice,
    QuizQuestion,
    TextKey,
)
from .loader import (
    COLLECTIONS,
    THEMES,
    Course,
    DataError,
    _describe,
    _files,
    _french_message,
    _read_yaml,
    _record_name,
    _source_key_paths,
    _source_keys,
    bib_keys,
    check_links,
    course,
    load,
    load_collection,
)
from .products import (
    Excipient,
    ExcipientKind,
    LabelMaxDose,
    LabelWarning,
    Presentation,
    Product,
    ProductStatus,
    RegulatoryEvent,
)
from .safety import (
    Complication,
    Contraindication,
    DoseRule,
    DrillScenario,
    DrillStep,
    InjectionComparison,
    Onset,
    Outbreak,
    ScreeningItem,
    SessionSize,
)
from .studies import DoseGiven, Indication, RiskOfBias, Study, StudyKind
from .techniques import (
    LayerDepth,
    LayerId,
    LayerSchema,
    NeedleGauge,
    Phase,
    Protocol,
    SkinMeasurement,
    Technique,
    TechniqueId,
    TechniqueParameters,
)

__all__ = [
    "BodyRegion",
    "DepthBasis",
    "RegionId",
    "StructureAtRisk",
    "StructureDepth",
    "BIB_PATH",
    "COLLECTIONS",
    "Chapter",
    "ChoiceKey",
    "Collection",
    "Complication",
    "Contraindication",
    "ScreeningItem",
    "SessionSize",
    "DoseRule",
    "DrillScenario",
    "DrillStep",
    "InjectionComparison",
    "Course",
    "DATA_DIR",
    "DataError",
    "DoseGiven",
    "Excipient",
    "Exercise",
    "GlossaryTerm",
    "Hint",
    "Indication",
    "IsoDate",
    "LabelMaxDose",
    "LayerDepth",
    "LayerId",
    "LayerSchema",
    "CaseChoice",
    "LegalCase",
    "LegalText",
    "LabelReading",
    "OfflabelDuty",
    "OfflabelReason",
    "OfflabelRoute",
    "REGIMES_OF_STATUS",
    "Regime",
    "Mechanism",
    "MixingRule",
    "Trigger",
    "EvidenceStatus",
    "EVIDENCE_LABELS",
    "NeedleGauge",
    "NumericKey",
    "Onset",
    "Outbreak",
    "Part",
    "Phase",
    "Presentation",
    "ExcipientKind",
    "LabelWarning",
    "Product",
    "ProductStatus",
    "Protocol",
    "Quiz",
    "QuizChoice",
    "QuizQuestion",
    "ROOT",
    "Range",
    "RegulatoryEvent",
    "RiskOfBias",
    "SkinMeasurement",
    "SourceKeys",
    "Sourced",
    "Strict",
    "Study",
    "StudyKind",
    "THEMES",
    "Technique",
    "TechniqueId",
    "TechniqueParameters",
    "TextKey",
    "TimelineEvent",
    "_describe",
    "_files",
    "_french_message",
    "_read_yaml",
    "_record_name",
    "_source_key_paths",
    "_source_keys",
    "bib_keys",
    "check_links",
    "course",
    "load",
    "load_collection",
]
