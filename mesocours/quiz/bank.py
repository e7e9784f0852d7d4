"""The quiz bank and answer keys as data: loading, grading, text helpers.

Pure functions only (no Sphinx, no ipywidgets): every rendering of the bank
(static HTML, notebook widget, Moodle XML) and ``mesocours.selfcheck`` use them.

Where the data come from: ``data_dir`` argument, else the environment variable
``MESOCOURS_DATA_DIR`` (used by test/scratch builds), else ``data/`` of the repo.
"""

from __future__ import annotations

import html
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mesocours import data as _data
from mesocours.numbers import NBSP, InputError, Quantity, fr, normalize_unit, parse_quantity, strip_accents

__all__ = [
    "Grade",
    "convert",
    "data_dir",
    "fmt_duration",
    "get_quiz",
    "grade_question",
    "load_exercises",
    "load_parts_chapters",
    "load_quizzes",
    "math_to_html",
    "normalize_text",
    "parse_learner_number",
    "plan_sessions",
    "readable_label",
    "section_title",
    "text_to_html",
    "unit_dimension",
]

# How each question type is introduced to the learner (book and notebook alike).
TYPE_HINT = {
    "single": "Une seule réponse.",
    "truefalse": "Vrai ou faux : une seule réponse.",
    "multiple": "Une ou plusieurs réponses : cochez toutes celles qui sont justes.",
    "numeric": "Réponse numérique : la virgule décimale est acceptée (par exemple 2,5).",
}


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------
def data_dir(explicit: Path | str | None = None) -> Path:
    """The data folder to read: explicit argument, ``$MESOCOURS_DATA_DIR``, or the repo's data/."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("MESOCOURS_DATA_DIR")
    return Path(env) if env else _data.DATA_DIR


@lru_cache(maxsize=8)
def _load(name: str, folder: str) -> tuple:
    return tuple(_data.load_collection(name, folder))


def load_quizzes(data_dir_: Path | str | None = None) -> list[_data.Quiz]:
    """Every quiz of the bank, ordered by file name (raise DataError if malformed)."""
    return list(_load("quizzes", str(data_dir(data_dir_))))


def load_exercises(data_dir_: Path | str | None = None) -> list[_data.Exercise]:
    return list(_load("exercises", str(data_dir(data_dir_))))


def load_parts_chapters(data_dir_: Path | str | None = None) -> tuple[list[_data.Part], list[_data.Chapter]]:
    folder = str(data_dir(data_dir_))
    parts = list(_load("parts", folder))
    chapters = sorted(_load("chapters", folder), key=lambda c: ([p.id for p in parts].index(c.part)
                                                                if c.part in [p.id for p in parts] else 99, c.number))
    return parts, chapters


def get_quiz(chapter_id: str, data_dir_: Path | str | None = None) -> _data.Quiz:
    """The quiz of one chapter; InputError (French) if the bank has none."""
    for q in load_quizzes(data_dir_):
        if q.chapter == chapter_id:
            return q
    known = ", ".join(sorted(q.chapter for q in load_quizzes(data_dir_))) or "aucun"
    raise InputError(f"Aucun quiz pour le chapitre « {chapter_id} » (quiz disponibles{NBSP}: {known}).")


# --------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------
# canonical unit -> (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    "µm": ("longueur", 1e-3), "mm": ("longueur", 1.0), "cm": ("longueur", 10.0),
    "µL": ("volume", 1e-3), "mL": ("volume", 1.0), "L": ("volume", 1000.0),
    "µg": ("masse", 1e-3), "mg": ("masse", 1.0), "g": ("masse", 1000.0),
    "mg/mL": ("concentration", 1.0), "g/L": ("concentration", 1.0), "mg/L": ("concentration", 1e-3),
    "%": ("pourcentage", 1.0), "°": ("angle", 1.0),
    "s": ("durée", 1.0), "min": ("durée", 60.0),
    "j": ("jours", 1.0), "semaine": ("jours", 7.0),
    "points": ("compte", 1.0), "séances": ("compte", 1.0),
    "UI": ("UI", 1.0), "UI/mL": ("UI/mL", 1.0), "cm²": ("surface", 1.0),
}
_DIMENSION_WORDS = {
    "longueur": "une longueur", "volume": "un volume", "masse": "une masse", "concentration": "une concentration",
    "pourcentage": "un pourcentage", "angle": "un angle", "durée": "une durée", "jours": "une durée en jours",
    "compte": "un nombre", "UI": "une quantité en UI", "UI/mL": "une concentration en UI/mL",
    "surface": "une surface",
}


def unit_dimension(unit: str | None) -> str | None:
    if unit is None:
        return None
    return _UNITS.get(normalize_unit(unit), (None, 0))[0]


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between compatible units (mm/cm/µm, mL/L, mg/g, mg/mL/g/L...); InputError otherwise."""
    src, dst = normalize_unit(from_unit), normalize_unit(to_unit)
    if src == dst:
        return value
    if src not in _UNITS:
        raise InputError(f"Unité « {from_unit} » non reconnue{NBSP}: utilisez par exemple {dst}.")
    if dst not in _UNITS or _UNITS[src][0] != _UNITS[dst][0]:
        what = _DIMENSION_WORDS.get(_UNITS.get(dst, ("",))[0], f"une valeur en {dst}")
        raise InputError(f"L’unité « {src} » ne convient pas ici{NBSP}: la réponse attendue est {what}, "
                         f"exprimée en {dst} (ou dans une unité compatible).")
    return value * _UNITS[src][1] / _UNITS[dst][1]


