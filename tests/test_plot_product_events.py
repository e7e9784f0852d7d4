"""The figure of the products' regulatory events (mesocours.plots.product_events)."""

from __future__ import annotations

import pytest

from mesocours.data import RegulatoryEvent, load_collection
from mesocours.numbers import InputError
from mesocours.plots.product_events import CHANGE_STYLE, event_rows, product_events_figure


def test_every_change_has_a_distinct_marker_and_label():
    changes = RegulatoryEvent.model_fields["change"].annotation.__args__
    assert set(CHANGE_STYLE) == set(changes)
    assert len({m for _, m, _ in CHANGE_STYLE.values()}) == len(CHANGE_STYLE)
    assert len({lab for lab, _, _ in CHANGE_STYLE.values()}) == len(CHANGE_STYLE)


def test_rows_follow_the_first_event_and_skip_products_without_events():
    rows = event_rows(load_collection("products"))
    names = [n for n, _ in rows]
    assert "Procaïne (chlorhydrate)" not in names
    firsts = [evs[0][0] for _, evs in rows]
    assert firsts == sorted(firsts)
    assert names[0].startswith("Calcitonine")  # 2004


def test_the_figure_has_one_row_per_product_and_a_legend():
    products = load_collection("products")
    fig = product_events_figure(products)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [n for n, _ in event_rows(products)]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "suspension" in legend and "mise en garde" in legend


def test_no_event_is_a_french_message():
    with pytest.raises(InputError, match="Aucun événement"):
        product_events_figure([p for p in load_collection("products") if not p.regulatory_events])
