"""Combien de patients ? n per group against the difference to detect, with the data's trials on the curve.

A log-scaled axis of patients per group; the curve for the chosen σ, α and power; the chosen difference as a
circle; each randomised two-group trial of the data as a numbered square at (difference its size detects, half
its enrolment), numbers explained in a box (not only colour: shapes and numbers). :class:`SampleSizeView` caches
the background by what it depends on (axis limits, σ, α, power: the curve, the trials, their numbers and their key
change only with these); the chosen difference and its sentence are drawn over it at each update.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, NullFormatter

from mesocours.models.sample_size import SampleSize, Trial, detectable_difference, exact_n, trials
from mesocours.numbers import NBSP, fr
from mesocours.plots.style import OKABE_ITO, LiveFigure, new_figure, nice_ceil


def limits(result: SampleSize) -> tuple[float, float]:
    x = min(100.0, max(40.0, nice_ceil(result.delta * 1.25)))
    y = max(1_000.0, 10 ** np.ceil(np.log10(max(result.n, 1) * 2)))
    return x, float(y)


class SampleSizeView:
    def __init__(self, live: bool = True):
        self.trials: tuple[Trial, ...] = trials()
        self.fig = new_figure(7.0, 4.4)
        self.live = LiveFigure(self.fig, cache_size=12) if live else None
        ax = self.ax = self.fig.add_axes((0.11, 0.13, 0.53, 0.70))
        ax.set_yscale("log")
        ax.set_xlabel("différence à détecter (mm sur l’EVA de 0 à 100)", fontsize=10)
        ax.set_ylabel("patients à analyser par groupe", fontsize=10)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: fr(y, 0)))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: fr(x, 0)))
        ax.grid(True, which="major", color="#e5e5e5", lw=0.6)
        (self.curve,) = ax.plot([], [], color=OKABE_ITO["bleu"], lw=2, label="effectif nécessaire")
        (self.chosen,) = ax.plot([], [], "o", color=OKABE_ITO["vermillon"], ms=9, label="votre choix")
        (self.points,) = ax.plot([], [], "s", color="#000000", mfc="white", mew=1.4, ms=8,
                                 label="essais des données (n/2)")
        self.numbers = [ax.text(0, 0, str(i + 1), fontsize=8, ha="left", va="bottom") for i in range(len(self.trials))]
        ax.legend(handles=[self.curve, self.chosen, self.points], loc="upper right", fontsize=8.5, frameon=True)
        self.key_box = self.fig.text(0.67, 0.83, "", fontsize=8.5, va="top", ha="left", linespacing=1.35)
        self.title = self.fig.text(0.01, 0.985, "", fontsize=10.5, va="top", ha="left")
        self.note = self.fig.text(0.01, 0.925, "", fontsize=10, va="top", ha="left")
        self.lims = None
        self.key = None  # what the background shows: (limits, σ, α, power)
        if self.live:
            self.live.dynamic(self.chosen, self.note)

    def _set_limits(self, lims) -> None:
        if lims != self.lims:
            self.ax.set_xlim(0, lims[0])
            self.ax.set_ylim(1, lims[1])
            self.lims = lims

    def draw(self, r: SampleSize) -> None:
        self._set_limits(limits(r))
        key = (self.lims, r.sd, r.alpha, r.power)
        if key != self.key:  # the background: everything but the chosen difference
            self.key = key
            d = np.linspace(max(0.5, self.lims[0] / 200), self.lims[0], 200)
            self.curve.set_data(d, [exact_n(x, r.sd, r.alpha, r.power) for x in d])
            xs = [detectable_difference(t.per_group, r.sd, r.alpha, r.power) for t in self.trials]
            ys = [t.per_group for t in self.trials]
            self.points.set_data(xs, ys)
            for i, (text, x, y) in enumerate(zip(self.numbers, xs, ys)):
                text.set_position((x + self.lims[0] * 0.012, y * (1.08 if i % 2 == 0 else 0.80)))
            lines = ["Essais des données", "(n patients, Δ détectable)",
                     *(f"{i + 1}. {t.label} ({t.n}){NBSP}: {fr(x, 0)} mm" for i, (t, x) in enumerate(zip(self.trials, xs)))]
            self.key_box.set_text("\n".join(lines))
            self.title.set_text(f"σ = {fr(r.sd, 1)} mm, α = {fr(100 * r.alpha, 1)} % (bilatéral), puissance "
                                f"{fr(100 * r.power, 1)} %")
        self.chosen.set_data([r.delta], [r.n])
        self.note.set_text(f"● Δ = {fr(r.delta, 1)} mm{NBSP}: {fr(r.n, 0)} patients par groupe "
                           f"({fr(r.total, 0)} au total)")

    def png(self, r: SampleSize) -> bytes:
        self.draw(r)
        return self.live.png(self.key)


def sample_size_figure(r: SampleSize):
    view = SampleSizeView(live=False)
    view.draw(r)
    return view.fig


__all__ = ["SampleSizeView", "limits", "sample_size_figure"]
