"""Arithmétique du risque infectieux: P(au moins une injection contaminée) against the number of injections.

A log-scaled axis of injections (1 to 10 000, or more when the protocol needs it), the curve for the typed
probability, the session and the protocol marked (circle and square: not only colour), and the session sizes
published protocols report as labelled bands. :class:`RiskView` keeps the axes and the bands as cached pixels
(keyed by the axis limit); the curve, the markers and the title are dynamic.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, NullFormatter

from mesocours.models.infection import RiskResult, at_least_one, session_sizes
from mesocours.numbers import NBSP, fr
from mesocours.plots.style import OKABE_ITO, LiveFigure, fr_formatter, new_figure, nice_ceil


def percent(x: float) -> str:
    """A probability as a French percentage with the digits a small value needs."""
    v = 100 * x
    digits = 0 if v >= 10 else 1 if v >= 1 else 2 if v >= 0.01 else 4
    return fr(v, digits, "%")


def x_limit(result: RiskResult) -> float:
    return max(10_000.0, nice_ceil(result.total * 1.5))


class RiskView:
    def __init__(self, live: bool = True):
        self.fig = new_figure(7.0, 4.2)
        self.live = LiveFigure(self.fig, cache_size=4) if live else None
        ax = self.ax = self.fig.add_axes((0.11, 0.14, 0.84, 0.70))
        ax.set_xscale("log")
        ax.set_ylim(0, 100)
        ax.set_xlabel("nombre d’injections (échelle logarithmique)", fontsize=10)
        ax.set_ylabel("au moins une injection contaminée (%)", fontsize=10)
        ax.yaxis.set_major_formatter(fr_formatter(0))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: fr(x, 0)))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.grid(True, which="major", color="#e5e5e5", lw=0.6)
        self.bands = []
        for i, size in enumerate(session_sizes()):
            lo, hi = size.injections.min, size.injections.max
            band = ax.axvspan(lo * 0.97, hi * 1.03, color="#bbbbbb", alpha=0.35, hatch="||", lw=0)
            label = ax.text(hi * 1.12, 97, size.short, fontsize=8.5, va="top", ha="left", rotation=90)
            self.bands.append((band, label))
        colour = OKABE_ITO["bleu"]
        (self.curve,) = ax.plot([], [], color=colour, lw=2)
        (self.session,) = ax.plot([], [], "o", color=OKABE_ITO["vermillon"], ms=8, label="une séance")
        (self.protocol,) = ax.plot([], [], "s", color="#000000", ms=7, mfc="none", mew=1.6, label="tout le protocole")
        self.note = self.fig.text(0.01, 0.925, "", fontsize=10, va="top", ha="left")
        ax.legend(handles=[self.session, self.protocol], loc="lower right", fontsize=9, frameon=True)
        self.title = self.fig.text(0.01, 0.985, "", fontsize=10.5, va="top", ha="left")
        self.limit = None
        if self.live:
            self.live.dynamic(self.curve, self.session, self.protocol, self.note, self.title)

    def _set_limit(self, limit: float) -> None:
        if limit != self.limit:
            self.ax.set_xlim(1, limit)
            self.limit = limit

    def draw(self, result: RiskResult) -> None:
        self._set_limit(x_limit(result))
        n = np.unique(np.geomspace(1, self.limit, 240))
        self.curve.set_data(n, [100 * at_least_one(result.p, k) for k in n])
        self.session.set_data([result.injections], [100 * result.per_session])
        if result.sessions > 1:
            self.protocol.set_data([result.total], [100 * result.per_protocol])
        else:
            self.protocol.set_data([], [])
        self.title.set_text(f"Illustration{NBSP}: probabilité par injection supposée {percent(result.p)}, "
                            "injections indépendantes")
        note = f"● une séance de {result.injections} injections{NBSP}: {percent(result.per_session)}"
        if result.sessions > 1:
            note += f"   □ {result.sessions} séances ({result.total} injections){NBSP}: {percent(result.per_protocol)}"
        self.note.set_text(note)

    def png(self, result: RiskResult) -> bytes:
        self.draw(result)
        return self.live.png(self.limit)


def risk_figure(result: RiskResult):
    """A new figure (static scenarios)."""
    view = RiskView(live=False)
    view.draw(result)
    return view.fig
