"""Check-list hors AMM: a planned mixture, an indication and a route -> the law's regime for each product,
the off-label reasons, the duties with their legal texts, the prescription's mention and what the record holds.

Every fact comes from data/: the products' label routes and indications (products.yml), what a label says of a
planned use when the plain rule is not enough (``readings`` of offlabel_duties.yml), the duties and the legal
texts they rest on (``duties`` and legal_texts.yml). The rules of this module are only these:

1. regime of a product = its status (``REGIMES_OF_STATUS``); a product with an AMM is « hors_amm » as soon as
   one reason applies, « conforme » otherwise;
2. route: « couvert » when one wording of the planned route is among the product's AMM routes; a reading
   overrides; no AMM route in the data -> « non_renseigne »; otherwise « non_couvert »;
3. indication: « non_couvert » unless a reading says otherwise (the default is said on screen);
4. mixture (two products or more): « non_couvert » for every product with an AMM, with the reading's note if any;
5. a reason applies to a product with an AMM whenever its verdict is anything but « couvert »;
6. a product « interdit » or « amm_suspendue » stops the check-list: only the stop duties and their texts;
7. otherwise the duties are those of the regimes present (``when: melange`` only for a mixture, ``families``
   only when a product of those families is in the regime), once each, in the data's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from mesocours.data import REGIMES_OF_STATUS, LabelReading, LegalText, OfflabelDuty, OfflabelReason, Product, course
from mesocours.numbers import NBSP, InputError

STOP_REGIMES = ("interdit", "amm_suspendue")
#: order of the duties on screen: what stops or sets the regime, the conditions, then the duties in time order
KIND_ORDER = ("arret", "statut", "condition", "information", "consentement", "ordonnance", "dossier",
              "remboursement", "preparation", "vigilance")
LABELLED = ("hors_amm", "conforme")  # regimes of a product with an AMM in force

REGIME_LABELS = {
    "hors_amm": "prescription hors AMM", "conforme": "usage conforme à l’AMM",
    "dispositif_medical": "dispositif médical (pas d’AMM)", "sans_amm": "produit sans AMM",
    "non_verifie": "statut non vérifié (non affirmé)", "interdit": "produit interdit",
    "amm_suspendue": "AMM suspendue",
}
VERDICT_LABELS = {
    "couvert": "prévu par l’AMM", "partiel": "en partie seulement", "non_couvert": "hors AMM",
    "indetermine": "non établi", "non_renseigne": "non renseigné",
}
DEFAULT_INDICATION_NOTE = ("Aucune donnée du cours ne rapproche cette indication de l’AMM de ce produit{nbsp}: "
                           "elle est tenue pour non couverte (règle par défaut de la check-list).").format(nbsp=NBSP)
NO_ROUTE_NOTE = ("Les données du cours ne donnent aucune voie d’AMM pour ce produit{nbsp}: la voie prévue ne "
                 "peut être tenue pour prévue.").format(nbsp=NBSP)


@dataclass(frozen=True)
class Data:
    """What the check-list reads, by id (tests may build a variant)."""

    products: dict
    indications: dict
    routes: dict
    readings: tuple[LabelReading, ...]
    reasons: dict
    duties: tuple[OfflabelDuty, ...]
    texts: dict

    def reading(self, product: str, aspect: str, target: str) -> Optional[LabelReading]:
        for r in self.readings:
            if r.product == product and r.aspect == aspect and r.target == target:
                return r
        return None


@lru_cache(maxsize=1)
def data() -> Data:
    c = course()
    return Data(products={p.id: p for p in c.products}, indications={i.id: i for i in c.indications},
                routes={r.id: r for r in c.offlabel_routes}, readings=tuple(c.label_readings),
                reasons={r.id: r for r in c.offlabel_reasons}, duties=tuple(c.offlabel_duties),
                texts={t.id: t for t in c.legal_texts})


def default_route(d: Data | None = None) -> str:
    d = d or data()
    return next(r.id for r in d.routes.values() if r.default)


@dataclass(frozen=True)
class AspectCheck:
    """One aspect (voie, indication, melange) of the planned use against one product's label."""

    aspect: str
    verdict: str  # couvert, partiel, non_couvert, indetermine, non_renseigne
    note: str  # why, in the data's words (or the default rule's)
    sources: tuple[str, ...]
    from_reading: bool  # True when a reading of the data gave the verdict

    @property
    def is_reason(self) -> bool:
        return self.verdict != "couvert"


@dataclass(frozen=True)
class ProductCheck:
    product: Product
    regime: str
    route: Optional[AspectCheck]  # None when the product has no AMM to compare with
    indication: Optional[AspectCheck]
    mixture: Optional[AspectCheck]  # None for a single product

    @property
    def reasons(self) -> tuple[str, ...]:
        """Off-label reasons (voie, indication, melange) of a product with an AMM."""
        if self.regime not in LABELLED:
            return ()
        return tuple(a.aspect for a in (self.route, self.indication, self.mixture) if a is not None and a.is_reason)


@dataclass(frozen=True)
class DutyLine:
    duty: OfflabelDuty
    texts: tuple[LegalText, ...]
    products: tuple[str, ...]  # names of the products it concerns


