"""A vertical timeline of dated events (``data/timeline.yml``), labels in French.

``timeline_figure(events)`` draws one marker per event on a vertical time axis
(oldest at the top) and writes a label beside it: the date as the source gives
it ("4 juin 1958", "1964") and the event.  Events whose sources disagree
(``disputed``) get a different marker *and* a text mark, so the difference
never rests on colour alone.  Labels that would overlap are spread apart by
:func:`spread_positions` and joined to their marker by a thin connector.

The helpers are pure functions, tested in ``tests/test_plot_timeline.py``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import Protocol

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mesocours.numbers import InputError

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
DISPUTED_MARK = "◆"  # text mark shown after the label of a disputed event
AGREED_COLOR = "#1f4e79"
DISPUTED_COLOR = "#b35900"


class EventLike(Protocol):
    """What the plot reads from a record (``mesocours.data.TimelineEvent`` fits)."""

    date: str
    event: str
    disputed: bool


def _parts(iso: str) -> tuple[int, int | None, int | None]:
    """Split an ISO date of year, month or day precision; InputError if malformed."""
    pieces = iso.split("-") if isinstance(iso, str) else []
    try:
        if not 1 <= len(pieces) <= 3 or len(pieces[0]) != 4 or any(len(p) != 2 for p in pieces[1:]):
            raise ValueError
        nums = [int(p) for p in pieces]
        year = nums[0]
        month = nums[1] if len(nums) > 1 else None
        day = nums[2] if len(nums) > 2 else None
        date(year, month or 1, day or 1)  # validates month and day
    except (ValueError, TypeError):
        raise InputError(f"« {iso} » n’est pas une date lisible : écrivez 1958, 1958-06 ou 1958-06-04.") from None
    return year, month, day


def date_to_year(iso: str) -> float:
    """Decimal year of an ISO date: ``"1958"`` -> 1958.0, ``"1958-07-01"`` -> about 1958.5.

    A date given to the year or the month is placed at the start of that period.
    """
    year, month, day = _parts(iso)
    start = date(year, 1, 1)
    length = (date(year + 1, 1, 1) - start).days
    d = date(year, month or 1, day or 1)
    return year + (d - start).days / length


def format_date_fr(iso: str) -> str:
    """The date in French with the precision given: ``"1958"``, ``"juin 1958"``, ``"4 juin 1958"``."""
    year, month, day = _parts(iso)
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS_FR[month - 1]} {year}"
    return f"{'1er' if day == 1 else day} {MONTHS_FR[month - 1]} {year}"


def spread_positions(targets: Sequence[float], min_gap: float) -> list[float]:
    """Positions as close as possible to ``targets`` but at least ``min_gap`` apart.

    Order is kept (targets must be sorted ascending); each run of labels that
    would collide is centred on the mean of its targets (least displacement).
    """
    if min_gap < 0:
        raise ValueError("min_gap must be >= 0")
    if any(b < a for a, b in pairwise(targets)):
        raise ValueError("targets must be sorted")
    # clusters: [first_index, count, sum_of_offsets] where offset = target - k*gap for item k of cluster
    clusters: list[list[float]] = []
    for i, t in enumerate(targets):
        clusters.append([i, 1, t])
        while len(clusters) > 1:
            prev, cur = clusters[-2], clusters[-1]
            prev_start = prev[2] / prev[1]
            prev_end = prev_start + (prev[1] - 1) * min_gap
            cur_start = cur[2] / cur[1]
            if cur_start >= prev_end + min_gap - 1e-12:
                break
            # merge: offsets of cur items are relative to their own index in the merged cluster
            n_prev = int(prev[1])
            merged_sum = prev[2] + cur[2] - cur[1] * n_prev * min_gap
            clusters[-2:] = [[prev[0], prev[1] + cur[1], merged_sum]]
    out: list[float] = []
    for _, count, total in clusters:
        start = total / count
        out.extend(start + k * min_gap for k in range(int(count)))
    return out


def _label(ev: EventLike, width: int) -> str:
    text = f"{format_date_fr(ev.date)} — {ev.event}"
    if ev.disputed:
        text += f" {DISPUTED_MARK}"
    return "\n".join(textwrap.wrap(text, width=width)) or text


def timeline_figure(events: Iterable[EventLike], *, width_in: float = 9.0, wrap: int = 70,
                    title: str = "Repères chronologiques de la mésothérapie",
                    legend: tuple[str, str] = ("date et faits concordants",
                                               "les sources divergent (date ou acteur)")) -> Figure:
    """A French vertical timeline of ``events`` (sorted by date here); returns a new Figure.

    ``legend``: what a plain (round) marker and a disputed (hollow diamond, marked) event mean on this timeline.

    Raises InputError (French) if there is no event or a date is unreadable.
    """
    evs = sorted(events, key=lambda e: date_to_year(e.date))
    if not evs:
        raise InputError("Aucun événement à afficher sur la frise.")
    years = [date_to_year(e.date) for e in evs]
    labels = [_label(e, wrap) for e in evs]
    n_lines = [lab.count("\n") + 1 for lab in labels]

    first = int(years[0]) // 10 * 10
    last = (int(years[-1]) // 10 + 1) * 10
    span = last - first
    height_in = max(4.0, 0.3 * sum(n_lines) + 1.5)
    line_years = span / (height_in * 72 / 13)  # one text line (~13 pt) expressed in years
    # spread labels, each occupying as many lines as it has (use the max for a simple, safe gap)
    gap = line_years * max(n_lines) * 1.05
    label_pos = spread_positions(years, gap)
    lo = min(first, label_pos[0] - gap / 2)
    hi = max(last, label_pos[-1] + gap / 2)

    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = fig.add_subplot()
    ax.set_ylim(hi, lo)  # time flows downwards
    ax.set_xlim(0, 10)
    ax.axvline(1.0, color="#888888", linewidth=1.5, zorder=1)
    for y, ly, ev, lab in zip(years, label_pos, evs, labels):
        color = DISPUTED_COLOR if ev.disputed else AGREED_COLOR
        marker = "D" if ev.disputed else "o"
        ax.plot([1.0], [y], marker=marker, markersize=7, color=color, zorder=3,
                markerfacecolor="white" if ev.disputed else color, markeredgewidth=1.8)
        ax.plot([1.0, 1.35, 1.6], [y, ly, ly], color="#aaaaaa", linewidth=0.7, zorder=2)
        ax.text(1.7, ly, lab, va="center", ha="left", fontsize=9.5,
                color="#222222", fontstyle="italic" if ev.disputed else "normal")
    ax.set_yticks(range(first, last + 1, 10))
    ax.set_yticklabels([str(t) for t in range(first, last + 1, 10)])
    ax.tick_params(axis="y", labelsize=9)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel("Année")
    ax.set_title(title, fontsize=12, loc="left")
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=AGREED_COLOR, label=legend[0]),
        Line2D([], [], marker="D", linestyle="none", color=DISPUTED_COLOR, markerfacecolor="white",
               markeredgewidth=1.8, label=f"{DISPUTED_MARK} {legend[1]}"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), fontsize=9, frameon=False, ncols=2)
    return fig
