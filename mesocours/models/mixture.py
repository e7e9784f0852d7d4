"""Mixture calculator: final concentrations, doses per point, per session and over a protocol, warnings.

Conventions (stated to the learner beside every result):

- the volumes drawn from each presentation add up: the final volume is their sum (no contraction,
  no other diluent unless it is chosen as a product);
- final concentration of a product = its stock concentration × its volume ÷ the final volume;
- ``%`` is mass per volume: 1 % = 1 g per 100 mL = 10 mg/mL;
- dose per point = final concentration × volume per point; per session = × number of points;
  over the protocol = × number of sessions (the same mixture and points at every session);
- a label maximum is compared with the dose of **one session** only when it is a maximum in mg per act, per
  day or per 12 h (a session fits in one act and one day); a maximum per injection or in another unit is
  shown, never compared. No label gives a maximum over a protocol.

This is arithmetic on label data, never a recommendation: the result never says a mixture is « sûr ».
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mesocours.data import LabelMaxDose, MixingRule, Presentation, Product, load_collection
from mesocours.numbers import NBSP, Field, InputError, fr

MAX_PRODUCTS = 8
VOLUME = Field("le volume prélevé", "mL", minimum=0, strict_min=True, maximum=50)
VOLUME_PER_POINT = Field("le volume par point", "mL", minimum=0, strict_min=True, maximum=2)
POINTS = Field("le nombre de points", None, minimum=1, maximum=1000)
SESSIONS = Field("le nombre de séances", None, feminine=False, minimum=1, maximum=100)

#: how each comparable « per » of a label maximum reads (start of the ``per`` text -> French phrase)
COMPARABLE_PER = {"acte": "par acte", "jour": "par jour", "12 h": "par 12 heures"}
LOCAL_ANAESTHETIC = "anesthesique_local"
DRUG_STATUSES = ("amm", "amm_restreinte")


@lru_cache(maxsize=1)
def products() -> dict[str, Product]:
    return {p.id: p for p in load_collection("products")}


@lru_cache(maxsize=1)
def rules() -> tuple[MixingRule, ...]:
    return tuple(load_collection("mixing_rules"))


# --------------------------------------------------------------------------
# Choices: one presentation of a product (or the product alone when no presentation is documented)
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    key: str  # "procaine#1" (presentation 1 of procaine) or "corticoides" (no presentation documented)
    product: Product
    presentation: Presentation | None

    @property
    def stock(self) -> tuple[float | None, str | None]:
        """Stock concentration and its unit (mg or UI per mL), or (None, None) when not documented."""
        pr = self.presentation
        if pr is not None and pr.concentration_mg_per_ml is not None:
            return pr.concentration_mg_per_ml, "mg"
        if pr is not None and pr.concentration_ui_per_ml is not None:
            return pr.concentration_ui_per_ml, "UI"
        return None, None

    @property
    def label(self) -> str:
        p, pr = self.product, self.presentation
        if pr is None:
            return f"{p.name} (présentation non renseignée)"
        amp = f", ampoule de {fr(pr.ampoule_volume_ml)}{NBSP}mL" if pr.ampoule_volume_ml else ""
        return f"{p.name} — {pr.brand} {pr.strength}{amp}"


@lru_cache(maxsize=1)
def choices() -> dict[str, Choice]:
    """Every product of the data as a choice: one per presentation, or the product alone if it has none."""
    out: dict[str, Choice] = {}
    for p in products().values():
        if p.presentations:
            for i, pr in enumerate(p.presentations):
                out[f"{p.id}#{i}"] = Choice(f"{p.id}#{i}", p, pr)
        else:
            out[p.id] = Choice(p.id, p, None)
    return out


def choice(key: object) -> Choice:
    table = choices()
    if not isinstance(key, str) or key not in table:
        raise InputError(f"Produit inconnu « {key} »{NBSP}: choisissez un produit de la liste.")
    return table[key]


# --------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------
def mg_per_ml_to_percent(mg_per_ml: float) -> float:
    """1 % (m/V) = 1 g / 100 mL = 10 mg/mL."""
    return mg_per_ml / 10.0


def percent_to_mg_per_ml(percent: float) -> float:
    return percent * 10.0


def final_concentration(stock: float, volume_ml: float, total_volume_ml: float) -> float:
    """C_final = C_stock × V ÷ V_total (C1·V1 = C2·V2)."""
    if total_volume_ml <= 0:
        raise InputError(f"Le volume final doit être strictement supérieur à 0{NBSP}mL.")
    return stock * volume_ml / total_volume_ml


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class LabelComparison:
    maximum: LabelMaxDose
    what: str  # « maximum par acte, voie : infiltration » — what the maximum is a maximum of
    compared: bool
    share: float | None  # dose of one session ÷ maximum (1.0 = 100 %), None when not compared
    why_not: str = ""  # why it is not compared


@dataclass(frozen=True)
class Component:
    choice: Choice
    volume_ml: float
    stock: float | None
    unit: str | None  # "mg" or "UI"; None when the concentration is not documented
    final: float | None  # per mL
    final_percent: float | None  # mg only
    per_point: float | None
    per_session: float | None
    per_protocol: float | None
    comparisons: tuple[LabelComparison, ...]

    @property
    def name(self) -> str:
        return self.choice.product.name


@dataclass(frozen=True)
class Warning:
    rule: MixingRule
    products: tuple[str, ...]  # names of the products concerned ("" for the whole mixture)
    sources: tuple[str, ...]  # the rule's sources, then those of the products' regulatory decisions


@dataclass(frozen=True)
class MixtureResult:
    components: tuple[Component, ...]
    total_volume_ml: float
    volume_per_point_ml: float
    points: int
    sessions: int
    warnings: tuple[Warning, ...]

    @property
    def injected_per_session_ml(self) -> float:
        return self.volume_per_point_ml * self.points

    @property
    def syringes_needed(self) -> bool:
        """True when the volume injected in a session exceeds the volume prepared (several preparations)."""
        return self.injected_per_session_ml > self.total_volume_ml * (1 + 1e-9)


def _whole(field: Field, value: object) -> int:
    x = field.parse(value)
    if x != math.floor(x):
        raise InputError(f"{field.subject} doit être un nombre entier (valeur saisie{NBSP}: {fr(x, 3)}).")
    return int(x)


def comparison(maximum: LabelMaxDose, per_session: float | None, unit: str | None) -> LabelComparison:
    """Compare one session's dose with a label maximum, when the maximum's unit and period allow it."""
    per = maximum.per.strip()
    phrase = next((v for k, v in COMPARABLE_PER.items() if per.startswith(k)), None)
    what = f"maximum {phrase or 'par ' + per} du RCP ({fr(maximum.value)}{NBSP}{maximum.unit}, voie{NBSP}: {maximum.route})"
    if phrase is None:
        return LabelComparison(maximum, what, False, None,
                               f"un maximum «{NBSP}par {per}{NBSP}» ne se compare pas à la dose d’une séance")
    if per_session is None or unit is None:
        return LabelComparison(maximum, what, False, None, "concentration non renseignée dans les données")
    if unit != maximum.unit:
        return LabelComparison(maximum, what, False, None,
                               f"unités différentes ({unit} et {maximum.unit})")
    return LabelComparison(maximum, what, True, per_session / maximum.value)


def _parse_volumes(volumes: object, n: int) -> list[float]:
    if isinstance(volumes, str):
        parts = [v for v in volumes.split(";")] if volumes.strip() else []
    elif isinstance(volumes, (list, tuple)):
        parts = list(volumes)
    else:
        parts = [volumes]
    if len(parts) != n:
        produits = "produit choisi" if n == 1 else "produits choisis"
        vols = "volume saisi" if len(parts) < 2 else "volumes saisis"
        raise InputError(f"Donnez un volume par produit, séparés par «{NBSP};{NBSP}»{NBSP}: {n} {produits}, "
                         f"{len(parts)} {vols}.")
    return [VOLUME.parse(v) for v in parts]


def mix(keys: Sequence[str], volumes: object, volume_per_point: object, points: object = 1,
        sessions: object = 1) -> MixtureResult:
    """The mixture of the chosen presentations drawn at these volumes; InputError (French) on bad input."""
    if isinstance(keys, str):
        keys = [keys]
    keys = list(keys or [])
    if not keys:
        raise InputError("Choisissez au moins un produit dans la liste.")
    if len(keys) > MAX_PRODUCTS:
        raise InputError(f"Au plus {MAX_PRODUCTS} produits dans ce calculateur ({len(keys)} choisis).")
    if len(set(keys)) != len(keys):
        raise InputError("Un même produit est choisi deux fois.")
    chosen = [choice(k) for k in keys]
    vols = _parse_volumes(volumes, len(chosen))
    vpp = VOLUME_PER_POINT.parse(volume_per_point)
    n_points = _whole(POINTS, points)
    n_sessions = _whole(SESSIONS, sessions)
    total = sum(vols)
    comps = []
    for c, v in zip(chosen, vols):
        stock, unit = c.stock
        if stock is None:
            comps.append(Component(c, v, None, None, None, None, None, None, None,
                                   tuple(comparison(m, None, None) for m in c.product.label_max_dose)))
            continue
        final = final_concentration(stock, v, total)
        per_point = final * vpp
        per_session = per_point * n_points
        comps.append(Component(c, v, stock, unit, final, mg_per_ml_to_percent(final) if unit == "mg" else None,
                               per_point, per_session, per_session * n_sessions,
                               tuple(comparison(m, per_session, unit) for m in c.product.label_max_dose)))
    return MixtureResult(tuple(comps), total, vpp, n_points, n_sessions, tuple(warnings(chosen)))


# --------------------------------------------------------------------------
# Warnings
# --------------------------------------------------------------------------
def _names(cs: Sequence[Choice]) -> tuple[str, ...]:
    seen: list[str] = []
    for c in cs:
        if c.product.name not in seen:
            seen.append(c.product.name)
    return tuple(seen)


def _matches(rule: MixingRule, chosen: Sequence[Choice]) -> list[Choice] | None:
    """The choices a rule concerns ([] for the mixture as a whole), or None when it does not apply."""
    t = rule.trigger
    n = len(chosen)
    if n < t.min_products:
        return None
    if t.when == "toujours":
        return []
    if t.when == "plus_de_produits":
        return [] if n > t.n else None
    if t.when == "sans_anesthesique_local":
        return None if any(c.product.family == LOCAL_ANAESTHETIC for c in chosen) else []
    if t.when == "meme_famille":
        hits = [c for c in chosen if sum(1 for d in chosen if d.product.family == c.product.family) > 1]
    elif t.when == "famille":
        hits = [c for c in chosen if c.product.family in t.families]
    elif t.when == "statut":
        hits = [c for c in chosen if c.product.status in t.statuses]
    elif t.when == "produits":
        hits = [c for c in chosen if c.product.id in t.product_ids]
    elif t.when == "excipient":
        hits = [c for c in chosen if c.product.excipients]
    elif t.when == "hors_amm":
        if t.reason == "melange":
            return [] if n > 1 else None
        if t.reason == "voie":
            hits = [c for c in chosen if c.presentation is not None
                    and not any("intradermique" in r for r in c.presentation.routes)]
        else:  # indication: every drug with an AMM is used outside its indications in mesotherapy
            hits = [c for c in chosen if c.product.status in DRUG_STATUSES]
    else:  # pragma: no cover - the schema lists every kind
        raise ValueError(t.when)
    return hits or None


def warnings(chosen: Sequence[Choice]) -> list[Warning]:
    """Every rule of mixing_rules.yml that applies, in the file's order, with the products it concerns."""
    out = []
    for rule in rules():
        hits = _matches(rule, chosen)
        if hits is None:
            continue
        sources = list(rule.sources)
        if rule.trigger.when == "statut":
            for c in hits:
                for ev in c.product.regulatory_events:
                    sources.extend(k for k in ev.sources if k not in sources)
        out.append(Warning(rule, _names(hits), tuple(sources)))
    return out


