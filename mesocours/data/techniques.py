"""Techniques and skin: the catalogue, each source's parameters, layer schemas, skin measurements, protocols."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, field_validator, model_validator

from .base import Collection, Range, Sourced, Strict

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


class NeedleGauge(Sourced):
    """A needle gauge and its nominal outer diameter, as a cited table gives it."""

    id: str
    gauge: int = Field(gt=0, lt=40)  # « 27 G »
    outer_diameter_mm: float = Field(gt=0, lt=5)
    note: Optional[str] = None


COLLECTIONS = [
    Collection("techniques", "techniques.yml", Technique),
    Collection("needle_gauges", "needle_gauges.yml", NeedleGauge),
    Collection("technique_parameters", "technique_parameters.yml", TechniqueParameters),
    Collection("skin", "skin_thickness.yml", SkinMeasurement),
    Collection("layer_schemas", "layer_schemas.yml", LayerSchema),
    Collection("protocols", "protocols.yml", Protocol),
]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Technique parameters name a technique of the catalogue."""
    problems: list[str] = []
    technique_ids = {t.id for t in course.techniques}
    for tp in course.technique_parameters:
        if technique_ids and tp.technique not in technique_ids:
            problems.append(f"technique_parameters.yml, « {tp.id} » : technique absente du catalogue « {tp.technique} »")
    return problems
