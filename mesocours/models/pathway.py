"""Parcours par indication: one indication's red flags, first-line care, what teaching sources describe, its
studies — every item read from data/indications.yml and studies.yml (the products described, with their status
and warnings, are the book's table: ``{tableau-parcours}``).

The model adds no fact: it gathers the records of one indication, in the order a consultation needs them (what
forbids waiting, what comes first, then what mesotherapy sources claim and what the studies show).
"""

from __future__ import annotations

from dataclasses import dataclass

from mesocours.data import course
from mesocours.models.evidence_map import MapRow, row_of
from mesocours.numbers import NBSP, InputError


@dataclass(frozen=True)
class Pathway:
    id: str
    label: str
    chapter: str | None          # id of the chapter that teaches it (None: not yet taught)
    chapter_title: str | None
    red_flags: tuple             # RedFlag records
    first_line: tuple            # FirstLine records
    described: tuple             # Described records (their products' status and warnings: the book's table)
    evidence: MapRow             # the studies as the evidence map reads them (points, gap)


def indication_choices() -> list[tuple[str, str]]:
    """(label, id) of every indication: those a chapter teaches first, in chapter order, then the others."""
    data = course()
    number = {c.id: c.number for c in data.chapters if c.part == "indications"}

    def key(ind):
        taught = ind.chapter in number
        return (not taught, number.get(ind.chapter, 0), ind.label)

    return [(ind.label, ind.id) for ind in sorted(data.indications, key=key)]


def pathway(indication_id: str) -> Pathway:
    """The pathway of one indication; a French InputError for an unknown one."""
    data = course()
    by_id = {i.id: i for i in data.indications}
    if indication_id not in by_id:
        raise InputError(f"Indication inconnue «{NBSP}{indication_id}{NBSP}»{NBSP}: choisissez-la dans la liste.")
    ind = by_id[indication_id]
    chapter = next((c for c in data.chapters if c.id == ind.chapter), None)
    return Pathway(ind.id, ind.label, ind.chapter, chapter.title if chapter else None, tuple(ind.red_flags),
                   tuple(ind.first_line), tuple(ind.described), row_of(ind, data.studies))


__all__ = ["Pathway", "indication_choices", "pathway"]
