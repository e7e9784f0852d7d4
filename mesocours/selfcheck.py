"""Self-check exercises: ``check("peau-ex1", "2,5 mm")`` prints French feedback.

Answer keys live in ``data/exercises/<chapter>.yml`` (model :class:`mesocours.data.Exercise`).
The printed text is deterministic (nbval compares it); the returned :class:`CheckResult`
displays nothing in a notebook, so only the printed feedback appears under the cell.
A learner never sees a traceback: every problem becomes a French sentence. A wrong answer
gets the hint (what to reread), never the expected answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mesocours.data import ChoiceKey, DataError, Exercise, NumericKey, TextKey
from mesocours.numbers import NBSP, InputError, fr
from mesocours.quiz.bank import _close, load_exercises, normalize_text, parse_learner_number, section_title

__all__ = ["CheckResult", "check", "feedback_text", "grade"]

REPLACE_ME = "✏️ Remplacez ... par votre réponse, puis exécutez de nouveau la cellule."


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` decided: ``ok`` True only for a correct answer; ``message`` is what was printed."""

    ok: bool
    message: str = ""
    usable: bool = True

    def __repr__(self) -> str:  # stable, and hidden in notebooks by _ipython_display_
        return f"CheckResult(ok={self.ok})"

    def _ipython_display_(self) -> None:
        """Display nothing: the feedback has already been printed."""

    def __bool__(self) -> bool:
        return self.ok


def _find(exercise_id: Any, data_dir: Path | str | None) -> Exercise:
    if not isinstance(exercise_id, str) or not exercise_id.strip():
        raise InputError("Le premier argument de check doit être l’identifiant de l’exercice, entre guillemets.")
    exercises = {e.id: e for e in load_exercises(data_dir)}
    ex = exercises.get(exercise_id.strip())
    if ex is None:
        raise InputError(f"Exercice « {exercise_id} » inconnu{NBSP}: vérifiez l’identifiant "
                         "(il est écrit dans l’énoncé, par exemple « peau-ex1 »).")
    return ex


def _option_ids(key: ChoiceKey, answer: Any) -> list[str]:
    if isinstance(answer, str):
        items = [a for a in answer.replace(";", ",").split(",")] if "," in answer or ";" in answer else [answer]
    elif isinstance(answer, (list, tuple, set, frozenset)):
        items = list(answer)
    else:
        raise InputError("Donnez la lettre de l’option choisie entre guillemets, par exemple \"b\""
                         + (" (ou une liste, par exemple [\"a\", \"c\"])." if key.kind == "multiple" else "."))
    by_norm = {normalize_text(k): k for k in key.options}
    chosen: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InputError(f"Option {item!r} non reconnue{NBSP}: les options sont "
                             + ", ".join(f"« {k} »" for k in key.options) + ".")
        k = by_norm.get(normalize_text(item))
        if k is None:
            raise InputError(f"Option « {item.strip()} » inconnue{NBSP}: les options sont "
                             + ", ".join(f"« {k} »" for k in key.options) + ".")
        if k not in chosen:
            chosen.append(k)
    if not chosen:
        raise InputError("Aucune option choisie.")
    if key.kind == "single" and len(chosen) > 1:
        raise InputError("Une seule option est attendue pour cet exercice.")
    return chosen


def grade(ex: Exercise, answer: Any) -> tuple[bool, str]:
    """Pure grading: (correct, short description of the accepted answer). InputError for unusable input."""
    if answer is Ellipsis:
        raise InputError(REPLACE_ME)
    if answer is None:
        raise InputError("Aucune réponse (None)" + NBSP + ": écrivez votre réponse à la place des « ... ».")
    key = ex.key
    if isinstance(key, NumericKey):
        value, q = parse_learner_number(answer, key.unit)
        ok = _close(value, key.value, key.tolerance)
        shown = fr(q.value, 4, q.unit or key.unit)
        if q.unit and key.unit and q.unit != key.unit:
            shown += f" (soit {fr(value, 4, key.unit)})"
        return ok, shown
    if isinstance(key, ChoiceKey):
        chosen = _option_ids(key, answer)
        ok = sorted(chosen) == sorted(key.correct)
        parts = [f"« {k} » ({key.options[k]})" for k in sorted(chosen)]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
        return ok, ("option " if len(parts) == 1 else "options ") + listed
    if isinstance(key, TextKey):
        if not isinstance(answer, str):
            raise InputError("Une réponse écrite est attendue, entre guillemets, par exemple \"derme\".")
        if not answer.strip():
            raise InputError("La réponse est vide.")
        ok = normalize_text(answer) in {normalize_text(a) for a in key.accepted}
        return ok, f"« {' '.join(answer.split())} »"
    raise InputError("Type d’exercice non pris en charge.")  # pragma: no cover - the model forbids it


def feedback_text(ex: Exercise, ok: bool, shown: str) -> str:
    if ok:
        return f"✅ Correct{NBSP}: {shown}."
    lines = [f"❌ Ce n’est pas la réponse attendue ({shown}).", f"Indice{NBSP}: {ex.hint.text.strip()}"]
    if ex.hint.ref:
        lines.append(f"Relisez la section « {section_title(ex.hint.ref)} ».")
    return "\n".join(lines)


def check(exercise_id: str, answer: Any, *, data_dir: Path | str | None = None) -> CheckResult:
    """Print French feedback on ``answer`` to exercise ``exercise_id`` and return a CheckResult."""
    try:
        ex = _find(exercise_id, data_dir)
        if answer is Ellipsis:
            message, ok, usable = REPLACE_ME, False, False
        else:
            ok, shown = grade(ex, answer)
            message, usable = feedback_text(ex, ok, shown), True
    except InputError as err:
        message, ok, usable = f"⚠️ {err}", False, False
    except DataError as err:
        message = ("⚠️ Les corrigés des exercices n’ont pas pu être chargés "
                   f"(erreur dans data/exercises{NBSP}: {err.problems[0] if err.problems else err}).")
        ok, usable = False, False
    except Exception as err:  # never a traceback in front of a learner
        message, ok, usable = ("⚠️ La vérification a échoué à cause d’une erreur inattendue "
                               f"({type(err).__name__}). Signalez-la à l’équipe pédagogique."), False, False
    print(message)
    return CheckResult(ok=ok, message=message, usable=usable)
