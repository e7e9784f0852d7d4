"""An illustrative linear compartment model of an intradermal injection beside an IM or IV bolus.

This is a **teaching model**, not a pharmacokinetic study: its structure is the textbook linear
compartment model, and its default rate constants are round numbers chosen to make the shapes
readable. They describe no product and were measured for none.

Compartments (amounts in mg)::

    dépôt intradermique --k_dl--> tissu local <--k_pl / k_lp--> plasma --k_e--> éliminé
            \\------------------------k_dp------------------------^
    dépôt intramusculaire --------------------k_im----------------^

* the intradermal depot empties by first-order diffusion into the local tissue under it (``k_dl``)
  and by first-order vascular and lymphatic drainage straight to the general circulation (``k_dp``);
* the local tissue (the target of the injection) exchanges with the plasma (``k_lp`` out, ``k_pl`` in:
  the local tissue is one small part of the body that the plasma perfuses);
* an IM depot, placed away from the target, empties into the plasma only (``k_im``); an IV bolus
  starts in the plasma;
* the drug is eliminated from the plasma only (``k_e``); nothing is degraded locally.

The system ``x' = A x`` is linear with constant coefficients, so it is solved exactly on a regular
grid: ``x(t + h) = exp(A h) x(t)``, with ``exp(A h)`` computed once by scaling and squaring of its
Taylor series (numpy only). Every column of ``A`` sums to zero: the five amounts always add up to
the dose (mass balance), and every amount is linear in the dose.

Consequence worth teaching (a property of the model, not a measurement): with elimination from the
plasma only, every milligram passes through the plasma, so the plasma AUC over an infinite time is
``dose / k_e`` whatever the route; the route changes the shape of the curve (peak, time to peak) and
the local exposure, not the total systemic exposure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mesocours.numbers import NBSP, Field, InputError

TEACHING_NOTICE = (f"Modèle pédagogique, pas une étude pharmacocinétique{NBSP}: paramètres illustratifs, "
                   "mesurés pour aucun produit.")

ASSUMPTIONS = (
    "Compartiments homogènes et cinétique du premier ordre (linéaire) : doubler la dose double chaque courbe.",
    "Le dépôt intradermique se vide vers le tissu local sous-jacent (diffusion) et directement vers la circulation "
    "générale (drainage vasculaire et lymphatique).",
    "Le tissu local échange avec le plasma dans les deux sens ; il ne reçoit du plasma qu’une petite part, "
    "comme un tissu parmi d’autres.",
    "Le comparateur IM est un dépôt musculaire éloigné de la zone visée, qui se vide dans le plasma ; le bolus IV "
    "est placé d’emblée dans le plasma.",
    "Élimination par le plasma seulement ; aucune dégradation locale ; pas de liaison aux tissus, pas d’effet de la "
    "procaïne ni d’un vasoconstricteur.",
    "Quantités en milligrammes par compartiment, pas des concentrations : le modèle ne connaît aucun volume.",
)

MAX_DOSE_MG = 10_000.0
MAX_RATE = 50.0  # per hour: a half-life under one minute; beyond, the curves are unreadable
MAX_HOURS = 240.0
POINTS = 241

DOSE = Field("la dose injectée", "mg", feminine=True, minimum=0, strict_min=True, maximum=MAX_DOSE_MG)
HOURS = Field("la durée simulée", "h", feminine=True, minimum=0, strict_min=True, maximum=MAX_HOURS)
K_DL = Field("la constante de diffusion vers le tissu local", "/h", feminine=True, minimum=0, maximum=MAX_RATE)
K_DP = Field("la constante de drainage du dépôt vers la circulation", "/h", feminine=True, minimum=0,
             maximum=MAX_RATE)
K_LP = Field("la constante de sortie du tissu local vers le plasma", "/h", feminine=True, minimum=0,
             strict_min=True, maximum=MAX_RATE)
K_PL = Field("la constante d’entrée du plasma vers le tissu local", "/h", feminine=True, minimum=0, maximum=MAX_RATE)
K_IM = Field("la constante de résorption du dépôt intramusculaire", "/h", feminine=True, minimum=0, strict_min=True,
             maximum=MAX_RATE)
K_E = Field("la constante d’élimination", "/h", feminine=True, minimum=0, strict_min=True, maximum=MAX_RATE)

ROUTES = {"id": "Intradermique (dépôt)", "im": "Intramusculaire (bolus)", "iv": "Intraveineuse (bolus)"}
COMPARATORS = ("im", "iv")
COMPARTMENTS = ("depot_id", "depot_im", "local", "plasma", "elimine")
_START = {"id": 0, "im": 1, "iv": 3}


@dataclass(frozen=True)
class Parameters:
    """Rate constants (per hour) of the model; the defaults are illustrative round numbers."""

    k_dl: float = 0.5  # intradermal depot -> local tissue
    k_dp: float = 1.0  # intradermal depot -> plasma (vascular and lymphatic drainage)
    k_lp: float = 0.3  # local tissue -> plasma
    k_pl: float = 0.02  # plasma -> local tissue
    k_im: float = 1.5  # IM depot -> plasma
    k_e: float = 0.4  # plasma -> eliminated

    def rows(self) -> tuple[tuple[str, float, str], ...]:
        """(French description, value, unit) of every parameter, for display beside the figure."""
        return (
            ("dépôt intradermique → tissu local (diffusion)", self.k_dl, "/h"),
            ("dépôt intradermique → circulation (drainage vasculaire et lymphatique)", self.k_dp, "/h"),
            ("tissu local → plasma", self.k_lp, "/h"),
            ("plasma → tissu local", self.k_pl, "/h"),
            ("dépôt intramusculaire → plasma", self.k_im, "/h"),
            ("élimination depuis le plasma", self.k_e, "/h"),
        )


FIELDS = {"k_dl": K_DL, "k_dp": K_DP, "k_lp": K_LP, "k_pl": K_PL, "k_im": K_IM, "k_e": K_E}


def parameters(**values) -> Parameters:
    """Parameters from what a learner typed (text or numbers); defaults for what is not given."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise InputError(f"Paramètre inconnu{NBSP}: {', '.join(sorted(unknown))}.")
    parsed = {name: FIELDS[name].parse(v) for name, v in values.items()}
    p = Parameters(**parsed)
    if p.k_dl + p.k_dp == 0:
        raise InputError("Le dépôt intradermique ne se viderait jamais : la constante de diffusion et celle de "
                         "drainage ne peuvent pas être nulles toutes les deux.")
    return p


