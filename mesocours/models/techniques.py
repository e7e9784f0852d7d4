"""Injection plans: how many points, how much volume, how long, on a square area.

``injection_plan(225, 10, 0.01, 1)`` -> 225 points on a 15 × 15 cm square, 2.25 mL, 225 s.
Points sit on a square grid ``spacing_mm`` apart, centred in the square of side √area.
Defaults for a technique come from ``data/technique_parameters.yml`` with their source.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from mesocours.data import Technique, TechniqueParameters, load_collection
from mesocours.numbers import NBSP, Field, InputError, fr

MAX_POINTS = 50_000
AREA = Field("la surface traitée", "cm²", feminine=True, minimum=0, strict_min=True, maximum=10_000)
SPACING = Field("l’espacement", "mm", minimum=0, strict_min=True)
VOLUME_PER_POINT = Field("le volume par point", "mL", minimum=0)
SECONDS_PER_POINT = Field("le temps par point", "s", minimum=0)


@dataclass(frozen=True)
class Plan:
    points: int
    total_volume_ml: Optional[float]  # None when no volume per point is given
    duration_s: Optional[float]  # None when no time per point is given
    positions: list[tuple[float, float]]  # mm, origin at a corner of the square
    side_mm: float


def optional(field: Field, value: object) -> Optional[float]:
    """``field.parse(value)``, or None for a blank (not given) value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return field.parse(value)


def injection_plan(area_cm2: object, spacing_mm: object, volume_per_point_ml: object = None,
                   seconds_per_point: object = None) -> Plan:
    """Grid plan of a square area; volume or time may be None (blank): their totals are then None."""
    area = AREA.parse(area_cm2)
    spacing = SPACING.parse(spacing_mm)
    volume = optional(VOLUME_PER_POINT, volume_per_point_ml)
    seconds = optional(SECONDS_PER_POINT, seconds_per_point)
    side = math.sqrt(area) * 10.0
    if spacing > side + 1e-9:
        raise InputError(
            f"L’espacement ({fr(spacing, 1, 'mm')}) dépasse le côté de la surface ({fr(side, 1, 'mm')}){NBSP}: "
            "réduisez l’espacement ou agrandissez la surface."
        )
    n = max(1, int(math.floor(side / spacing + 1e-9)))
    if n * n > MAX_POINTS:
        raise InputError(
            f"Ce plan compterait {fr(n * n)} points, trop pour être dessinés{NBSP}: augmentez l’espacement "
            "ou réduisez la surface."
        )
    offset = (side - (n - 1) * spacing) / 2
    coords = [offset + i * spacing for i in range(n)]
    positions = [(x, y) for y in coords for x in coords]
    points = n * n
    return Plan(
        points=points,
        total_volume_ml=None if volume is None else points * volume,
        duration_s=None if seconds is None else points * seconds,
        positions=positions,
        side_mm=side,
    )


# --------------------------------------------------------------------------
# Data access
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def catalogue() -> dict[str, Technique]:
    return {t.id: t for t in load_collection("techniques")}


@lru_cache(maxsize=1)
def parameters() -> tuple[TechniqueParameters, ...]:
    return tuple(load_collection("technique_parameters"))


def technique(technique_id: str) -> Technique:
    cat = catalogue()
    if not isinstance(technique_id, str) or technique_id not in cat:
        raise InputError(f"Technique inconnue « {technique_id} »{NBSP}: choisissez parmi {', '.join(cat)}.")
    return cat[technique_id]


def parameters_for(technique_id: str) -> list[TechniqueParameters]:
    technique(technique_id)
    return [p for p in parameters() if p.technique == technique_id]


@dataclass(frozen=True)
class Default:
    value: Optional[float]
    record_id: Optional[str] = None
    sources: list[str] = field(default_factory=list)
    text: str = ""  # "2 à 4 mm (beautepeople-nappage)" or why it is missing


@dataclass(frozen=True)
class Defaults:
    technique: str
    spacing_mm: Default
    volume_per_point_ml: Default
    seconds_per_point: Default


def _first(records: list[TechniqueParameters], attr: str, unit: str) -> Default:
    for rec in records:
        rng = getattr(rec, attr)
        if rng is not None:
            span = fr(rng.min, 3) if rng.min == rng.max else f"{fr(rng.min, 3)} à {fr(rng.max, 3)}"
            return Default(value=rng.mid, record_id=rec.id, sources=list(rec.sources), text=f"{span} {unit}".strip())
    return Default(value=None, text="non documenté par les sources retenues")


def technique_defaults(technique_id: str) -> Defaults:
    """Middle of the first sourced range of each parameter; None (with a reason) when no source gives it.

    Time per point is derived from a rate (piqûres par seconde) when a source gives one.
    """
    recs = parameters_for(technique_id)
    spacing = _first(recs, "spacing_mm", "mm")
    volume = _first(recs, "volume_per_point_ml", "mL")
    rate = _first(recs, "rate_per_s", "piqûres/s")
    if rate.value:
        seconds = Default(value=1.0 / rate.value, record_id=rate.record_id, sources=rate.sources,
                          text=f"{rate.text}, soit {fr(1.0 / rate.value, 2)} s par point")
    else:
        seconds = Default(value=None, text="non documenté par les sources retenues")
    return Defaults(technique=technique_id, spacing_mm=spacing, volume_per_point_ml=volume, seconds_per_point=seconds)
