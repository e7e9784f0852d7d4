"""Dilution and dose exercises generated from the real presentations of ``data/products.yml``.

Every strength (``concentration_mg_per_ml`` / ``concentration_ui_per_ml``), ampoule volume and label
maximum (``label_max_dose``) comes from the data, with its source; only the exercise's own parameters
(volume drawn, final volume, volume per point, number of points and sessions) are chosen, from short
fixed lists, and each statement says they are not recommendations. ``generate(kind, seed)`` is
reproducible: the same kind and seed give the same exercise on every machine.

``check_answer`` accepts an answer within :data:`RELATIVE_TOLERANCE` of the expected value, as every
statement says; a wrong
answer is told it is wrong (and when it is off by a power of ten), never given the expected value:
``explain`` gives the computation step by step, on request.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from mesocours.data import Product, load_collection
from mesocours.models.dilution import (
    MG_PER_ML_PER_PERCENT,
    compare_with_label,
    factor_of_ten,
    period_of,
    relative_error,
)
from mesocours.numbers import NBSP, Field, InputError, accord, fr

RELATIVE_TOLERANCE = 0.01  # 1 % of the expected value
TOLERANCE_TEXT = f"Réponse acceptée à 1{NBSP}% près de la valeur exacte."
PARAMETERS_TEXT = ("Les volumes, le nombre de points et de séances sont des paramètres d’exercice, "
                   "pas une recommandation.")

KINDS = {
    "pourcentage": "Pourcentage et mg/mL",
    "contenu": "Contenu d’une ampoule (mg ou UI)",
    "volume": "Volume qui contient le maximum du RCP",
    "dilution": "Dilution (C1 × V1 = C2 × V2)",
    "dose_point": "Dose par point",
    "dose_seance": "Dose par séance",
    "part_maximum": "Part du maximum du RCP pour une séance",
    "cumul": "Dose cumulée sur un protocole",
}
FINAL_VOLUMES_ML = (2, 5, 10, 20)
VOLUMES_PER_POINT_ML = (0.05, 0.1, 0.2)
POINTS = (10, 15, 20, 30)
SESSIONS = (3, 4, 5)
MAX_SEED = 10**9
SEED = Field("le numéro d’exercice", None, minimum=0, maximum=MAX_SEED)


@dataclass(frozen=True)
class Offer:
    """One real presentation of a product, as the data give it."""

    product: Product
    index: int  # position in product.presentations

    @property
    def presentation(self):
        return self.product.presentations[self.index]

    @property
    def unit(self) -> str:
        return "UI" if self.presentation.concentration_mg_per_ml is None else "mg"

    @property
    def concentration(self) -> float:
        p = self.presentation
        return p.concentration_mg_per_ml if p.concentration_mg_per_ml is not None else p.concentration_ui_per_ml

    @property
    def title(self) -> str:
        p = self.presentation
        return f"{p.brand} ({p.strength})"

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self.presentation.sources)


@dataclass(frozen=True)
class Exercise:
    kind: str
    seed: int
    statement: str  # French, with the conventions and the tolerance
    unit: str  # unit of the expected answer
    answer: float
    steps: tuple[str, ...]  # the computation, step by step (French)
    product: str  # product name
    presentation: str  # brand and strength
    sources: tuple[str, ...]  # bib keys of the numbers used
    reference: tuple[str, float] | None = None  # a quantity of the statement in the answer's unit
    comparison_note: str | None = None  # what the label maximum is a maximum of, when one is used

    @property
    def field(self) -> Field:
        return Field("votre réponse", self.unit, feminine=True, minimum=0, maximum=1e9)

    @property
    def tolerance(self) -> float:
        return RELATIVE_TOLERANCE * abs(self.answer)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    value: float
    message: str  # French; never the expected value


#: Records that products.yml holds for contrast, not as products of mesotherapy mixtures: the antidote that
#: disodium edetate is confused with, the only injectable magnesium whose label was read (IV only, hypertonic),
#: and the adrenaline lidocaine kept for its sulfites. An exercise never dilutes them into a mixture.
NOT_MIXTURE_PRODUCTS = frozenset({"calcium_edetate", "sulfate_de_magnesium", "lidocaine_adrenaline"})


@lru_cache(maxsize=1)
def _products() -> tuple[Product, ...]:
    return tuple(p for p in load_collection("products") if p.id not in NOT_MIXTURE_PRODUCTS)


def offers(kind: str) -> list[Offer]:
    """The presentations an exercise of this kind can use (those whose data hold the numbers it needs)."""
    _kind(kind)
    out = []
    for prod in _products():
        for i, p in enumerate(prod.presentations):
            o = Offer(prod, i)
            if p.concentration_mg_per_ml is None and p.concentration_ui_per_ml is None:
                continue
            mg = p.concentration_mg_per_ml is not None
            if kind == "pourcentage" and not mg:
                continue
            if kind == "contenu" and p.ampoule_volume_ml is None:
                continue
            if kind in ("volume", "part_maximum") and not (mg and _mg_maxima(prod)):
                continue
            if kind in ("dilution", "dose_point", "dose_seance", "part_maximum", "cumul") and not (
                    mg and p.ampoule_volume_ml is not None):
                continue
            # a hypertonic solution is never put into a mixture for the skin (chapter « Règles de mélange »)
            if kind in ("dilution", "dose_point", "dose_seance", "part_maximum", "cumul") and p.hypertonic:
                continue
            out.append(o)
    return out


def _mg_maxima(prod: Product) -> list:
    return [m for m in prod.label_max_dose if m.unit == "mg" and period_of(m.per).kind != "inconnue"]


def _kind(kind: object) -> str:
    if not isinstance(kind, str) or kind not in KINDS:
        raise InputError(f"Type d’exercice inconnu « {kind} »{NBSP}: choisissez parmi {', '.join(KINDS)}.")
    return kind


def parse_seed(value: object) -> int:
    x = SEED.parse(value)
    if x != int(x):
        raise InputError(f"Le numéro d’exercice doit être un nombre entier (valeur saisie{NBSP}: {fr(x, 3)}).")
    return int(x)


def _ml(x: float) -> str:
    return fr(x, 3, "mL")


def _conc(x: float, unit: str = "mg") -> str:
    return fr(x, 3, f"{unit}/mL")


def _status_line(o: Offer) -> str:
    routes = ", ".join(o.presentation.routes)
    if any("intradermique" in r for r in o.presentation.routes):
        return f"Voies prévues par l’AMM de cette présentation{NBSP}: {routes}."
    return (f"Voies prévues par l’AMM de cette présentation{NBSP}: {routes}{NBSP}; la voie intradermique n’y est "
            "pas nommée.")


def _per_detail(per: str, short: str) -> str:
    """The label's own words for the span, in parentheses, when they say more than « par jour »."""
    text = per.strip()
    if short.replace(NBSP, " ").endswith(text):
        return ""
    for word in ("acte", "jour"):
        if text.startswith(word):
            text = text[len(word):].strip()
    text = text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text
    return f" ({text})" if text else ""


