"""Check-list hors AMM: one row per product, one cell per aspect (voie, indication, mélange) and its regime.

Every cell says its verdict in words and by a symbol; its colour and hatch repeat it (never colour alone):
✓ prévu (green, plain), ± en partie (orange, dots), ✗ hors AMM (vermillon, slashes), ? non établi (grey,
crosses), « sans objet » (white) for a product without an AMM to compare with. :class:`OfflabelView` is built
once per list of products (rows and their names are cached pixels); the indication, the route and the
verdicts are the dynamic artists.
"""

from __future__ import annotations

import textwrap

from matplotlib.patches import Rectangle

from mesocours.models.offlabel import REGIME_LABELS, Checklist, ProductCheck
from mesocours.numbers import NBSP
from mesocours.plots.style import LiveFigure, new_figure

#: verdict -> (symbol and words, fill, hatch)
CELL_STYLES = {
    "couvert": ("✓ prévu par l’AMM", "#cde8dc", ""),
    "partiel": ("± en partie", "#f6dfa6", ".."),
    "non_couvert": ("✗ hors AMM", "#f3c3a3", "//"),
    "indetermine": ("? non établi", "#dddddd", "xx"),
    "non_renseigne": ("? non renseigné", "#dddddd", "xx"),
    "sans_objet": ("sans objet", "#ffffff", ""),
}
#: regime -> (fill, hatch)
REGIME_STYLES = {
    "hors_amm": ("#f3c3a3", "//"), "conforme": ("#cde8dc", ""), "dispositif_medical": ("#cfe3f3", "\\\\"),
    "sans_amm": ("#e4d0e0", "\\\\"), "non_verifie": ("#dddddd", "xx"), "interdit": ("#555555", "++"),
    "amm_suspendue": ("#555555", "++"),
}
REGIME_SYMBOLS = {"hors_amm": "✗ ", "conforme": "✓ ", "dispositif_medical": "◆ ", "sans_amm": "◆ ",
                  "non_verifie": "? ", "interdit": "■ ", "amm_suspendue": "■ "}
COLUMNS = (("Voie prévue", 1.9), ("Indication", 1.9), ("Mélange", 1.9), ("Régime", 2.5))
NAME_WIDTH = 2.3
ROW = 0.46  # inches per product row


def cell_text(check: ProductCheck, aspect: str) -> str:
    a = {"voie": check.route, "indication": check.indication, "melange": check.mixture}[aspect]
    if a is None:
        return CELL_STYLES["sans_objet"][0] if aspect != "melange" or check.regime not in ("hors_amm", "conforme") \
            else "produit seul"
    return CELL_STYLES[a.verdict][0]


class OfflabelView:
    """The check-list figure for a fixed list of products; ``png(result)`` redraws the verdicts."""

    def __init__(self, names: list[str], live: bool = True):
        self.names = list(names)
        n = len(self.names)
        self.fig = new_figure(8.0, 1.15 + ROW * n)
        self.live = LiveFigure(self.fig, cache_size=2) if live else None
        top = 0.72 / (1.15 + ROW * n)
        ax = self.ax = self.fig.add_axes((0.01, 0.02, 0.98, 1 - top - 0.02))
        width = NAME_WIDTH + sum(w for _, w in COLUMNS)
        ax.set_xlim(0, width)
        ax.set_ylim(n, -0.8)
        ax.axis("off")
        x = NAME_WIDTH
        self.x0 = []
        ax.text(0.05, -0.4, "Produit", fontsize=9, fontweight="bold", va="center")
        for title, w in COLUMNS:
            ax.text(x + w / 2, -0.4, title, fontsize=9, fontweight="bold", ha="center", va="center")
            self.x0.append((x, w))
            x += w
        for i, name in enumerate(self.names):
            ax.text(0.05, i + 0.5, textwrap.fill(name, 30), fontsize=8, va="center")
            ax.axhline(i, color="#999999", lw=0.5)
        self.cells, self.labels = [], []
        for i in range(n):
            row_cells, row_labels = [], []
            for x, w in self.x0:
                rect = Rectangle((x + 0.04, i + 0.08), w - 0.08, 0.84, facecolor="#ffffff", edgecolor="#333333",
                                 lw=0.7)
                ax.add_patch(rect)
                label = ax.text(x + w / 2, i + 0.5, "", fontsize=8, ha="center", va="center")
                row_cells.append(rect)
                row_labels.append(label)
            self.cells.append(row_cells)
            self.labels.append(row_labels)
        self.title = self.fig.text(0.01, 1 - 0.08 / (1.15 + ROW * n), "", fontsize=9.5, va="top", ha="left")
        if self.live:
            for row in self.cells + self.labels:
                self.live.dynamic(*row)
            self.live.dynamic(self.title)

    def draw(self, result: Checklist) -> None:
        ind, route = result.indication.label, result.route.label
        head = f"Indication{NBSP}: {ind} — voie prévue{NBSP}: {route}"
        if result.stopped:
            head += " — check-list arrêtée (produit interdit ou AMM suspendue)"
        self.title.set_text(textwrap.fill(head, 110))
        for i, check in enumerate(result.products):
            for j, aspect in enumerate(("voie", "indication", "melange")):
                a = {"voie": check.route, "indication": check.indication, "melange": check.mixture}[aspect]
                key = "sans_objet" if a is None else a.verdict
                _, fill, hatch = CELL_STYLES[key]
                self.cells[i][j].set_facecolor(fill)
                self.cells[i][j].set_hatch(hatch)
                self.labels[i][j].set_text(cell_text(check, aspect))
                self.labels[i][j].set_color("#000000")
                self.labels[i][j].set_bbox({"facecolor": "#ffffff", "edgecolor": "none", "pad": 1.5})
            fill, hatch = REGIME_STYLES[check.regime]
            self.cells[i][3].set_facecolor(fill)
            self.cells[i][3].set_hatch(hatch)
            stop = check.regime in ("interdit", "amm_suspendue")
            self.labels[i][3].set_text(textwrap.fill(REGIME_SYMBOLS[check.regime] + REGIME_LABELS[check.regime], 30))
            self.labels[i][3].set_color("#ffffff" if stop else "#000000")
            self.labels[i][3].set_bbox({"facecolor": "#000000" if stop else "#ffffff", "edgecolor": "none", "pad": 1.5})

    def png(self, result: Checklist) -> bytes:
        self.draw(result)
        return self.live.png(tuple(self.names))


def offlabel_figure(result: Checklist):
    """A new figure of a check-list (static scenarios)."""
    view = OfflabelView([c.product.name for c in result.products], live=False)
    view.draw(result)
    return view.fig
