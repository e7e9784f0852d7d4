"""A decision chain drawn as a tree: questions down the left, each with one exit to an outcome on the right.

``chain_figure(steps, final)`` draws a column of questions; each ``Step`` sends one answer
(« Oui » or « Non ») to an outcome box on the right and the other answer down to the next question;
the last question's continuing answer leads to ``final``.  Outcomes differ by their kind
(``KINDS``): a fill colour *and* a written prefix (« ARRÊT », « AUTRE RÉGIME »…) and a border style,
so that colour never carries the meaning alone.

``offlabel_tree()`` is the chain the chapter « Prescrire hors AMM » teaches, with the article
behind each question (L.5121-12-1 and L.5121-12-1-2 CSP, L.162-4 CSS); the wording is the course's
summary of those texts, whose records live in ``data/legal_texts.yml``.

Pure drawing: no ipywidgets, no IPython. Tested in ``tests/test_plot_decision_tree.py``.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from mesocours.numbers import InputError

Kind = Literal["arret", "autre_regime", "conforme", "possible"]

# kind -> (prefix written in the box, fill colour, border line style)
KINDS: dict[str, tuple[str, str, str]] = {
    "arret": ("ARRÊT", "#F6D5C0", "-"),          # vermillon, light
    "autre_regime": ("AUTRE RÉGIME", "#D9D9D9", ":"),
    "conforme": ("CONFORME", "#CFE3F2", "--"),   # blue, light
    "possible": ("POSSIBLE, SOUS CONDITIONS", "#CDEBDD", "-"),  # green, light
}
QUESTION_FILL = "#FFFFFF"
ANSWERS = ("Oui", "Non")


@dataclass(frozen=True)
class Step:
    """One question; ``exit_on`` is the answer that leaves the chain towards ``outcome``."""

    question: str
    exit_on: str
    outcome: str
    kind: Kind


def _check(steps: list[Step], final: tuple[str, str]) -> None:
    if not steps:
        raise InputError("L’arbre de décision doit contenir au moins une question.")
    for s in steps:
        if s.exit_on not in ANSWERS:
            raise InputError(f"Réponse de sortie « {s.exit_on} » inconnue : écrivez « Oui » ou « Non ».")
        if s.kind not in KINDS:
            raise InputError(f"Type d’issue « {s.kind} » inconnu.")
        if not s.question.strip() or not s.outcome.strip():
            raise InputError("Chaque question et chaque issue doivent avoir un texte.")
    if final[1] not in KINDS:
        raise InputError(f"Type d’issue « {final[1]} » inconnu.")


def outcome_label(text: str, kind: str, width: int = 38) -> str:
    """The box text of an outcome: its written prefix, then the wrapped text."""
    prefix = KINDS[kind][0]
    return prefix + "\n" + "\n".join(textwrap.wrap(text, width))


def chain_figure(steps: list[Step], final: tuple[str, str], title: str = "") -> Figure:
    """Draw the chain; returns a matplotlib ``Figure`` (not registered in pyplot)."""
    _check(steps, final)
    n = len(steps)
    row_h = 1.55
    top, bottom = 0.75, -n * row_h - 0.75
    height = top - bottom
    fig = Figure(figsize=(10.5, 0.95 * height + (0.5 if title else 0.1)), dpi=100)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.93 if title else 0.98))
    ax.set_xlim(0, 10)
    ax.set_ylim(bottom, top)
    ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=12, fontweight="bold", y=0.985)

    qx, qw = 0.1, 4.6      # question column
    ox, ow = 5.7, 4.2      # outcome column
    box_h = 1.05

    def box(x, y, w, text, fill, ls="-", lw=1.2, fontsize=8.6, weight="normal"):
        ax.add_patch(FancyBboxPatch((x, y - box_h / 2), w, box_h, boxstyle="round,pad=0.04,rounding_size=0.12",
                                    facecolor=fill, edgecolor="#222222", linestyle=ls, linewidth=lw))
        ax.text(x + w / 2, y, text, ha="center", va="center", fontsize=fontsize, fontweight=weight,
                color="#111111", linespacing=1.15)

    def arrow(x0, y0, x1, y1, label, lx, ly):
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": "#222222", "lw": 1.1, "shrinkA": 0, "shrinkB": 0})
        ax.text(lx, ly, label, fontsize=8.6, fontweight="bold", color="#111111",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})

    for i, s in enumerate(steps):
        y = -i * row_h
        box(qx, y, qw, f"{i + 1}. " + "\n".join(textwrap.wrap(s.question, 50)), QUESTION_FILL, lw=1.4)
        prefix, fill, ls = KINDS[s.kind]
        box(ox, y, ow, outcome_label(s.outcome, s.kind), fill, ls=ls, lw=1.6)
        arrow(qx + qw, y, ox, y, s.exit_on, (qx + qw + ox) / 2 - 0.2, y + 0.12)
        other = ANSWERS[1] if s.exit_on == ANSWERS[0] else ANSWERS[0]
        y_next = y - row_h
        arrow(qx + qw / 2, y - box_h / 2, qx + qw / 2, y_next + box_h / 2, other, qx + qw / 2 + 0.1,
              (y - box_h / 2 + y_next + box_h / 2) / 2 - 0.1)
    text, kind = final
    prefix, fill, ls = KINDS[kind]
    box(qx, -n * row_h, qw + 0.6, outcome_label(text, kind, width=60), fill, ls=ls, lw=1.8, weight="normal")
    return fig


OFFLABEL_STEPS = [
    Step("Le produit est-il un médicament qui a une AMM en France (et n’est ni suspendu ni interdit) ?", "Non",
         "Pas de « hors AMM » : dispositif médical (destination du fabricant, matériovigilance), produit sans AMM "
         "ou produit interdit (ne pas injecter).", "autre_regime"),
    Step("La voie, l’indication et le mode d’emploi prévus (mélange compris) sont-ils ceux du RCP ?", "Oui",
         "Prescription conforme à l’AMM.", "conforme"),
    Step("Une autorisation ou un cadre de prescription compassionnelle (ANSM, L.5121-12-1) couvre-t-il cet usage ?",
         "Oui", "Suivre ce cadre et ses conditions (accès compassionnel).", "conforme"),
    Step("Existe-t-il une alternative médicamenteuse appropriée qui a une AMM ou un accès précoce ?", "Oui",
         "Pas de prescription hors AMM : l’alternative autorisée passe d’abord (L.5121-12-1-2).", "arret"),
    Step("La prescription est-elle jugée indispensable, au regard des données acquises de la science, pour "
         "améliorer ou stabiliser l’état du patient ?", "Non", "Ne pas prescrire hors AMM (L.5121-12-1-2).", "arret"),
]
OFFLABEL_FINAL = ("Prescription hors AMM permise (L.5121-12-1-2) : informer le patient, écrire « Prescription hors "
                  "autorisation de mise sur le marché », motiver au dossier, signaler le non-remboursement "
                  "(L.162-4 CSS).", "possible")


def offlabel_tree() -> Figure:
    """The off-label decision chain of the chapter « Prescrire hors AMM »."""
    return chain_figure(OFFLABEL_STEPS, OFFLABEL_FINAL, title="Peut-on prescrire ce médicament hors AMM ?")
