"""« Cas décisionnels »: choose a case, choose an answer; the widget answers with the rule and the texts.

A thin view over :mod:`mesocours.models.cases`: every word it shows about the law comes from
``data/legal_cases.yml`` and ``data/legal_texts.yml``. The figure places the texts of the case on a time axis
(date of the wording the course read); it depends on the case only, so its PNG is drawn once per case.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from mesocours.models.cases import LETTERS, NO_ANSWER, CaseAnswer, answer, cases, get_case
from mesocours.models.depth import short_citation as _short_citation
from mesocours.numbers import NBSP
from mesocours.plots.cases import texts_alt, texts_figure
from mesocours.plots.style import to_png
from mesocours.widgets.common import STYLE, View

NOT_YET = "— pas encore de réponse —"


@lru_cache(maxsize=256)
def short_citation(key: str) -> str:
    return _short_citation(key)


@lru_cache(maxsize=64)
def case_png(case_id: str) -> bytes:
    """The figure of a case (its texts on a time axis), drawn once."""
    return to_png(texts_figure(answer(case_id).texts))


def answer_options(case_id: str) -> list[tuple[str, str]]:
    """The answer control's options: « pas encore » then one per letter (always A–D, so values never vanish)."""
    case = get_case(case_id)
    options = [(NOT_YET, NO_ANSWER)]
    for i, letter in enumerate(LETTERS):
        if i < len(case.choices):
            options.append((f"{letter}. {case.choices[i].text}", letter))
        else:
            options.append((f"{letter}. (ce cas ne propose pas de réponse {letter})", letter))
    return options


def case_html(a: CaseAnswer) -> str:
    """The situation, the question, the answers; once answered, the verdict, the rule and the texts."""
    c = a.case
    items = "".join(f"<li><strong>{LETTERS[i]}.</strong> {html.escape(ch.text)}</li>" for i, ch in enumerate(c.choices))
    # no <h4>: the page's theme colours headings (light in dark mode) over the widget's white background
    out = [f"<p><strong>{html.escape(c.title)}</strong></p>", f"<p>{html.escape(c.situation)}</p>",
           f"<p><strong>{html.escape(c.question)}</strong></p>", f'<ol style="list-style:none;padding-left:0">{items}</ol>']
    if not a.answered:
        out.append("<p>Choisissez une réponse dans la liste «\u00a0Votre réponse\u00a0» : le cours vous répondra "
                   "avec la règle et les textes.</p>".replace(" :", NBSP + ":"))
        return "".join(out)
    verdict = "Réponse juste" if a.right else "Réponse à revoir"
    mark = "✅" if a.right else "❌"
    good = " et ".join(a.right_letters)
    out.append(f"<p><strong>{mark} {verdict} (vous avez choisi {a.letter}{NBSP}; "
               f"réponse juste{NBSP}: {good}).</strong> {html.escape(a.feedback)}</p>")
    if not a.right:
        for letter in a.right_letters:
            out.append(f"<p>Pourquoi {letter} est juste{NBSP}: "
                       f"{html.escape(c.choices[LETTERS.index(letter)].feedback)}</p>")
    out.append(f"<p><strong>La règle{NBSP}:</strong> {html.escape(c.rule)}</p>")
    out.append(texts_html(a))
    out.append(f"<p>À relire{NBSP}: chapitre «{NBSP}{html.escape(a.chapter_title)}{NBSP}».</p>")
    return "".join(out)


def texts_html(a: CaseAnswer) -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">{html.escape(t.reference)}</th><td>{html.escape(t.date_fr)}</td>"
        f"<td>{html.escape(t.status)}</td><td>{html.escape(' ; '.join(short_citation(k) for k in t.sources))}</td></tr>"
        for t in a.texts)
    return ("<p><strong>Les textes (fiches du cours)</strong></p><div style=\"overflow-x:auto\"><table class=\"table\">"
            "<thead><tr><th scope=\"col\">Texte</th><th scope=\"col\">Date du texte ou de la version lue</th>"
            "<th scope=\"col\">Ce que le cours a vérifié</th><th scope=\"col\">Sources</th></tr></thead><tbody>"
            + rows + "</tbody></table></div>")


def caption_html(a: CaseAnswer) -> str:
    cites = " ; ".join(short_citation(k) for k in a.case.sources)
    return (f"<p><small>Situation fictive écrite pour le cours ; ce n’est pas un conseil juridique. "
            f"Sources du cas{NBSP}: {html.escape(cites)}.</small></p>")


class LegalCases(View):
    """Dropdown of cases, dropdown of answers (update on change), the answer in HTML, the texts on a time axis."""

    BENCH = (("case", None),)

    def __init__(self, case_id: str | None = None, letter: str = NO_ANSWER):
        all_cases = cases()
        first = case_id or all_cases[0].id
        self.case = widgets.Dropdown(options=[(c.title, c.id) for c in all_cases], value=first,
                                     description="Cas à étudier", style=STYLE, layout=widgets.Layout(width="auto"))
        self.answer = widgets.Dropdown(options=answer_options(first), value=letter, description="Votre réponse",
                                       style=STYLE, layout=widgets.Layout(width="auto"))
        self.case.observe(self._relabel, names="value")  # before the View's observers: options first, then update
        super().__init__([self.case, self.answer])
        self.update()

    def _relabel(self, change) -> None:
        with self.silently():
            self.answer.options = answer_options(change["new"])
            self.answer.value = NO_ANSWER

    def compute(self):
        a = answer(self.case.value, self.answer.value or NO_ANSWER)
        return case_png(a.case.id), texts_alt(a.texts), case_html(a), caption_html(a)


def legal_cases(**kwargs) -> LegalCases:
    """The live widget. Keyword arguments: case_id (an id of data/legal_cases.yml), letter (A–D)."""
    return LegalCases(**kwargs)
