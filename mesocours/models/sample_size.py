"""Combien de patients ? The sample size of a two-group trial comparing means (pain on a 0–100 mm VAS).

The textbook normal-approximation formula, for two parallel groups of equal size, a two-sided test at level α and
a power 1 − β to detect a difference Δ between the mean changes when the standard deviation is σ::

    n par groupe = 2 (z₁₋α/₂ + z₁₋β)² σ² / Δ²

rounded up to the next whole patient. :func:`t_corrected` adds z²₁₋α/₂ / 4 (Guenther 1981), which brings the
formula to the exact t-test values (Cohen 1988, table 2.4.1: 64 per group for Δ/σ = 0,5, 26 for 0,8) — both are
tested. Patients lost to follow-up are not counted: the formula gives the patients *analysed*.

The trials of data/studies.yml (randomised, two parallel groups, with an enrolment count) are placed on the curve:
for each, the difference its size could detect with the chosen σ, α and power (:func:`detectable_difference`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from mesocours.data import course
from mesocours.numbers import NBSP, Field, InputError

DIFFERENCE = Field("la différence à détecter", "mm", feminine=True, minimum=0, maximum=100, strict_min=True)
SD = Field("l’écart-type", "mm", minimum=0, maximum=100, strict_min=True)
ALPHA = Field("le risque alpha (bilatéral)", "%", minimum=0, maximum=50, strict_min=True)
POWER = Field("la puissance", "%", feminine=True, minimum=0, maximum=99.9, strict_min=True)
GROUP = Field("l’effectif par groupe", minimum=2, maximum=1_000_000)

_Z = NormalDist()


def z(p: float) -> float:
    """The standard normal quantile of ``p`` (0 < p < 1)."""
    return _Z.inv_cdf(p)


def _check(alpha: float, power: float) -> None:
    if not 0 < alpha < 1 or not 0 < power < 1 or math.isnan(alpha) or math.isnan(power):
        raise InputError("Le risque alpha et la puissance sont des proportions strictement comprises entre 0 et 1.")


def exact_n(delta: float, sd: float, alpha: float, power: float) -> float:
    """2 (z₁₋α/₂ + z₁₋β)² σ² / Δ², not rounded (alpha and power as fractions)."""
    _check(alpha, power)
    if not delta > 0 or not sd > 0:
        raise InputError("La différence à détecter et l’écart-type sont strictement positifs.")
    return 2 * (z(1 - alpha / 2) + z(power)) ** 2 * sd ** 2 / delta ** 2


def t_corrected(delta: float, sd: float, alpha: float, power: float) -> float:
    """The normal formula plus z²₁₋α/₂ / 4 (Guenther 1981): close to the exact t-test size."""
    return exact_n(delta, sd, alpha, power) + z(1 - alpha / 2) ** 2 / 4


def per_group(delta: float, sd: float, alpha: float, power: float) -> int:
    """Patients to analyse per group (normal formula, rounded up)."""
    return math.ceil(exact_n(delta, sd, alpha, power) - 1e-9)


def detectable_difference(n: float, sd: float, alpha: float, power: float) -> float:
    """The difference Δ that ``n`` patients per group detect with that power: (z₁₋α/₂ + z₁₋β) σ √(2/n)."""
    _check(alpha, power)
    if not n >= 2 or not sd > 0:
        raise InputError("Il faut au moins 2 patients par groupe et un écart-type strictement positif.")
    return (z(1 - alpha / 2) + z(power)) * sd * math.sqrt(2 / n)


def power_of(n: float, delta: float, sd: float, alpha: float) -> float:
    """The power of ``n`` per group to detect Δ (normal approximation, the far tail neglected)."""
    if not n >= 2 or not sd > 0 or not delta > 0 or not 0 < alpha < 1:
        raise InputError("Il faut au moins 2 patients par groupe, un écart-type et une différence positifs.")
    return _Z.cdf(delta / (sd * math.sqrt(2 / n)) - z(1 - alpha / 2))


@dataclass(frozen=True)
class Trial:
    """A trial of the data placed on the curve: its enrolment split in two equal groups."""

    label: str
    n: int            # randomised (or analysed when only that is given)
    per_group: float  # n / 2
    sources: tuple[str, ...]


def trials() -> tuple[Trial, ...]:
    """Randomised trials of data/studies.yml with two parallel groups and an enrolment count, by size."""
    out = []
    for s in course().studies:
        if s.kind == "essai_randomise" and s.arms == 2 and (s.n or s.n_analysed):
            n = s.n or s.n_analysed
            out.append(Trial(s.label, n, n / 2, tuple(s.sources)))
    return tuple(sorted(out, key=lambda t: (t.n, t.label)))


@dataclass(frozen=True)
class SampleSize:
    delta: float   # mm
    sd: float      # mm
    alpha: float   # fraction
    power: float   # fraction
    exact: float   # normal formula, not rounded
    n: int         # per group, rounded up
    t_n: int       # with the t correction, rounded up

    @property
    def total(self) -> int:
        return 2 * self.n

    @property
    def effect_size(self) -> float:
        return self.delta / self.sd


def sample_size(delta, sd, alpha_percent, power_percent) -> SampleSize:
    """Parse the four inputs (as typed: mm, mm, %, %) and compute the size per group."""
    d = DIFFERENCE.parse(delta)
    s = SD.parse(sd)
    a = ALPHA.parse(alpha_percent) / 100
    p = POWER.parse(power_percent) / 100
    exact = exact_n(d, s, a, p)
    if exact > 10_000_000:
        raise InputError(f"Plus de dix millions de patients par groupe{NBSP}: avec une différence aussi petite devant "
                         "l’écart-type, aucun essai n’est faisable.")
    return SampleSize(d, s, a, p, exact, per_group(d, s, a, p), math.ceil(t_corrected(d, s, a, p) - 1e-9))


__all__ = ["ALPHA", "DIFFERENCE", "GROUP", "POWER", "SD", "SampleSize", "Trial", "detectable_difference", "exact_n",
           "per_group", "power_of", "sample_size", "t_corrected", "trials", "z"]