KIND_LABELS = {"regle_enseignement": "règle d’enseignement", "fait_rcp": "RCP", "texte_legal": "texte juridique",
               "decision_agence": "décision d’agence", "convention_cours": "convention du cours"}

FAMILY_LABELS = {"anesthesique_local": "anesthésique local", "ains": "AINS", "myorelaxant": "myorelaxant",
                 "hormone": "hormone", "hemostatique": "hémostatique", "vasoactif": "vasoactif", "vitamine": "vitamine",
                 "mineral": "sel minéral", "acide_hyaluronique": "acide hyaluronique", "chelateur": "chélateur",
                 "corticoide": "corticoïde", "lipolytique": "lipolytique", "autre": "autre"}
STATUS_LABELS = {"amm": "AMM", "amm_restreinte": "AMM restreinte", "amm_suspendue": "AMM suspendue",
                 "dispositif_medical": "dispositif médical", "sans_amm": "sans AMM", "interdit": "interdit"}


def describe_trigger(rule: MixingRule) -> str:
    """What makes the rule apply, in French (the rules table of the chapter)."""
    t = rule.trigger
    names = [products()[p].name if p in products() else p for p in t.product_ids]
    text = {
        "toujours": "toute préparation",
        "plus_de_produits": ("tout mélange (au moins deux produits)" if t.n == 1 else f"plus de {t.n} produits"),
        "famille": "un produit de la famille " + ", ".join(FAMILY_LABELS.get(f, f) for f in t.families),
        "meme_famille": "deux produits d’une même famille",
        "statut": "un produit au statut " + ", ".join(STATUS_LABELS.get(s, s) for s in t.statuses),
        "produits": ", ".join(names),
        "excipient": "un produit dont le RCP liste un excipient à effet notoire",
        "sans_anesthesique_local": "aucun anesthésique local dans le mélange",
        "hors_amm": {"voie": "une présentation dont le RCP ne prévoit pas la voie intradermique",
                     "indication": "un médicament avec AMM (toute indication de mésothérapie)",
                     "melange": "tout mélange (au moins deux produits)"}.get(t.reason or "", ""),
    }[t.when]
    if t.min_products > 1:
        text += f", dans un mélange d’au moins {t.min_products} produits"
    return text
