"""Documented infection outbreaks after mesotherapy, drawn from ``data/outbreaks.yml``.

``outbreaks_figure(course().outbreaks)`` returns a matplotlib ``Figure`` (built
without pyplot, so it never touches global state): one horizontal row per
outbreak, in chronological order, the number of cases as a dark bar and, where
the investigation counted them, the number of people exposed as a light bar
behind it, with the attack rate written in French (decimal comma).
"""

from __future__ import annotations

import re
import textwrap
from typing import Iterable, Optional, Sequence

from matplotlib.figure import Figure

from mesocours.numbers import NBSP, fr
from mesocours.plots.style import OKABE_ITO

# cases: solid Okabe-Ito vermilion; exposed: light grey with a hatch (not only a lighter colour)
CASES_COLOR = OKABE_ITO["vermillon"]
EXPOSED_COLOR = "#e3e3e3"
EXPOSED_HATCH = "///"


def _short_organism(name: str) -> str:
    """``"Mycobacterium chelonae"`` -> ``"M. chelonae"``; other names unchanged."""
    parts = name.split()
    if len(parts) >= 2 and parts[0].lower() == "mycobacterium":
        return f"M. {' '.join(parts[1:])}"
    return name


def years_label(start: str, end: Optional[str]) -> str:
    """``("2006-08", "2007-01")`` -> ``"2006-2007"``; same year or no end -> ``"2006"``."""
    y0 = start[:4]
    y1 = end[:4] if end else y0
    return y0 if y1 == y0 else f"{y0}-{y1}"


def attack_rate(cases: int, exposed: Optional[int]) -> Optional[float]:
    """Share of exposed people who became cases, in percent; ``None`` when exposed is unknown."""
    if exposed is None:
        return None
    if exposed <= 0 or cases < 0 or cases > exposed:
        raise ValueError("il faut 0 ≤ cas ≤ exposés et au moins une personne exposée")
    return 100.0 * cases / exposed


def _short_place(place: str) -> str:
    """The place without parenthetical remarks: ``"Îles Baléares (clinique esthétique)"`` -> ``"Îles Baléares"``."""
    return re.sub(r"\s*\([^)]*\)", "", place).strip()


def outbreak_label(outbreak) -> str:
    """Axis label, up to three lines: country and years; place; organisms (abbreviated genus)."""
    lines = [f"{outbreak.country}, {years_label(outbreak.start, outbreak.end)}"]
    place = _short_place(outbreak.place)
    if place and place != outbreak.country:
        lines.append(textwrap.shorten(place, width=42, placeholder="…"))
    organisms = ", ".join(_short_organism(o) for o in outbreak.organisms)
    lines.append(textwrap.fill(organisms, width=42))
    return "\n".join(lines)


CASE_WORDS = {"confirmes": "cas", "suspects": "cas suspects", "patients_infectes": "patients infectés",
              "germe_identifie": "patients avec germe identifié"}


def value_label(cases: int, exposed: Optional[int], kind: str = "confirmes", confirmed: Optional[int] = None) -> str:
    """Text at the end of a row: ``"16 cas / 105 exposés (15,2 %)"``, ``"35 cas suspects, dont 4 confirmés"``."""
    text = f"{fr(cases)}{NBSP}{CASE_WORDS[kind]}"
    if confirmed is not None:
        text += f", dont {fr(confirmed)} confirmés"
    if exposed is None:
        return text
    rate = attack_rate(cases, exposed)
    return f"{text} / {fr(exposed)}{NBSP}exposés ({fr(rate, 1)}{NBSP}%)"


def outbreaks_figure(outbreaks: Iterable, *, title: str = "Épidémies d’infections documentées après mésothérapie") -> Figure:
    """Horizontal bars of cases (and exposed where known) per documented outbreak.

    ``outbreaks`` are :class:`mesocours.data.Outbreak` records (or objects with the
    same attributes).  Rows are sorted by start date, oldest at the top.  With no
    record, the figure says so instead of drawing empty axes.
    """
    rows: Sequence = sorted(outbreaks, key=lambda o: (o.start, o.place))
    n = len(rows)
    fig = Figure(figsize=(9, max(2.5, 0.85 * n + 1.6)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=12)
    if n == 0:
        ax.text(0.5, 0.5, "Aucune épidémie à afficher", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig

    ys = list(range(n))[::-1]  # first (oldest) outbreak at the top
    max_x = max(max(o.cases, o.exposed or 0) for o in rows)
    any_exposed = any(o.exposed is not None for o in rows)
    for y, o in zip(ys, rows):
        if o.exposed is not None:
            ax.barh(y, o.exposed, height=0.6, color=EXPOSED_COLOR, edgecolor="#999999", linewidth=0.5,
                    hatch=EXPOSED_HATCH)
        ax.barh(y, o.cases, height=0.6, color=CASES_COLOR)
        end = max(o.cases, o.exposed or 0)
        ax.text(end + max_x * 0.01, y, value_label(o.cases, o.exposed, getattr(o, "case_kind", "confirmes"),
                                                              getattr(o, "cases_confirmed", None)), va="center", fontsize=8.5)

    ax.set_yticks(ys, [outbreak_label(o) for o in rows], fontsize=8.5)
    ax.set_xlim(0, max_x * 1.45)
    ax.set_xlabel("Nombre de personnes")
    ax.xaxis.set_major_formatter(lambda x, _pos: fr(x, 0))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    from matplotlib.patches import Patch

    handles = [Patch(color=CASES_COLOR, label="Cas")]
    if any_exposed:
        handles.append(Patch(facecolor=EXPOSED_COLOR, edgecolor="#999999", hatch=EXPOSED_HATCH,
                             label="Personnes exposées (si connues)"))
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8.5, frameon=False)
    return fig
