"""The dilution trainer as a learner uses it: answer, « Vérifier », « Voir le calcul », « Nouvel exercice »."""

from __future__ import annotations

import html
import re

from mesocours.models.dilution_exercises import generate
from mesocours.numbers import fr
from mesocours.widgets.dilution import DilutionTrainer, dilution_scenario, exercice_resolu


def text(h: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", h))


def test_statement_seed_and_sources_shown():
    w = DilutionTrainer(kind="part_maximum", seed="7")
    ex = generate("part_maximum", 7)
    assert w.message.value == ""
    assert "n° 7" in text(w.statement.value) and ex.presentation in text(w.statement.value)
    assert "Sources des chiffres" in text(w.caption.value)
    assert "Saisissez votre réponse" in text(w.result.value)


def test_right_and_wrong_answers():
    w = DilutionTrainer(kind="dilution", seed="3")
    ex = generate("dilution", 3)
    w.answer.value = fr(ex.answer, 4)
    assert text(w.result.value).startswith("✅")
    w.answer.value = fr(ex.answer * 10, 4)
    shown = text(w.result.value)
    assert shown.startswith("❌") and "10 fois trop grande" in shown
    w.answer.value = "2 mL"  # wrong unit: a French message, the figure kept
    assert "mg/mL" in text(w.message.value)


def test_buttons():
    w = DilutionTrainer(kind="dose_seance", seed="4", answer="12")
    before = w.figure.value
    w.check_button.click()
    assert w.message.value == "" and w.figure.value == before
    assert w.steps.value == ""
    w.steps_button.click()
    steps = text(w.steps.value)
    assert "Le calcul" in steps and "Résultat" in steps
    assert fr(generate("dose_seance", 4).answer, 4) in steps
    w.new_button.click()
    assert w.seed.value == "5" and w.answer.value == ""
    assert w.steps.value == "", "the previous exercise's solution stays hidden for a new exercise"
    assert "n° 5" in text(w.statement.value)
    w.seed.value = "abc"
    w.new_button.click()  # an unreadable seed: start again from 1
    assert w.seed.value == "1" and w.message.value == ""


def test_static_scenarios():
    fig = dilution_scenario("part_maximum", 13, factor=10)
    assert fig.axes and any("maximum du RCP" in t.get_text() for t in fig.axes[0].texts)
    md = exercice_resolu("dilution", 2).data
    assert "Solution pas à pas" in md and "Résultat" in md and re.search(r"\d\.\d", md) is None