def _mixture(rng: random.Random, o: Offer) -> tuple[float, float, float]:
    """Volume drawn (the whole ampoule or 1 mL of it), final volume, concentration of the mixture."""
    amp = o.presentation.ampoule_volume_ml
    # the whole ampoule or 1 mL of it, as long as a final volume of the list can hold it
    drawn = rng.choice([v for v in ([amp, 1.0] if amp > 1 else [amp]) if v < max(FINAL_VOLUMES_ML)])
    final = rng.choice([v for v in FINAL_VOLUMES_ML if v > drawn])
    return drawn, final, o.concentration * drawn / final


def _mixture_text(o: Offer, drawn: float, final: float) -> str:
    return (f"On prélève {_ml(drawn)} de cette présentation ({_conc(o.concentration, o.unit)}) et l’on complète "
            f"la seringue avec du sérum physiologique jusqu’à un volume final de {_ml(final)}.")


def _mixture_steps(o: Offer, drawn: float, final: float, c2: float) -> list[str]:
    return [f"Quantité prélevée{NBSP}: {_conc(o.concentration)} × {_ml(drawn)} = {fr(o.concentration * drawn, 3, 'mg')}.",
            (f"Dilution (C1 × V1 = C2 × V2){NBSP}: C2 = {fr(o.concentration * drawn, 3, 'mg')} ÷ {_ml(final)} "
             f"= {_conc(c2)}. La quantité ne change pas{NBSP}: seul le volume qui la contient augmente.")]


