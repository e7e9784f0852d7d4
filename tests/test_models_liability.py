"""Who pays after a complication, and the three liability paths (chapter « Information, consentement, responsabilité »)."""

import itertools

import matplotlib

matplotlib.use("Agg")

import pytest

from mesocours.models.liability import PATHS, who_pays
from mesocours.plots.liability import EXCLUDED, liability_figure


def test_a_proven_fault_is_paid_by_the_physicians_insurer_whatever_the_purpose():
    for aesthetic in (True, False):
        answer = who_pays(aesthetic=aesthetic, fault=True)
        assert "assureur" in answer.payers[0]
        assert answer.texts == ("L.1142-1 I", "L.1142-2") and not answer.oniam


def test_no_national_solidarity_for_an_aesthetic_act_without_fault():
    answer = who_pays(aesthetic=True, fault=False)
    assert answer.texts == ("L.1142-3-1",) and not answer.oniam
    assert "personne" in answer.payers[0] and "CCI" in answer.payers[0]


def test_an_act_of_care_without_fault_may_be_paid_by_the_oniam():
    answer = who_pays(aesthetic=False, fault=False)
    assert answer.oniam and answer.texts == ("L.1142-1 II",)


def test_a_defective_product_points_to_its_producer_and_adds_to_a_fault():
    alone = who_pays(aesthetic=True, fault=False, product_defect=True)
    assert "producteur" in alone.payers[0] and not alone.oniam
    both = who_pays(aesthetic=True, fault=True, product_defect=True)
    assert len(both.payers) == 2 and both.texts == ("L.1142-1 I", "L.1142-2")


@pytest.mark.parametrize("aesthetic, fault, defect", list(itertools.product([True, False], repeat=3)))
def test_the_oniam_steps_in_only_for_an_act_of_care_without_fault_nor_defect(aesthetic, fault, defect):
    answer = who_pays(aesthetic=aesthetic, fault=fault, product_defect=defect)
    assert answer.oniam == (not aesthetic and not fault and not defect)
    assert answer.payers and answer.texts


def test_three_paths_each_name_their_texts():
    assert [p.key for p in PATHS] == ["civile", "penale", "disciplinaire"]
    joined = {p.key: " ".join(p.steps) for p in PATHS}
    assert "L.1142-1" in joined["civile"] and "L.1142-2" in joined["civile"]
    assert "222-19" in joined["penale"] and "121-3" in joined["penale"]
    assert "L.4124-6" in joined["disciplinaire"] and "R.4127-35" not in joined["disciplinaire"]  # short form -35


def _texts(fig):
    return " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)


def test_the_figure_shows_the_three_paths_and_hatches_the_missing_oniam_for_an_aesthetic_act():
    fig = liability_figure(aesthetic=True)
    text = _texts(fig)
    for path in PATHS:
        assert path.title in text
    assert EXCLUDED in text and "acte à visée esthétique" in text
    assert any(p.get_hatch() == "///" for p in fig.axes[0].patches)


def test_the_figure_of_an_act_of_care_has_no_hatched_box():
    fig = liability_figure(aesthetic=False)
    assert EXCLUDED not in _texts(fig)
    assert not any(p.get_hatch() for p in fig.axes[0].patches)



def test_the_answer_reads_as_one_french_sentence_with_its_articles():
    text = who_pays(aesthetic=True, fault=False).sentence()
    assert text.startswith("Qui indemnise\u00a0? Personne") and "L.1142-3-1" in text and text.endswith(".")
