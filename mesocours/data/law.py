"""Law: legal texts in force (articles, decrees, decisions), what each requires and whom it binds."""

from __future__ import annotations

import re
from typing import Annotated, Literal

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


COLLECTIONS = [Collection("legal_texts", "legal_texts.yml", LegalText),
               Collection("legal_cases", "legal_cases.yml", LegalCase)]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Each case rests on legal texts that legal_texts.yml describes."""
    problems: list[str] = []
    text_ids = {t.id for t in course.legal_texts}
    for case in course.legal_cases:
        for tid in case.legal_texts:
            if tid not in text_ids:
                problems.append(f"legal_cases.yml, enregistrement « {case.id} », champ « legal_texts » : "
                                f"texte juridique inconnu « {tid} » (absent de legal_texts.yml)")
    return problems
