"""The mock exam as ipywidgets, for notebooks: ``examen_blanc(parties=None, n=20, graine=None)``.

Same draw as the book page and the Moodle export for the same settings (:mod:`mesocours.quiz.exam`).
Controls: one checkbox per part, the number of questions and the seed (text fields, so that what a
learner types is checked and answered in French), « Tirer les questions », « Nouveau tirage »; then
the drawn questions (the notebook quiz's :class:`~mesocours.quiz.widget.QuestionView`) and
« Terminer l’examen », which corrects every question and shows the score by part and the chapters
to reread. Bad input never raises: a French message replaces the questions.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from mesocours.data import DataError
from mesocours.numbers import NBSP, InputError, accord
from mesocours.quiz import exam
from mesocours.quiz.widget import QuestionView, _feedback_html

__all__ = ["ExamView", "examen_blanc"]


def _message(text: str) -> str:
    return f'<p role="status">⚠️ {html.escape(text)}</p>'


class ExamView:
    """``.widget`` (VBox); controls ``.part_boxes`` (dict id -> Checkbox), ``.n``, ``.seed``, ``.stratify``,
    ``.draw_button``, ``.new_button``, ``.finish_button``; ``.questions`` (QuestionView list),
    ``.drawn`` (ids), ``.message``, ``.header``, ``.result`` (HTML widgets)."""

    def __init__(self, parties=None, n=exam.DEFAULT_N, graine=None, data_dir: Path | str | None = None):
        self.bank = exam.load_bank(data_dir)
        self.part_boxes = {p.id: w.Checkbox(value=True, description=f"{p.title} ({self.bank.count(p.id)} questions)",
                                            indent=False, layout=w.Layout(width="auto"))
                           for p in self.bank.parts}
        self.n = w.Text(value=str(n), description="Nombre de questions", style={"description_width": "initial"})
        self.seed = w.Text(value="" if graine is None else str(graine), description="Graine du tirage",
                           style={"description_width": "initial"})
        self.stratify = w.Checkbox(value=True, description="Répartir les questions entre les parties et les chapitres",
                                   indent=False, layout=w.Layout(width="auto"))
        self.draw_button = w.Button(description="Tirer les questions", button_style="primary",
                                    tooltip="Tirer les questions avec ces réglages et cette graine")
        self.new_button = w.Button(description="Nouveau tirage", tooltip="Tirer avec une nouvelle graine")
        self.finish_button = w.Button(description="Terminer l’examen", button_style="success",
                                      tooltip="Corriger toutes les questions", disabled=True)
        self.message = w.HTML("")
        self.header = w.HTML("")
        self.result = w.HTML("")
        self.questions_box = w.VBox([])
        self.questions: list[QuestionView] = []
        self.drawn: list[str] = []
        self.settings: exam.Settings | None = None
        self.draw_button.on_click(lambda _b: self.redraw())
        self.new_button.on_click(lambda _b: self.redraw(new_seed=True))
        self.finish_button.on_click(lambda _b: self.finish())
        if parties is not None:
            self._set_parts(parties)
        parts_box = w.VBox([w.HTML(f"<strong>Parties du cours{NBSP}:</strong>"), *self.part_boxes.values()])
        self.widget = w.VBox([w.HTML("<h3>Examen blanc</h3>"), parts_box, self.n, self.seed, self.stratify,
                              w.HBox([self.draw_button, self.new_button]), self.message, self.header,
                              self.questions_box, self.finish_button, self.result])
        self.redraw()

    def _set_parts(self, parties) -> None:
        """Tick the parts named by the caller; a bad name becomes a French message at the first draw."""
        try:
            chosen = exam.check_settings(self.bank, parties, 1, 0).parts
        except InputError as err:
            self._pending_error = str(err)
            return
        for pid, box in self.part_boxes.items():
            box.value = pid in chosen

    def _chosen(self) -> list[str]:
        return [pid for pid, box in self.part_boxes.items() if box.value]

    def _clear(self, message: str) -> None:
        self.message.value = _message(message)
        self.header.value = ""
        self.result.value = ""
        self.questions, self.drawn = [], []
        self.questions_box.children = ()
        self.finish_button.disabled = True

    def redraw(self, new_seed: bool = False) -> None:
        pending = getattr(self, "_pending_error", None)
        if pending:
            self._pending_error = None
            self._clear(pending)
            return
        if new_seed or not self.seed.value.strip():
            self.seed.value = str(exam.new_seed())
        chosen = self._chosen()
        if not chosen:
            self._clear("Choisissez au moins une partie du cours.")
            return
        try:
            s = exam.check_settings(self.bank, chosen, self.n.value, self.seed.value, self.stratify.value)
        except InputError as err:
            self._clear(str(err))
            return
        self.settings = s
        self.drawn = exam.draw(self.bank, s.parts, s.n, s.seed, s.stratify)
        self.message.value = "".join(f"<p>{html.escape(note)}</p>" for note in s.notes)
        titles = ", ".join(self.bank.part(p).title for p in s.parts)
        self.header.value = (f"<p><strong>Graine {s.seed}</strong> — {len(self.drawn)} questions — "
                             f"{accord(len(s.parts), 'partie')}{NBSP}: {html.escape(titles)}"
                             + (" — réparties entre parties et chapitres" if s.stratify else "") + ".</p>")
        self.questions = [QuestionView(k + 1, self.bank.item(q).question) for k, q in enumerate(self.drawn)]
        for view in self.questions:  # an exam is corrected as a whole, at the end
            view.button.layout.display = "none"
        self.questions_box.children = tuple(v.box for v in self.questions)
        self.result.value = ""
        self.finish_button.disabled = False

    def finish(self) -> dict[str, bool]:
        """Correct every drawn question; show the score by part and the chapters to reread."""
        results = {}
        for view in self.questions:
            grade = view.check()
            results[view.question.id] = grade.ok
            if not grade.usable:
                view.feedback.value = _feedback_html(grade).replace("⚠️", "⚠️ Sans réponse utilisable (comptée fausse).")
            for c in view.controls:
                c.disabled = True
        self.finish_button.disabled = True
        self.result.value = render_result(self.bank, self.drawn, results)
        return results


def render_result(exam_bank: exam.ExamBank, drawn, results) -> str:
    """The result as HTML: overall score, a table by part, the chapters (and sections) to reread."""
    from mesocours.quiz.bank import section_title

    total = len(drawn)
    score = sum(bool(results.get(q)) for q in drawn)
    pct = round(100 * score / total) if total else 0
    rows = "".join(f"<tr><th scope='row'>{html.escape(p.title)}</th><td>{p.correct}</td><td>{p.total}</td>"
                   f"<td>{p.percent}{NBSP}%</td></tr>" for p in exam.score_by_part(exam_bank, drawn, results))
    out = [f"<h3>Résultat</h3><p><strong>Score{NBSP}: {score} / {total} ({pct}{NBSP}%)</strong></p>",
           "<table><caption>Score par partie</caption><thead><tr><th scope='col'>Partie</th>"
           "<th scope='col'>Réussies</th><th scope='col'>Questions</th><th scope='col'>Pourcentage</th></tr>"
           f"</thead><tbody>{rows}</tbody></table>", "<h4>Sections à relire</h4>"]
    todo = exam.reread(exam_bank, drawn, results)
    if not todo:
        out.append(f"<p>Aucune{NBSP}: toutes les réponses sont justes.</p>")
    else:
        items = []
        for r in todo:
            nums = ", ".join(str(drawn.index(q) + 1) for q in r.missed)
            secs = "".join(f"<li>{html.escape(section_title(s))}</li>" for s in r.sections)
            items.append(f"<li>{html.escape(r.label)} — {accord(len(r.missed), 'question')} {nums}."
                         + (f"<ul>{secs}</ul>" if secs else "") + "</li>")
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def examen_blanc(parties=None, n=exam.DEFAULT_N, graine=None, data_dir: Path | str | None = None):
    """A mock exam drawn from the whole quiz bank (a VBox; ``.view`` is the :class:`ExamView`).

    ``parties``: part ids or titles (None: all), ``n``: number of questions, ``graine``: the seed
    (None: a new one). The same settings draw the same questions as the book's « Examen blanc » page.
    """
    try:
        view = ExamView(parties, n, graine, data_dir)
    except DataError as err:
        return w.HTML(_message(f"La banque de quiz n’a pas pu être chargée{NBSP}: {err}"))
    view.widget.view = view
    return view.widget
