"""Exercice d'urgence: choose a scenario, answer step by step, read the feedback and its source; compute the dose.

A thin view over :mod:`mesocours.models.emergency`. Choosing a letter in the list plays the answer printed under that
letter (the list then returns to « choisir » and the next step's answers are printed); « Recommencer » starts again. The weight field computes the dose of the
guideline's rule for that weight (rule, ceiling and concentration from data/emergency.yml).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import HTML  # a stable plain-text repr in the stored outputs

from mesocours.models.depth import short_citation
from mesocours.models.emergency import Drill, choose, dose, scenarios, start
from mesocours.numbers import NBSP, InputError, fr
from mesocours.plots.drill import DrillView, drill_figure
from mesocours.widgets.common import STYLE, View, alert_html, text_field

PICK = "— choisir une réponse —"
RESTART = "recommencer"
LETTERS = "ABCDEFGH"
FRAME = (f"Exercice d’entraînement tiré des recommandations citées{NBSP}: il ne remplace ni une formation aux gestes "
         "d’urgence ni le protocole du cabinet. Devant une urgence réelle, appelez le 15 (ou le 112).")


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _cites(keys) -> str:
    return _e(f"{NBSP}; ".join(short_citation(k) for k in dict.fromkeys(keys)))


def drill_html(drill: Drill) -> str:
    out = [f"<p><strong>{_e(drill.scenario.title)}</strong>{NBSP}: {_e(drill.scenario.vignette)}</p>"]
    last = drill.last
    if last is not None:
        choice = last.step.choices[last.index]
        verdict = "Bon choix" if last.correct else "Choix à revoir"
        out.append(f'<div style="border-left:6px solid #000000;padding:4px 10px"><p><strong>{verdict}</strong> '
                   f"({_e(choice.label)}){NBSP}: {_e(choice.feedback)} ({_cites(choice.sources)})</p></div>")
    if drill.finished:
        good, done = drill.score
        out.append(f"<p><strong>Scénario terminé</strong>{NBSP}: {good} étape(s) sur {done} réussie(s) du premier "
                   "coup. Choisissez «\u00a0Recommencer le scénario\u00a0» dans la liste pour rejouer.</p>")
    else:
        options = "".join(f"<li><strong>Réponse {LETTERS[i]}</strong>{NBSP}: {_e(c.label)}</li>"
                          for i, c in enumerate(drill.step.choices))
        out.append(f"<p><strong>T{NBSP}+{NBSP}{fr(drill.step.minute, 1)}{NBSP}min</strong>{NBSP}: "
                   f"{_e(drill.step.situation)}</p><ul>{options}</ul>")
    return "".join(out)


def dose_html(weight_text: str) -> str:
    d = dose(weight_text)
    r = d.rule
    capped = (f", ce qui dépasse le plafond{NBSP}: la dose est plafonnée à {fr(r.max_mg, 2, 'mg')}" if d.capped
              else "")
    return (f"<p><strong>Dose de {_e(r.drug)}</strong> ({_e(r.route)}, {_e(r.population)}){NBSP}: "
            f"{fr(r.mg_per_kg, 3, 'mg/kg')} × {fr(d.weight_kg, 1, 'kg')} = {fr(d.weight_kg * r.mg_per_kg, 3, 'mg')}"
            f"{capped}, soit {fr(d.mg, 3, 'mg')} = {fr(d.ml, 3, 'mL')} de la solution à "
            f"{fr(r.concentration_mg_per_ml, 2, 'mg/mL')}"
            + (f"{NBSP}; à renouveler après {fr(r.repeat_after_min, 0, 'min')} si besoin" if r.repeat_after_min else "")
            + f" ({_cites(r.sources)}).</p>")


class EmergencyDrill(View):
    BENCH = (("answer", ["B", RESTART]),)  # a second answer exists at every first step (schema: two or more)

    def __init__(self, scenario_id: str | None = None, weight: str | None = None):
        table = scenarios()
        first = scenario_id or next(iter(table))
        self.scenario = widgets.Dropdown(options=[(s.title, s.id) for s in table.values()], value=first,
                                         description="Scénario", style=STYLE, layout=widgets.Layout(width="auto"))
        most = max(len(step.choices) for s in table.values() for step in s.steps)
        # fixed options (letters): the choices' words are printed above the list, step by step
        self.answer = widgets.Dropdown(options=[(PICK, PICK)] + [(f"Réponse {x}", x) for x in LETTERS[:most]]
                                       + [("Recommencer le scénario", RESTART)], value=PICK,
                                       description="Votre décision", style=STYLE, layout=widgets.Layout(width="auto"))
        self.weight = text_field("Poids du patient (kg), pour la dose", weight or fr(table[first].weight_kg, 1),
                                 "par exemple 62")
        self.dose = widgets.HTML(value="")
        self.drill = start(first)
        super().__init__([self.scenario, self.answer, self.weight, self.dose])
        self._set_answers()
        self.update()

    def _set_answers(self) -> None:
        """Back to « choisir » (so that the same letter can be chosen at the next step)."""
        with self.silently():
            self.answer.value = PICK

    def update(self) -> bool:
        if self.scenario.value != self.drill.scenario.id:
            self.drill = start(self.scenario.value)
            self._set_answers()
        elif self.answer.value == RESTART:
            self.drill = start(self.drill.scenario.id)
            self._set_answers()
        elif self.answer.value not in (PICK, None):
            letter = self.answer.value
            self._set_answers()
            try:
                self.drill = choose(self.drill, LETTERS.index(letter))
            except InputError as err:  # a letter the step does not offer, or a finished scenario
                self.message.value = alert_html(str(err))
                return False
        return super().update()

    # the path played is state the controls do not hold: the robustness tests replay it (state / restore)
    def state(self) -> tuple[str, tuple[int, ...]]:
        return self.drill.scenario.id, tuple(a.index for a in self.drill.answers)

    def restore(self, state: tuple[str, tuple[int, ...]]) -> None:
        sid, indices = state
        with self.silently():
            self.scenario.value = sid
        self.drill = drill_path(sid, list(indices))
        self._set_answers()
        self.update()

    def compute(self):
        self.dose.value = ""
        dose_text = dose_html(self.weight.value)  # InputError (French) on a bad weight: the drill state is kept
        view = self.cached_view(self.drill.scenario.id, lambda: DrillView(self.drill.scenario))
        png = view.png(self.drill)
        self.dose.value = dose_text
        good, done = self.drill.score
        alt = (f"Parcours du scénario {self.drill.scenario.title}{NBSP}: {done} étape(s) répondue(s), {good} réussie(s) "
               f"du premier coup" + ("" if self.drill.finished else f", étape en cours à T + {fr(self.drill.minute, 1)} min")
               + ".")
        return png, alt, drill_html(self.drill), f"<p><small>{_e(FRAME)}</small></p>"


def exercice_urgence(**kwargs) -> EmergencyDrill:
    """The live widget. Keyword arguments: scenario_id, weight (as typed)."""
    return EmergencyDrill(**kwargs)


def drill_path(sid: str, choices: list[int]) -> Drill:
    d = start(sid)
    for i in choices:
        d = choose(d, i)
    return d


def correct_path(sid: str) -> list[int]:
    """The index of the right choice at each step, from the first step to the end."""
    d, path = start(sid), []
    while not d.finished:
        i = next(k for k, c in enumerate(d.step.choices) if c.correct)
        path.append(i)
        d = choose(d, i)
    return path


def drill_walkthrough(sid: str) -> HTML:
    """The scenario for the static book: each step of the right path, its answers, and the right one with its
    feedback and sources folded in a <details> element (opened with the keyboard)."""
    d = start(sid)
    out = [f"<p><strong>{_e(d.scenario.title)}</strong>{NBSP}: {_e(d.scenario.vignette)}</p><ol>"]
    while not d.finished:
        step = d.step
        options = "".join(f"<li><strong>Réponse {LETTERS[i]}</strong>{NBSP}: {_e(c.label)}</li>"
                          for i, c in enumerate(step.choices))
        i = next(k for k, c in enumerate(step.choices) if c.correct)
        wrong = "".join(f"<li>Réponse {LETTERS[k]}{NBSP}: {_e(c.feedback)} ({_cites(c.sources)})</li>"
                        for k, c in enumerate(step.choices) if not c.correct)
        right = step.choices[i]
        out.append(f"<li><p><strong>T{NBSP}+{NBSP}{fr(step.minute, 1)}{NBSP}min</strong>{NBSP}: {_e(step.situation)}"
                   f"</p><ul>{options}</ul><details><summary>Réponse attendue et commentaires</summary>"
                   f"<p><strong>Réponse {LETTERS[i]}</strong>{NBSP}: {_e(right.feedback)} ({_cites(right.sources)})</p>"
                   f"<p>Les autres réponses{NBSP}:</p><ul>{wrong}</ul></details></li>")
        d = choose(d, i)
    out.append("</ol>")
    return HTML("".join(out) + f"<p><small>{_e(FRAME)}</small></p>")


def drill_scenario_figure(sid: str, choices: list[int] | None = None):
    """The figure of a scenario played with these choices (the right path by default: static in the book)."""
    return drill_figure(drill_path(sid, correct_path(sid) if choices is None else choices))


__all__ = ["EmergencyDrill", "correct_path", "drill_scenario_figure", "drill_walkthrough", "exercice_urgence"]
