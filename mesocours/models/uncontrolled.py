"""Pourquoi les études sans témoin trompent: a simulated study in which the treatment may do nothing at all.

Conventions of the illustration (the chapter states them; they are not data):

- each patient has a *true* pain level, drawn from a normal law (mean ``population_mean``, standard deviation
  ``between_sd``, in mm of a 0–100 VAS); every measurement adds an independent day-to-day error of standard
  deviation ``noise_sd``; scores are not bounded to 0–100 (a simplification: the figure clips them);
- a patient enters the study when the score measured at the visit is at least the inclusion threshold, and that
  score is the baseline — as in a real case series;
- at follow-up, the true pain is unchanged except for the placebo response (every included patient) and the true
  effect (treated patients only); a new day-to-day error is drawn.

The *before/after series* treats every included patient and reports the mean improvement. The *sham-controlled
trial* randomises the same included patients in two equal arms (treatment, sham procedure) and reports the
difference between the arms' mean improvements. With a true effect of zero the series still « shows » an
improvement: regression to the mean (:func:`expected_regression`, exact for the normal model) plus the placebo
response; the trial's difference stays near zero. Reproducible: the same seed gives the same patients.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from mesocours.numbers import NBSP, Field, InputError

EFFECT = Field("l’effet vrai du traitement", "mm", minimum=0, maximum=50)
PLACEBO = Field("la réponse placebo", "mm", feminine=True, minimum=0, maximum=50)
THRESHOLD = Field("le seuil d’inclusion", "mm", minimum=0, maximum=100)
NOISE = Field("la variabilité d’un jour à l’autre", "mm", feminine=True, minimum=0, maximum=40)
PATIENTS = Field("le nombre de patients examinés", minimum=20, maximum=20_000)
SEED = Field("la graine du tirage", feminine=True, minimum=0, maximum=2**31 - 1)

POPULATION_MEAN = 45.0  # mm: convention of the illustration
BETWEEN_SD = 15.0       # mm: convention of the illustration
MIN_INCLUDED = 6        # fewer included patients: no study worth simulating
SHOWN = 30              # patients drawn one by one in the figure

_Z = NormalDist()


def whole(field: Field, value) -> int:
    x = field.parse(value)
    if x != int(x):
        raise InputError(f"{field.subject} est un nombre entier (valeur saisie{NBSP}: {field.show(x)}).")
    return int(x)


def expected_regression(threshold: float, noise_sd: float, population_mean: float = POPULATION_MEAN,
                        between_sd: float = BETWEEN_SD) -> float:
    """E[measured − true | measured ≥ threshold] for the normal model: noise² / σ · φ(a) / (1 − Φ(a)),
    σ² = between² + noise², a = (threshold − mean) / σ. Zero when there is no day-to-day error."""
    if noise_sd == 0:
        return 0.0
    total = math.hypot(between_sd, noise_sd)
    a = (threshold - population_mean) / total
    tail = 1 - _Z.cdf(a)
    if tail < 1e-12:
        raise InputError("Presque aucun patient n’atteint ce seuil d’inclusion.")
    return noise_sd ** 2 / total * _Z.pdf(a) / tail


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float   # 95 % interval (normal approximation)
    high: float


def _estimate(values: np.ndarray) -> Estimate:
    m = float(values.mean())
    half = 1.96 * float(values.std(ddof=1)) / math.sqrt(len(values))
    return Estimate(m, m - half, m + half)


def _difference(a: np.ndarray, b: np.ndarray) -> Estimate:
    m = float(a.mean() - b.mean())
    half = 1.96 * math.sqrt(float(a.var(ddof=1)) / len(a) + float(b.var(ddof=1)) / len(b))
    return Estimate(m, m - half, m + half)


@dataclass(frozen=True)
class Simulation:
    effect: float
    placebo: float
    threshold: float
    noise_sd: float
    screened: int
    seed: int
    included: int
    baseline: Estimate         # mean VAS at inclusion (series)
    follow_up: Estimate        # mean VAS at follow-up (series: everyone treated)
    before_after: Estimate     # mean improvement in the series
    active_change: Estimate    # trial, treatment arm: mean improvement
    sham_change: Estimate      # trial, sham arm: mean improvement
    difference: Estimate       # trial: treatment minus sham
    regression: float          # expected part of the series' improvement due to regression to the mean
    shown_baseline: tuple[float, ...]   # a few patients of the series, for the figure
    shown_follow_up: tuple[float, ...]


def simulate(effect=0, placebo=10, threshold=60, noise_sd=12, screened=2000, seed=1) -> Simulation:
    """Parse the inputs (as typed) and run both designs on the same included patients."""
    e = EFFECT.parse(effect)
    p = PLACEBO.parse(placebo)
    c = THRESHOLD.parse(threshold)
    s = NOISE.parse(noise_sd) + 0.0  # -0 typed: a zero numpy accepts
    n = whole(PATIENTS, screened)
    g = whole(SEED, seed)
    rng = np.random.default_rng(g)
    true = rng.normal(POPULATION_MEAN, BETWEEN_SD, n)
    measured = true + rng.normal(0, s, n)
    inside = measured >= c
    k = int(inside.sum())
    if k < MIN_INCLUDED:
        who = "Aucun patient n’atteint" if k == 0 else (f"Seulement {k} patient sur {n} atteint" if k == 1 else
                                                        f"Seulement {k} patients sur {n} atteignent")
        raise InputError(f"{who} le seuil d’inclusion de {THRESHOLD.show(c)}{NBSP}: baissez le seuil ou examinez "
                         f"plus de patients (il en faut au moins {MIN_INCLUDED}).")
    base, truth = measured[inside], true[inside]
    later = truth - p + rng.normal(0, s, k)            # follow-up without the treatment's own effect
    series_follow = later - e                          # series: everyone treated
    arm = rng.permutation(k) < k // 2                  # trial: half treated, half sham (same patients)
    trial_follow = np.where(arm, later - e, later)
    change = base - trial_follow
    return Simulation(
        effect=e, placebo=p, threshold=c, noise_sd=s, screened=n, seed=g, included=k,
        baseline=_estimate(base), follow_up=_estimate(series_follow), before_after=_estimate(base - series_follow),
        active_change=_estimate(change[arm]), sham_change=_estimate(change[~arm]),
        difference=_difference(change[arm], change[~arm]),
        regression=expected_regression(c, s),
        shown_baseline=tuple(float(x) for x in base[:SHOWN]), shown_follow_up=tuple(float(x) for x in series_follow[:SHOWN]),
    )


__all__ = ["BETWEEN_SD", "EFFECT", "MIN_INCLUDED", "NOISE", "PATIENTS", "PLACEBO", "POPULATION_MEAN", "SEED",
           "THRESHOLD", "Estimate", "Simulation", "expected_regression", "simulate"]
