"""Session timelines (phases coloured) and cumulative sessions / volume over a period."""

from __future__ import annotations

import textwrap

from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mesocours.models.protocols import cumulative, protocol, schedule
from mesocours.numbers import fr
from mesocours.plots.style import PHASE_COLOURS, french_axes, french_axis, new_figure

PHASE_LABELS = {"attaque": "attaque", "entretien": "entretien", "evaluation": "évaluation", "traitement": "traitement"}


def protocols_figure(protocol_ids: list[str], period_days: float, volume_per_session_ml=None) -> Figure:
    protos = [protocol(p) for p in protocol_ids]
    fig = new_figure(7.6, 2.2 + 0.45 * len(protos) + 2.4)
    gs = fig.add_gridspec(2, 1, height_ratios=[0.6 + 0.45 * len(protos), 2.6])
    ax = fig.add_subplot(gs[0])
    seen: set[str] = set()
    for row, p in enumerate(protos):
        y = len(protos) - 1 - row
        ax.axhline(y, color="#dddddd", lw=0.8, zorder=1)
        sessions = schedule(p)
        # one artist per row (colours and transparency per point): fewer artists, faster redraw
        colours = [to_rgba(PHASE_COLOURS[phase], 0.25 if day > period_days + 1e-9 else 1.0) for day, phase in sessions]
        ax.scatter([d for d, _ in sessions], [y] * len(sessions), s=42, c=colours, zorder=3, edgecolors="none")
        seen.update(phase for _, phase in sessions)
    ax.set_yticks(range(len(protos)))
    ax.set_yticklabels([textwrap.fill(p.label, 26) for p in reversed(protos)], fontsize=7.5)
    ax.axvline(period_days, color="#555555", lw=1, ls="--")
    ax.set_xlim(-2, max(period_days, max((d for p in protos for d, _ in schedule(p)), default=0)) + 5)
    ax.set_ylim(-0.7, len(protos) - 0.3)
    ax.set_xlabel("jours depuis la première séance")
    ax.set_title(f"Calendriers des séances (période étudiée : {fr(period_days, 0)} jours, trait pointillé)", fontsize=10, y=1.0)
    french_axis(ax.xaxis, 0, nbins=6)
    handles = [Line2D([], [], marker="o", ls="", color=PHASE_COLOURS[n], label=PHASE_LABELS[n]) for n in PHASE_COLOURS if n in seen]
    ax.legend(handles=handles, loc="upper right", fontsize=7.5, frameon=False, ncol=len(handles))

    ax2 = fig.add_subplot(gs[1])
    ax3 = None
    for p in protos:
        cum = cumulative(p, period_days, volume_per_session_ml)
        ax2.step(cum.days, cum.counts, where="post", label=p.label, lw=1.8)
        if cum.volumes is not None:
            if ax3 is None:
                ax3 = ax2.twinx()
            ax3.step(cum.days, cum.volumes, where="post", lw=1, ls=":", color="#555555")
    ax2.set_xlim(0, period_days)
    ax2.set_xlabel("jours")
    ax2.set_ylabel("séances cumulées")
    ax2.legend(fontsize=7.5, loc="upper left", frameon=False)
    french_axes(ax2, 1, nbins=5)
    if ax3 is not None:
        ax3.set_ylabel("volume cumulé (mL, pointillés)")
        french_axis(ax3.yaxis, 2, nbins=5)
        ax3.set_ylim(bottom=0)
    ax2.set_ylim(bottom=0)
    fig.subplots_adjust(left=0.27, right=0.9, bottom=0.09, top=0.93, hspace=0.45)
    return fig
