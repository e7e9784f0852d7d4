"""« Cas décisionnels »: a legal situation, the learner's answer, and what the course answers to it.

Every case lives in ``data/legal_cases.yml`` and rests on records of ``data/legal_texts.yml`` (checked at
load). The answer printed to the learner is made of data only: the feedback of the chosen answer, the rule
that decides the case, and for each text its reference, the date of the wording the course read and what
the record says was verified (``status``). Nothing here is legal advice: the cases are fictitious
situations that teach the framework.

Answers are named by letters (A, B, C, D) in the order of the data; a letter the case does not offer, or an
unknown case, raises :class:`~mesocours.numbers.InputError` with a French sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mesocours.data import LegalCase, LegalText, load_collection
from mesocours.numbers import NBSP, InputError, fr_date

LETTERS = "ABCD"
NO_ANSWER = ""

@dataclass(frozen=True)
class CitedText:
    """A legal text as the answer cites it: all of it read from its legal_texts record."""

    id: str
    reference: str
    date: str  # ISO, as in the record
    date_fr: str  # « 17 février 2011 »
    status: str  # what the course verified, and where
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CaseAnswer:
    case: LegalCase
    letter: str  # "" when no answer was chosen
    right: bool | None  # None when no answer was chosen
    feedback: str  # of the chosen answer ("" when none)
    right_letters: tuple[str, ...]
    texts: tuple[CitedText, ...]

    @property
    def answered(self) -> bool:
        return bool(self.letter)

    @property
    def chapter_label(self) -> str:
        """The chapter label of the section to reread (``sec-interdits-…`` -> ``chap-interdits``)."""
        _kind, chapter = self.case.section.split("-")[:2]
        return f"chap-{chapter}"

    @property
    def chapter_title(self) -> str:
        """« 4. Pratiques interdites et vigilances », from data/chapters.yml."""
        return chapter_titles()[self.chapter_label.removeprefix("chap-")]


@lru_cache(maxsize=1)
def chapter_titles() -> dict[str, str]:
    """Chapter id -> « N. Titre », as the book numbers them (data/chapters.yml)."""
    return {c.id: f"{c.number}. {c.title}" for c in load_collection("chapters")}


@lru_cache(maxsize=1)
def _cases() -> dict[str, LegalCase]:
    return {c.id: c for c in load_collection("legal_cases")}


@lru_cache(maxsize=1)
def _texts() -> dict[str, LegalText]:
    return {t.id: t for t in load_collection("legal_texts")}


def cases() -> list[LegalCase]:
    """Every case, in the order of the data."""
    return list(_cases().values())


def get_case(case_id: str) -> LegalCase:
    """The case of that id; a French InputError naming the known ids otherwise."""
    known = _cases()
    if case_id not in known:
        raise InputError(f"Cas inconnu «{NBSP}{case_id}{NBSP}»{NBSP}: choisissez parmi {', '.join(known)}.")
    return known[case_id]


def letters(case: LegalCase) -> str:
    """The letters of the answers a case offers (« ABC » or « ABCD »)."""
    return LETTERS[:len(case.choices)]


def cited_texts(case: LegalCase) -> tuple[CitedText, ...]:
    """The legal texts the case rests on, in the order the case gives, read from legal_texts.yml."""
    texts = _texts()
    out = []
    for tid in case.legal_texts:
        t = texts[tid]  # the loader has checked that every id exists
        out.append(CitedText(t.id, t.reference, t.date, fr_date(t.date), t.status, tuple(t.sources)))
    return tuple(out)


def parse_letter(case: LegalCase, letter: str) -> str:
    """``"b"`` -> ``"B"``; ``""`` (no answer yet) stays ``""``; a letter the case does not offer: InputError."""
    text = str(letter).strip().upper()
    if not text:
        return NO_ANSWER
    offered = letters(case)
    if len(text) != 1 or text not in offered:
        n = len(offered)
        raise InputError(f"Ce cas propose {'trois' if n == 3 else 'quatre'} réponses, de A à {offered[-1]}"
                         f"{NBSP}: choisissez l’une d’elles (réponse reçue{NBSP}: «{NBSP}{letter}{NBSP}»).")
    return text


def answer(case_id: str, letter: str = NO_ANSWER) -> CaseAnswer:
    """What the course answers when the learner chooses ``letter`` for the case (``""``: no answer yet)."""
    case = get_case(case_id)
    chosen = parse_letter(case, letter)
    right_letters = tuple(LETTERS[i] for i, c in enumerate(case.choices) if c.right)
    if chosen:
        choice = case.choices[LETTERS.index(chosen)]
        right, feedback = choice.right, choice.feedback
    else:
        right, feedback = None, ""
    return CaseAnswer(case, chosen, right, feedback, right_letters, cited_texts(case))


def solution(case_id: str) -> CaseAnswer:
    """The answer shown folded in the book: as if the (first) right answer had been chosen."""
    case = get_case(case_id)
    first_right = next(LETTERS[i] for i, c in enumerate(case.choices) if c.right)
    return answer(case_id, first_right)
