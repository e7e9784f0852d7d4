"""French numbers: parse what a learner types, format what a learner reads.

``parse_quantity("2,5 mL")`` -> ``Quantity(2.5, "mL")``; ``fr(2.5)`` -> ``"2,5"``.
Bad input raises :class:`InputError` with a French message, never a traceback
in front of a learner (widgets and ``check`` catch it and show the message).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple, Optional

NBSP = "\u00a0"
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


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


_ENDINGS = {  # masculine singular ending -> (feminine singular, masculine plural, feminine plural)
    "al": ("ale", "aux", "ales"), "if": ("ive", "ifs", "ives"), "é": ("ée", "és", "ées"),
    "eur": ("eure", "eurs", "eures"), "": ("e", "s", "es"),
}


@dataclass(frozen=True)
class Field:
    """A quantity a learner types, named so that French messages agree with it.

    ``label`` carries its article (« la longueur d’aiguille », « l’angle avec la peau »); ``feminine``
    and ``plural`` give the agreement (the article « l’ » does not tell the gender). ``unit`` is how the
    quantity is shown and the only unit a learner may type after the number (« 4 mm »). Bounds are
    checked by :meth:`parse`, which raises :class:`InputError` with a sentence a teacher would write::

        >>> Field("le volume par point", "mL", minimum=0, strict_min=True).parse("-1")
        Traceback (most recent call last):
        InputError: Le volume par point doit être strictement supérieur à 0 mL (valeur saisie : -1 mL).
    """

    label: str
    unit: Optional[str] = None
    feminine: bool = False
    plural: bool = False
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    strict_min: bool = False

    def agree(self, adjective: str) -> str:
        """``"supérieur"`` -> « supérieure » for a feminine quantity, « supérieurs » for a plural one..."""
        if not self.feminine and not self.plural:
            return adjective
        for ending in sorted(_ENDINGS, key=len, reverse=True):
            if adjective.endswith(ending):
                fem, mpl, fpl = _ENDINGS[ending]
                stem = adjective[: len(adjective) - len(ending)]
                return stem + (fpl if self.feminine and self.plural else fem if self.feminine else mpl)
        return adjective  # pragma: no cover - every ending matches ""

    @property
    def subject(self) -> str:
        """The label as the subject opening a sentence (capitalised)."""
        return self.label[:1].upper() + self.label[1:]

    def show(self, x: float) -> str:
        """A value of this quantity with its unit, French style (``30°``, ``4 mm``)."""
        text = fr(x, 3)
        if not self.unit:
            return text
        if self.unit == "°":
            return f"{text}°"
        unit = self.unit[:-1] if self.unit == "jours" and abs(x) < 2 else self.unit  # 0 jour, 1,5 jour, 2 jours
        return f"{text}{NBSP}{unit}"

    def _verb(self, singular: str, plural: str) -> str:
        return plural if self.plural else singular

    def parse(self, value: object) -> float:
        """The number typed for this quantity, bounds checked; InputError (French) otherwise."""
        if isinstance(value, str) and not value.strip() or value is None:
            raise InputError(f"{self.subject} {self._verb('n’est', 'ne sont')} pas {self.agree('renseigné')}"
                             f"{NBSP}: saisissez un nombre, par exemple 2,5.")
        if isinstance(value, bool):
            raise InputError(f"Un nombre est attendu pour {self.label}, pas vrai ou faux.")
        try:
            q = parse_quantity(value)
        except InputError:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                raise InputError(f"La valeur donnée pour {self.label} n’est pas un nombre utilisable.") from None
            shown = str(value).strip() if isinstance(value, str) else type(value).__name__
            if len(shown) > 40:
                shown = shown[:40] + "…"
            raise InputError(f"« {shown} » n’est pas un nombre{NBSP}: pour {self.label}, écrivez par exemple "
                             "2,5 (virgule ou point décimal).") from None
        if q.unit is not None and self.unit is not None and q.unit != normalize_unit(self.unit):
            raise InputError(f"L’unité « {q.unit} » ne convient pas{NBSP}: {self.label} se saisit en {self.unit}.")
        if q.unit is not None and self.unit is None:
            raise InputError(f"{self.subject} {self._verb('est', 'sont')} sans unité{NBSP}: retirez « {q.unit} ».")
        x = q.value
        seen = f"(valeur saisie{NBSP}: {self.show(x)})"
        low = self.minimum
        if low is not None and (x < low or (self.strict_min and x == low)):
            if self.strict_min:
                raise InputError(f"{self.subject} doi{self._verb('t', 'vent')} être strictement "
                                 f"{self.agree('supérieur')} à {self.show(low)} {seen}.")
            if low == 0:
                raise InputError(f"{self.subject} ne {self._verb('peut', 'peuvent')} pas être "
                                 f"{self.agree('négatif')} {seen}.")
            raise InputError(f"{self.subject} doi{self._verb('t', 'vent')} être au moins {self.agree('égal')} "
                             f"à {self.show(low)} {seen}.")
        if self.maximum is not None and x > self.maximum:
            raise InputError(f"{self.subject} doi{self._verb('t', 'vent')} être au plus {self.agree('égal')} "
                             f"à {self.show(self.maximum)} {seen}.")
        return x


def parse_number(value: object, *, minimum: float | None = None, maximum: float | None = None,
                 name: str | Field = "la valeur", strict_min: bool = False) -> float:
    """Parse a number and check bounds; the French message names the quantity.

    ``name`` is best a :class:`Field` (its gender is then known). A plain string such as
    ``"la durée (min)"`` is read as feminine after « la », plural after « les », masculine otherwise;
    a unit in parentheses is taken as the field's unit.
    """
    if isinstance(name, Field):
        field = name
    else:
        m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*", name)
        label, unit = (m.group(1), m.group(2)) if m else (name, None)
        field = Field(label, unit, feminine=label.lower().startswith("la "), plural=label.lower().startswith("les "))
    if minimum is not None or maximum is not None or strict_min:
        field = Field(field.label, field.unit, field.feminine, field.plural,
                      field.minimum if minimum is None else minimum, field.maximum if maximum is None else maximum,
                      field.strict_min or strict_min)
    return field.parse(value)


def fr(x: float, digits: int = 2, unit: str | None = None) -> str:
    """French display: decimal comma, thin-space grouping from 10 000 up, trailing zeros trimmed; ``fr(2.50, unit="mL")`` -> ``"2,5 mL"``."""
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        text = "—"
    elif abs(float(x)) >= 1e15:  # 1,2 × 10¹⁸ rather than nineteen digits
        exp = int(math.floor(math.log10(abs(float(x)))))
        mant = round(float(x) / 10 ** exp, 1)
        text = f"{fr(mant, 1)} × 10" + str(exp).translate(_SUPERSCRIPTS)
    else:
        rounded = round(float(x), digits)
        sep = "\u202f" if abs(rounded) >= 10_000 else ""  # French usage: 1958, 2500, but 10 000
        if rounded == int(rounded) and abs(rounded) < 1e15:
            text = f"{int(rounded):,}".replace(",", sep)
        else:
            whole = f"{rounded:,.{digits}f}".rstrip("0").rstrip(".")
            text = whole.replace(",", sep).replace(".", ",")
    return f"{text}{NBSP}{unit}" if unit else text


def accord(n: float, singulier: str, pluriel: str | None = None, digits: int = 2) -> str:
    """The noun agreed with a number as it is shown (``fr(n, digits)``): in French the plural starts at 2.

    ``accord(0, "étude")`` -> ``"étude"``, ``accord(1.5, "jour")`` -> ``"jour"``, ``accord(1.996, "jour")`` ->
    ``"jours"`` (shown « 2 »), ``accord(3, "cheval", "chevaux")`` -> ``"chevaux"``; NaN (shown « — ») is singular.
    """
    shown = abs(round(float(n), digits))
    if not shown >= 2:  # NaN too
        return singulier
    return singulier + "s" if pluriel is None else pluriel


def fr_mean_sd(mean: float | None, sd: float | None = None, digits: int = 2, unit: str = "mm") -> str:
    """A mean with its standard deviation, unit once at the end: ``"20,5 ± 12,34 mm"``; ``"—"`` without a mean."""
    if mean is None:
        return "—"
    if not sd:
        return fr(mean, digits, unit)
    return f"{fr(mean, digits)} ± {fr(sd, digits, unit)}"


_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"]


def fr_date(iso: str | None) -> str:
    """``"2011-02-17"`` -> ``"17 février 2011"``, ``"2007-06"`` -> ``"juin 2007"``, ``"1958"`` -> ``"1958"``,
    ``"2021-07-01"`` -> ``"1er juillet 2021"``: an ISO date at the precision the data give; ``None`` -> ``""``."""
    if not iso:
        return ""
    parts = iso.split("-")
    year = parts[0]
    if len(parts) == 1:
        return year
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {year}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day}{NBSP}{month} {year}"
