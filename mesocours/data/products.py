"""Products: drugs and devices used in mixtures, their labels, excipients and regulatory events."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import ConfigDict, Field

from .base import Collection, IsoDate, Sourced

ProductStatus = Literal[
    "amm",  # marketed with an AMM (used off-label in mesotherapy)
    "amm_restreinte",  # AMM kept with restricted indications
    "amm_suspendue",  # AMM suspended or withdrawn
    "dispositif_medical",  # CE-marked medical device, not a drug
    "sans_amm",  # no AMM in France
    "interdit",  # use forbidden (e.g. lipolysis decree)
    "non_verifie",  # no label or decision consulted: the status is not asserted
]

ExcipientKind = Literal[
    "alcool_benzylique", "propylene_glycol", "sulfites", "ethanol", "parabenes", "sodium", "autre",
]
"""Excipients that matter for an injection (intolerance, allergy, irritation), named once for filters."""


class Presentation(Sourced):
    brand: str
    strength: str  # as printed on the box, e.g. "20 mg/1 mL", "100 UI/1 mL"
    concentration_mg_per_ml: Optional[float] = Field(default=None, ge=0)
    concentration_ui_per_ml: Optional[float] = Field(default=None, ge=0)
    ampoule_volume_ml: Optional[float] = Field(default=None, gt=0)
    routes: list[str] = Field(min_length=1)  # AMM routes of this presentation
    marketed: Optional[bool] = None
    osmolality: Optional[str] = None  # as the label states it, e.g. "580 - 650 mosmol/kg"
    hypertonic: Optional[bool] = None  # True only when the label's osmolality says so


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
    kind: Optional[ExcipientKind] = None


class LabelWarning(Sourced):
    """A warning of the label (4.3, 4.4, 4.2...) or of an agency that matters for an injection."""

    section: Optional[str] = None  # e.g. "4.4", "notice", "avis de la FDA"
    what: str


class RegulatoryEvent(Sourced):
    date: IsoDate
    agency: str
    change: Literal["retrait", "suspension", "restriction", "interdiction", "indication_supprimee", "mise_en_garde",
                    "autre"]
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
    warnings: list[LabelWarning] = []
    regulatory_events: list[RegulatoryEvent] = []
    status: ProductStatus
    status_note: str
    sfm_position: Optional[str] = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


COLLECTIONS = [Collection("products", "products.yml", Product)]