def generate(kind: object = "dilution", seed: object = 1) -> Exercise:
    """The exercise of this kind and seed (same on every machine)."""
    kind = _kind(kind)
    seed = parse_seed(seed)
    rng = random.Random(f"{kind}:{seed}")
    pool = offers(kind)
    if not pool:  # pragma: no cover - data always hold presentations for every kind (tested)
        raise InputError("Aucune présentation des données ne permet ce type d’exercice.")
    o = rng.choice(pool)
    prod, pres = o.product, o.presentation
    c = o.concentration
    head = f"{prod.name}{NBSP}: {o.title}."
    status = _status_line(o)

    def make(question: str, unit: str, answer: float, steps: list[str], reference=None, note=None,
             extra_sources: tuple[str, ...] = ()) -> Exercise:
        statement = f"{head} {question} {status} {TOLERANCE_TEXT}"
        sources = tuple(dict.fromkeys(o.sources + extra_sources))
        return Exercise(kind, seed, statement, unit, answer, tuple(steps), prod.name, o.title, sources,
                        reference, note)

    if kind == "pourcentage":
        percent = c / MG_PER_ML_PER_PERCENT
        if rng.random() < 0.5:
            q = (f"Sa concentration est de {_conc(c)}. Exprimez-la en pourcentage masse/volume "
                 f"(convention{NBSP}: 1{NBSP}% = 1{NBSP}g pour 100{NBSP}mL = 10{NBSP}mg/mL). Réponse en %.")
            steps = [f"1{NBSP}% signifie 1{NBSP}g, soit 1000{NBSP}mg, dans 100{NBSP}mL{NBSP}: 10{NBSP}mg/mL.",
                     f"{_conc(c)} ÷ 10 = {fr(percent, 3)}{NBSP}%."]
            return make(q, "%", percent, steps)
        q = (f"Sa concentration est de {fr(percent, 3)}{NBSP}% (masse/volume, convention{NBSP}: 1{NBSP}% = 1{NBSP}g "
             f"pour 100{NBSP}mL). Combien de mg par mL{NBSP}? Réponse en mg/mL.")
        steps = [f"1{NBSP}% = 1{NBSP}g pour 100{NBSP}mL = 1000{NBSP}mg pour 100{NBSP}mL = 10{NBSP}mg/mL.",
                 f"{fr(percent, 3)}{NBSP}% × 10 = {_conc(c)}."]
        return make(q, "mg/mL", c, steps)

    if kind == "contenu":
        v = pres.ampoule_volume_ml
        total = c * v
        q = (f"Une ampoule contient {_ml(v)} à {_conc(c, o.unit)}. Quelle quantité de principe actif contient-elle{NBSP}? "
             f"Réponse en {o.unit}.")
        steps = [f"Quantité = concentration × volume = {_conc(c, o.unit)} × {_ml(v)} = {fr(total, 3, o.unit)}.",
                 "Vérification{NBSP}: la quantité imprimée sur la boîte (« {s} ») doit être retrouvée."
                 .replace("{NBSP}", NBSP).replace("{s}", pres.strength)]
        return make(q, o.unit, total, steps)

    if kind == "volume":
        m = rng.choice(_mg_maxima(prod))
        per = period_of(m.per)
        v = m.value / c
        q = (f"Le RCP donne au plus {fr(m.value, 3, 'mg')} {per.short} ({m.route}). Quel volume de cette "
             f"présentation, à {_conc(c)}, contient cette quantité{NBSP}? Réponse en mL.")
        steps = [f"Volume = quantité ÷ concentration = {fr(m.value, 3, 'mg')} ÷ {_conc(c)} = {_ml(v)}."]
        if pres.ampoule_volume_ml:
            n = v / pres.ampoule_volume_ml
            steps.append(f"Vérification{NBSP}: une ampoule contient {_ml(pres.ampoule_volume_ml)}, soit "
                         f"{fr(n, 2)} {accord(n, 'ampoule')}.")
        steps.append(f"Ce maximum est un maximum {per.short}{_per_detail(m.per, per.short)}"
                     + (f"{NBSP}; conditions{NBSP}: {m.conditions}" if m.conditions else "") + ".")
        ref = ("volume d’une ampoule", pres.ampoule_volume_ml) if pres.ampoule_volume_ml else None
        return make(q, "mL", v, steps, ref, f"maximum {per.short}", tuple(m.sources))

    drawn, final, c2 = _mixture(rng, o)
    mix = _mixture_text(o, drawn, final)
    mix_steps = _mixture_steps(o, drawn, final, c2)

    if kind == "dilution":
        q = f"{mix} Quelle est la concentration du mélange{NBSP}? Réponse en mg/mL."
        steps = mix_steps + [(f"Vérification{NBSP}: diluer abaisse la concentration{NBSP}; {_conc(c2)} est bien "
                              f"inférieur à {_conc(c)}, dans le rapport {_ml(drawn)} / {_ml(final)}.")]
        return make(q, "mg/mL", c2, steps, ("concentration de départ", c))

    vpp = rng.choice(VOLUMES_PER_POINT_ML)
    if kind == "dose_point":
        dose = c2 * vpp
        q = f"{mix} On injecte {_ml(vpp)} par point. Quelle quantité par point{NBSP}? Réponse en mg. {PARAMETERS_TEXT}"
        steps = mix_steps + [f"Dose par point = {_conc(c2)} × {_ml(vpp)} = {fr(dose, 4, 'mg')}.",
                             ("Une dose par point ne se compare jamais au maximum du RCP, qui porte sur un acte ou "
                              "une durée.")]
        return make(q, "mg", dose, steps, ("quantité dans la seringue", c * drawn))

    npts = rng.choice([n for n in POINTS if n * vpp <= final + 1e-9] or [int(final / vpp)])
    session = c2 * vpp * npts
    session_steps = mix_steps + [
        f"Volume injecté{NBSP}: {npts} points × {_ml(vpp)} = {_ml(npts * vpp)} (au plus les {_ml(final)} préparés).",
        f"Dose de la séance = {_conc(c2)} × {_ml(npts * vpp)} = {fr(session, 3, 'mg')}."]
    pts = f"On injecte {_ml(vpp)} par point, en {npts} points, au cours d’une séance."

    if kind == "dose_seance":
        q = f"{mix} {pts} Quelle quantité de principe actif la séance apporte-t-elle{NBSP}? Réponse en mg. {PARAMETERS_TEXT}"
        return make(q, "mg", session, session_steps, ("quantité dans la seringue", c * drawn))

    if kind == "part_maximum":
        m = rng.choice(_mg_maxima(prod))
        comp = compare_with_label(session, "seance", m.value, m.per)
        q = (f"{mix} {pts} Le RCP donne au plus {fr(m.value, 3, 'mg')} {comp.period.short} ({m.route}). Quelle part "
             f"de ce maximum la dose de la séance représente-t-elle{NBSP}? Réponse en %. {comp.reason} "
             f"{PARAMETERS_TEXT}")
        steps = session_steps + [
            f"Part du maximum = {fr(session, 3, 'mg')} ÷ {fr(m.value, 3, 'mg')} × 100 = {fr(comp.percent, 2)}{NBSP}%.",
            (f"Ce maximum est un maximum {comp.period.short}{_per_detail(m.per, comp.period.short)}{NBSP}: "
             f"{comp.reason[:1].lower()}{comp.reason[1:]}")]
        return make(q, "%", comp.percent, steps, ("maximum du RCP", 100.0), f"maximum {comp.period.short}",
                    tuple(m.sources))

    sessions = rng.choice(SESSIONS)
    total = session * sessions
    q = (f"{mix} {pts} Le même mélange est injecté à {sessions} séances. Quelle quantité cumulée sur le protocole{NBSP}? "
         f"Réponse en mg. {PARAMETERS_TEXT}")
    steps = session_steps + [f"Cumul = {fr(session, 3, 'mg')} × {sessions} séances = {fr(total, 3, 'mg')}.",
                             "Un cumul sur plusieurs jours ne se compare pas à un maximum par acte ou par jour{NBSP}: "
                             "comparez chaque séance, et la durée du protocole à celle que prévoit le RCP."
                             .replace("{NBSP}", NBSP)]
    return make(q, "mg", total, steps, ("dose d’une séance", session))


