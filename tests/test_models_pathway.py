"""Parcours par indication: the model gathers one indication's records (no fact of its own), the figure and the
book's table say the same thing, and the widget's summary counts what the data holds."""

from __future__ import annotations

import pytest

from mesocours.data import course
from mesocours.models.evidence_map import evidence_map
from mesocours.models.pathway import indication_choices, pathway
from mesocours.numbers import InputError
from mesocours.plots.pathway import SHAM, pathway_alt, pathway_figure
from mesocours.sphinxext import render
from mesocours.widgets.pathway import CarePathway, summary

DATA = course()
IDS = [i.id for i in DATA.indications]


def test_every_indication_is_a_choice_taught_ones_first_in_chapter_order():
    choices = indication_choices()
    assert sorted(i for _l, i in choices) == sorted(IDS)
    number = {c.id: c.number for c in DATA.chapters if c.part == "indications"}
    by_id = {i.id: i for i in DATA.indications}
    taught = [by_id[i].chapter in number for _l, i in choices]
    assert taught == sorted(taught, reverse=True)  # every taught indication before every other
    ranks = [number[by_id[i].chapter] for _l, i in choices if by_id[i].chapter in number]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("iid", IDS)
def test_pathway_is_the_data_of_its_indication(iid):
    ind = next(i for i in DATA.indications if i.id == iid)
    p = pathway(iid)
    assert (p.label, p.red_flags, p.first_line, p.described) == (ind.label, tuple(ind.red_flags),
                                                                 tuple(ind.first_line), tuple(ind.described))
    row = next(r for r in evidence_map().rows if r.indication == ind.label)
    assert p.evidence == row  # the same studies, gap and points as the evidence map's row


def test_unknown_indication_is_a_french_message():
    with pytest.raises(InputError, match="Indication inconnue"):
        pathway("pas-une-indication")


@pytest.mark.parametrize("iid", IDS)
def test_alt_text_names_every_study_and_its_sham_control(iid):
    p = pathway(iid)
    alt = pathway_alt(p)
    if not p.evidence.points:
        assert "aucune étude" in alt
    items = alt.split("\u00a0; ")
    assert len(items) == max(1, len(p.evidence.points))  # French typography: a non-breaking space before « ; »
    for pt, item in zip(p.evidence.points, items):
        assert pt.label in item
        assert item.count("procédure fictive") == 1, item  # said once, by the design's words or on its own


def test_figure_has_one_bar_per_study_hatched_without_sham():
    p = pathway("arthrose")
    fig = pathway_figure(p)
    bars = [b for b in fig.axes[0].patches]
    assert len(bars) == len(p.evidence.points) > 0
    for bar, pt in zip(bars, p.evidence.points):
        assert (bar.get_hatch() or None) == SHAM[pt.sham][1]  # never colour alone: the hatch says the sham control
        assert bar.get_width() == (pt.n or 0)


def test_an_indication_without_study_says_so_in_its_figure():
    empty = [i for i in IDS if not pathway(i).evidence.points]
    assert empty, "the data hold indications without any study (the gap the figure must show)"
    fig = pathway_figure(pathway(empty[0]))
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "n’a été relevée" in texts


@pytest.mark.parametrize("iid", IDS)
def test_book_table_prints_every_red_flag_care_and_described_product(iid):
    ind = next(i for i in DATA.indications if i.id == iid)
    rst = render.render_parcours(DATA, iid)
    for r in ind.red_flags:
        assert render.rst_text(r.sign) in rst
    for f in ind.first_line:
        assert render.rst_text(f.care) in rst
    for pid in {pid for d in ind.described for pid in d.product_ids}:
        assert render.rst_text(next(x.name for x in DATA.products if x.id == pid)) in rst
    assert render.rst_text(ind.evidence_summary) in rst
    without = render.render_parcours(DATA, iid, studies=False)
    assert "Les études" not in without


def test_book_table_rejects_an_unknown_indication():
    with pytest.raises(render.UnknownRecord, match="indication inconnue"):
        render.render_parcours(DATA, "nulle-part")


def test_widget_summary_counts_the_data_with_french_agreement():
    w = CarePathway(indication="arthrose")
    p = pathway("arthrose")
    assert w.message.value == ""
    assert f"{len(p.evidence.points)} études" in w.result.value
    w.indication.value = next(i for i in IDS if not pathway(i).evidence.points)
    assert "0 étude qui teste" in w.result.value  # French: zero takes the singular
    assert "Signes d’alerte" in w.caption.value and "Prise en charge de première intention" in w.caption.value
    assert summary(pathway("arthrose")).count("<strong>") == 1