def parse_learner_number(answer: object, unit: str | None) -> tuple[float, Quantity]:
    """Parse what a learner typed and express it in ``unit`` (the key's unit).

    A number without a unit is read in the key's unit. Counting words (« 12 points ») are accepted
    for unit-less keys. Returns (value in key unit, parsed quantity). InputError on anything else.
    """
    q = parse_quantity(answer)
    if q.unit is None:
        return q.value, q
    if unit is None:
        if _UNITS.get(q.unit, ("",))[0] == "compte":
            return q.value, q
        raise InputError(f"La réponse attendue est un nombre sans unité{NBSP}: retirez « {q.unit} ».")
    return convert(q.value, q.unit, unit), q


def _close(x: float, target: float, tolerance: float) -> bool:
    return abs(x - target) <= tolerance + 1e-9 * max(1.0, abs(target))


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------
_PUNCT_EDGE = re.compile(r"^[\s.,;:!?«»\"'()]+|[\s.,;:!?«»\"'()]+$")


def normalize_text(text: str) -> str:
    """Compare free text without case, accents, typographic quotes or extra spaces."""
    t = strip_accents(str(text)).casefold()
    t = t.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u202f", " ")
    t = re.sub(r"\s*-\s*", "-", t)
    t = re.sub(r"\s+", " ", t)
    return _PUNCT_EDGE.sub("", t)


_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)(.+?)(?<=\S)(?<!\\)\$(?!\$)", re.DOTALL)


def math_to_html(text: str) -> str:
    """``$x$`` -> ``\\(x\\)`` and ``$$x$$`` -> ``\\[x\\]`` (MathJax/Moodle delimiters); the rest untouched."""
    text = _DISPLAY_MATH.sub(lambda m: r"\[" + m.group(1) + r"\]", text)
    return _INLINE_MATH.sub(lambda m: r"\(" + m.group(1) + r"\)", text)


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITAL = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
_CODE = re.compile(r"`([^`]+)`")


def text_to_html(text: str) -> str:
    """Plain bank text (with optional ``**bold**``, ``*italic*``, `` `code` ``, ``$math$``) -> safe inline HTML."""
    out = html.escape(str(text).strip(), quote=False)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITAL.sub(r"<em>\1</em>", out)
    return math_to_html(out)


# --------------------------------------------------------------------------
# Grading a quiz question
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Grade:
    """Outcome of one attempt: ``ok``; ``messages`` to show (French); ``usable`` False if the input was unusable."""

    ok: bool
    messages: tuple[str, ...]
    usable: bool = True


