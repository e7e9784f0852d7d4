"""The mock exam (« examen blanc »): a reproducible draw from the whole quiz bank, and its scoring.

Pure functions only (no Sphinx, no ipywidgets). The book page (``static/exam.js``), the notebook
(:mod:`mesocours.quiz.exam_widget`) and the Moodle export (:mod:`mesocours.quiz.moodle`) draw the
same questions for the same settings: ``static/exam.js`` is a line-by-line port of :func:`draw`,
and a browser test compares the two.

The draw, step by step (``draw(bank, parts, n, seed, stratify)``):

1. **Pool.** The questions of the chosen parts, in *bank order*: chapters in course order
   (data/chapters.yml: parts in order, chapters by number), questions in their quiz file's order.
   Only published chapters that have a quiz count.
2. **Shuffle.** A Fisher–Yates shuffle of the pool driven by mulberry32 seeded with ``seed``
   (an integer from 0 to 2³² − 1): for ``i`` from ``len − 1`` down to 1, ``j = floor(u × (i + 1))``
   where ``u`` is the next mulberry32 number in [0, 1), then swap items ``i`` and ``j``.
3. **Select.** Unstratified: the first ``n`` questions of the shuffled pool. Stratified (the
   default): within each part, its questions are dealt round-robin over its chapters; then the
   parts are dealt round-robin; the first ``n`` of that sequence are kept. Chapters and parts take
   their turn in the order of their first question in the shuffled pool (so no chapter is favoured
   by its place in the course). Hence every chosen part is represented once ``n`` ≥ the number of
   parts, and every chapter of a part once that part's share reaches its number of chapters.
4. **Order.** The selected questions are given in their shuffled-pool order.

``n`` larger than the pool is capped to the pool (:func:`check_settings` says so in French).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mesocours.data import Chapter, Part, Quiz, QuizQuestion
from mesocours.numbers import NBSP, InputError, strip_accents
from mesocours.quiz import bank as _bank

__all__ = [
    "DEFAULT_N",
    "MAX_SEED",
    "ExamBank",
    "ExamItem",
    "PartScore",
    "Reread",
    "Settings",
    "check_settings",
    "draw",
    "load_bank",
    "make_bank",
    "mulberry32",
    "new_seed",
    "parse_seed",
    "reread",
    "score_by_part",
    "shuffle",
]

MAX_SEED = 2**32 - 1
DEFAULT_N = 20
_M32 = 0xFFFFFFFF


# --------------------------------------------------------------------------
# PRNG and shuffle (mirrored in static/exam.js)
# --------------------------------------------------------------------------
def _imul(a: int, b: int) -> int:
    """JavaScript's ``Math.imul`` on unsigned 32-bit values: the low 32 bits of the product."""
    return (a * b) & _M32


def mulberry32(seed: int) -> Callable[[], float]:
    """mulberry32 (Tommy Ettinger's 32-bit generator): a function returning floats in [0, 1)."""
    state = int(seed) & _M32

    def next_float() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _M32
        t = _imul(state ^ (state >> 15), 1 | state)
        t = ((t + _imul(t ^ (t >> 7), 61 | t)) & _M32) ^ t
        return ((t ^ (t >> 14)) & _M32) / 4294967296.0

    return next_float


