"""Exercice d'urgence: the dose rule as data states it, the drill's path, and the scenario graph checks."""

import pytest
from pydantic import ValidationError

from mesocours.data import DrillScenario, course
from mesocours.models.emergency import choose, dose, dose_rule, scenarios, start
from mesocours.numbers import InputError
from mesocours.plots.drill import DrillView, drill_figure
from mesocours.widgets.drill import EmergencyDrill, drill_path


def test_dose_is_the_rule_of_the_data_capped():
    rule = dose_rule("adrenaline_im")
    light = rule.max_mg / rule.mg_per_kg / 2  # a weight whose dose is half the ceiling
    d = dose(str(light).replace(".", ","))
    assert d.mg == pytest.approx(light * rule.mg_per_kg) and not d.capped
    assert d.ml == pytest.approx(d.mg / rule.concentration_mg_per_ml)
    heavy = dose(f"{rule.max_mg / rule.mg_per_kg * 2:g} kg")
    assert heavy.mg == rule.max_mg and heavy.capped


@pytest.mark.parametrize("weight, message", [("0", "strictement supérieur"), ("-4", "strictement supérieur"),
                                             ("", "pas renseigné"), ("soixante", "pas un nombre"),
                                             ("400", "au plus égal"), ("62 g", "unité")])
def test_bad_weight_is_a_french_message(weight, message):
    with pytest.raises(InputError, match=message):
        dose(weight)


def test_unknown_rule_or_scenario():
    with pytest.raises(InputError, match="inconnue"):
        dose_rule("morphine")
    with pytest.raises(InputError, match="inconnu"):
        start("incendie")


@pytest.mark.parametrize("sid", list(scenarios()))
def test_the_right_choices_finish_each_scenario_with_a_full_score(sid):
    d = start(sid)
    while not d.finished:
        d = choose(d, next(i for i, c in enumerate(d.step.choices) if c.correct))
    good, done = d.score
    assert good == done == len(d.answers) >= 2
    with pytest.raises(InputError, match="terminé"):
        choose(d, 0)


@pytest.mark.parametrize("sid", list(scenarios()))
def test_a_wrong_choice_is_recorded_and_scored_once(sid):
    d = start(sid)
    wrong = next(i for i, c in enumerate(d.step.choices) if not c.correct)
    d = choose(d, wrong)
    assert d.answers[-1].correct is False and d.score == (0, 1)
    if not d.finished and d.at == d.answers[-1].step.id:  # a retry of the same step
        d = choose(d, next(i for i, c in enumerate(d.step.choices) if c.correct))
        assert d.score == (0, 1)


def test_bad_choice_index():
    d = start(next(iter(scenarios())))
    for bad in (-1, len(d.step.choices), "x", None):
        with pytest.raises(InputError):
            choose(d, bad)


def _scenario(**steps):
    return {"id": "s", "title": "t", "vignette": "v", "weight_kg": 60,
            "steps": [{"id": k, "minute": i, "situation": "x", "choices": v} for i, (k, v) in enumerate(steps.items())]}


def _c(next_, correct):
    return {"label": "l", "next": next_, "correct": correct, "feedback": "f", "sources": ["has2014"]}


def test_scenario_graph_is_checked():
    DrillScenario(**_scenario(a=[_c("b", True), _c("a", False)], b=[_c("fin", True), _c("a", False)]))
    bad = [
        _scenario(a=[_c("b", True), _c("b", True)], b=[_c("fin", True), _c("a", False)]),   # two right answers
        _scenario(a=[_c("z", True), _c("a", False)], b=[_c("fin", True), _c("a", False)]),  # unknown step
        _scenario(a=[_c("b", True), _c("a", False)], b=[_c("a", True), _c("fin", False)]),  # right answers loop
        _scenario(a=[_c("fin", True), _c("a", False)], b=[_c("fin", True), _c("a", False)]),  # b unreachable
    ]
    for spec in bad:
        with pytest.raises(ValidationError):
            DrillScenario(**spec)


def test_figure_marks_each_answer_by_shape():
    sid = next(iter(scenarios()))
    d = start(sid)
    wrong = next(i for i, c in enumerate(d.step.choices) if not c.correct)
    d = choose(d, wrong)
    view = DrillView(d.scenario, live=False)
    view.draw(d)
    assert len(view.wrong.get_data()[0]) == 1 and view.wrong.get_marker() == "X"
    assert view.right.get_marker() == "o"
    assert drill_figure(d).axes


def test_widget_plays_letters_and_restarts():
    w = EmergencyDrill()
    sid = w.drill.scenario.id
    right = next(i for i, c in enumerate(w.drill.step.choices) if c.correct)
    w.answer.value = "ABCDEFGH"[right]
    assert w.answer.value != "ABCDEFGH"[right] and len(w.drill.answers) == 1 and w.message.value == ""
    assert "Bon choix" in w.result.value
    w.answer.value = "recommencer"
    assert w.drill.answers == () and w.drill.at == course().drills[0].steps[0].id
    assert drill_path(sid, [right]).answers[0].correct
    w.weight.value = "-1"
    assert "strictement" in w.message.value and w.drill.answers == ()


def test_static_walkthrough_folds_each_answer():
    from mesocours.widgets.drill import correct_path, drill_scenario_figure, drill_walkthrough

    for sid in scenarios():
        html = drill_walkthrough(sid).data
        assert html.count("<details>") == len(correct_path(sid)) >= 2
        assert "Réponse attendue" in html and "(" in html
        assert drill_scenario_figure(sid).axes
