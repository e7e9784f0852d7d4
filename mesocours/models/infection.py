"""Arithmétique du risque infectieux (illustrative): the chance that at least one injection is contaminated.

If each injection carries the same probability ``p`` of inoculating a germ, independently of the others, the
probability that at least one of ``n`` injections does is ``1 − (1 − p)^n``. No source measures ``p`` for
mesotherapy: the model illustrates why multiplying injections multiplies the risk (HAS 2014 names the number of
injections as the infectious danger), it estimates nothing. Independence is an assumption: a contaminated vial or
device contaminates a whole session at once (the outbreaks of the chapter), which this formula does not describe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mesocours.data import SessionSize, course
from mesocours.numbers import NBSP, Field, InputError

PROBABILITY = Field("la probabilité de contamination par injection", "%", feminine=True, minimum=0, maximum=100,
                    strict_min=True)
INJECTIONS = Field("le nombre d’injections par séance", minimum=1, maximum=100_000)
SESSIONS = Field("le nombre de séances", minimum=1, maximum=1_000)


def at_least_one(p: float, n: float) -> float:
    """1 − (1 − p)^n for 0 ≤ p ≤ 1 and n ≥ 0, exact for small p (log1p / expm1)."""
    if not 0 <= p <= 1 or n < 0 or math.isnan(p) or math.isnan(n):
        raise InputError("Une probabilité va de 0 à 1 et un nombre d’injections n’est pas négatif.")
    if p == 1:
        return 1.0 if n > 0 else 0.0
    return -math.expm1(n * math.log1p(-p))


def _whole(field: Field, value) -> int:
    x = field.parse(value)
    if x != int(x):
        raise InputError(f"{field.subject} est un nombre entier (valeur saisie{NBSP}: {field.show(x)}).")
    return int(x)


@dataclass(frozen=True)
class RiskResult:
    p: float          # per injection, as a fraction
    injections: int   # per session
    sessions: int
    per_session: float
    per_protocol: float

    @property
    def total(self) -> int:
        return self.injections * self.sessions


def risk(p_percent, injections, sessions=1) -> RiskResult:
    """Parse the three inputs (as typed) and compute both probabilities."""
    p = PROBABILITY.parse(p_percent) / 100
    n = _whole(INJECTIONS, injections)
    s = _whole(SESSIONS, sessions)
    return RiskResult(p, n, s, at_least_one(p, n), at_least_one(p, n * s))


def session_sizes() -> tuple[SessionSize, ...]:
    """The session sizes published protocols report (data/session_sizes.yml)."""
    return tuple(course().session_sizes)


__all__ = ["INJECTIONS", "PROBABILITY", "SESSIONS", "RiskResult", "at_least_one", "risk", "session_sizes"]
