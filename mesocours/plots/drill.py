"""Exercice d'urgence: the learner's path through a scenario, one row per step at its minute.

Each answer is a marker on its step's row: a filled circle for a right choice, a cross for a wrong one (shape and
words, not only colour), attempts side by side; the current step's row is framed and labelled « en cours ».
:class:`DrillView` is built once per scenario (rows and labels are cached pixels); markers and title are dynamic.
"""

from __future__ import annotations

from matplotlib.patches import Rectangle

from mesocours.models.emergency import Drill
from mesocours.numbers import NBSP, accord, fr
from mesocours.plots.style import OKABE_ITO, LiveFigure, new_figure

ROW = 0.55
MAX_ATTEMPTS = 6  # markers drawn per step (more attempts are counted in the title)


def row_label(drill_scenario, i: int) -> str:
    step = drill_scenario.steps[i]
    return f"Étape {i + 1} · T{NBSP}+{NBSP}{fr(step.minute, 1)}{NBSP}min"


class DrillView:
    def __init__(self, drill_scenario, live: bool = True):
        self.scenario = drill_scenario
        n = len(drill_scenario.steps)
        height = 1.1 + ROW * n
        self.fig = new_figure(7.0, height)
        self.live = LiveFigure(self.fig, cache_size=2) if live else None
        ax = self.ax = self.fig.add_axes((0.27, 0.04, 0.70, 1 - 0.75 / height - 0.04))
        ax.set_xlim(0, MAX_ATTEMPTS + 1.6)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_yticks(range(n))
        ax.set_yticklabels([row_label(drill_scenario, i) for i in range(n)], fontsize=10)
        ax.set_xticks([])
        for spine in ("top", "right", "bottom"):
            ax.spines[spine].set_visible(False)
        for i in range(n):
            ax.axhline(i + 0.5, color="#dddddd", lw=0.6)
        self.frame = Rectangle((0.05, -0.45), MAX_ATTEMPTS + 1.5, 0.9, fill=False, edgecolor="#000000", lw=1.6)
        ax.add_patch(self.frame)
        self.current = ax.text(MAX_ATTEMPTS + 1.5, 0, "", fontsize=10, ha="right", va="center", fontweight="bold")
        (self.right,) = ax.plot([], [], "o", ms=11, color=OKABE_ITO["vert"], label="bon choix")
        (self.wrong,) = ax.plot([], [], "X", ms=11, color=OKABE_ITO["vermillon"], label="choix à revoir")
        ax.legend(handles=[self.right, self.wrong], loc="lower right", fontsize=9, frameon=False, ncol=2,
                  bbox_to_anchor=(1.0, 1.0))
        self.title = self.fig.text(0.01, 1 - 0.06 / height, "", fontsize=10.5, va="top", ha="left")
        if self.live:
            self.live.dynamic(self.frame, self.current, self.right, self.wrong, self.title)

    def draw(self, drill: Drill) -> None:
        rows = {s.id: i for i, s in enumerate(self.scenario.steps)}
        attempts: dict[str, int] = {}
        right, wrong = ([], []), ([], [])
        for a in drill.answers:
            k = attempts[a.step.id] = attempts.get(a.step.id, 0) + 1
            if k > MAX_ATTEMPTS:
                continue
            target = right if a.correct else wrong
            target[0].append(k)
            target[1].append(rows[a.step.id])
        self.right.set_data(*right)
        self.wrong.set_data(*wrong)
        if drill.finished:
            self.frame.set_visible(False)
            self.current.set_text("")
        else:
            y = rows[drill.at]
            self.frame.set_visible(True)
            self.frame.set_y(y - 0.45)
            self.current.set_position((MAX_ATTEMPTS + 1.5, y))
            self.current.set_text("▶ en cours")
        good, done = drill.score
        state = "terminé" if drill.finished else "en cours"
        self.title.set_text(f"{self.scenario.title} — {state}{NBSP}: {good} {accord(good, 'étape')} sur "
                            f"{done} {accord(good, 'réussie')} du premier coup")

    def png(self, drill: Drill) -> bytes:
        self.draw(drill)
        return self.live.png(self.scenario.id)


def drill_figure(drill: Drill):
    view = DrillView(drill.scenario, live=False)
    view.draw(drill)
    return view.fig