def check_answer(ex: Exercise, answer: object) -> Verdict:
    """Within tolerance -> ok. A wrong answer is told so (and a power-of-ten slip named), not corrected."""
    value = ex.field.parse(answer)
    if relative_error(value, ex.answer) <= RELATIVE_TOLERANCE:
        return Verdict(True, value, f"✅ Juste{NBSP}: {fr(value, 4, ex.unit)}.")
    k = factor_of_ten(value, ex.answer, RELATIVE_TOLERANCE)
    if k is not None:
        size = "grande" if k > 0 else "petite"
        times = fr(10 ** abs(k), 0)
        hint = (f"Votre réponse est {times} fois trop {size}{NBSP}: vérifiez la conversion entre % et mg/mL, "
                "les unités (mg ou mL) et la place de la virgule.")
    else:
        hint = ("Reprenez le calcul étape par étape{NBSP}: quantité prélevée, volume final, puis volume injecté."
                .replace("{NBSP}", NBSP))
    return Verdict(False, value, f"❌ Ce n’est pas la valeur attendue ({fr(value, 4, ex.unit)}). {hint}")


def explain(ex: Exercise) -> list[str]:
    """The computation step by step, in French (decimal comma)."""
    return list(ex.steps) + [f"Résultat{NBSP}: {fr(ex.answer, 4, ex.unit)}."]


