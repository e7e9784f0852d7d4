"""The dilution trainer's figure: the learner's answer beside a quantity of the statement, same unit.

The quantity of the statement (the label maximum as 100 %, the ampoule's volume, the concentration
before dilution, the amount in the syringe…) is a double check: a diluted concentration above the
starting one, a volume larger than several ampoules, a share far above 100 % are worth a second look.
The expected value is never drawn. One :class:`DilutionFigure` is kept by the widget: the bars, their
values and the title move; axes and labels are cached by :class:`LiveFigure` under (unit, x limit).
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from mesocours.numbers import fr
from mesocours.plots.style import OKABE_ITO, LiveFigure, french_axis, new_figure, nice_ceil

ROWS = ("Repère de l’énoncé", "Votre réponse")


class DilutionFigure:
    def __init__(self, live: bool = True):
        self.fig = new_figure(6.4, 2.6)
        self.live = LiveFigure(self.fig, cache_size=12) if live else None
        ax = self.ax = self.fig.add_subplot()
        self.ref_bar = ax.barh([1], [0], height=0.55, color="#bbbbbb", edgecolor="#333333", hatch="//")[0]
        self.ans_bar = ax.barh([0], [0], height=0.55, color=OKABE_ITO["bleu"], edgecolor="#333333")[0]
        self.ref_text = ax.text(0, 1, "", va="center", fontsize=8.5)
        self.ans_text = ax.text(0, 0, "", va="center", fontsize=8.5)
        self.title = ax.set_title(" ", fontsize=9.5, loc="left")
        ax.set_yticks([1, 0])
        ax.set_yticklabels(ROWS, fontsize=8.5)
        ax.set_ylim(-0.6, 1.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        self.fig.subplots_adjust(left=0.25, right=0.97, bottom=0.22, top=0.84)
        if self.live is not None:
            self.live.dynamic(self.ref_bar, self.ans_bar, self.ref_text, self.ans_text, self.title)

    def _static(self, unit: str, xmax: float) -> None:
        ax = self.ax
        ax.set_xlim(0, xmax)
        ax.set_xlabel(f"valeur ({unit})")
        french_axis(ax.xaxis, 3, nbins=5)

    def draw(self, title: str, unit: str, reference: tuple[str, float] | None, answer: float | None):
        """PNG (live) or Figure: the reference bar (if any) and the answer bar (if any)."""
        ref_value = reference[1] if reference else 0.0
        ans_value = answer if answer is not None else 0.0
        xmax = nice_ceil(max(ref_value, ans_value, 1e-9) * 1.35)
        self._static(unit, xmax)
        self.title.set_text(textwrap.shorten(title, 90, placeholder="…"))
        self.ref_bar.set_width(ref_value)
        self.ans_bar.set_width(min(ans_value, xmax))
        pad = xmax * 0.01
        self.ref_text.set_position((ref_value + pad, 1))
        self.ref_text.set_text(f"{reference[0]}\u00a0: {fr(ref_value, 3, unit)}" if reference else
                               "aucun repère dans cette unité")
        self.ans_text.set_position((min(ans_value, xmax * 0.6) + pad, 0))
        self.ans_text.set_text(fr(ans_value, 4, unit) if answer is not None else "pas encore de réponse")
        if self.live is None:
            return self.fig
        return self.live.png((unit, xmax))


def dilution_figure(title: str, unit: str, reference, answer) -> Figure:
    """A new static figure (book scenarios)."""
    return DilutionFigure(live=False).draw(title, unit, reference, answer)