def rate_matrix(p: Parameters) -> np.ndarray:
    """``A`` of ``x' = A x`` for the compartments of :data:`COMPARTMENTS` (every column sums to zero)."""
    a = np.zeros((5, 5))
    d, m, loc, pl, el = range(5)
    a[d, d] = -(p.k_dl + p.k_dp)
    a[loc, d] = p.k_dl
    a[pl, d] = p.k_dp
    a[m, m] = -p.k_im
    a[pl, m] = p.k_im
    a[loc, loc] = -p.k_lp
    a[pl, loc] = p.k_lp
    a[pl, pl] = -(p.k_pl + p.k_e)
    a[loc, pl] = p.k_pl
    a[el, pl] = p.k_e
    return a


def expm(a: np.ndarray) -> np.ndarray:
    """Matrix exponential by scaling and squaring of the Taylor series (small matrices)."""
    norm = float(np.abs(a).sum(axis=0).max())
    s = max(0, int(np.ceil(np.log2(norm / 0.25))) if norm > 0.25 else 0)
    b = a / (2 ** s)
    result = np.eye(len(a))
    term = np.eye(len(a))
    for k in range(1, 19):
        term = term @ b / k
        result = result + term
    for _ in range(s):
        result = result @ result
    return result


@dataclass(frozen=True)
class RouteSummary:
    route: str
    label: str
    peak_plasma_mg: float
    t_peak_plasma_h: float
    peak_local_mg: float
    t_peak_local_h: float
    auc_local: float  # mg·h over the simulated time
    auc_plasma: float  # mg·h over the simulated time
    local_share: float  # auc_local / (auc_local + auc_plasma)
    passed_plasma_fraction: float  # share of the dose in the plasma or eliminated at the end


@dataclass(frozen=True)
class Simulation:
    dose_mg: float
    hours: float
    times: np.ndarray
    amounts: dict  # route -> array (len(times), 5) in the order of COMPARTMENTS
    summaries: dict  # route -> RouteSummary
    parameters: Parameters
    assumptions: tuple = ASSUMPTIONS
    notice: str = TEACHING_NOTICE

    def curve(self, route: str, compartment: str) -> np.ndarray:
        return self.amounts[route][:, COMPARTMENTS.index(compartment)]


def _trapezoid(y: np.ndarray, t: np.ndarray) -> float:
    return float(np.sum((y[1:] + y[:-1]) * np.diff(t)) / 2)


def _summary(route: str, t: np.ndarray, x: np.ndarray, dose: float) -> RouteSummary:
    local, plasma = x[:, 2], x[:, 3]
    ip, il = int(np.argmax(plasma)), int(np.argmax(local))
    auc_l, auc_p = _trapezoid(local, t), _trapezoid(plasma, t)
    total = auc_l + auc_p
    return RouteSummary(route, ROUTES[route], float(plasma[ip]), float(t[ip]), float(local[il]), float(t[il]),
                        auc_l, auc_p, auc_l / total if total > 0 else 0.0,
                        float((x[-1, 3] + x[-1, 4]) / dose))


def simulate(dose_mg=100, comparator: str = "iv", hours=24, params: Parameters | None = None,
             points: int = POINTS) -> Simulation:
    """Amounts in every compartment after an intradermal depot and after the comparator (``"im"`` or ``"iv"``).

    ``dose_mg`` and ``hours`` may be text typed by a learner (« 100 », « 2,5 mg »); bad input raises
    :class:`~mesocours.numbers.InputError` with a French message.
    """
    dose = DOSE.parse(dose_mg)
    horizon = HOURS.parse(hours)
    if comparator not in COMPARATORS:
        raise InputError(f"Comparateur inconnu « {comparator} »{NBSP}: choisissez l’injection intramusculaire (IM) "
                         "ou intraveineuse (IV).")
    p = params if params is not None else Parameters()
    if p.k_dl + p.k_dp == 0:
        raise InputError("Le dépôt intradermique ne se viderait jamais : la constante de diffusion et celle de "
                         "drainage ne peuvent pas être nulles toutes les deux.")
    t = np.linspace(0.0, horizon, points)
    step = expm(rate_matrix(p) * (t[1] - t[0]))
    amounts, summaries = {}, {}
    for route in ("id", comparator):
        x = np.zeros((points, 5))
        x[0, _START[route]] = dose
        for i in range(1, points):
            x[i] = step @ x[i - 1]
        amounts[route] = x
        summaries[route] = _summary(route, t, x, dose)
    return Simulation(dose, horizon, t, amounts, summaries, p)
