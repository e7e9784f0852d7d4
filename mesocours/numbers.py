"""French numbers: parse what a learner types, format what a learner reads.

``parse_quantity("2,5 mL")`` -> ``Quantity(2.5, "mL")``; ``fr(2.5)`` -> ``"2,5"``.
Bad input raises :class:`InputError` with a French message, never a traceback
in front of a learner (widgets and ``check`` catch it and show the message).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import NamedTuple, Optional

NBSP = "\u00a0"


class InputError(ValueError):
    """Input a learner can fix; ``str(err)`` is a French sentence to show them."""


class Quantity(NamedTuple):
    value: float
    unit: Optional[str]


# units a learner may type -> canonical spelling
_UNIT_ALIASES = {
    "mm": "mm", "millimetre": "mm", "millimetres": "mm", "cm": "cm", "cm2": "cm²", "cm²": "cm²",
    "ml": "mL", "millilitre": "mL", "millilitres": "mL", "cc": "mL", "l": "L",
    "mg": "mg", "g": "g", "µg": "µg", "ug": "µg", "mg/ml": "mg/mL", "mg/l": "mg/L", "ui": "UI", "ui/ml": "UI/mL",
    "%": "%", "pourcent": "%", "pour cent": "%", "°": "°", "deg": "°", "degre": "°", "degres": "°",
    "s": "s", "sec": "s", "seconde": "s", "secondes": "s", "min": "min", "minute": "min", "minutes": "min",
    "j": "j", "jour": "j", "jours": "j", "semaine": "semaine", "semaines": "semaine",
    "point": "points", "points": "points", "pts": "points", "seance": "séances", "seances": "séances",
    "séance": "séances", "séances": "séances", "g/l": "g/L", "µm": "µm", "um": "µm",
}

_NUM_RE = re.compile(r"^\s*([+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?|[+-]?[.,]\d+)\s*(.*?)\s*$")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def normalize_unit(unit: str) -> str:
    """Canonical unit spelling (``"ML"`` -> ``"mL"``); unknown units come back as typed, trimmed."""
    u = unit.strip().replace(" ", "") if "/" in unit else unit.strip()
    key = u.lower()
    if key in _UNIT_ALIASES:
        return _UNIT_ALIASES[key]
    key2 = strip_accents(key)
    return _UNIT_ALIASES.get(key2, u)


def parse_quantity(value: object) -> Quantity:
    """A number with an optional unit, from what a French learner types.

    Accepts ints/floats, ``"2,5"``, ``"2.5"``, ``"1 000"``, ``"2,5 mL"``, ``"10 mg/mL"``, ``"1 %"``.
    """
    if isinstance(value, bool):
        raise InputError("Une valeur numérique est attendue, pas vrai/faux.")
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise InputError("Cette valeur n’est pas un nombre utilisable.")
        return Quantity(float(value), None)
    if value is None or value is Ellipsis:
        raise InputError("Aucune réponse : remplacez « ... » par votre réponse.")
    if not isinstance(value, str):
        raise InputError(f"Une valeur numérique est attendue (par exemple 2,5), pas {type(value).__name__}.")
    text = value.strip()
    if not text:
        raise InputError("La réponse est vide : saisissez un nombre, par exemple 2,5.")
    m = _NUM_RE.match(text)
    if not m:
        raise InputError(f"« {text} » n’est pas un nombre lisible : écrivez par exemple 2,5 ou 2,5 mL.")
    number, unit = m.group(1), m.group(2)
    number = re.sub(r"[ \u00a0\u202f]", "", number).replace(",", ".")
    try:
        x = float(number)
    except ValueError:  # pragma: no cover - the regex only lets numbers through
        raise InputError(f"« {text} » n’est pas un nombre lisible.") from None
    return Quantity(x, normalize_unit(unit) if unit else None)


def parse_number(value: object, *, minimum: float | None = None, maximum: float | None = None,
                 name: str = "la valeur", strict_min: bool = False) -> float:
    """Parse a number and check bounds; the French message names the field."""
    q = parse_quantity(value)
    x = q.value
    if minimum is not None and (x < minimum or (strict_min and x == minimum)):
        op = "strictement supérieur(e) à" if strict_min else "au moins égal(e) à"
        raise InputError(f"{name[0].upper() + name[1:]} doit être {op} {fr(minimum)} (reçu : {fr(x)}).")
    if maximum is not None and x > maximum:
        raise InputError(f"{name[0].upper() + name[1:]} doit être au plus égal(e) à {fr(maximum)} (reçu : {fr(x)}).")
    return x


def fr(x: float, digits: int = 2, unit: str | None = None) -> str:
    """French display: decimal comma, thin-space grouping from 10 000 up, trailing zeros trimmed; ``fr(2.50, unit="mL")`` -> ``"2,5 mL"``."""
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        text = "—"
    else:
        rounded = round(float(x), digits)
        sep = "\u202f" if abs(rounded) >= 10_000 else ""  # French usage: 1958, 2500, but 10 000
        if rounded == int(rounded) and abs(rounded) < 1e15:
            text = f"{int(rounded):,}".replace(",", sep)
        else:
            whole = f"{rounded:,.{digits}f}".rstrip("0").rstrip(".")
            text = whole.replace(",", sep).replace(".", ",")
    return f"{text}{NBSP}{unit}" if unit else text


def fr_mean_sd(mean: float | None, sd: float | None = None, digits: int = 2, unit: str = "mm") -> str:
    """A mean with its standard deviation, unit once at the end: ``"20,5 ± 12,34 mm"``; ``"—"`` without a mean."""
    if mean is None:
        return "—"
    if not sd:
        return fr(mean, digits, unit)
    return f"{fr(mean, digits)} ± {fr(sd, digits, unit)}"
