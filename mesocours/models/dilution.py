"""Concentrations, dilutions and doses: %, mg/mL, UI/mL, C1V1 = C2V2, dose per point, session, protocol.

Pure arithmetic on what a label or a study reports, never a recommendation: the course gives no dose
of its own. Conventions (stated in chapter « Calculs » and in every generated exercise):

- a percentage is weight per volume (w/v): 1 % = 1 g per 100 mL = 10 mg/mL (:data:`MG_PER_ML_PER_PERCENT`);
- a dilution keeps the amount of drug: C1 × V1 = C2 × V2, V2 being the *final* volume (drug + diluent);
- a dose per session is the dose per point times the number of points; over a protocol, the sum of the
  sessions' doses;
- a label maximum is a maximum *of something* (an act, a day, 12 hours): it is compared with the dose of
  that span, never with the dose of one point (:func:`compare_with_label`).

Bad input raises :class:`mesocours.numbers.InputError` with a French message.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from mesocours.numbers import NBSP, Field, InputError, fr

MG_PER_ML_PER_PERCENT = 10.0  # w/v: 1 % = 1 g/100 mL = 1000 mg/100 mL

MAX_VOLUME_ML = 1000.0
CONCENTRATION = Field("la concentration", "mg/mL", feminine=True, minimum=0, strict_min=True, maximum=1e5)
CONCENTRATION_UI = Field("la concentration", "UI/mL", feminine=True, minimum=0, strict_min=True, maximum=1e7)
PERCENT = Field("la concentration en pourcentage", "%", feminine=True, minimum=0, strict_min=True, maximum=100)
VOLUME = Field("le volume", "mL", minimum=0, strict_min=True, maximum=MAX_VOLUME_ML)
DRAWN_VOLUME = Field("le volume prélevé", "mL", minimum=0, strict_min=True, maximum=MAX_VOLUME_ML)
FINAL_VOLUME = Field("le volume final", "mL", minimum=0, strict_min=True, maximum=MAX_VOLUME_ML)
VOLUME_PER_POINT = Field("le volume par point", "mL", minimum=0, strict_min=True, maximum=10)
POINTS = Field("le nombre de points", "points", minimum=1, maximum=10_000)
SESSIONS = Field("le nombre de séances", "séances", minimum=1, maximum=1000)
AMOUNT = Field("la quantité", "mg", feminine=True, minimum=0, strict_min=True, maximum=1e6)
LABEL_MAX = Field("le maximum du RCP", "mg", minimum=0, strict_min=True, maximum=1e6)


def _num(value: object, field: Field) -> float:
    return field.parse(value)


def _count(value: object, field: Field) -> int:
    x = field.parse(value)
    if x != int(x):
        raise InputError(f"{field.subject} doit être un nombre entier (valeur saisie{NBSP}: {fr(x, 3)}).")
    return int(x)


# --- units ---------------------------------------------------------------------------------------

def percent_to_mg_per_ml(percent: object) -> float:
    """2 % -> 20 mg/mL (w/v convention)."""
    return _num(percent, PERCENT) * MG_PER_ML_PER_PERCENT


def mg_per_ml_to_percent(concentration: object) -> float:
    """20 mg/mL -> 2 % (w/v convention). Above 1000 mg/mL (100 %) is not a solution: InputError."""
    c = _num(concentration, CONCENTRATION)
    if c > 100 * MG_PER_ML_PER_PERCENT:
        raise InputError(f"Au-delà de 1000{NBSP}mg/mL, une solution dépasserait 100{NBSP}% "
                         f"(valeur saisie{NBSP}: {fr(c, 3)}{NBSP}mg/mL).")
    return c / MG_PER_ML_PER_PERCENT


def amount(concentration: object, volume: object, unit: Literal["mg", "UI"] = "mg") -> float:
    """Amount in a volume: mg (from mg/mL) or UI (from UI/mL) = concentration × volume."""
    field = CONCENTRATION_UI if unit == "UI" else CONCENTRATION
    return _num(concentration, field) * _num(volume, VOLUME)


def volume_for(quantity: object, concentration: object, unit: Literal["mg", "UI"] = "mg") -> float:
    """Volume (mL) that holds a quantity (mg or UI) at a concentration (mg/mL or UI/mL)."""
    field = CONCENTRATION_UI if unit == "UI" else CONCENTRATION
    q_field = Field("la quantité", unit, feminine=True, minimum=0, strict_min=True, maximum=1e7)
    return _num(quantity, q_field) / _num(concentration, field)


# --- dilution --------------------------------------------------------------------------------------

def dilute(c1: object, v1: object, v2: object) -> float:
    """Concentration after bringing V1 mL at C1 to a final volume V2 (C1 × V1 = C2 × V2)."""
    c = _num(c1, CONCENTRATION)
    drawn = _num(v1, DRAWN_VOLUME)
    final = _num(v2, FINAL_VOLUME)
    if final < drawn:
        raise InputError(f"Le volume final ({fr(final, 3)}{NBSP}mL) ne peut pas être plus petit que le volume "
                         f"prélevé ({fr(drawn, 3)}{NBSP}mL){NBSP}: une dilution ajoute du diluant, elle n’en retire pas.")
    return c * drawn / final


def solve_c1v1(c1: object = None, v1: object = None, c2: object = None, v2: object = None) -> float:
    """The one missing term of C1 × V1 = C2 × V2 (exactly one left as None)."""
    given = {"c1": c1, "v1": v1, "c2": c2, "v2": v2}
    missing = [k for k, v in given.items() if v is None]
    if len(missing) != 1:
        raise InputError("Laissez exactement une des quatre grandeurs vide (C1, V1, C2 ou V2)"
                         f"{NBSP}: c’est celle que le calcul donne.")
    fields = {"c1": Field("la concentration de départ", "mg/mL", feminine=True, minimum=0, strict_min=True,
                          maximum=1e5),
              "c2": Field("la concentration finale", "mg/mL", feminine=True, minimum=0, strict_min=True,
                          maximum=1e5),
              "v1": DRAWN_VOLUME, "v2": FINAL_VOLUME}
    x = {k: _num(v, fields[k]) for k, v in given.items() if v is not None}
    m = missing[0]
    if m == "c1":
        out = x["c2"] * x["v2"] / x["v1"]
    elif m == "v1":
        out = x["c2"] * x["v2"] / x["c1"]
    elif m == "c2":
        out = x["c1"] * x["v1"] / x["v2"]
    else:
        out = x["c1"] * x["v1"] / x["c2"]
    c1_, v1_ = x.get("c1", out), x.get("v1", out)
    c2_, v2_ = x.get("c2", out), x.get("v2", out)
    if c2_ > c1_ * (1 + 1e-12) or v2_ < v1_ * (1 - 1e-12):
        raise InputError("Une dilution ne peut pas concentrer une solution{NBSP}: la concentration finale doit "
                         "être au plus égale à celle de départ, et le volume final au moins égal au volume "
                         "prélevé.".replace("{NBSP}", NBSP))
    return out


# --- doses -------------------------------------------------------------------------------------------

def dose_per_point(concentration: object, volume_per_point: object) -> float:
    """mg in one point: concentration of the mixture (mg/mL) × volume per point (mL)."""
    return _num(concentration, CONCENTRATION) * _num(volume_per_point, VOLUME_PER_POINT)


def dose_per_session(concentration: object, volume_per_point: object, points: object) -> float:
    """mg in a session of N points of the same volume."""
    return dose_per_point(concentration, volume_per_point) * _count(points, POINTS)


def dose_over_protocol(per_session: object, sessions: object = None) -> float:
    """mg over a protocol: a list of per-session doses summed, or one dose × a number of sessions."""
    if isinstance(per_session, (list, tuple)):
        if sessions is not None:
            raise InputError("Donnez soit la liste des doses de chaque séance, soit une dose et un nombre de séances.")
        if not per_session:
            raise InputError("La liste des doses par séance est vide.")
        dose = Field("la dose d’une séance", "mg", feminine=True, minimum=0, maximum=1e6)
        return float(sum(_num(d, dose) for d in per_session))
    return _num(per_session, Field("la dose par séance", "mg", feminine=True, minimum=0, maximum=1e6)) \
        * _count(sessions, SESSIONS)


# --- label maximum -----------------------------------------------------------------------------------

Scope = Literal["point", "seance", "protocole"]
SCOPE_NAMES = {"point": "un point d’injection", "seance": "une séance", "protocole": "l’ensemble du protocole"}


@dataclass(frozen=True)
class Period:
    """What a label maximum is a maximum of: ``kind`` act, day or hours (``hours`` for the last two)."""

    kind: Literal["acte", "jour", "heures", "inconnue"]
    hours: float | None
    text: str  # the label's words (data's ``per``)

    @property
    def short(self) -> str:
        if self.kind == "acte":
            return "par acte"
        if self.kind == "jour":
            return "par jour"
        if self.kind == "heures":
            return f"par {fr(self.hours or 0, 1)}{NBSP}h"
        return f"par « {self.text} »"


def period_of(per: str) -> Period:
    """Read the ``per`` of a label maximum (data/products.yml): « acte (…) », « jour », « 12 h »."""
    text = (per or "").strip()
    low = text.lower()
    if low.startswith(("acte", "injection", "séance")):
        return Period("acte", None, text)
    if low.startswith("jour") or low == "24 h":
        return Period("jour", 24.0, text)
    m = re.match(r"^(\d+(?:[.,]\d+)?)\s*h\b", low)
    if m:
        return Period("heures", float(m.group(1).replace(",", ".")), text)
    return Period("inconnue", None, text)


@dataclass(frozen=True)
class Comparison:
    """A dose set against a label maximum: ``share`` (0.8 = 80 %) only when the comparison means something."""

    dose: float
    unit: str
    scope: Scope
    maximum: float
    period: Period
    share: float | None
    meaningful: bool
    reason: str  # French: why the comparison holds, with its assumption, or why it does not

    @property
    def percent(self) -> float | None:
        return None if self.share is None else 100 * self.share


def compare_with_label(dose: object, scope: Scope, maximum: object, per: str, *, unit: str = "mg",
                       max_unit: str = "mg") -> Comparison:
    """Share of a label maximum, where the maximum's unit and period make the comparison meaningful.

    - never for one point: a label maximum is a maximum of an act, a day or some hours, not of a point;
    - for a session: against a maximum per act or per 12 h as is; against a maximum per day assuming the
      session is the only dose of the product that day (the reason says so);
    - for a whole protocol spread over several days: not against a maximum per act or per day (compare each
      day's dose, and the number of days with the label's duration);
    - never across units (mg against UI).
    """
    d = _num(dose, Field("la dose", unit, feminine=True, minimum=0, maximum=1e7))
    mx = _num(maximum, Field("le maximum du RCP", max_unit, minimum=0, strict_min=True, maximum=1e7))
    if scope not in SCOPE_NAMES:
        raise InputError(f"Portée inconnue « {scope} »{NBSP}: choisissez point, séance ou protocole.")
    period = period_of(per)

    def result(share: float | None, reason: str) -> Comparison:
        return Comparison(d, unit, scope, mx, period, share, share is not None, reason)

    if unit != max_unit:
        return result(None, f"Le maximum est exprimé en {max_unit}, la dose en {unit}{NBSP}: aucune comparaison "
                            "n’est possible sans une conversion que le RCP ne donne pas.")
    if period.kind == "inconnue":
        return result(None, f"Le RCP exprime ce maximum « {period.text} »{NBSP}: relisez sa posologie avant de "
                            "comparer.")
    if scope == "point":
        return result(None, f"Le maximum du RCP porte sur {_what(period)}, jamais sur un point d’injection"
                            f"{NBSP}: comparez la dose de toute la séance.")
    if scope == "seance":
        if period.kind == "jour":
            return result(d / mx, "Comparaison valable si la séance est la seule administration du produit ce "
                                  "jour-là (sinon, additionnez toutes les doses du jour).")
        if period.kind == "heures":
            return result(d / mx, f"Une séance tient dans {fr(period.hours or 0, 1)}{NBSP}h{NBSP}: sa dose se "
                                  "compare au maximum tel quel (additionnez toute autre dose de la même période).")
        return result(d / mx, "Le maximum porte sur un acte, tous points confondus{NBSP}: c’est la dose de la "
                              "séance qui s’y compare.".replace("{NBSP}", NBSP))
    return result(None, f"Un cumul sur plusieurs séances ne se compare pas à un maximum {period.short}{NBSP}: "
                        "comparez la dose de chaque jour de séance, et le nombre de jours de traitement à la "
                        "durée que prévoit le RCP.")


def _what(period: Period) -> str:
    return {"acte": "un acte entier (tous points confondus)", "jour": "une journée",
            "heures": f"une période de {fr(period.hours or 0, 1)}{NBSP}h"}.get(period.kind, "une autre durée")


def relative_error(answer: float, expected: float) -> float:
    """|answer − expected| / |expected| (0 when both are 0; inf when only expected is 0)."""
    if expected == 0:
        return 0.0 if answer == 0 else math.inf
    return abs(answer - expected) / abs(expected)


def factor_of_ten(answer: float, expected: float, tolerance: float = 0.01) -> int | None:
    """k when answer ≈ expected × 10^k for k in ±1..±3 (the classic 10× slips), else None."""
    if answer <= 0 or expected <= 0:
        return None
    for k in (1, -1, 2, -2, 3, -3):
        if relative_error(answer, expected * 10 ** k) <= tolerance:
            return k
    return None
