"""« Qui peut injecter ? » : the decision tree of the chapter « Qui peut pratiquer la mésothérapie ».

The tree is content (our reading of the texts, labelled as such in the chapter). Each node names the
legal records it rests on by their ids; the figure prints their ``reference`` as read from
``data/legal_texts.yml``, so that no article number is retyped here.

Questions and answers differ by their text (a question ends with « ? », an answer starts with « → »),
by their frame (plain for a question, dashed for an answer) and by their fill: never by colour alone.

The helpers are pure and tested in ``tests/test_plot_exercice.py``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib.figure import Figure

from mesocours.numbers import InputError

QUESTION_FILL = "#e8f0f8"
ANSWER_FILL = "#f4f4f4"
EDGE_COLOR = "#1f4e79"


@dataclass(frozen=True)
class Node:
    """A question (with children) or an answer (a leaf); ``texts`` are ids of legal records."""

    text: str
    texts: tuple[str, ...] = ()
    children: tuple[tuple[str, Node], ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents before children (depth first, children in order)."""
    out = [node]
    for _, child in node.children:
        out.extend(walk(child))
    return out


def referenced_ids(root: Node) -> set[str]:
    """The ids of every legal record the tree cites."""
    return {i for n in walk(root) for i in n.texts}


def layout(root: Node) -> dict[int, tuple[float, int]]:
    """Position of each node, keyed by ``id(node)``: leaves at 0, 1, 2… from left to right, each
    parent centred above its children; the second value is the depth (root = 0)."""
    pos: dict[int, tuple[float, int]] = {}
    next_leaf = [0]

    def place(node: Node, depth: int) -> float:
        if node.is_leaf:
            x = float(next_leaf[0])
            next_leaf[0] += 1
        else:
            xs = [place(child, depth + 1) for _, child in node.children]
            x = (xs[0] + xs[-1]) / 2
        pos[id(node)] = (x, depth)
        return x

    place(root, 0)
    return pos


def short_reference(reference: str) -> str:
    """« Art. R.4127-70 CSP (art. 70 du code de déontologie) » -> « Art. R.4127-70 CSP »."""
    return re.sub(r"\s*\([^)]*\)", "", reference).strip()


def node_label(node: Node, references: Mapping[str, str], wrap: int = 24) -> str:
    """The text of a box: the node's text, then the references it rests on, each wrapped."""
    missing = [i for i in node.texts if i not in references]
    if missing:
        raise InputError("Texte juridique inconnu dans l’arbre de décision : " + ", ".join(missing) + ".")
    head = node.text if not node.is_leaf else "→ " + node.text
    lines = textwrap.wrap(head, wrap, break_on_hyphens=False)
    for i in node.texts:
        lines += textwrap.wrap(short_reference(references[i]), wrap, initial_indent="· ", subsequent_indent="  ",
                               break_on_hyphens=False)
    return "\n".join(lines)


def tree_figure(root: Node, references: Mapping[str, str], *, wrap: int = 19,
                width_in: float | None = None, fontsize: float = 12) -> Figure:
    """Draw the tree from top to bottom: boxes for nodes, labelled lines for branches.

    The figure is about 13 in wide and shown at the page's text width (about half that): text of 12 pt
    reads at about 6 pt on screen, the smallest a reader can read without zooming.
    """
    pos = layout(root)
    nodes = walk(root)
    n_leaves = sum(1 for n in nodes if n.is_leaf)
    depth = max(d for _, d in pos.values())
    width = width_in or max(6.0, 2.15 * n_leaves)
    fig = Figure(figsize=(width, 2.9 * (depth + 1)), dpi=100)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
    ax.set_xlim(-0.55, n_leaves - 0.45)
    ax.set_ylim(-depth - 0.62, 0.55)
    ax.axis("off")
    for node in nodes:
        x0, d0 = pos[id(node)]
        for label, child in node.children:
            x1, d1 = pos[id(child)]
            ax.plot([x0, x1], [-d0, -d1], color=EDGE_COLOR, lw=1.0, zorder=1)
            ax.text(x0 + 0.42 * (x1 - x0), -d0 - 0.42 * (d1 - d0), label, ha="center", va="center",
                    fontsize=fontsize - 1, style="italic", zorder=3,
                    bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none"))
    for node in nodes:
        x, d = pos[id(node)]
        leaf = node.is_leaf
        ax.text(x, -d, node_label(node, references, wrap), ha="center", va="center", fontsize=fontsize, zorder=2,
                linespacing=1.15,
                bbox=dict(boxstyle="round,pad=0.4" if leaf else "square,pad=0.4",
                          facecolor=ANSWER_FILL if leaf else QUESTION_FILL, edgecolor=EDGE_COLOR,
                          linestyle="--" if leaf else "-", linewidth=1.0))
    return fig


def qui_peut_pratiquer_tree() -> Node:
    """The chapter's tree: who may inject a product through the skin, and under which text."""
    medecin = Node(
        "Le geste relève-t-il de ses connaissances, de son expérience et de ses moyens ?",
        ("csp_r4127_70",),
        (
            ("oui", Node("Peut pratiquer ; informer, prescrire hors AMM et respecter les interdits (chapitres suivants)")),
            ("non", Node("Ne doit ni entreprendre ni poursuivre ces soins", ("csp_r4127_70",))),
        ),
    )
    infirmier = Node(
        "Prescription médicale écrite, ou protocole écrit signé par un médecin ?",
        ("csp_r4311_7",),
        (
            ("oui", Node("Injection dans ses attributions ; diagnostic, indication et prescription restent médicaux",
                         ("csp_r4311_7",))),
            ("non", Node("Sort de ses attributions : exercice illégal", ("csp_l4161_1",))),
        ),
    )
    autre = Node(
        "Exercice illégal, même en présence d’un médecin ; acide hyaluronique injectable non fourni ; "
        "qui le forme ou l’équipe peut être complice",
        ("csp_l4161_5", "decret_2024_490", "cass_crim_2023"),
    )
    qui = Node("Qui injecte ?", (), (("médecin inscrit", medecin), ("infirmier", infirmier),
                                     ("autre non-médecin", autre)))
    return Node(
        "Le geste traverse-t-il la peau pour injecter un produit, même dans un but esthétique ?",
        ("csp_l4161_1",),
        (
            ("oui", qui),
            ("non", Node("Autre cadre : liste des actes réservés, règles des actes esthétiques",
                         ("arrete_1962", "csp_l1151_2"))),
        ),
    )


def qui_peut_pratiquer_figure() -> Figure:
    """The tree drawn with the references of ``data/legal_texts.yml``."""
    from mesocours.data import load_collection

    references = {t.id: t.reference for t in load_collection("legal_texts")}
    return tree_figure(qui_peut_pratiquer_tree(), references)
