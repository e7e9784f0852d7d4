"""The off-label decision chain: every question and outcome is drawn, outcomes are told apart by more than colour."""

from __future__ import annotations

import io

import pytest

from mesocours.numbers import InputError
from mesocours.plots.decision_tree import (KINDS, OFFLABEL_FINAL, OFFLABEL_STEPS, Step, chain_figure,
                                           offlabel_tree, outcome_label)


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_the_offlabel_chain_asks_the_two_legal_conditions_in_order():
    questions = [s.question for s in OFFLABEL_STEPS]
    alternative = next(i for i, q in enumerate(questions) if "alternative médicamenteuse appropriée" in q)
    indispensable = next(i for i, q in enumerate(questions) if "données acquises de la science" in q)
    assert alternative < indispensable
    # a product without an AMM leaves the chain first: it is another regime, not « hors AMM »
    assert OFFLABEL_STEPS[0].kind == "autre_regime" and OFFLABEL_STEPS[0].exit_on == "Non"
    assert "« Prescription hors autorisation de mise sur le marché »" in OFFLABEL_FINAL[0]
    assert "L.162-4 CSS" in OFFLABEL_FINAL[0]


def test_every_question_and_outcome_is_in_the_figure_with_its_written_kind():
    fig = offlabel_tree()
    joined = "\n".join(_texts(fig)).replace("\n", " ")
    for s in OFFLABEL_STEPS:
        assert s.question.split()[1] in joined
        assert KINDS[s.kind][0] in joined  # the kind is written, not only coloured
    assert joined.count("Oui") + joined.count("Non") >= 2 * len(OFFLABEL_STEPS)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue()[:4] == b"\x89PNG"


def test_outcome_kinds_differ_by_prefix_and_border_as_well_as_fill():
    prefixes = {v[0] for v in KINDS.values()}
    assert len(prefixes) == len(KINDS)
    assert outcome_label("Texte", "arret").startswith("ARRÊT\n")


@pytest.mark.parametrize("steps, final, message", [
    ([], ("x", "possible"), "au moins une question"),
    ([Step("Q ?", "Peut-être", "x", "arret")], ("x", "possible"), "Oui"),
    ([Step("Q ?", "Oui", "x", "inconnu")], ("x", "possible"), "inconnu"),
    ([Step("Q ?", "Oui", "x", "arret")], ("x", "bizarre"), "inconnu"),
])
def test_bad_chains_raise_a_french_error(steps, final, message):
    with pytest.raises(InputError, match=message):
        chain_figure(steps, final)
