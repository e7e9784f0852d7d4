"""Exercice d'urgence: a branching scenario played choice by choice, and a dose computed from the weight.

Both read data/emergency.yml: the dose rules as the guidelines state them (mg per kg, ceiling, concentration of
the solution) and the scenarios (steps, choices, the feedback and sources of each). The rules of this module:

1. dose = weight × mg_per_kg, capped at max_mg; volume = dose / concentration (never a dose of ours);
2. a drill starts at the first step of its scenario; a choice records (step, choice, correct) and moves to the
   choice's ``next`` step (a wrong choice may lead back to the same step: retry), « fin » ends it;
3. the score counts the steps answered right at the first attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

from mesocours.data import DoseRule, DrillScenario, DrillStep, course
from mesocours.numbers import NBSP, Field, InputError, fr

WEIGHT = Field("le poids du patient", "kg", minimum=0, maximum=300, strict_min=True)
END = "fin"


def _one(table: dict, key: str, what: str):
    """``table[key]``, or the French error naming what is known."""
    if key not in table:
        raise InputError(f"{what} «{NBSP}{key}{NBSP}»{NBSP}: choisissez parmi {', '.join(table)}.")
    return table[key]


def dose_rule(rule_id: str = "adrenaline_im") -> DoseRule:
    return _one({r.id: r for r in course().dose_rules}, rule_id, "Règle de dose inconnue")


@dataclass(frozen=True)
class Dose:
    rule: DoseRule
    weight_kg: float
    mg: float
    ml: float
    capped: bool  # the weight-based dose exceeded the ceiling


def dose(weight, rule_id: str = "adrenaline_im") -> Dose:
    """Rule 1, the weight as typed (« 62 », « 62 kg », « 62,5 »)."""
    rule = dose_rule(rule_id)
    w = WEIGHT.parse(weight)
    raw = w * rule.mg_per_kg
    mg = min(raw, rule.max_mg)
    return Dose(rule, w, mg, mg / rule.concentration_mg_per_ml, raw > rule.max_mg)


def rule_text(rule_id: str = "adrenaline_im") -> str:
    """The rule in French, from the data: route, mg/kg, ceiling, concentration, repeat."""
    r = dose_rule(rule_id)
    repeat = (f"{NBSP}; nouvelle injection possible après {fr(r.repeat_after_min, 0)} minutes si la réponse est "
              "insuffisante") if r.repeat_after_min else ""
    return (f"{r.drug.capitalize()}, voie {r.route}{NBSP}: {fr(r.mg_per_kg, 3)} mg/kg, {fr(r.max_mg, 2)} mg au plus par "
            f"injection, solution à {fr(r.concentration_mg_per_ml, 2)} mg/mL{repeat}.")


def worked_dose_text(weight, rule_id: str = "adrenaline_im") -> str:
    """The computation for one weight, step by step, in French (decimal comma): rule 1 written out."""
    d = dose(weight, rule_id)
    r = d.rule
    raw = d.weight_kg * r.mg_per_kg
    ceiling = (f"2. Plafond{NBSP}: {fr(raw, 3)} mg dépasse {fr(r.max_mg, 2)} mg, la dose est donc {fr(d.mg, 3)} mg."
               if d.capped else
               f"2. Plafond{NBSP}: {fr(raw, 3)} mg ne dépasse pas {fr(r.max_mg, 2)} mg, la dose reste {fr(d.mg, 3)} mg.")
    return "\n".join([
        f"1. Dose brute{NBSP}: {fr(d.weight_kg, 1)} kg × {fr(r.mg_per_kg, 3)} mg/kg = {fr(raw, 3)} mg.",
        ceiling,
        f"3. Volume{NBSP}: {fr(d.mg, 3)} mg ÷ {fr(r.concentration_mg_per_ml, 2)} mg/mL = {fr(d.ml, 3)} mL.",
    ])


def scenarios() -> dict[str, DrillScenario]:
    return {s.id: s for s in course().drills}


def scenario(sid: str) -> DrillScenario:
    return _one(scenarios(), sid, "Scénario inconnu")


@dataclass(frozen=True)
class Answer:
    step: DrillStep
    index: int
    correct: bool


@dataclass(frozen=True)
class Drill:
    """Where a learner is in a scenario (immutable: ``choose`` returns the next state)."""

    scenario: DrillScenario
    at: str                         # a step id, or « fin »
    answers: tuple[Answer, ...] = ()

    @property
    def finished(self) -> bool:
        return self.at == END

    @property
    def step(self) -> DrillStep | None:
        return None if self.finished else next(s for s in self.scenario.steps if s.id == self.at)

    @property
    def last(self) -> Answer | None:
        return self.answers[-1] if self.answers else None

    @property
    def score(self) -> tuple[int, int]:
        """(steps right at the first attempt, steps answered) — rule 3."""
        first: dict[str, bool] = {}
        for a in self.answers:
            first.setdefault(a.step.id, a.correct)
        return sum(first.values()), len(first)

    @property
    def minute(self) -> float:
        return self.scenario.steps[-1].minute if self.finished else self.step.minute


def start(sid: str) -> Drill:
    s = scenario(sid)
    return Drill(s, s.steps[0].id)


def choose(drill: Drill, index) -> Drill:
    """Rule 2; an index out of range or a finished drill raises InputError."""
    if drill.finished:
        raise InputError(f"Le scénario est terminé{NBSP}: choisissez « Recommencer le scénario » pour rejouer.")
    step = drill.step
    try:
        i = int(index)
    except (TypeError, ValueError):
        raise InputError("Choisissez une des réponses proposées.") from None
    if not 0 <= i < len(step.choices):
        last = "ABCDEFGH"[len(step.choices) - 1]
        raise InputError(f"Cette étape propose les réponses A à {last}{NBSP}: choisissez l’une d’elles.")
    choice = step.choices[i]
    return Drill(drill.scenario, choice.next, (*drill.answers, Answer(step, i, choice.correct)))


__all__ = ["END", "WEIGHT", "Answer", "Dose", "Drill", "choose", "dose", "dose_rule", "rule_text", "scenario",
           "scenarios", "start", "worked_dose_text"]
