"""« Entraîneur de dilution »: exercises generated from real presentations, checked, explained on request."""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import Markdown
from matplotlib.figure import Figure

from mesocours.models.depth import short_citation
from mesocours.models.dilution_exercises import (
    KINDS,
    check_answer,
    explain,
    generate,
    label_maximum_lines,
    parse_seed,
    presentation_lines,
    study_dose_lines,
    volume_lines,
)
from mesocours.numbers import NBSP, InputError, fr
from mesocours.plots.dilution import DilutionFigure, dilution_figure
from mesocours.widgets.common import STYLE, View, text_field


def _title(ex) -> str:
    return f"Exercice n° {ex.seed} · {ex.presentation}"


def _alt(ex, answer) -> str:
    ref = (f"repère de l’énoncé, {ex.reference[0]}, {fr(ex.reference[1], 3, ex.unit)}" if ex.reference
           else "aucun repère de l’énoncé dans cette unité")
    ans = f"votre réponse, {fr(answer, 4, ex.unit)}" if answer is not None else "pas encore de réponse"
    return f"Barres horizontales en {ex.unit} pour {ex.presentation}{NBSP}: {ref}{NBSP}; {ans}."


def _sources(ex) -> str:
    return "Sources des chiffres : " + " ; ".join(short_citation(k) for k in ex.sources) + "."


class DilutionTrainer(View):
    BENCH = (("seed", [str(i) for i in range(1, 13)]),
             ("answer", ["1", "2,5", "10", "", "40", "0,2"]),
             ("kind", None))

    def __init__(self, kind: str = "dilution", seed: str = "1", answer: str = ""):
        self.kind = widgets.Dropdown(options=[(label, k) for k, label in KINDS.items()], value=kind,
                                     description="Type d’exercice", style=STYLE)
        self.seed = text_field("Numéro d’exercice (graine)", seed)
        self.statement = widgets.HTML(value="")
        self.answer = text_field("Votre réponse", answer, placeholder="un nombre, unité facultative")
        self.check_button = widgets.Button(description="Vérifier", tooltip="Vérifier la réponse saisie")
        self.steps_button = widgets.Button(description="Voir le calcul", tooltip="Afficher le calcul pas à pas")
        self.new_button = widgets.Button(description="Nouvel exercice", tooltip="Numéro d’exercice suivant")
        self.steps = widgets.HTML(value="")
        self._figure = DilutionFigure()
        self._shown_for = None
        super().__init__([self.kind, self.seed, self.statement, self.answer,
                          widgets.HBox([self.check_button, self.steps_button, self.new_button]), self.steps])
        self.check_button.on_click(lambda _b: self.update())
        self.steps_button.on_click(lambda _b: self.show_steps())
        self.new_button.on_click(lambda _b: self.next_exercise())
        self.update()

    def exercise(self):
        return generate(self.kind.value, parse_seed(self.seed.value))

    def compute(self):
        ex = self.exercise()
        if self._shown_for != (ex.kind, ex.seed):
            self.steps.value = ""
            self._shown_for = None
        self.statement.value = (f"<p><strong>Énoncé (n° {ex.seed})</strong>{NBSP}: {html.escape(ex.statement)}</p>")
        text = str(self.answer.value).strip()
        answer, verdict = None, ""
        if text:
            v = check_answer(ex, text)
            answer, verdict = v.value, v.message
        png = self._figure.draw(_title(ex), ex.unit, ex.reference, answer)
        result = (f"<p>{html.escape(verdict)}</p>" if verdict else
                  f"<p>Saisissez votre réponse en {html.escape(ex.unit)}, puis « Vérifier ».</p>")
        return png, _alt(ex, answer), result, f"<p>{html.escape(_sources(ex))}</p>"

    def show_steps(self) -> None:
        try:
            ex = self.exercise()
        except InputError as err:
            self.steps.value = f"<p>{html.escape(str(err))}</p>"
            return
        items = "".join(f"<li>{html.escape(s)}</li>" for s in explain(ex))
        self.steps.value = f"<p><strong>Le calcul</strong></p><ol>{items}</ol>"
        self._shown_for = (ex.kind, ex.seed)

    def next_exercise(self) -> None:
        try:
            seed = parse_seed(self.seed.value)
        except InputError:
            seed = 0
        self.answer.value = ""
        self.seed.value = str(seed + 1)


def dilution_trainer(**kwargs) -> DilutionTrainer:
    """The live widget. Keyword arguments: kind, seed (str), answer (str)."""
    return DilutionTrainer(**kwargs)


def dilution_scenario(kind: str, seed: int, answer=None, factor: float | None = None) -> Figure:
    """The trainer's figure for one exercise and one answer (typed, or ``factor`` × the expected value:
    ``factor=10`` draws the classic tenfold slip), drawn for the book."""
    ex = generate(kind, seed)
    if factor is not None:
        answer = ex.answer * factor
    value = None if answer is None else check_answer(ex, answer).value
    return dilution_figure(_title(ex), ex.unit, ex.reference, value)


def exercice_resolu(kind: str, seed: int) -> Markdown:
    """A generated exercise with its worked solution, as the book shows it statically."""
    ex = generate(kind, seed)
    steps = "\n".join(f"{i}. {s}" for i, s in enumerate(explain(ex), 1))
    return Markdown(f"**Énoncé (exercice n° {ex.seed}, type « {KINDS[ex.kind]} »)**{NBSP}: {ex.statement}\n\n"
                    f"**Solution pas à pas**\n\n{steps}\n\n*{_sources(ex)}*")


def _bullets(lines: list[str]) -> Markdown:
    return Markdown("\n".join(f"- {line}" for line in lines))


def exemples_concentrations() -> Markdown:
    """Every presentation of the data: strength as printed, per mL, as a percentage, per ampoule."""
    return _bullets(presentation_lines())


def maxima_rcp() -> Markdown:
    """Every label maximum of the data, with what it is a maximum of."""
    return _bullets(label_maximum_lines())


def doses_etude(study_id: str) -> Markdown:
    """A study's doses per session and over the protocol, against the French label maxima of the data."""
    return _bullets(study_dose_lines(study_id))


def volumes_etude(study_id: str) -> Markdown:
    """The volume of each French presentation that would hold a study's dose."""
    return _bullets(volume_lines(study_id))
