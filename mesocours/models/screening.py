"""Dépistage avant séance: a patient's answers and a planned mixture -> the contraindications that apply.

Every fact comes from data/: the questions (screening.yml) and the contraindications (contraindications.yml),
each naming the answers that make it apply (``triggers``) and the products it concerns (``product_ids``). The
rules of this module are only these:

1. a contraindication with products applies only when one of them is in the planned mixture;
2. a contraindication with triggers applies only when one of its triggers is among the answers; one without
   triggers applies as soon as one of its products is in the mixture;
3. ``min_term_weeks`` / ``max_term_weeks`` (with the trigger « grossesse »): applies from / before that term; a
   pregnancy whose term was not typed leaves it « à vérifier » (never silently dropped);
4. a derived answer is set from the session itself (``plus_de_trois_produits``: more than three products, the
   figure of the SFM rule recorded in contraindications.yml);
5. a product whose status is « interdit » or « amm_suspendue » is reported with its status note.

The result lists what the physician must weigh; it never says a session may go ahead: no list of the course is
complete (chapter « Contre-indications et dépistage avant séance »).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from mesocours.data import Contraindication, Product, ScreeningItem, course
from mesocours.numbers import NBSP, Field, InputError

TERM = Field("le terme de la grossesse", "SA", minimum=0, maximum=45, strict_min=True)
#: answers set from the planned session (rule 4)
MAX_PRODUCTS_SFM = 3
STOP_STATUSES = ("interdit", "amm_suspendue")
GROUP_LABELS = {
    "antecedents": "Antécédents", "allergies": "Allergies", "traitements": "Traitements",
    "grossesse": "Grossesse, allaitement, contraception", "peau": "Peau au site prévu",
    "sport": "Sport", "seance": "Séance prévue",
}
KIND_LABELS = {"absolue": "contre-indication absolue", "relative": "contre-indication relative"}
STRENGTH_LABELS = {"rcp": "RCP du produit", "reglementaire": "texte réglementaire",
                   "consensus": "société savante", "avis_de_praticien": "listes de praticiens"}
NEVER_A_GO = (f"Ce relevé liste ce que le médecin doit peser avec les données du cours{NBSP}; il n’autorise "
              f"aucune séance. Aucune liste de contre-indications n’est complète ni validée{NBSP}: le RCP de chaque "
              "produit, l’examen et le dossier du patient priment.")
NOTHING_FOUND = ("Aucune contre-indication des données du cours ne correspond à ces réponses et à ce mélange. "
                 f"Cela ne veut pas dire qu’il n’y en a pas{NBSP}: les données du cours ne reprennent pas tout le "
                 "RCP de chaque produit.")


@dataclass(frozen=True)
class Finding:
    """One contraindication that applies, with what made it apply."""

    contraindication: Contraindication
    products: tuple[Product, ...]       # the products of the mixture it concerns (none: the patient or the session)
    answers: tuple[ScreeningItem, ...]  # the answers that triggered it (none: the product alone)
    to_check: str | None = None      # set when the data needed to decide is missing (rule 3)


@dataclass(frozen=True)
class Screening:
    products: tuple[Product, ...]
    answers: tuple[ScreeningItem, ...]
    term_weeks: float | None
    findings: tuple[Finding, ...]
    stopped: tuple[Product, ...]  # products of the mixture banned or suspended (rule 5)

    def for_product(self, pid: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if any(p.id == pid for p in f.products))

    @property
    def general(self) -> tuple[Finding, ...]:
        """What concerns the patient or the session, whatever the mixture."""
        return tuple(f for f in self.findings if not f.products)

    def count(self, kind: str, pid: str | None = None) -> int:
        rows = self.general if pid is None else self.for_product(pid)
        return sum(1 for f in rows if f.contraindication.kind == kind and f.to_check is None)

    def pending(self, pid: str | None = None) -> int:
        rows = self.general if pid is None else self.for_product(pid)
        return sum(1 for f in rows if f.to_check is not None)


def questions() -> dict[str, list[ScreeningItem]]:
    """The questions asked, by group, in the data's order (derived answers are not asked)."""
    out: dict[str, list[ScreeningItem]] = {}
    for q in course().screening:
        if not q.derived:
            out.setdefault(q.group, []).append(q)
    return out


def _derived(product_ids: tuple[str, ...]) -> set[str]:
    return {"plus_de_trois_produits"} if len(product_ids) > MAX_PRODUCTS_SFM else set()


def parse_term(text) -> float | None:
    """The term typed by the learner (blank: not given)."""
    if text is None or not str(text).strip():
        return None
    return TERM.parse(text)


def screen(answers: Iterable[str], product_ids: Iterable[str], term_weeks: float | None = None) -> Screening:
    """Rules 1–5 of the module; unknown answers or products, or a term without pregnancy, raise InputError."""
    c = course()
    items = {q.id: q for q in c.screening}
    products = {p.id: p for p in c.products}
    pids = tuple(dict.fromkeys(product_ids))
    if not pids:
        raise InputError("Choisissez au moins un produit du mélange prévu.")
    unknown = [p for p in pids if p not in products]
    if unknown:
        raise InputError(f"Produit inconnu des données du cours{NBSP}: {', '.join(unknown)}.")
    given = tuple(dict.fromkeys(answers))
    bad = [a for a in given if a not in items or items[a].derived]
    if bad:
        raise InputError(f"Réponse inconnue du questionnaire{NBSP}: {', '.join(bad)}.")
    if term_weeks is not None:
        term_weeks = TERM.parse(term_weeks)
        if "grossesse" not in given:
            raise InputError("Le terme de la grossesse ne se saisit que si la case « Grossesse en cours » est cochée.")
    active = set(given) | _derived(pids)
    findings = []
    for ci in c.contraindications:
        concerned = tuple(products[p] for p in pids if p in ci.product_ids)
        if ci.product_ids and not concerned:
            continue
        hit = tuple(items[t] for t in ci.triggers if t in active)
        if ci.triggers and not hit:
            continue
        to_check = None
        low, high = ci.min_term_weeks, ci.max_term_weeks
        if low is not None or high is not None:
            if term_weeks is None:
                span = (f"à partir de {TERM.show(low)}" if high is None else f"avant {TERM.show(high)}"
                        if low is None else f"de {TERM.show(low)} à {TERM.show(high)}")
                to_check = f"terme non saisi{NBSP}: s’applique {span}"
            elif (low is not None and term_weeks < low) or (high is not None and term_weeks >= high):
                continue
        findings.append(Finding(ci, concerned, hit, to_check))
    order = {"absolue": 0, "relative": 1}
    findings.sort(key=lambda f: (f.to_check is not None, order[f.contraindication.kind]))
    stopped = tuple(products[p] for p in pids if products[p].status in STOP_STATUSES)
    return Screening(tuple(products[p] for p in pids), tuple(items[a] for a in given), term_weeks, tuple(findings),
                     stopped)


@lru_cache(maxsize=256)
def cached_screen(answers: frozenset, product_ids: tuple, term_weeks: float | None) -> Screening:
    return screen(sorted(answers), product_ids, term_weeks)


__all__ = ["GROUP_LABELS", "KIND_LABELS", "NEVER_A_GO", "NOTHING_FOUND", "STRENGTH_LABELS", "Finding", "Screening",
           "cached_screen", "parse_term", "questions", "screen"]
