"""When does a complication show after a mesotherapy session, and what does the delay suggest?

The chapter « Effets indésirables » teaches four windows, counted from the injection (its convention):

* **immédiat**: less than 1 hour (during the session or before the patient leaves);
* **heures**: from 1 hour to less than 24 hours;
* **jours**: from 24 hours to less than 7 days;
* **semaines**: 7 days or more (weeks, months).

``window_of(hours)`` names the window of a delay; ``onset_rows(complications)`` turns the records of
``data/complications.yml`` that have an ``onset`` into rows sorted by their earliest delay (then their latest),
and ``undated(complications)`` lists the labels of those whose delay no source read by the course gives.
A delay that spans several windows belongs to every window it touches (``windows_of``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mesocours.numbers import InputError, accord, fr

# (key, French label, lower bound in hours included, upper bound in hours excluded)
WINDOWS: tuple[tuple[str, str, float, float], ...] = (
    ("immediat", "immédiat (moins d’une heure)", 0.0, 1.0),
    ("heures", "dans les heures (1 à 24 h)", 1.0, 24.0),
    ("jours", "dans les jours (1 à 7 jours)", 24.0, 168.0),
    ("semaines", "semaines ou mois (7 jours et plus)", 168.0, float("inf")),
)
WINDOW_LABELS = {key: label for key, label, _lo, _hi in WINDOWS}


def window_of(hours: float) -> str:
    """The window (key of ``WINDOWS``) a delay in hours falls in; a negative or non-finite delay is refused."""
    try:
        h = float(hours)
    except (TypeError, ValueError):
        raise InputError(f"Le délai doit être un nombre d’heures (valeur saisie : {hours!r}).") from None
    if h != h or h == float("inf"):
        raise InputError("Le délai doit être un nombre d’heures fini.")
    if h < 0:
        raise InputError(f"Le délai ne peut pas précéder l’injection (valeur saisie : {fr(h, 2)} h).")
    for key, _label, lo, hi in WINDOWS:
        if lo <= h < hi:
            return key
    raise AssertionError("unreachable")  # pragma: no cover


def windows_of(min_hours: float, max_hours: float) -> list[str]:
    """Every window a delay range touches, earliest first."""
    if max_hours < min_hours:
        raise InputError("Le délai maximal doit être supérieur ou égal au délai minimal.")
    first, last = window_of(min_hours), window_of(max_hours)
    keys = [k for k, *_ in WINDOWS]
    return keys[keys.index(first): keys.index(last) + 1]


@dataclass(frozen=True)
class OnsetRow:
    """One complication with a documented delay, ready to draw."""

    id: str
    label: str
    type: str
    min_hours: float
    max_hours: float
    wording: str
    approximate: bool
    windows: tuple[str, ...]
    sources: tuple[str, ...]


def onset_rows(complications: Iterable) -> list[OnsetRow]:
    """Rows for the complications that have an ``onset``, earliest first (ties: shortest range first, then label)."""
    rows = []
    for c in complications:
        o = getattr(c, "onset", None)
        if o is None:
            continue
        rows.append(OnsetRow(c.id, c.label, c.type, o.hours.min, o.hours.max, o.wording, o.approximate,
                             tuple(windows_of(o.hours.min, o.hours.max)), tuple(o.sources)))
    return sorted(rows, key=lambda r: (r.min_hours, r.max_hours, r.label))


def undated(complications: Sequence) -> list[str]:
    """Labels of the complications whose delay no source read by the course gives (data order)."""
    return [c.label for c in complications if getattr(c, "onset", None) is None]


def duration_text(hours: float) -> str:
    """A delay in hours said in French with the unit a clinician would use: ``0.05`` -> ``"3 min"``,
    ``36`` -> ``"1,5 jour"``, ``336`` -> ``"2 semaines"``, ``4380`` -> ``"6 mois"``."""
    if hours < 0:
        raise InputError("Le délai ne peut pas être négatif.")
    if hours == 0:
        return "dès l’injection"
    if hours < 1:
        return f"{fr(hours * 60, 0)}\u00a0min"
    if hours < 24:
        return f"{fr(hours, 1)}\u00a0h"
    if hours < 168:
        d = hours / 24
        return f"{fr(d, 1)}\u00a0{accord(d, 'jour', digits=1)}"
    if hours < 1344:
        w = hours / 168
        return f"{fr(w, 1)}\u00a0{accord(w, 'semaine', digits=1)}"
    return f"{fr(hours / 730, 0)}\u00a0mois"


def candidates_for(hours: float, complications: Sequence) -> list[OnsetRow]:
    """The dated complications whose documented delay range contains ``hours`` (earliest first).

    A delay outside every documented range returns an empty list: the complications with no documented delay
    (``undated``) stay possible whatever the delay, which the chapter says beside the answer.
    """
    window_of(hours)  # the same French refusal of a negative or non-numeric delay
    h = float(hours)
    return [r for r in onset_rows(complications) if r.min_hours <= h <= r.max_hours]


def candidates_text(hours: float, complications: Sequence) -> str:
    """A French answer for the worked example: which dated complications fit a delay, and which stay possible."""
    found = candidates_for(hours, complications)
    nb = "\u00a0"
    lines = [f"Délai depuis la séance{nb}: {duration_text(float(hours))} ({WINDOW_LABELS[window_of(hours)]})."]
    if found:
        lines.append(f"Complications dont le délai documenté comprend ce délai{nb}:")
        lines += [f"  - {r.label}{nb}: {r.wording}" for r in found]
    else:
        lines.append("Aucune complication datée par les sources lues ne correspond à ce délai.")
    rest = undated(complications)
    if rest:
        lines.append(f"Et {len(rest)} complications dont aucune source lue ne donne le délai{nb}: "
                     "elles restent possibles (voir le tableau du chapitre).")
    return "\n".join(lines)
