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
from mesocours.plots.style import OKABE_ITO, titled_axes

NO_OUTBREAK = "Aucune épidémie à afficher"

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
              "germe_identifie": "patients avec germe identifié", "lesions": "patients avec lésions"}
NO_COUNT = "nombre de cas non relevé"


def value_label(cases: Optional[int], exposed: Optional[int], kind: str = "confirmes",
                confirmed: Optional[int] = None) -> str:
    """Text at the end of a row: ``"16 cas / 105 exposés (15,2 %)"``, ``"35 cas suspects, dont 4 confirmés"``;
    ``cases`` None (no count read for this outbreak alone): says so."""
    if cases is None:
        return NO_COUNT
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
    fig, ax = titled_axes(9, max(2.5, 0.85 * n + 1.6), title, None if n else NO_OUTBREAK)
    if n == 0:
        return fig

    ys = list(range(n))[::-1]  # first (oldest) outbreak at the top
    max_x = max(max(o.cases or 0, o.exposed or 0) for o in rows) or 1
    any_exposed = any(o.exposed is not None for o in rows)
    for y, o in zip(ys, rows):
        if o.exposed is not None:
            ax.barh(y, o.exposed, height=0.6, color=EXPOSED_COLOR, edgecolor="#999999", linewidth=0.5,
                    hatch=EXPOSED_HATCH)
        if o.cases is not None:
            ax.barh(y, o.cases, height=0.6, color=CASES_COLOR)
        end = max(o.cases or 0, o.exposed or 0)
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


# --------------------------------------------------------------------------
# Timeline: when, how long, and by which route (chapter « infections »)
# --------------------------------------------------------------------------
# route -> (legend label, colour, marker): colour and shape both carry the route (never colour alone)
ROUTES = {
    "eau": ("Eau du réseau (rinçage, geste)", OKABE_ITO["bleu"], "o"),
    "produit": ("Produit ou flacon injecté", OKABE_ITO["vermillon"], "s"),
    "environnement": ("Environnement du cabinet", OKABE_ITO["vert"], "^"),
    "non_identifiee": ("Source non identifiée ou non relevée", "#666666", "D"),
}


def _year(date: str, end: bool = False) -> float:
    """``"2004-11"`` -> 2004.83 (start of the month); a bare year ends at its last day when ``end``."""
    y = int(date[:4])
    if len(date) >= 7:
        m = int(date[5:7])
        return y + (m - (0 if end else 1)) / 12
    return y + (1.0 if end else 0.0)


def timeline_rows(outbreaks: Iterable) -> list:
    """Records sorted for the timeline: by start, then place (oldest first)."""
    return sorted(outbreaks, key=lambda o: (o.start, o.place))


def timeline_label(outbreak) -> str:
    """One-line row label: country, short place, years (``« publié en 1996 »`` when only that is known)."""
    place = textwrap.shorten(_short_place(outbreak.place), width=34, placeholder="…")
    if getattr(outbreak, "dated_by", "periode") == "publication":
        when = f"publié en {outbreak.start[:4]}"
    else:
        when = years_label(outbreak.start, outbreak.end)
    return f"{outbreak.country} ({when}) — {place}"


def outbreaks_timeline(outbreaks: Iterable, *,
                       title: str = "Épidémies et séries après injections, par voie de contamination") -> Figure:
    """One row per record on a time axis: a bar over the period (a single mark when only one date is known),
    a marker whose colour and shape give the route the investigation concluded, filled when the germ was found
    in that source and hollow otherwise, and the case count at the end of the row. Records dated only by their
    publication get a dotted outline and say so in their label.
    """
    rows = timeline_rows(outbreaks)
    n = len(rows)
    fig, ax = titled_axes(9.5, max(2.8, 0.5 * n + 2.2), title, None if n else NO_OUTBREAK)
    if n == 0:
        return fig
    ys = list(range(n))[::-1]
    x0 = min(_year(o.start) for o in rows)
    x1 = max(_year(o.end or o.start, end=True) for o in rows)
    span = max(x1 - x0, 1.0)
    for y, o in zip(ys, rows):
        route = getattr(o, "route", "non_identifiee")
        _label, colour, marker = ROUTES[route]
        start, stop = _year(o.start), _year(o.end or o.start, end=True)
        by_publication = getattr(o, "dated_by", "periode") == "publication"
        ax.barh(y, stop - start, left=start, height=0.5, facecolor="none" if by_publication else colour + "40",
                edgecolor=colour, linewidth=1.2, linestyle=":" if by_publication else "-")
        filled = getattr(o, "route_confirmed", False)
        ax.plot([(start + stop) / 2], [y], marker=marker, markersize=9, linestyle="none",
                markeredgecolor=colour, markerfacecolor=colour if filled else "white", markeredgewidth=1.6)
        ax.annotate(value_label(o.cases, o.exposed, getattr(o, "case_kind", "confirmes"),
                                getattr(o, "cases_confirmed", None)),
                    (stop, y), xytext=(9, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(ys, [timeline_label(o) for o in rows], fontsize=8.5)
    ax.set_xlim(x0 - span * 0.02, x1 + span * 0.45)
    ax.set_xlabel("Année")
    first, last = int(x0 // 5 * 5), int(x1 // 5 * 5)
    ax.set_xticks(range(first, last + 1, 5))
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{int(round(x))}")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    from matplotlib.lines import Line2D

    used = [r for r in ROUTES if any(getattr(o, "route", "non_identifiee") == r for o in rows)]
    handles = [Line2D([], [], marker=ROUTES[r][2], color=ROUTES[r][1], markerfacecolor=ROUTES[r][1], linestyle="none",
                      markersize=8, label=ROUTES[r][0]) for r in used]
    handles += [
        Line2D([], [], marker="o", color="#333333", markerfacecolor="#333333", linestyle="none", markersize=8,
               label="Germe retrouvé dans la source (plein)"),
        Line2D([], [], marker="o", color="#333333", markerfacecolor="white", linestyle="none", markersize=8,
               label="Source probable ou supposée (creux)"),
    ]
    if any(getattr(o, "dated_by", "periode") == "publication" for o in rows):
        handles.append(Line2D([], [], color="#333333", linestyle=":", label="Seule l’année de publication est connue"))
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8.5, frameon=False)
    return fig
