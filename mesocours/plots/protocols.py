"""Session timelines (phases by colour and marker) and cumulative sessions / volume over a period.

:class:`ProtocolsView` is built once per selection of calendars. The period and the volume per
session move artists only (session markers, period lines, step curves, title); axis limits are
snapped to round numbers, so most changes reuse the cached axes, ticks and labels.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mesocours.models.protocols import cumulative, protocol, schedule
from mesocours.numbers import NBSP, accord, fr
from mesocours.plots.style import (NICE_COARSE, PHASE_COLOURS, PHASE_MARKERS, LiveFigure, french_axes, french_axis,
                                   new_figure, nice_ceil, series_style)

PHASE_LABELS = {"attaque": "attaque", "entretien": "entretien", "evaluation": "évaluation", "traitement": "traitement"}
OUTSIDE_ALPHA = 0.25  # sessions after the period: faded (and hollow: not only a colour cue)


class ProtocolsView:
    """The planner's figure for a fixed list of calendars; ``png(period, volume)`` redraws it."""

    def __init__(self, protocol_ids: list[str], live: bool = True):
        self.protos = [protocol(p) for p in protocol_ids]
        protos = self.protos
        n = len(protos)
        self.fig = new_figure(7.6, 2.2 + 0.45 * n + 2.4)
        self.live = LiveFigure(self.fig, cache_size=4) if live else None
        gs = self.fig.add_gridspec(2, 1, height_ratios=[0.6 + 0.45 * n, 2.6])
        ax = self.ax = self.fig.add_subplot(gs[0])
        self.schedules = [schedule(p) for p in protos]
        self.last_day = max((d for s in self.schedules for d, _ in s), default=0.0)
        self.marks: list[tuple] = []  # (scatter, days) per row and phase
        seen: list[str] = []
        for row, sched in enumerate(self.schedules):
            y = n - 1 - row
            ax.axhline(y, color="#dddddd", lw=0.8, zorder=1)
            for phase in PHASE_COLOURS:
                days = np.array([d for d, ph in sched if ph == phase], dtype=float)
                if not len(days):
                    continue
                if phase not in seen:
                    seen.append(phase)
                sc = ax.scatter(days, np.full(len(days), y), s=42, marker=PHASE_MARKERS[phase], zorder=3,
                                linewidths=1.2)
                self.marks.append((sc, days, PHASE_COLOURS[phase]))
        ax.set_yticks(range(n))
        ax.set_yticklabels([textwrap.fill(p.label, 26) for p in reversed(protos)], fontsize=7.5)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlabel("jours depuis la première séance")
        french_axis(ax.xaxis, 0, nbins=6)
        handles = [Line2D([], [], marker=PHASE_MARKERS[ph], ls="", color=PHASE_COLOURS[ph], label=PHASE_LABELS[ph])
                   for ph in PHASE_COLOURS if ph in seen]
        ax.legend(handles=handles, loc="upper right", fontsize=7.5, frameon=False, ncol=max(1, len(handles)))
        self.title = ax.set_title(" ", fontsize=10, y=1.0)
        self.period_line = ax.axvline(0, color="#555555", lw=1, ls="--")

        ax2 = self.ax2 = self.fig.add_subplot(gs[1])
        self.count_lines = []
        for i, p in enumerate(protos):
            st = series_style(i)
            self.count_lines.append(ax2.plot([], [], drawstyle="steps-post", lw=1.8, label=p.label, color=st["color"],
                                             ls=st["ls"], marker=st["marker"], ms=4)[0])
        self.period_line2 = ax2.axvline(0, color="#555555", lw=1, ls="--")
        ax2.set_xlabel("jours")
        ax2.set_ylabel("séances cumulées")
        # the legend names each calendar with its totals (sessions, volume): it changes with them
        self.legend = ax2.legend(fontsize=7.5, loc="upper left", frameon=True, framealpha=0.85, edgecolor="none")
        french_axes(ax2, 1, nbins=5)
        self.fig.subplots_adjust(left=0.27, right=0.97, bottom=0.09, top=0.93, hspace=0.45)
        if self.live is not None:
            self.live.dynamic(self.title, self.period_line, self.period_line2, *self.count_lines, self.legend,
                              *(sc for sc, _, _ in self.marks))

    def draw(self, period_days: float, volume_per_session_ml=None) -> tuple:
        """Set every artist for this period and volume; return the key of the static part.

        The key holds the axis limits only (snapped to 1, 2, 5 × 10^k): the volume is written in
        the legend, so changing it never redraws the axes.
        """
        shown = nice_ceil(period_days, NICE_COARSE)
        count_top = nice_ceil(max(len([d for d, _ in s if d <= shown + 1e-9]) for s in self.schedules) + 0.5,
                              NICE_COARSE)
        self.ax.set_xlim(-2, max(shown, self.last_day) + 5)
        self.ax2.set_xlim(0, shown)
        self.ax2.set_ylim(0, count_top)
        self.title.set_text(f"Calendriers des séances (période étudiée{NBSP}: {fr(period_days, 0)} jours, "
                            "trait pointillé)")
        self.period_line.set_xdata([period_days, period_days])
        self.period_line2.set_xdata([period_days, period_days])
        for sc, days, colour in self.marks:
            inside = days <= period_days + 1e-9
            sc.set_facecolors([to_rgba(colour, 1.0) if i else (1, 1, 1, 0) for i in inside])
            sc.set_edgecolors([to_rgba(colour, 1.0 if i else OUTSIDE_ALPHA * 2) for i in inside])
        for p, line, text in zip(self.protos, self.count_lines, self.legend.get_texts()):
            cum = cumulative(p, period_days, volume_per_session_ml)
            line.set_data(cum.days, cum.counts)
            n = cum.counts[-1]
            vol = "volume non documenté" if cum.volumes is None else fr(cum.volumes[-1], 2, "mL")
            text.set_text(f"{p.label}{NBSP}: {n} {accord(n, 'séance')}, {vol}")
        return (shown, count_top)

    def png(self, period_days: float, volume_per_session_ml=None) -> bytes:
        return self.live.png(self.draw(period_days, volume_per_session_ml))


def protocols_figure(protocol_ids: list[str], period_days: float, volume_per_session_ml=None) -> Figure:
    view = ProtocolsView(protocol_ids, live=False)
    view.draw(period_days, volume_per_session_ml)
    return view.fig
