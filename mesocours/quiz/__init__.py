"""The quiz bank (data/quiz) and its renderings.

* ``quiz_widget(chapter_id)``: ipywidgets quiz for notebooks (:mod:`mesocours.quiz.widget`);
* ``examen_blanc(parties, n, graine)``: the mock exam in a notebook (:mod:`mesocours.quiz.exam_widget`),
  same draw as the book page and the Moodle export (:mod:`mesocours.quiz.exam`);
* ``{quiz}``, ``{examen-blanc}``, ``{avancement}``, ``{guide-enseignant}`` directives for the book (:mod:`mesocours.quiz.sphinx`);
* ``python -m mesocours.quiz.moodle OUTDIR``: Moodle XML export (:mod:`mesocours.quiz.moodle`);
* pure loading/grading helpers in :mod:`mesocours.quiz.bank`.
"""

from __future__ import annotations

__all__ = ["examen_blanc", "quiz_widget"]


def __getattr__(name: str):
    # Lazy: the Sphinx extension imports this package and must not pay for ipywidgets.
    if name == "quiz_widget":
        from mesocours.quiz.widget import quiz_widget

        return quiz_widget
    if name == "examen_blanc":
        from mesocours.quiz.exam_widget import examen_blanc

        return examen_blanc
    raise AttributeError(name)
