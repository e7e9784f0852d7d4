"""The chapter quiz as ipywidgets, for notebooks: ``quiz_widget("peau")``.

Same questions and feedback as the book's static quiz (data/quiz). Each question has labelled
controls, a « Vérifier » button and a feedback area; a score line sums the questions answered
correctly. Bad input (text in the number field, nothing ticked) gets a French message.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from mesocours.data import DataError, QuizQuestion
from mesocours.numbers import NBSP, InputError
from mesocours.quiz.bank import TYPE_HINT, Grade, get_quiz, grade_question, text_to_html

__all__ = ["QuestionView", "QuizView", "quiz_widget"]



def _feedback_html(grade: Grade) -> str:
    if not grade.usable:
        head, cls = "⚠️", "mq-warn"
    elif grade.ok:
        head, cls = "✅ Correct.", "mq-ok"
    else:
        head, cls = "❌ Incorrect.", "mq-ko"
    items = "".join(f"<li>{text_to_html(m)}</li>" for m in grade.messages if m)
    return f'<div class="{cls}" role="status"><strong>{head}</strong><ul>{items}</ul></div>'


class QuestionView:
    """One question: ``.box`` (the widget), ``.controls``, ``.button``, ``.feedback``, ``.ok``."""

    def __init__(self, number: int, question: QuizQuestion, on_change=None):
        self.question = question
        self.ok = False
        self._on_change = on_change
        legend = w.HTMLMath(f"<strong>Question {number}{NBSP}:</strong> {text_to_html(question.stem)}"
                            f" <em>({TYPE_HINT[question.type]})</em>")
        if question.type in ("single", "truefalse"):
            self.controls: list[w.Widget] = [w.RadioButtons(
                options=[(c.text, i) for i, c in enumerate(question.choices)], value=None,
                description="Réponse", layout=w.Layout(width="auto"))]
        elif question.type == "multiple":
            self.controls = [w.Checkbox(value=False, description=c.text, indent=False,
                                        layout=w.Layout(width="auto")) for c in question.choices]
        else:
            unit = f" (en {question.unit})" if question.unit else ""
            self.controls = [w.Text(value="", placeholder="par exemple 2,5", description=f"Votre réponse{unit}",
                                    style={"description_width": "initial"})]
        self.button = w.Button(description="Vérifier", tooltip=f"Vérifier la réponse à la question {number}",
                               button_style="primary")
        self.feedback = w.HTMLMath("")
        self.source = w.HTML(f"<small>Source{NBSP}: {html.escape(question.source)} "
                             "(voir la bibliographie du cours)</small>")
        self.button.on_click(lambda _b: self.check())
        self.box = w.VBox([legend, *self.controls, self.button, self.feedback, self.source],
                          layout=w.Layout(border="1px solid #ccc", padding="0.5em", margin="0.5em 0"))

    def answer(self) -> Any:
        q = self.question
        if q.type in ("single", "truefalse"):
            return self.controls[0].value
        if q.type == "multiple":
            return [i for i, cb in enumerate(self.controls) if cb.value]
        return self.controls[0].value

    def check(self) -> Grade:
        try:
            grade = grade_question(self.question, self.answer())
        except Exception as err:  # never a traceback in front of a learner
            msg = f"Erreur inattendue ({type(err).__name__}){NBSP}: signalez-la à l’équipe pédagogique."
            grade = Grade(False, (msg,),
                          usable=False)
        self.ok = grade.ok
        self.feedback.value = _feedback_html(grade)
        if self._on_change:
            self._on_change()
        return grade


class QuizView:
    """The whole quiz: ``.widget`` (VBox), ``.questions`` (QuestionView list), ``.score`` (HTML)."""

    def __init__(self, chapter_id: str, data_dir: Path | str | None = None):
        quiz = get_quiz(chapter_id, data_dir)
        self.quiz = quiz
        self.score = w.HTML()
        self.questions = [QuestionView(i + 1, q, on_change=self._update) for i, q in enumerate(quiz.questions)]
        title = w.HTML(f"<h3>{html.escape(quiz.title)}</h3>")
        self._update()
        self.widget = w.VBox([title, *[q.box for q in self.questions], self.score])

    @property
    def n_correct(self) -> int:
        return sum(q.ok for q in self.questions)

    def _update(self) -> None:
        self.score.value = (f'<p role="status"><strong>Score{NBSP}: {self.n_correct} / {len(self.questions)}</strong>'
                            "</p>")


def quiz_widget(chapter_id: str, data_dir: Path | str | None = None):
    """The ipywidgets quiz of a chapter (a VBox); a French message widget if it cannot be built."""
    try:
        view = QuizView(chapter_id, data_dir)
    except InputError as err:
        return w.HTML(f"<p>⚠️ {html.escape(str(err))}</p>")
    except DataError as err:
        return w.HTML(f"<p>⚠️ La banque de quiz n’a pas pu être chargée{NBSP}: {html.escape(str(err))}</p>")
    view.widget.view = view  # tests and curious users reach the controls through .view
    return view.widget


