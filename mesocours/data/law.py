"""Law: legal texts in force (articles, decrees, decisions), what each requires and whom it binds."""

from __future__ import annotations

from typing import Literal

from .base import Collection, IsoDate, Sourced


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


COLLECTIONS = [Collection("legal_texts", "legal_texts.yml", LegalText)]