# --- worked examples of the chapter (text read from the data) ------------------------------------------

def presentation_lines() -> list[str]:
    """One line per presentation with a strength: as printed, per mL, and as a w/v percentage."""
    out = []
    for prod in _products():
        for p in prod.presentations:
            if p.concentration_mg_per_ml is not None:
                c = p.concentration_mg_per_ml
                out.append(f"{p.brand}, « {p.strength} »{NBSP}: {_conc(c)}, soit {fr(c / MG_PER_ML_PER_PERCENT, 3)}{NBSP}%"
                           + (f"{NBSP}; une ampoule de {_ml(p.ampoule_volume_ml)} contient "
                              f"{fr(c * p.ampoule_volume_ml, 3, 'mg')}" if p.ampoule_volume_ml else "") + ".")
            elif p.concentration_ui_per_ml is not None:
                c = p.concentration_ui_per_ml
                out.append(f"{p.brand}, « {p.strength} »{NBSP}: {_conc(c, 'UI')}"
                           + (f"{NBSP}; une ampoule de {_ml(p.ampoule_volume_ml)} contient "
                              f"{fr(c * p.ampoule_volume_ml, 3, 'UI')}" if p.ampoule_volume_ml else "")
                           + f"{NBSP}; aucun pourcentage{NBSP}: l’UI mesure une activité, pas une masse.")
    return out


