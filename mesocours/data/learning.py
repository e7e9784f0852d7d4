"""Learning: glossary, parts and chapters, exercise answer keys, quiz bank."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import Field, model_validator

from .base import Collection, Sourced, Strict


class GlossaryTerm(Strict):
    term: str
    definition: str  # our own French
    see_also: list[str] = []
    sources: list[str] = []  # optional: definitions are ours


class Part(Strict):
    id: str
    title: str
    status: Literal["publiee", "a_venir"]


class Chapter(Strict):
    id: str
    part: str
    number: int = Field(gt=0)
    title: str
    doc: str  # docname in _toc.yml, e.g. "notebooks/01-fondements/01-histoire"
    objectives: list[str] = Field(min_length=1)
    study_time_min: int = Field(gt=0)
    prerequisites: list[str] = []
    status: Literal["publie", "a_venir"] = "publie"


# --------------------------------------------------------------------------



class Hint(Strict):
    text: str  # points to what to reread, never the answer
    ref: Optional[str] = None  # a MyST label, e.g. "sec-profondeur"


class NumericKey(Strict):
    kind: Literal["numeric"]
    value: float
    tolerance: float = Field(ge=0)  # absolute, in `unit`
    unit: Optional[str] = None  # "mm", "mL", "mg/mL", "%", "points"...


class ChoiceKey(Strict):
    kind: Literal["single", "multiple"]
    options: dict[str, str]  # option id -> text
    correct: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _correct_in_options(self) -> "ChoiceKey":
        unknown = [c for c in self.correct if c not in self.options]
        if unknown:
            raise ValueError(f"réponse(s) correcte(s) absente(s) des options : {unknown}")
        if self.kind == "single" and len(self.correct) != 1:
            raise ValueError("une question à choix unique a exactement une bonne réponse")
        return self


class TextKey(Strict):
    kind: Literal["text"]
    accepted: list[str] = Field(min_length=1)  # variants; compared without case and accents


class Exercise(Sourced):
    id: str
    chapter: str
    prompt: str
    key: Annotated[Union[NumericKey, ChoiceKey, TextKey], Field(discriminator="kind")]
    hint: Hint


class QuizChoice(Strict):
    text: str
    correct: bool
    feedback: str


class QuizQuestion(Strict):
    id: str
    type: Literal["single", "multiple", "truefalse", "numeric"]
    stem: str
    choices: list[QuizChoice] = []
    answer: Optional[float] = None  # numeric questions
    tolerance: float = Field(default=0, ge=0)
    unit: Optional[str] = None
    feedback_correct: Optional[str] = None  # numeric questions
    feedback_incorrect: Optional[str] = None  # numeric questions
    source: str  # bib key backing the correct answer
    section: Optional[str] = None  # MyST label of the section to reread (mock exam), e.g. sec-peau-derme

    @model_validator(mode="after")
    def _well_formed(self) -> "QuizQuestion":
        if self.type == "numeric":
            if self.answer is None or not self.feedback_correct or not self.feedback_incorrect:
                raise ValueError("une question numérique demande answer, feedback_correct et feedback_incorrect")
            if self.choices:
                raise ValueError("une question numérique n'a pas de choices")
            return self
        n_correct = sum(c.correct for c in self.choices)
        if len(self.choices) < 2:
            raise ValueError("au moins deux choix sont nécessaires")
        if n_correct == 0:
            raise ValueError("aucun choix n'est marqué correct")
        if self.type in ("single", "truefalse") and n_correct != 1:
            raise ValueError(f"une question {self.type} a exactement une bonne réponse (ici {n_correct})")
        if self.type == "truefalse" and len(self.choices) != 2:
            raise ValueError("une question vrai/faux a exactement deux choix")
        return self


class Quiz(Strict):
    chapter: str
    title: str
    questions: list[QuizQuestion] = Field(min_length=1)


COLLECTIONS = [
    Collection("glossary", "glossary", GlossaryTerm),
    Collection("parts", "chapters.yml", Part, key="parts"),
    Collection("chapters", "chapters.yml", Chapter, key="chapters"),
    Collection("exercises", "exercises", Exercise),
    Collection("quizzes", "quiz", Quiz, one_per_file=True),
]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Chapters name known parts and prerequisites; exercises and quizzes name known chapters."""
    problems: list[str] = []
    chapter_ids = {c.id for c in course.chapters}
    part_ids = {p.id for p in course.parts}
    for ch in course.chapters:
        if ch.part not in part_ids:
            problems.append(f"chapters.yml, « {ch.id} » : partie inconnue « {ch.part} »")
        for pre in ch.prerequisites:
            if pre not in chapter_ids:
                problems.append(f"chapters.yml, « {ch.id} » : prérequis inconnu « {pre} »")
    for ex in course.exercises:
        if ex.chapter not in chapter_ids:
            problems.append(f"exercises, « {ex.id} » : chapitre inconnu « {ex.chapter} »")
    for qz in course.quizzes:
        if qz.chapter not in chapter_ids:
            problems.append(f"quiz, « {qz.chapter} » : chapitre inconnu")
    qids = [q.id for qz in course.quizzes for q in qz.questions]
    for dup in sorted({q for q in qids if qids.count(q) > 1}):
        problems.append(f"quiz : identifiant de question « {dup} » en double")
    return problems
