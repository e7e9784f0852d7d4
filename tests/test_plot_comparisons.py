"""The comparison figure: drawn from the records, gaps said in words, weak numbers tagged, French throughout."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from mesocours.data import load_collection
from mesocours.numbers import InputError
from mesocours.plots.comparisons import NO_PRODUCT, NOT_GIVEN, WEAK, comparison_figure, comparison_rows


@pytest.fixture(scope="module")
def records():
    return load_collection("injection_comparisons")


def test_rows_follow_the_records(records):
    rows = comparison_rows(records)
    assert [r.label for r in rows] == [r.label for r in records]
    by_label = {r.label: r for r in rows}
    for rec in records:
        row = by_label[rec.label]
        if rec.volume_per_point_ml is not None:
            assert row.volume == (rec.volume_per_point_ml.min, rec.volume_per_point_ml.max)
        elif not rec.product_injected:
            assert row.volume_tag == NO_PRODUCT
        else:
            assert row.volume_tag == NOT_GIVEN


def test_no_number_without_a_record_number(records):
    for rec, row in zip(records, comparison_rows(records)):
        assert (row.depth is None) == (rec.depth_mm is None)


def test_figure_says_gaps_and_weak_sources_in_text(records):
    fig = comparison_figure(records)
    FigureCanvasAgg(fig).draw()
    ax_d, ax_v = fig.axes
    texts = [t.get_text() for ax in (ax_d, ax_v) for t in ax.texts]
    assert any(NO_PRODUCT in t for t in texts)
    assert any(NOT_GIVEN in t for t in texts)
    weak = [r for r in records if r.reliability == "faible" and r.volume_per_point_ml is not None]
    assert sum(WEAK in t for t in texts) == len(weak) >= 1
    assert any("longueur d’aiguille" in t for t in texts)
    assert [t.get_text() for t in ax_d.get_yticklabels()] == [r.label for r in records]
    assert "mm" in ax_d.get_xlabel() and "mL" in ax_v.get_xlabel()
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "longueur d’aiguille" in legend and any("faible" in t for t in legend)
    # decimal comma on the volume axis
    assert "0,01" in [t.get_text() for t in ax_v.get_xticklabels()]


def test_empty_list_raises_french_error():
    with pytest.raises(InputError, match="vide"):
        comparison_rows([])
