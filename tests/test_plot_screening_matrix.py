"""The screening matrix is drawn from the contraindication records: each cell is one an answer sets off."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from mesocours.data import load_collection
from mesocours.numbers import InputError
from mesocours.plots.screening_matrix import ANY_MIXTURE, screening_matrix, screening_matrix_figure


@pytest.fixture(scope="module")
def cis():
    return load_collection("contraindications")


def test_cells_come_from_the_records(cis):
    cells = screening_matrix(cis)
    # acute porphyria touches étamsylate (French labels: relative) and nothing else in the data
    porph = {p: c for (p, q), c in cells.items() if q == "porphyrie"}
    assert set(porph) == {"etamsylate"} and porph["etamsylate"].kind == "relative"
    # pregnancy: ketoprofen absolute (from 24 weeks, RCP) outranks its relative record before that term
    keto = cells[("ketoprofene", "grossesse")]
    assert keto.kind == "absolue" and keto.strength == "rcp"
    assert {"ketoprofene_grossesse", "ains_grossesse_avant_24sa"} <= set(keto.records)
    # a record with no product applies to any mixture
    assert cells[("corticoides", "sport_competition")].strength == "reglementaire"
    assert cells[(ANY_MIXTURE, "infection_locale")].strength == "avis_de_praticien"


def test_every_trigger_of_every_record_has_a_cell(cis):
    cells = screening_matrix(cis)
    for ci in cis:
        for p in ci.product_ids or [ANY_MIXTURE]:
            for q in ci.triggers:
                assert ci.id in cells[(p, q)].records


def test_absolute_outranks_relative_whatever_the_order():
    a = SimpleNamespace(id="a", kind="relative", strength="rcp", product_ids=["x"], triggers=["q"])
    b = SimpleNamespace(id="b", kind="absolue", strength="avis_de_praticien", product_ids=["x"], triggers=["q"])
    for order in ([a, b], [b, a]):
        cell = screening_matrix(order)[("x", "q")]
        assert cell.kind == "absolue" and set(cell.records) == {"a", "b"}


def test_figure_is_french_and_does_not_rest_on_colour(cis):
    questions = load_collection("screening")
    names = {p.id: p.name for p in load_collection("products")}
    fig = screening_matrix_figure(cis, questions, names)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    marks = {t.get_text() for t in ax.texts}
    assert {"A", "R", "rcp"} <= marks
    assert "Étamsylate" in [t.get_text() for t in ax.get_xticklabels()]
    assert any("Porphyrie" in t.get_text() for t in ax.get_yticklabels())
    texts = [t for t in ax.texts] + ax.get_xticklabels() + ax.get_yticklabels()
    assert min(t.get_fontsize() for t in texts) >= 8  # readable on the page


def test_no_record_is_a_french_error():
    with pytest.raises(InputError):
        screening_matrix_figure([], [], {})