def shuffle(items: Sequence, seed: int) -> list:
    """Fisher–Yates shuffle (a new list) with mulberry32(seed)."""
    out = list(items)
    rnd = mulberry32(seed)
    for i in range(len(out) - 1, 0, -1):
        j = int(rnd() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def _deal(items: Sequence, key: Callable) -> list:
    """Round-robin over the groups of ``items`` (by ``key``), groups in order of first appearance."""
    groups: dict = {}
    for it in items:
        groups.setdefault(key(it), []).append(it)
    out: list = []
    depth = 0
    while len(out) < len(items):
        for g in groups.values():
            if depth < len(g):
                out.append(g[depth])
        depth += 1
    return out


# --------------------------------------------------------------------------
# The bank as the exam sees it
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class ExamItem:
    """One question of the bank with where it belongs."""

    id: str
    part: str
    chapter: str
    question: QuizQuestion


@dataclass
class ExamBank:
    """The questions an exam can draw from, in bank order, with their parts and chapters."""

    items: list[ExamItem]
    parts: list[Part]  # parts that have at least one question, course order
    chapters: list[Chapter]  # chapters that have at least one question, course order
    _by_id: dict[str, ExamItem] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {it.id: it for it in self.items}

    def item(self, qid: str) -> ExamItem:
        return self._by_id[qid]

    def part(self, part_id: str) -> Part:
        return next(p for p in self.parts if p.id == part_id)

    def chapter(self, chapter_id: str) -> Chapter:
        return next(c for c in self.chapters if c.id == chapter_id)

    def count(self, part_id: str) -> int:
        return sum(1 for it in self.items if it.part == part_id)

    @property
    def part_ids(self) -> list[str]:
        return [p.id for p in self.parts]


def make_bank(quizzes: Iterable[Quiz], parts: Sequence[Part], chapters: Sequence[Chapter],
              published_only: bool = True) -> ExamBank:
    """Build the exam bank: quizzes of (published) chapters, in course order of ``chapters``."""
    by_chapter = {q.chapter: q for q in quizzes}
    part_ids = [p.id for p in parts]
    ordered = sorted(chapters, key=lambda c: (part_ids.index(c.part) if c.part in part_ids else len(part_ids),
                                             c.number))
    items: list[ExamItem] = []
    used_chapters: list[Chapter] = []
    for ch in ordered:
        quiz = by_chapter.get(ch.id)
        if quiz is None or ch.part not in part_ids or (published_only and ch.status != "publie"):
            continue
        used_chapters.append(ch)
        items += [ExamItem(q.id, ch.part, ch.id, q) for q in quiz.questions]
    used_parts = [p for p in parts if any(c.part == p.id for c in used_chapters)]
    return ExamBank(items, used_parts, used_chapters)


def load_bank(data_dir: Path | str | None = None) -> ExamBank:
    """The exam bank of data/ (or ``data_dir``); DataError if the data are malformed."""
    parts, chapters = _bank.load_parts_chapters(data_dir)
    return make_bank(_bank.load_quizzes(data_dir), parts, chapters)


# --------------------------------------------------------------------------
# Settings and input checking (French messages)
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    parts: tuple[str, ...]
    n: int  # asked for
    seed: int
    stratify: bool = True
    n_drawn: int = 0  # after capping to the pool
    notes: tuple[str, ...] = ()  # French remarks (capping)


def _norm(text: str) -> str:
    return strip_accents(str(text)).casefold().strip()


def parse_seed(value: object) -> int:
    """A seed from an int or text (« 123 », « 1 234 »); InputError (French) otherwise."""
    if isinstance(value, bool):
        raise InputError("La graine du tirage est un nombre entier, par exemple 2026.")
    if isinstance(value, int):
        seed = value
    else:
        text = str(value if value is not None else "").strip().replace(" ", "").replace(NBSP, "").replace("\u202f", "")
        if not text:
            raise InputError("Indiquez une graine de tirage (un nombre entier, par exemple 2026).")
        if not text.isdigit():
            raise InputError(f"« {str(value).strip()} » n’est pas une graine valable{NBSP}: "
                             "écrivez un nombre entier, par exemple 2026.")
        seed = int(text)
    if not 0 <= seed <= MAX_SEED:
        raise InputError(f"La graine doit être comprise entre 0 et {MAX_SEED:,}.".replace(",", NBSP))
    return seed


def _parse_n(value: object) -> int:
    if isinstance(value, bool):
        raise InputError("Le nombre de questions est un nombre entier, par exemple 20.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        n = value
    else:
        text = str(value if value is not None else "").strip()
        if not text:
            raise InputError("Indiquez le nombre de questions (par exemple 20).")
        if not text.lstrip("+-").isdigit():
            raise InputError(f"« {text} » n’est pas un nombre de questions{NBSP}: écrivez un nombre entier, "
                             "par exemple 20.")
        n = int(text)
    if n <= 0:
        raise InputError(f"Le nombre de questions doit être au moins 1 (vous avez demandé {n}).")
    return n


def _resolve_parts(exam_bank: ExamBank, parts: object) -> tuple[str, ...]:
    if parts is None:
        return tuple(exam_bank.part_ids)
    if isinstance(parts, str):
        parts = [p for p in parts.replace(";", ",").split(",")]
    wanted = [str(p).strip() for p in parts if str(p).strip()]
    if not wanted:
        raise InputError("Choisissez au moins une partie du cours.")
    names = {}
    for p in exam_bank.parts:
        names[_norm(p.id)] = p.id
        names[_norm(p.title)] = p.id
    chosen: list[str] = []
    for w in wanted:
        pid = names.get(_norm(w))
        if pid is None:
            known = ", ".join(f"« {p.id} » ({p.title})" for p in exam_bank.parts) or "aucune"
            raise InputError(f"Partie inconnue ou sans quiz{NBSP}: « {w} ». Parties disponibles{NBSP}: {known}.")
        if pid not in chosen:
            chosen.append(pid)
    # course order, whatever the order given
    return tuple(p for p in exam_bank.part_ids if p in chosen)


def check_settings(exam_bank: ExamBank, parts: object = None, n: object = DEFAULT_N, seed: object = None,
                   stratify: bool = True) -> Settings:
    """Validate the learner's settings; InputError with a French message if unusable.

    ``parts``: ids or titles (None: every part); ``n``: int or text; ``seed``: int, text or None (new seed).
    ``n`` above the pool is capped, with a note.
    """
    if not exam_bank.items:
        raise InputError("La banque de quiz est vide : aucun examen blanc ne peut être tiré.")
    chosen = _resolve_parts(exam_bank, parts)
    count = _parse_n(n)
    s = new_seed() if seed is None or (isinstance(seed, str) and not seed.strip()) else parse_seed(seed)
    pool = sum(exam_bank.count(p) for p in chosen)
    notes: tuple[str, ...] = ()
    drawn = min(count, pool)
    if count > pool:
        notes = (f"Les parties choisies ne comptent que {pool} questions{NBSP}: l’examen en comptera {pool}.",)
    return Settings(chosen, count, s, bool(stratify), drawn, notes)


def new_seed(rng: random.Random | None = None) -> int:
    """A fresh seed, short enough to be read aloud and typed (1 to 999 999)."""
    return (rng or random.SystemRandom()).randint(1, 999_999)


# --------------------------------------------------------------------------
# The draw
# --------------------------------------------------------------------------
def draw(exam_bank: ExamBank, parts: Sequence[str] | None, n: int, seed: int, stratify: bool = True) -> list[str]:
    """The ids of the drawn questions (see the module docstring). ``n`` is capped to the pool.

    ``parts``: part ids (None: every part). Raises InputError for an unknown part or ``n`` < 1.
    """
    chosen = _resolve_parts(exam_bank, parts)
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise InputError(f"Le nombre de questions doit être un entier au moins égal à 1 (reçu{NBSP}: {n!r}).")
    seed = parse_seed(seed)
    pool = [it for it in exam_bank.items if it.part in chosen]
    shuffled = shuffle(pool, seed)
    if stratify:
        by_part: dict[str, list[ExamItem]] = {}
        for it in shuffled:
            by_part.setdefault(it.part, []).append(it)
        dealt_in_part = {p: _deal(items, lambda it: it.chapter) for p, items in by_part.items()}
        # parts in order of first appearance; _deal keeps each part's dealt order
        sequence = _deal([it for seq in dealt_in_part.values() for it in seq], lambda it: it.part)
        keep = {it.id for it in sequence[:n]}
    else:
        keep = {it.id for it in shuffled[:n]}
    return [it.id for it in shuffled if it.id in keep]


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class PartScore:
    part: str
    title: str
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


def score_by_part(exam_bank: ExamBank, drawn: Sequence[str], results: Mapping[str, bool]) -> list[PartScore]:
    """Score per part, in course order, over the drawn questions (a missing result counts as wrong)."""
    out = []
    for p in exam_bank.parts:
        ids = [q for q in drawn if exam_bank.item(q).part == p.id]
        if ids:
            out.append(PartScore(p.id, p.title, sum(bool(results.get(q)) for q in ids), len(ids)))
    return out


@dataclass(frozen=True)
class Reread:
    """A chapter to reread: its id, label (« 2. La peau… »), doc, the missed questions, section labels."""

    chapter: str
    label: str
    doc: str
    missed: tuple[str, ...]
    sections: tuple[str, ...]


def reread(exam_bank: ExamBank, drawn: Sequence[str], results: Mapping[str, bool]) -> list[Reread]:
    """Chapters (course order) with at least one missed drawn question, and their sections to reread."""
    out = []
    for ch in exam_bank.chapters:
        missed = [q for q in drawn if exam_bank.item(q).chapter == ch.id and not results.get(q)]
        if not missed:
            continue
        sections: list[str] = []
        for q in missed:
            sec = exam_bank.item(q).question.section
            if sec and sec not in sections:
                sections.append(sec)
        out.append(Reread(ch.id, f"{ch.number}. {ch.title}", ch.doc, tuple(missed), tuple(sections)))
    return out