def _indices(answer: Any, n: int) -> list[int]:
    if answer is None or answer is Ellipsis:
        raise InputError("Aucune réponse choisie.")
    if isinstance(answer, (int,)) and not isinstance(answer, bool):
        items = [answer]
    elif isinstance(answer, (list, tuple, set, frozenset)):
        items = list(answer)
    else:
        raise InputError("Choisissez une ou plusieurs propositions.")
    out = []
    for i in items:
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < n:
            raise InputError(f"Proposition inconnue{NBSP}: {i!r}.")
        out.append(i)
    return sorted(set(out))


def grade_question(question: _data.QuizQuestion, answer: Any) -> Grade:
    """Grade one quiz answer. Choice questions: index or iterable of indices; numeric: a number or text."""
    try:
        if question.type == "numeric":
            value, _ = parse_learner_number(answer, question.unit)
            ok = _close(value, float(question.answer), question.tolerance)
            return Grade(ok, ((question.feedback_correct if ok else question.feedback_incorrect) or "",))
        chosen = _indices(answer, len(question.choices))
        if not chosen:
            raise InputError("Aucune réponse choisie.")
        if question.type in ("single", "truefalse") and len(chosen) != 1:
            raise InputError("Une seule réponse est attendue.")
        correct = [i for i, c in enumerate(question.choices) if c.correct]
        ok = chosen == correct
        messages = [question.choices[i].feedback for i in chosen]
        if not ok and question.type == "multiple" and set(chosen) <= set(correct):
            messages.append("Il manque au moins une bonne réponse.")
        return Grade(ok, tuple(messages))
    except InputError as err:
        return Grade(False, (str(err),), usable=False)


# --------------------------------------------------------------------------
# Sections, durations, teaching sessions
# --------------------------------------------------------------------------
_LABEL_LINE = re.compile(r"^\((?P<label>[\w:.-]+)\)=\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")


def _scan_labels(texts: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for text in texts:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = _LABEL_LINE.match(line.strip())
            if not m:
                continue
            for nxt in lines[i + 1:i + 3]:
                h = _HEADING.match(nxt.strip())
                if h:
                    found.setdefault(m.group("label"), h.group("title"))
                    break
    return found


@lru_cache(maxsize=4)
def _label_titles(root: str) -> dict[str, str]:
    import json

    texts: list[str] = []
    base = Path(root)
    for path in sorted(base.glob("notebooks/**/*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                src = cell.get("source", "")
                texts.append("".join(src) if isinstance(src, list) else src)
    for path in sorted(base.glob("book/**/*.md")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError:
            continue
    return _scan_labels(texts)


def readable_label(label: str) -> str:
    """A MyST label made readable when its section cannot be found: ``sec-peau-derme`` -> « peau derme »."""
    words = re.sub(r"^(sec|chap|fig|tab|ex)[-_:]", "", label)
    return re.sub(r"[-_:]+", " ", words).strip()


def section_title(label: str, root: Path | str | None = None) -> str:
    """The heading that follows ``(label)=`` in the course sources, else a readable form of the label."""
    titles = _label_titles(str(root or _data.ROOT))
    return titles.get(label) or readable_label(label)


def fmt_duration(minutes: int) -> str:
    """``75`` -> ``1 h 15``, ``60`` -> ``1 h``, ``45`` -> ``45 min`` (non-breaking spaces)."""
    h, m = divmod(int(minutes), 60)
    if h == 0:
        return f"{m}{NBSP}min"
    return f"{h}{NBSP}h" + (f"{NBSP}{m:02d}" if m else "")


def plan_sessions(durations: Sequence[int], max_minutes: int = 180) -> list[list[int]]:
    """Group items (in order) into sessions of at most ``max_minutes``; returns lists of indices.

    An item longer than a session gets a session of its own. Order is kept; greedy packing.
    """
    if max_minutes <= 0:
        raise ValueError("max_minutes must be positive")
    sessions: list[list[int]] = []
    current: list[int] = []
    total = 0
    for i, d in enumerate(durations):
        if current and total + d > max_minutes:
            sessions.append(current)
            current, total = [], 0
        current.append(i)
        total += d
    if current:
        sessions.append(current)
    return sessions


def finite(x: float) -> bool:
    return not (math.isnan(x) or math.isinf(x))


def display_number(x: float) -> str:
    return fr(x, digits=4)