@dataclass(frozen=True)
class Checklist:
    products: tuple[ProductCheck, ...]
    indication: object  # Indication record
    route: object  # OfflabelRoute record
    is_mixture: bool
    stopped: bool
    duties: tuple[DutyLine, ...]  # the stop duties only, when stopped

    @property
    def regimes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.regime for p in self.products))

    @property
    def reasons(self) -> tuple[OfflabelReason, ...]:
        found = {r for p in self.products for r in p.reasons}
        return tuple(r for rid, r in data().reasons.items() if rid in found)

    @property
    def mentions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.duty.mention for line in self.duties if line.duty.mention))

    @property
    def prescription_items(self) -> tuple[DutyLine, ...]:
        return tuple(line for line in self.duties if line.duty.prescription_item)

    @property
    def record_items(self) -> tuple[DutyLine, ...]:
        return tuple(line for line in self.duties if line.duty.record_item)


def _route_check(p: Product, route, d: Data) -> AspectCheck:
    r = d.reading(p.id, "voie", route.id)
    if r is not None:
        return AspectCheck("voie", r.verdict, r.note, tuple(r.sources), True)
    if not p.amm_routes:
        return AspectCheck("voie", "non_renseigne", NO_ROUTE_NOTE, tuple(p.sources), False)
    named = [w for w in route.label_wordings if w in p.amm_routes]
    if named:
        note = f"Le RCP nomme la voie «{NBSP}{named[0]}{NBSP}»."
        return AspectCheck("voie", "couvert", note, tuple(p.sources), False)
    note = "Voies de l’AMM selon les données du cours" + f"{NBSP}: " + f"{NBSP}; ".join(p.amm_routes) + "."
    return AspectCheck("voie", "non_couvert", note, tuple(p.sources), False)


def _indication_check(p: Product, indication, d: Data) -> AspectCheck:
    r = d.reading(p.id, "indication", indication.id)
    if r is not None:
        return AspectCheck("indication", r.verdict, r.note, tuple(r.sources), True)
    return AspectCheck("indication", "non_couvert", DEFAULT_INDICATION_NOTE, tuple(p.sources), False)


def _mixture_check(p: Product, d: Data) -> AspectCheck:
    r = d.reading(p.id, "melange", "tous")
    if r is not None:
        return AspectCheck("melange", r.verdict, r.note, tuple(r.sources), True)
    reason = d.reasons["melange"]
    return AspectCheck("melange", "non_couvert", reason.text, tuple(reason.sources), False)


def check_product(p: Product, indication, route, is_mixture: bool, d: Data | None = None) -> ProductCheck:
    d = d or data()
    regime = REGIMES_OF_STATUS[p.status]
    if regime != "hors_amm":
        return ProductCheck(p, regime, None, None, None)
    checks = (_route_check(p, route, d), _indication_check(p, indication, d),
              _mixture_check(p, d) if is_mixture else None)
    if not any(c is not None and c.is_reason for c in checks):
        regime = "conforme"
    return ProductCheck(p, regime, *checks)


def _applies(duty: OfflabelDuty, checks: tuple[ProductCheck, ...], is_mixture: bool) -> tuple[str, ...]:
    """Names of the products a duty concerns (empty: it does not apply)."""
    if duty.when == "melange" and not is_mixture:
        return ()
    hit = [c for c in checks if c.regime in duty.regimes and (not duty.families or c.product.family in duty.families)]
    return tuple(c.product.name for c in hit)


def _parse_products(product_ids, d: Data) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(product_ids or ()))
    if not ids:
        raise InputError("Choisissez au moins un produit dans la liste.")
    unknown = [i for i in ids if i not in d.products]
    if unknown:
        raise InputError(f"Produit inconnu «{NBSP}{unknown[0]}{NBSP}»{NBSP}: choisissez un produit de la liste.")
    return ids


def checklist(product_ids, indication_id: str, route_id: str | None = None, d: Data | None = None) -> Checklist:
    """The check-list of a planned use: products (ids of products.yml), an indication id, a route id."""
    d = d or data()
    ids = _parse_products(product_ids, d)
    if indication_id not in d.indications:
        raise InputError(f"Indication inconnue «{NBSP}{indication_id}{NBSP}»{NBSP}: choisissez une indication de la liste.")
    route_id = route_id or default_route(d)
    if route_id not in d.routes:
        raise InputError(f"Voie inconnue «{NBSP}{route_id}{NBSP}»{NBSP}: choisissez une voie de la liste.")
    indication, route = d.indications[indication_id], d.routes[route_id]
    is_mixture = len(ids) > 1
    checks = tuple(check_product(d.products[i], indication, route, is_mixture, d) for i in ids)
    stopped = any(c.regime in STOP_REGIMES for c in checks)
    lines = []
    for duty in d.duties:
        if stopped and duty.kind != "arret":
            continue
        names = _applies(duty, checks, is_mixture)
        if names:
            lines.append(DutyLine(duty, tuple(d.texts[t] for t in duty.legal_texts), names))
    lines.sort(key=lambda line: KIND_ORDER.index(line.duty.kind))  # stable: the data's order within a kind
    return Checklist(checks, indication, route, is_mixture, stopped, tuple(lines))


@lru_cache(maxsize=256)
def cached_checklist(product_ids: tuple[str, ...], indication_id: str, route_id: str) -> Checklist:
    """``checklist`` for the live widget (same answer, computed once per state)."""
    return checklist(product_ids, indication_id, route_id)


def choices(d: Data | None = None) -> dict[str, dict[str, str]]:
    """Labels of the controls: products, indications and routes, by id, in the data's order."""
    d = d or data()
    return {"products": {i: p.name for i, p in d.products.items()},
            "indications": {i: x.label for i, x in d.indications.items()},
            "routes": {i: r.label for i, r in d.routes.items()}}
