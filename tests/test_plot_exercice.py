"""The « Qui peut injecter ? » tree: every article it prints comes from the data, boxes do not overlap."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mesocours.data import load_collection
from mesocours.numbers import InputError
from mesocours.plots.exercice import (
    Node,
    layout,
    node_label,
    qui_peut_pratiquer_figure,
    qui_peut_pratiquer_tree,
    referenced_ids,
    short_reference,
    tree_figure,
    walk,
)


@pytest.fixture(scope="module")
def references():
    return {t.id: t.reference for t in load_collection("legal_texts")}


def test_every_text_the_tree_cites_is_a_legal_record(references):
    ids = referenced_ids(qui_peut_pratiquer_tree())
    assert ids <= set(references), sorted(ids - set(references))
    # the chapter's key texts are on the tree
    assert {"csp_l4161_1", "csp_l4161_5", "csp_r4127_70", "csp_r4311_7", "cass_crim_2023", "decret_2024_490",
            "arrete_1962"} <= ids


def test_labels_print_the_reference_read_from_the_data(references):
    root = qui_peut_pratiquer_tree()
    label = node_label(root, references)
    assert short_reference(references["csp_l4161_1"]) in label.replace("\n  ", " ")
    # an answer is marked by its text as well as by its frame
    leaves = [n for n in walk(root) if n.is_leaf]
    assert all(node_label(n, references).startswith("→ ") for n in leaves)
    assert all(not node_label(n, references).startswith("→") for n in walk(root) if not n.is_leaf)


def test_short_reference_drops_the_parenthesis():
    assert short_reference("Art. R.4127-70 CSP (art. 70 du code de déontologie)") == "Art. R.4127-70 CSP"
    assert short_reference("Cass. crim., 31 janvier 2023, n° 22-83.399") == "Cass. crim., 31 janvier 2023, n° 22-83.399"


def test_an_unknown_text_is_a_french_error_not_a_key_error():
    with pytest.raises(InputError, match="inconnu"):
        node_label(Node("Question ?", ("texte_fantome",)), {})


def test_layout_centres_parents_over_their_children():
    a, b, c = Node("a"), Node("b"), Node("c")
    root = Node("r ?", (), (("1", a), ("2", Node("q ?", (), (("x", b), ("y", c))))))
    pos = layout(root)
    assert pos[id(a)] == (0.0, 1) and pos[id(b)] == (1.0, 2) and pos[id(c)] == (2.0, 2)
    assert pos[id(root)][0] == pytest.approx((0.0 + 1.5) / 2)


def test_the_figure_has_one_box_per_node_and_no_two_boxes_overlap():
    fig = qui_peut_pratiquer_figure()
    assert isinstance(fig, Figure)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    n_nodes = len(walk(qui_peut_pratiquer_tree()))
    boxes = [t for t in fig.axes[0].texts if t.get_bbox_patch() is not None and t.get_bbox_patch().get_edgecolor()[3] > 0]
    assert len(boxes) == n_nodes
    extents = [b.get_bbox_patch().get_window_extent(renderer) for b in boxes]
    for i, e in enumerate(extents):
        for f in extents[i + 1:]:
            assert not e.overlaps(f), (e, f)


def test_a_small_tree_draws_too(references):
    root = Node("Le geste ?", ("csp_l4161_1",), (("oui", Node("fin")), ("non", Node("autre"))))
    fig = tree_figure(root, references)
    assert len(fig.axes[0].lines) == 2
