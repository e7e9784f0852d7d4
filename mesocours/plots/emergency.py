"""The first minutes of an office emergency, drawn from ``data/emergency.yml``.

``first_minutes_figure(scenario)`` returns a matplotlib ``Figure`` (built without pyplot): one row per
step of the scenario, top to bottom in the order of the drill, the minute of the step in a box on the
left and the expected action (the step's correct choice, as the data words it) on the right. The rows
are evenly spaced: the minutes are written, not scaled, so that a step at minute 30 does not push the
first minutes into a corner. A scenario is a ``DrillScenario`` record (``mesocours.models.emergency.scenario``).
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from mesocours.data import DrillScenario, DrillStep
from mesocours.numbers import NBSP, fr
from mesocours.plots.style import ACCENT, OKABE_ITO

FONT_SIZE = 11
WRAP = 70


def correct_choice(step: DrillStep):
    """The one correct choice of a step (the schema guarantees exactly one)."""
    return next(c for c in step.choices if c.correct)


def timeline_rows(scenario: DrillScenario) -> list[tuple[str, str]]:
    """``[("min 0", action), ...]`` in the order of the steps."""
    return [(f"min{NBSP}{fr(step.minute, 1)}", correct_choice(step).label) for step in scenario.steps]


def first_minutes_figure(scenario: DrillScenario) -> Figure:
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
    ax.set_title(f"{scenario.title}{NBSP}: la conduite attendue, étape par étape",
                 fontsize=FONT_SIZE + 1, loc="left")
    return fig
