"""The first minutes of an office emergency, drawn from ``data/emergency.yml``.

``first_minutes_figure(scenario)`` returns a matplotlib ``Figure`` (built without pyplot): one row per
step of the scenario, top to bottom in the order of the drill, the minute of the step in a box on the
left and the expected action (the step's correct choice, as the data words it) on the right. The rows
are evenly spaced: the minutes are written, not scaled, so that a step at minute 30 does not push the
first minutes into a corner. A scenario is a mapping as read from the YAML file, or any object with the
same attributes (the pydantic record the course's loader will provide).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, Mapping, Optional

import yaml
from matplotlib.figure import Figure

from mesocours.data.base import DATA_DIR
from mesocours.plots.style import ACCENT, OKABE_ITO

FONT_SIZE = 11
WRAP = 70


def load_emergency(path: Optional[Path] = None) -> dict:
    """The parsed ``data/emergency.yml`` (doses and scenarios)."""
    path = path or DATA_DIR / "emergency.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _get(obj: Any, key: str) -> Any:
    return obj[key] if isinstance(obj, Mapping) else getattr(obj, key)


def scenario_by_id(data: Mapping, scenario_id: str) -> Any:
    """The scenario whose ``id`` is ``scenario_id``; a French error names the known ones."""
    scenarios = list(_get(data, "scenarios"))
    for sc in scenarios:
        if _get(sc, "id") == scenario_id:
            return sc
    known = ", ".join(str(_get(sc, "id")) for sc in scenarios)
    raise KeyError(f"scénario inconnu « {scenario_id} » (scénarios connus : {known})")


def correct_choice(step: Any) -> Any:
    """The one correct choice of a step (the data guarantees exactly one)."""
    good = [c for c in _get(step, "choices") if _get(c, "correct")]
    if len(good) != 1:
        raise ValueError(f"l’étape « {_get(step, 'id')} » doit avoir exactement une bonne réponse")
    return good[0]


def timeline_rows(scenario: Any) -> list[tuple[str, str]]:
    """``[(\"min 0\", action), ...]`` in the order of the steps."""
    rows = []
    for step in _get(scenario, "steps"):
        rows.append((f"min {_get(step, 'minute')}", str(_get(correct_choice(step), "label"))))
    return rows


def first_minutes_figure(scenario: Any) -> Figure:
    """The expected action of each step, minute by minute (see the module docstring)."""
    rows = timeline_rows(scenario)
    wrapped = [textwrap.fill(action, WRAP) for _, action in rows]
    heights = [max(1, w.count("\n") + 1) for w in wrapped]
    unit = 0.28  # inches per text line
    total = sum(h * unit + 0.35 for h in heights) + 0.9
    fig = Figure(figsize=(9, total), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    y = 0.0
    centres = []
    for (minute, _), text, h in zip(rows, wrapped, heights):
        block = h * unit + 0.35
        centre = y + block / 2
        centres.append(centre)
        ax.text(0.02, centre, minute, ha="left", va="center", fontsize=FONT_SIZE, fontweight="bold",
                color="white", bbox=dict(boxstyle="round,pad=0.4", facecolor=ACCENT, edgecolor=ACCENT))
        ax.text(0.16, centre, text, ha="left", va="center", fontsize=FONT_SIZE, color="black")
        y += block
    if len(centres) > 1:  # the thread that links the minutes: a dashed line, not a colour alone
        ax.plot([0.055, 0.055], [centres[0], centres[-1]], color=OKABE_ITO["bleu"], linestyle="--",
                linewidth=1.5, zorder=0)
    ax.set_xlim(0, 1)
    ax.set_ylim(y + 0.1, -0.1)
    ax.set_title(f"{_get(scenario, 'title')} : la conduite attendue, étape par étape".replace(" :", "\u00a0:"),
                 fontsize=FONT_SIZE + 1, loc="left")
    return fig


# --------------------------------------------------------------------------
# The dose rule as the chapter prints it (text, read from the data: never retyped in prose)
# --------------------------------------------------------------------------
def dose_rule(data: Optional[Mapping] = None, dose_id: str = "adrenaline_im") -> Any:
    """The dose record ``dose_id`` of ``data/emergency.yml``."""
    data = data if data is not None else load_emergency()
    for d in _get(data, "doses"):
        if _get(d, "id") == dose_id:
            return d
    raise KeyError(f"dose inconnue « {dose_id} »")


def dose_for_weight(weight_kg: float, rule: Any) -> float:
    """mg for a weight: weight × mg/kg, capped at the rule's maximum. A weight ≤ 0 raises a French error."""
    w = float(weight_kg)
    if not w > 0:
        raise ValueError(f"le poids doit être strictement positif (valeur saisie : {w:g} kg)")
    return min(w * float(_get(rule, "mg_per_kg")), float(_get(rule, "max_mg")))


def rule_text(rule: Any) -> str:
    """The rule in French, from the data: route, mg/kg, cap, concentration, repeat."""
    from mesocours.numbers import NBSP, fr

    return (f"Adrénaline, voie {_get(rule, 'route')}{NBSP}: {fr(_get(rule, 'mg_per_kg'), 3)} mg/kg, "
            f"{fr(_get(rule, 'max_mg'))} mg au plus par injection, solution à "
            f"{fr(_get(rule, 'concentration_mg_per_ml'))} mg/mL{NBSP}; nouvelle injection possible après "
            f"{_get(rule, 'repeat_after_min')} minutes si la réponse est insuffisante.")


def worked_dose_text(weight_kg: float, rule: Any) -> str:
    """The computation for one weight, step by step, in French (decimal comma)."""
    from mesocours.numbers import NBSP, fr

    w = float(weight_kg)
    raw = w * float(_get(rule, "mg_per_kg"))
    mg = dose_for_weight(w, rule)
    conc = float(_get(rule, "concentration_mg_per_ml"))
    capped = raw > mg
    lines = [
        f"1. Dose brute{NBSP}: {fr(w)} kg × {fr(_get(rule, 'mg_per_kg'), 3)} mg/kg = {fr(raw, 3)} mg.",
        (f"2. Plafond{NBSP}: {fr(raw, 3)} mg dépasse {fr(_get(rule, 'max_mg'))} mg, la dose est donc "
         f"{fr(mg, 3)} mg.") if capped else
        (f"2. Plafond{NBSP}: {fr(raw, 3)} mg ne dépasse pas {fr(_get(rule, 'max_mg'))} mg, la dose reste "
         f"{fr(mg, 3)} mg."),
        f"3. Volume{NBSP}: {fr(mg, 3)} mg ÷ {fr(conc)} mg/mL = {fr(mg / conc, 3)} mL.",
    ]
    return "\n".join(lines)
