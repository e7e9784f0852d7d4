"""The first-minutes figure of chapter « Urgences au cabinet »: one row per step, the correct action, readable text."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from mesocours.plots.emergency import (
    correct_choice,
    first_minutes_figure,
    load_emergency,
    scenario_by_id,
    timeline_rows,
)

DATA = load_emergency()


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize("scenario_id", ["anaphylaxie", "syncope"])
def test_one_row_per_step_with_its_minute_and_the_correct_action(scenario_id):
    sc = scenario_by_id(DATA, scenario_id)
    fig = first_minutes_figure(sc)
    texts = _texts(fig)
    for step in sc["steps"]:
        assert f"min {step['minute']}" in texts
        good = correct_choice(step)["label"]
        assert any(t.replace("\n", " ") == good for t in texts), good
        wrong = [c["label"] for c in step["choices"] if not c["correct"]]
        assert not any(t.replace("\n", " ") in wrong for t in texts)


def test_rows_follow_the_order_of_the_drill():
    rows = timeline_rows(scenario_by_id(DATA, "anaphylaxie"))
    minutes = [int(m.split()[1]) for m, _ in rows]
    assert minutes == sorted(minutes) and minutes[0] == 0


def test_the_dose_step_shows_the_capped_dose_for_62_kg():
    rows = dict(timeline_rows(scenario_by_id(DATA, "anaphylaxie")))
    assert rows["min 1"].startswith("0,5 mg")


def test_text_is_at_least_10_points_and_french_title():
    fig = first_minutes_figure(scenario_by_id(DATA, "anaphylaxie"))
    assert all(t.get_fontsize() >= 10 for t in fig.axes[0].texts)
    assert "\u00a0:" in fig.axes[0].get_title(loc="left")


def test_unknown_scenario_is_named_in_french():
    with pytest.raises(KeyError, match="scénario inconnu"):
        scenario_by_id(DATA, "noyade")


def test_a_step_without_exactly_one_correct_choice_is_refused():
    step = {"id": "x", "choices": [{"label": "a", "correct": True}, {"label": "b", "correct": True}]}
    with pytest.raises(ValueError, match="exactement une"):
        correct_choice(step)


from mesocours.plots.emergency import dose_for_weight, dose_rule, rule_text, worked_dose_text  # noqa: E402

RULE = dose_rule(DATA)


def test_dose_is_per_kg_then_capped():
    assert dose_for_weight(42, RULE) == pytest.approx(0.42)
    assert dose_for_weight(62, RULE) == pytest.approx(0.5)
    assert dose_for_weight(85, RULE) == pytest.approx(0.5)


@pytest.mark.parametrize("bad", [0, -3])
def test_a_non_positive_weight_is_refused_in_french(bad):
    with pytest.raises(ValueError, match="strictement positif"):
        dose_for_weight(bad, RULE)


def test_rule_and_worked_example_read_the_data_with_a_decimal_comma():
    assert "0,01 mg/kg" in rule_text(RULE) and "0,5 mg" in rule_text(RULE)
    text = worked_dose_text(62, RULE)
    assert "0,62 mg" in text and "0,5 mL" in text and "dépasse" in text
    assert "ne dépasse pas" in worked_dose_text(42, RULE)


def test_the_exercise_keys_match_the_rule():
    import yaml
    from mesocours.data.base import DATA_DIR

    keys = {e["id"]: e["key"] for e in yaml.safe_load((DATA_DIR / "exercises" / "urgences.yml").read_text("utf-8"))}
    assert keys["urgences-ex1"]["value"] == pytest.approx(dose_for_weight(42, RULE))
    conc = RULE["concentration_mg_per_ml"]
    assert keys["urgences-ex2"]["value"] == pytest.approx(dose_for_weight(85, RULE) / conc)
