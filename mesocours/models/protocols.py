"""Session schedules from ``data/protocols.yml``: session days and cumulative counts/volumes.

Convention: the first phase starts on day ``pause_before_days`` (0 by default); each later phase
starts ``pause_before_days`` after the previous session when that is > 0, otherwise
``interval_days`` after it. Sessions inside a phase are ``interval_days`` apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

from mesocours.data import Protocol, load_collection
from mesocours.numbers import NBSP, Field, InputError

MAX_PERIOD_DAYS = 3650
PERIOD = Field("la période étudiée", "jours", feminine=True, minimum=0, strict_min=True, maximum=MAX_PERIOD_DAYS)
VOLUME_PER_SESSION = Field("le volume par séance", "mL", minimum=0)


@dataclass(frozen=True)
class Cumulative:
    days: list[float]
    counts: list[int]
    volumes: Optional[list[float]]  # None when no volume per session is known or given


@lru_cache(maxsize=1)
def protocols() -> dict[str, Protocol]:
    return {p.id: p for p in load_collection("protocols")}


def protocol(protocol_id: Union[str, Protocol]) -> Protocol:
    if isinstance(protocol_id, Protocol):
        return protocol_id
    table = protocols()
    if not isinstance(protocol_id, str) or protocol_id not in table:
        raise InputError(f"Calendrier inconnu « {protocol_id} »{NBSP}: choisissez parmi {', '.join(table)}.")
    return table[protocol_id]


def schedule(proto: Union[str, Protocol]) -> list[tuple[float, str]]:
    """Every session of the protocol as (day, phase name), without a period limit."""
    p = protocol(proto)
    out: list[tuple[float, str]] = []
    last: Optional[float] = None
    for phase in p.phases:
        if last is None:
            start = phase.pause_before_days
        else:
            start = last + (phase.pause_before_days if phase.pause_before_days > 0 else phase.interval_days)
        for k in range(phase.sessions):
            day = start + k * phase.interval_days
            out.append((day, phase.name))
            last = day
    return out


def _period(period_days: object) -> float:
    return PERIOD.parse(period_days)


def sessions(proto: Union[str, Protocol], period_days: object) -> list[float]:
    """Session days falling in [0, period_days]."""
    period = _period(period_days)
    return [d for d, _ in schedule(proto) if d <= period + 1e-9]


def cumulative(proto: Union[str, Protocol], period_days: object,
               volume_per_session_ml: object = None) -> Cumulative:
    """Cumulative sessions (and volume) at day 0, at each session day and at the end of the period.

    Volume per session: the one given, else the middle of the protocol's sourced range, else None.
    """
    p = protocol(proto)
    period = _period(period_days)
    if volume_per_session_ml is None or (isinstance(volume_per_session_ml, str) and not volume_per_session_ml.strip()):
        volume = p.volume_per_session_ml.mid if p.volume_per_session_ml else None
    else:
        volume = VOLUME_PER_SESSION.parse(volume_per_session_ml)
    days_in = sessions(p, period)
    grid = sorted({0.0, period, *days_in})
    counts = [sum(1 for d in days_in if d <= g + 1e-9) for g in grid]
    volumes = None if volume is None else [c * volume for c in counts]
    return Cumulative(days=grid, counts=counts, volumes=volumes)
