"""Mechanisms: the hypotheses put forward on how mesotherapy would act, each with its evidence status.

``data/mechanisms.yml`` holds one record per hypothesis: who put it forward and when, what it
claims (our French), its evidence status, what the evidence is, what study would test it, and its
sources. A status is never stronger than its sources: ``demontre`` needs a primary source of data
(trial, meta-analysis), never an opinion paper.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Collection, Sourced

#: How far a hypothesis is supported, weakest last. French labels in :data:`EVIDENCE_LABELS`.
EvidenceStatus = Literal[
    "demontre",  # shown by comparative data in humans, for the use the claim concerns
    "demontre_ailleurs",  # shown in another field only (e.g. vaccines), not for mesotherapy mixtures
    "donnees_indirectes",  # old, second-hand or non-comparative data, compatible but not probative
    "hypothese",  # a proposed mechanism, never tested as such
    "opinion",  # an assertion of experts or of a school, with no data cited for it
    "principe_methodologique",  # not a mechanism of the product: what any uncontrolled result contains
]

EVIDENCE_LABELS = {
    "demontre": "démontré",
    "demontre_ailleurs": "démontré dans un autre domaine seulement",
    "donnees_indirectes": "données indirectes",
    "hypothese": "hypothèse",
    "opinion": "opinion d’école ou d’experts",
    "principe_methodologique": "principe méthodologique",
}

EVIDENCE_ORDER = tuple(EVIDENCE_LABELS)


class Mechanism(Sourced):
    """One hypothesis on the mechanism of mesotherapy, as its authors put it and as the evidence stands."""

    id: str
    name: str  # French, short
    author: str  # who put it forward (a person, a society, a consensus)
    year: Optional[str] = Field(default=None, pattern=r"^\d{4}$")
    claim: str  # what it asserts, in our French
    status: EvidenceStatus
    evidence: str  # what supports or contradicts it, in our French
    test: str  # the study that would test it, in our French
    note: Optional[str] = None


COLLECTIONS = [Collection("mechanisms", "mechanisms.yml", Mechanism)]
