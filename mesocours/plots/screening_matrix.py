"""Which screening answer touches which product: the matrix of ``data/contraindications.yml`` (chapter
« Contre-indications et dépistage avant séance »).

A column is a product named by a contraindication (plus one, « tout mélange », for the records that name no
product: they apply whatever is injected); a row is a question of ``data/screening.yml`` named as a trigger.
A cell says the strongest kind that an answer « oui » sets off for that product: « A » (absolue, filled square)
or « R » (relative, hollow square), with the origin of the strongest record as a letter under it. The letter and
the marker shape carry the meaning, never the colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from matplotlib.figure import Figure

from mesocours.numbers import InputError
from mesocours.plots.style import OKABE_ITO, new_figure

ANY_MIXTURE = "tout mélange"
STRENGTH_ORDER = ("rcp", "reglementaire", "consensus", "avis_de_praticien")
STRENGTH_LETTER = {"rcp": "rcp", "reglementaire": "régl.", "consensus": "soc.", "avis_de_praticien": "prat."}


class ContraindicationLike(Protocol):
    id: str
    kind: str
    strength: str
    product_ids: list[str]
    triggers: list[str]


class QuestionLike(Protocol):
    id: str
    label: str


@dataclass(frozen=True)
class Cell:
    kind: str  # « absolue » or « relative »
    strength: str
    records: tuple[str, ...]


def screening_matrix(contraindications: Iterable[ContraindicationLike]) -> dict[tuple[str, str], Cell]:
    """(product id or ``ANY_MIXTURE``, question id) -> the strongest kind that answer sets off for that product.

    « absolue » outranks « relative »; between records of the same kind, the strongest origin (RCP first) is kept.
    Records without triggers (they apply whenever their product is planned) are not questions and are left out.
    """
    cells: dict[tuple[str, str], Cell] = {}
    for ci in contraindications:
        if ci.kind not in ("absolue", "relative") or ci.strength not in STRENGTH_ORDER:
            raise InputError(f"Contre-indication « {ci.id} » : type ou origine inconnus.")
        for product in (ci.product_ids or [ANY_MIXTURE]):
            for q in ci.triggers:
                key = (product, q)
                new = (ci.kind == "absolue", -STRENGTH_ORDER.index(ci.strength))
                old = cells.get(key)
                if old is None or new > (old.kind == "absolue", -STRENGTH_ORDER.index(old.strength)):
                    records = (old.records if old else ()) + (ci.id,)
                    cells[key] = Cell(ci.kind, ci.strength, records)
                else:
                    cells[key] = Cell(old.kind, old.strength, old.records + (ci.id,))
    return cells


def screening_matrix_figure(contraindications: Sequence[ContraindicationLike], questions: Sequence[QuestionLike],
                            product_names: dict[str, str]) -> Figure:
    """The matrix drawn: questions down (in the order of ``screening.yml``), products across."""
    cells = screening_matrix(contraindications)
    if not cells:
        raise InputError("Aucune contre-indication ne nomme de question du dépistage.")
    used_q = {q for _, q in cells}
    cols = [q for q in questions if q.id in used_q]
    unknown = used_q - {q.id for q in cols}
    if unknown:
        raise InputError(f"Questions absentes du dépistage : {', '.join(sorted(unknown))}.")
    products = sorted({p for p, _ in cells if p != ANY_MIXTURE}, key=lambda p: product_names.get(p, p))
    rows = products + ([ANY_MIXTURE] if any(p == ANY_MIXTURE for p, _ in cells) else [])

    # questions down (full labels, read left to right), products across (short names): 10 pt text at least
    n_q, n_p = len(cols), len(rows)
    width, height = 5.2 + 0.72 * n_p, 3.4 + 0.36 * n_q
    fig = new_figure(width=width, height=height)
    left = 4.9 / width
    ax = fig.add_axes([left, 0.95 / height, 0.93 - left, 1 - 3.0 / height])
    for x, p in enumerate(rows):
        for y, q in enumerate(cols):
            cell = cells.get((p, q.id))
            if cell is None:
                continue
            absolute = cell.kind == "absolue"
            ax.scatter([x], [y], marker="s", s=300, facecolor=OKABE_ITO["vermillon"] if absolute else "white",
                       edgecolor=OKABE_ITO["vermillon"] if absolute else OKABE_ITO["bleu"], linewidth=1.8, zorder=3)
            ax.text(x, y, "A" if absolute else "R", ha="center", va="center", fontsize=10, zorder=4,
                    color="white" if absolute else OKABE_ITO["bleu"], fontweight="bold")
            ax.text(x + 0.24, y, STRENGTH_LETTER[cell.strength], ha="left", va="center", fontsize=8,
                    color="#333333")
    ax.set_ylim(n_q - 0.5, -0.5)
    ax.set_xlim(-0.6, n_p - 0.2)
    ax.set_yticks(range(n_q))
    ax.set_yticklabels([_short(q.label, 60) for q in cols], fontsize=10)
    ax.set_xticks(range(n_p))
    ax.xaxis.tick_top()
    ax.set_xticklabels([_short(product_names.get(p, p), 22) if p != ANY_MIXTURE else "Tout mélange"
                        for p in rows], rotation=40, ha="left", fontsize=10)
    ax.set_axisbelow(True)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    fig.suptitle("Quelle réponse « oui » au dépistage touche quel produit", fontsize=12, x=0.01, ha="left")
    fig.text(0.01, 0.012, "A (carré plein)\u00a0: contre-indication absolue\u00a0; R (carré vide)\u00a0: relative. "
             "À droite du carré, l’origine de la règle la plus forte\u00a0:\nrcp = RCP du produit, régl. = autorité "
             "ou texte, soc. = société savante, prat. = liste de praticiens. « Tout mélange »\u00a0: la situation du "
             "patient, quel que soit le produit.", fontsize=9)
    return fig


def _short(label: str, width: int = 38) -> str:
    head = label.split("(")[0].split("\u00a0:")[0].strip()
    return head if len(head) <= width else head[: width - 1].rstrip() + "…"
