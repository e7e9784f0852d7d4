"""Dépistage avant séance: one row per product of the mixture and one for the patient and the session; one cell
per kind (absolute, relative, to check) with the number of contraindications that apply.

Each cell says its count in words and by a symbol; its fill and hatch repeat it (never colour alone): ✗ absolue
(vermillon, slashes), ! relative (orange, dots), ? à vérifier (grey, crosses), « aucune » (white).
:class:`ScreeningView` is built once per list of rows (names are cached pixels); counts and title are dynamic.
"""

from __future__ import annotations

import textwrap

from matplotlib.patches import Rectangle

from mesocours.models.screening import Screening
from mesocours.numbers import NBSP, accord
from mesocours.plots.style import LiveFigure, new_figure

GENERAL_ROW = "Patient et séance (tout mélange)"
#: column -> (title, symbol, fill, hatch)
COLUMNS = (
    ("absolue", "Absolues", "✗", "#f3c3a3", "//"),
    ("relative", "Relatives", "!", "#f6dfa6", ".."),
    ("a_verifier", "À vérifier", "?", "#dddddd", "xx"),
)
NAME_WIDTH, CELL_WIDTH, ROW = 3.2, 1.55, 0.5


def rows_of(result: Screening) -> list[str]:
    names = []
    for p in result.products:
        names.append(f"{p.name} ({'interdit' if p.status == 'interdit' else 'AMM suspendue'})"
                     if p in result.stopped else p.name)
    return [*names, GENERAL_ROW]


def counts(result: Screening) -> list[tuple[int, int, int]]:
    out = [(result.count("absolue", p.id), result.count("relative", p.id), result.pending(p.id))
           for p in result.products]
    out.append((result.count("absolue"), result.count("relative"), result.pending()))
    return out


def cell_text(column: str, n: int) -> str:
    if n == 0:
        return "aucune"
    word = {"absolue": "absolue", "relative": "relative", "a_verifier": "à vérifier"}[column]
    if column != "a_verifier":  # « à vérifier » does not agree
        word = accord(n, word)
    symbol = next(c[2] for c in COLUMNS if c[0] == column)
    return f"{symbol} {n} {word}"


class ScreeningView:
    """The screening figure for a fixed list of rows; ``png(result)`` redraws the counts."""

    def __init__(self, names: list[str], live: bool = True):
        self.names = list(names)
        n = len(self.names)
        height = 1.0 + ROW * n
        self.fig = new_figure(NAME_WIDTH + CELL_WIDTH * len(COLUMNS) + 0.2, height)
        self.live = LiveFigure(self.fig, cache_size=2) if live else None
        top = 0.62 / height
        ax = self.ax = self.fig.add_axes((0.01, 0.02, 0.98, 1 - top - 0.02))
        ax.set_xlim(0, NAME_WIDTH + CELL_WIDTH * len(COLUMNS))
        ax.set_ylim(n, -0.8)
        ax.axis("off")
        ax.text(0.05, -0.4, "Produit du mélange", fontsize=10, fontweight="bold", va="center")
        for j, (_, title, *_rest) in enumerate(COLUMNS):
            ax.text(NAME_WIDTH + CELL_WIDTH * (j + 0.5), -0.4, title, fontsize=10, fontweight="bold",
                    ha="center", va="center")
        self.cells, self.labels = [], []
        for i, name in enumerate(self.names):
            ax.text(0.05, i + 0.5, textwrap.fill(name, 34), fontsize=10, va="center",
                    fontstyle="italic" if name == GENERAL_ROW else "normal")
            ax.axhline(i, color="#999999", lw=0.5)
            row_cells, row_labels = [], []
            for j in range(len(COLUMNS)):
                x = NAME_WIDTH + CELL_WIDTH * j
                rect = Rectangle((x + 0.04, i + 0.08), CELL_WIDTH - 0.08, 0.84, facecolor="#ffffff",
                                 edgecolor="#333333", lw=0.7)
                ax.add_patch(rect)
                label = ax.text(x + CELL_WIDTH / 2, i + 0.5, "", fontsize=10, ha="center", va="center",
                                bbox={"facecolor": "#ffffff", "edgecolor": "none", "pad": 1.5})
                row_cells.append(rect)
                row_labels.append(label)
            self.cells.append(row_cells)
            self.labels.append(row_labels)
        self.title = self.fig.text(0.01, 1 - 0.06 / height, "", fontsize=10.5, va="top", ha="left")
        if self.live:
            for row in self.cells + self.labels:
                self.live.dynamic(*row)
            self.live.dynamic(self.title)

    def draw(self, result: Screening) -> None:
        n = len(result.answers)
        head = (f"Dépistage{NBSP}: {n} {accord(n, 'réponse')} {accord(n, 'cochée')}"
                + (f", terme {result.term_weeks:g} SA".replace(".", ",") if result.term_weeks is not None else "")
                + " — contre-indications des données du cours qui s’appliquent")
        self.title.set_text(textwrap.fill(head, 90))
        for i, row in enumerate(counts(result)):
            for j, ((column, _, _, fill, hatch), k) in enumerate(zip(COLUMNS, row)):
                self.cells[i][j].set_facecolor(fill if k else "#ffffff")
                self.cells[i][j].set_hatch(hatch if k else "")
                self.labels[i][j].set_text(cell_text(column, k))

    def png(self, result: Screening) -> bytes:
        self.draw(result)
        return self.live.png(tuple(self.names))


def screening_figure(result: Screening):
    """A new figure of a screening (static scenarios)."""
    view = ScreeningView(rows_of(result), live=False)
    view.draw(result)
    return view.fig
