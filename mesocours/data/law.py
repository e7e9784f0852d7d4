"""Law: legal texts in force (articles, decrees, decisions), what each requires and whom it binds."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from pydantic import Field, model_validator

from .base import Collection, IsoDate, Sourced, Strict


class LegalText(Sourced):
    id: str
    reference: str  # "Art. L.5121-12-1-2 CSP"
    kind: Literal["loi", "decret", "arrete", "article_de_code", "decision_de_justice", "avis", "decision_administrative"]
    jurisdiction: Literal["FR", "BE", "UE"]
    date: IsoDate
    rule: str  # what it requires or forbids
    binds: str  # whom it binds
    status: str  # "en vigueur", "annulé (art. 2)"...
    topics: list[Literal["hors_amm", "information", "responsabilite", "deontologie", "esthetique", "vigilance", "exercice", "remboursement", "produits"]] = []




# --------------------------------------------------------------------------
# Check-list hors AMM (data/offlabel_duties.yml): how a planned use is read against a label, and the duties
# that follow, each tied to records of legal_texts.yml (checked in check_links).
# --------------------------------------------------------------------------
Regime = Literal["hors_amm", "conforme", "dispositif_medical", "sans_amm", "non_verifie", "interdit", "amm_suspendue"]
"""How the law treats one product of a planned use: derived from the product's status (products.yml) and,
for a product with an AMM, from the off-label reasons (route, indication, mixture)."""

Aspect = Literal["voie", "indication", "melange"]


class OfflabelRoute(Sourced):
    """A route a learner may plan; it is « prévue » for a product when one of its wordings is in amm_routes."""

    id: str
    label: str
    label_wordings: list[str] = Field(min_length=1)  # exact strings of products.yml amm_routes naming it
    default: bool = False


class LabelReading(Sourced):
    """What a label says about one aspect of a planned use, when the plain rule is not enough."""

    id: str
    product: str  # products.yml id
    aspect: Aspect
    target: str  # a route id (voie), an indication id (indication), « tous » (melange)
    verdict: Literal["couvert", "partiel", "non_couvert", "indetermine"]
    note: str


class OfflabelReason(Sourced):
    id: Aspect
    label: str
    text: str


class OfflabelDuty(Sourced):
    """One duty (or stop) of the check-list, the regimes it belongs to and the legal texts it rests on."""

    id: str
    regimes: list[Regime] = Field(min_length=1)
    when: Literal["toujours", "melange"] = "toujours"  # melange: only for a planned mixture
    families: list[str] = []  # only when a product of these families is in the regime (empty: any)
    kind: Literal["condition", "information", "consentement", "ordonnance", "dossier", "remboursement",
                  "preparation", "vigilance", "statut", "arret"]
    title: str
    text: str  # what the texts require, in our words
    mention: Optional[str] = None  # exact words the prescription must carry (checked against a legal text)
    prescription_item: Optional[str] = None  # a line of the printable checklist, « sur l’ordonnance »
    record_item: Optional[str] = None  # a line of the printable checklist, « dans le dossier »
    # texte: the legal texts require this line of the record; analyse: our reading of what proves the duty
    record_item_nature: Literal["texte", "analyse"] = "texte"
    legal_texts: list[str] = Field(min_length=1)  # ids of legal_texts.yml
    nature: Literal["texte", "avis", "analyse"]  # what the legal texts say / an advice / our reading


#: chapters of part « Droit et responsabilité » a case may send the learner back to (or one of their sections)
CASE_SECTION_PATTERN = r"^(chap|sec)-(exercice|prescription|responsabilite|interdits)(-[a-z0-9-]+)?$"


class CaseChoice(Strict):
    """One answer a learner may choose, with what the course answers to it."""

    text: str
    right: bool
    feedback: str


class LegalCase(Sourced):
    """A decision vignette (« Cas décisionnels »): a situation, a question, 3–4 answers, the rule that decides.

    ``legal_texts`` are ids of legal_texts.yml (checked at load); the widget and the book print their
    reference and the date of their wording from there, never from the case itself.
    """

    id: str
    title: str
    situation: str
    question: str
    choices: Annotated[list[CaseChoice], Field(min_length=3)]
    rule: str
    legal_texts: Annotated[list[str], Field(min_length=1)]
    section: str

    @model_validator(mode="after")
    def _one_right_answer_at_least(self) -> "LegalCase":
        if not re.match(CASE_SECTION_PATTERN, self.section):
            raise ValueError(f"section « {self.section} » hors de la partie Droit\u00a0: attendu chap-exercice, "
                             "chap-prescription, chap-responsabilite, chap-interdits ou un label sec-<chapitre>-…")
        if len(self.choices) > 4:
            raise ValueError(f"{len(self.choices)} réponses proposées\u00a0: 3 ou 4 attendues")
        if not any(c.right for c in self.choices):
            raise ValueError("aucune réponse juste parmi les choix (au moins une réponse doit avoir right: true)")
        if all(c.right for c in self.choices):
            raise ValueError("toutes les réponses sont justes\u00a0: un cas doit comporter au moins une réponse fausse")
        return self


class WashoutPeriod(Sourced):
    """A minimum washout period before the in-competition period, as the anti-doping agency publishes it."""

    id: str
    route: str  # « voie intramusculaire »
    substances: str  # the glucocorticoids the line names
    days: int = Field(gt=0)


COLLECTIONS = [
    Collection("legal_texts", "legal_texts.yml", LegalText),
    Collection("washout_periods", "washout_periods.yml", WashoutPeriod),
    Collection("offlabel_routes", "offlabel_duties.yml", OfflabelRoute, key="routes"),
    Collection("label_readings", "offlabel_duties.yml", LabelReading, key="readings"),
    Collection("offlabel_reasons", "offlabel_duties.yml", OfflabelReason, key="reasons"),
    Collection("offlabel_duties", "offlabel_duties.yml", OfflabelDuty, key="duties"),
    Collection("legal_cases", "legal_cases.yml", LegalCase),
]

REGIMES_OF_STATUS = {"amm": "hors_amm", "amm_restreinte": "hors_amm", "dispositif_medical": "dispositif_medical",
                     "sans_amm": "sans_amm", "non_verifie": "non_verifie", "interdit": "interdit",
                     "amm_suspendue": "amm_suspendue"}


def check_links(course, known_keys: set[str]) -> list[str]:
    """Cases and check-list data: every product, route, indication and legal text they name exists; every
    regime has duties."""
    problems: list[str] = []
    text_ids = {t.id for t in course.legal_texts}
    for case in course.legal_cases:
        for tid in case.legal_texts:
            if tid not in text_ids:
                problems.append(f"legal_cases.yml, enregistrement « {case.id} », champ « legal_texts » : "
                                f"texte juridique inconnu « {tid} » (absent de legal_texts.yml)")
    where = "offlabel_duties.yml"
    texts = {t.id: t for t in course.legal_texts}
    products = {p.id: p for p in course.products}
    routes = {r.id for r in course.offlabel_routes}
    indications = {i.id for i in course.indications}
    if not (course.offlabel_routes or course.offlabel_duties):
        return problems  # a data dir without the check-list (test fixtures)
    label_routes = {r for p in course.products for r in p.amm_routes}
    for r in course.offlabel_routes:
        for w in r.label_wordings:
            if products and w not in label_routes:
                problems.append(f"{where}, voie « {r.id} », champ « label_wordings » : « {w} » ne figure dans les "
                                "voies de l’AMM d’aucun produit (products.yml)")
    if sum(r.default for r in course.offlabel_routes) != 1:
        problems.append(f"{where}, champ « routes » : une et une seule voie doit porter default: true")
    for rd in course.label_readings:
        if products and rd.product not in products:
            problems.append(f"{where}, lecture « {rd.id} », champ « product » : produit inconnu « {rd.product} »")
        known = {"voie": routes, "indication": indications, "melange": {"tous"}}[rd.aspect]
        if rd.target not in known and (rd.aspect != "indication" or indications):
            problems.append(f"{where}, lecture « {rd.id} », champ « target » : cible inconnue « {rd.target} » "
                            f"pour l’aspect « {rd.aspect} »")
    if {r.id for r in course.offlabel_reasons} != {"voie", "indication", "melange"}:
        problems.append(f"{where}, champ « reasons » : les trois raisons voie, indication et melange sont attendues")
    families = {p.family for p in course.products}
    for d in course.offlabel_duties:
        for t in d.legal_texts:
            if t not in texts:
                problems.append(f"{where}, obligation « {d.id} », champ « legal_texts » : texte inconnu « {t} » "
                                "(absent de legal_texts.yml)")
        if d.mention and not any(d.mention in texts[t].rule for t in d.legal_texts if t in texts):
            problems.append(f"{where}, obligation « {d.id} », champ « mention » : « {d.mention} » ne figure mot pour "
                            "mot dans la règle d’aucun de ses textes")
        for f in d.families:
            if products and f not in families:
                problems.append(f"{where}, obligation « {d.id} », champ « families » : famille inconnue « {f} »")
    covered = {r for d in course.offlabel_duties for r in d.regimes}
    for regime in set(REGIMES_OF_STATUS.values()):
        if regime not in covered:
            problems.append(f"{where}, champ « duties » : aucune obligation pour le régime « {regime} »")
    return problems