def label_maximum_lines() -> list[str]:
    """One line per label maximum of the data: value, what it is a maximum of, route, conditions."""
    out = []
    for prod in _products():
        for m in prod.label_max_dose:
            per = period_of(m.per)
            out.append(f"{prod.name}{NBSP}: {fr(m.value, 3, m.unit)} {per.short}{_per_detail(m.per, per.short)}, "
                       f"voie{NBSP}: {m.route}" + (f"{NBSP}; {m.conditions}" if m.conditions else "") + ".")
    return out


def study_dose_lines(study_id: str) -> list[str]:
    """A study's reported doses (data/studies.yml) per session and over the protocol, set against the label
    maxima of data/products.yml where the product has one (same unit, per session only)."""
    from mesocours.data import load_collection as _load
    from mesocours.models.doses import reported_totals

    studies = {s.id: s for s in _load("studies")}
    if study_id not in studies:
        raise InputError(f"Étude inconnue « {study_id} ».")
    study = studies[study_id]
    products = {p.id: p for p in _products()}
    ids = {}
    for dose in study.doses_per_session or []:
        if dose.product_id:
            ids[dose.product] = dose.product_id
    out = []
    for row in reported_totals(study):
        given = [a for a in row.per_session_mg if a > 0]
        sessions = ", ".join(fr(a, 3, "mg") for a in row.per_session_mg)
        line = (f"{row.product[:1].upper()}{row.product[1:]}{NBSP}: {sessions} aux séances 1 à "
                f"{len(row.per_session_mg)}, soit {fr(row.total_mg, 3, 'mg')} en {row.sessions_given} séances")
        prod = products.get(ids.get(row.product, ""))
        if prod is not None and prod.label_max_dose:
            m = prod.label_max_dose[0]
            comp = compare_with_label(max(given), "seance", m.value, m.per, max_unit=m.unit)
            line += (f". Séance la plus chargée{NBSP}: {fr(comp.percent, 1)}{NBSP}% du maximum du RCP français "
                     f"({fr(m.value, 3, m.unit)} {comp.period.short}, voie{NBSP}: {m.route}){NBSP}; "
                     f"{comp.reason[:1].lower()}{comp.reason[1:]}")
            cum = compare_with_label(row.total_mg, "protocole", m.value, m.per, max_unit=m.unit)
            line += f" {cum.reason}"
            if not line.endswith("."):
                line += "."
        else:
            line += f"{NBSP}; aucun maximum de RCP n’est enregistré dans les données du cours pour ce produit."
        out.append(line)
    return out


def volume_lines(study_id: str) -> list[str]:
    """For each product of a study given in mg with its volume: the study's concentration, and the volume
    of each French presentation of the data that would hold the same amount."""
    from mesocours.data import load_collection as _load

    study = {s.id: s for s in _load("studies")}[study_id]
    products = {p.id: p for p in _products()}
    out, seen = [], set()
    for dose in study.doses_per_session or []:
        if not dose.product_id or not dose.volume_ml or (dose.product, dose.amount_mg) in seen:
            continue
        seen.add((dose.product, dose.amount_mg))
        c_study = dose.amount_mg / dose.volume_ml
        for p in products[dose.product_id].presentations:
            if p.concentration_mg_per_ml is None:
                continue
            v = dose.amount_mg / p.concentration_mg_per_ml
            out.append(f"{dose.product[:1].upper()}{dose.product[1:]}{NBSP}: {fr(dose.amount_mg, 3, 'mg')} dans "
                       f"{_ml(dose.volume_ml)}, soit {_conc(c_study)} dans l’essai{NBSP}; avec {p.brand} "
                       f"(« {p.strength} », {_conc(p.concentration_mg_per_ml)}), la même quantité occuperait "
                       f"{_ml(v)}, et 1{NBSP}mL n’en apporterait que {fr(p.concentration_mg_per_ml, 3, 'mg')}.")
    return out
