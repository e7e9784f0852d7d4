"""Pourquoi les études sans témoin trompent: the same simulated patients in a before/after series and in a
sham-controlled trial, side by side.

Left: the series — a few patients as grey lines from inclusion to follow-up, the means as black circles with their
95 % intervals. Right: the trial — mean improvement in the treated arm (circle) and the sham arm (square) with
their intervals, and the difference written out. The axes move in steps of 20 mm (the cache key); every data
artist is dynamic (:class:`UncontrolledView`).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.collections import LineCollection

from mesocours.models.uncontrolled import Simulation
from mesocours.numbers import NBSP, fr
from mesocours.plots.style import OKABE_ITO, LiveFigure, fr_formatter, new_figure


def _interval(e) -> str:
    return f"{fr(e.mean, 1)} mm [IC 95 %{NBSP}: {fr(e.low, 1)} à {fr(e.high, 1)}]"


class UncontrolledView:
    def __init__(self, live: bool = True):
        self.fig = new_figure(7.4, 4.2)
        self.live = LiveFigure(self.fig, cache_size=6) if live else None
        left = self.left = self.fig.add_axes((0.08, 0.14, 0.38, 0.62))
        right = self.right = self.fig.add_axes((0.59, 0.14, 0.38, 0.62))
        left.set_xlim(-0.4, 1.4)
        left.set_ylim(0, 100)
        left.set_xticks([0, 1], ["inclusion", "suivi"])
        left.set_ylabel("douleur (EVA, mm)", fontsize=10)
        left.yaxis.set_major_formatter(fr_formatter(0))
        left.set_title("Série avant/après (tous traités)", fontsize=10)
        right.set_xlim(-0.6, 1.6)
        right.axhline(0, color="#666666", lw=0.8)
        right.set_xticks([0, 1], ["traitement", "procédure\nfictive"])
        right.set_ylabel("amélioration moyenne (mm)", fontsize=10)
        right.yaxis.set_major_formatter(fr_formatter(0))
        right.set_title("Essai contre procédure fictive", fontsize=10)
        for ax in (left, right):
            ax.grid(True, axis="y", color="#e5e5e5", lw=0.6)
        self.lines = LineCollection([], colors="#9a9a9a", linewidths=0.8, alpha=0.7)
        left.add_collection(self.lines)
        (self.means,) = left.plot([], [], "o-", color="#000000", ms=8, lw=2)
        self.means_ci = LineCollection([], colors="#000000", linewidths=2)
        left.add_collection(self.means_ci)
        self.series_text = left.text(0.5, 0.97, "", transform=left.transAxes, ha="center", va="top", fontsize=9)
        (self.active,) = right.plot([], [], "o", color=OKABE_ITO["vermillon"], ms=10)
        (self.sham,) = right.plot([], [], "s", color=OKABE_ITO["bleu"], ms=9, mfc="white", mew=2)
        self.arms_ci = LineCollection([], colors=[OKABE_ITO["vermillon"], OKABE_ITO["bleu"]], linewidths=2)
        right.add_collection(self.arms_ci)
        self.trial_text = right.text(0.5, 0.97, "", transform=right.transAxes, ha="center", va="top", fontsize=9)
        self.title = self.fig.text(0.01, 0.985, "", fontsize=10.5, va="top", ha="left")
        self.note = self.fig.text(0.01, 0.925, "", fontsize=9.5, va="top", ha="left")
        if self.live:
            self.live.dynamic(self.lines, self.means, self.means_ci, self.series_text, self.active, self.sham,
                              self.arms_ci, self.trial_text, self.title, self.note)

    def limits(self, s: Simulation) -> tuple:
        """Axis limits in steps of 20 mm, wide enough for every interval (the cache key)."""
        lows = (s.baseline.low, s.follow_up.low)
        highs = (s.baseline.high, s.follow_up.high)
        left = (min(0, 20 * math.floor(min(lows) / 20)), max(100, 20 * math.ceil(max(highs) / 20)))
        lows = (s.active_change.low, s.sham_change.low, s.difference.low)
        highs = (s.active_change.high, s.sham_change.high)
        right = (min(-20, 20 * math.floor((min(lows) - 5) / 20)), max(60, 20 * math.ceil((max(highs) + 12) / 20)))
        return left, right

    def draw(self, s: Simulation) -> tuple:
        key = self.limits(s)
        self.left.set_ylim(*key[0])
        self.right.set_ylim(*key[1])
        base = np.clip(s.shown_baseline, *key[0])
        follow = np.clip(s.shown_follow_up, *key[0])
        self.lines.set_segments([[(0, b), (1, f)] for b, f in zip(base, follow)])
        self.means.set_data([0, 1], [s.baseline.mean, s.follow_up.mean])
        self.means_ci.set_segments([[(0, s.baseline.low), (0, s.baseline.high)],
                                    [(1, s.follow_up.low), (1, s.follow_up.high)]])
        self.series_text.set_text(f"amélioration{NBSP}: {fr(s.before_after.mean, 1)} mm")
        self.active.set_data([0], [s.active_change.mean])
        self.sham.set_data([1], [s.sham_change.mean])
        self.arms_ci.set_segments([[(0, s.active_change.low), (0, s.active_change.high)],
                                   [(1, s.sham_change.low), (1, s.sham_change.high)]])
        self.trial_text.set_text(f"différence{NBSP}: {fr(s.difference.mean, 1)} mm\n"
                                 f"[IC 95 %{NBSP}: {fr(s.difference.low, 1)} à {fr(s.difference.high, 1)}]")
        self.title.set_text(f"Effet vrai {fr(s.effect, 1)} mm, placebo {fr(s.placebo, 1)} mm, inclusion si EVA ≥ "
                            f"{fr(s.threshold, 0)} mm")
        self.note.set_text(f"{s.included} patients inclus sur {s.screened} examinés (graine {s.seed})")
        return key

    def png(self, s: Simulation) -> bytes:
        return self.live.png(self.draw(s))


def uncontrolled_figure(s: Simulation):
    view = UncontrolledView(live=False)
    view.draw(s)
    return view.fig


__all__ = ["UncontrolledView", "uncontrolled_figure"]
