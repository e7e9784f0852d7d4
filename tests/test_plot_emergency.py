"""The first-minutes figure of chapter « Urgences au cabinet »: one row per step, the correct action, readable text."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from mesocours.models.emergency import dose, dose_rule, rule_text, scenario, worked_dose_text
from mesocours.numbers import InputError
from mesocours.plots.emergency import correct_choice, first_minutes_figure, timeline_rows


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize("scenario_id", ["anaphylaxie", "syncope"])
def test_one_row_per_step_with_its_minute_and_the_correct_action(scenario_id):
    sc = scenario(scenario_id)
    fig = first_minutes_figure(sc)
    texts = _texts(fig)
    for step, (minute, _) in zip(sc.steps, timeline_rows(sc)):
        assert minute in texts
        good = correct_choice(step).label
        assert any(t.replace("\n", " ") == good for t in texts), good
        wrong = [c.label for c in step.choices if not c.correct]
        assert not any(t.replace("\n", " ") in wrong for t in texts)


def test_rows_follow_the_order_of_the_drill():
    rows = timeline_rows(scenario("anaphylaxie"))
    minutes = [float(m.split("\u00a0")[1].replace(",", ".")) for m, _ in rows]
    assert minutes == sorted(minutes) and minutes[0] == 0


def test_the_dose_step_shows_the_capped_dose_for_62_kg():
    rows = dict(timeline_rows(scenario("anaphylaxie")))
    assert rows["min\u00a01"].startswith("0,5 mg")


def test_text_is_at_least_10_points_and_french_title():
    fig = first_minutes_figure(scenario("anaphylaxie"))
    assert all(t.get_fontsize() >= 10 for t in fig.axes[0].texts)
    assert "\u00a0:" in fig.axes[0].get_title(loc="left")


def test_unknown_scenario_is_named_in_french():
    with pytest.raises(InputError, match="Scénario inconnu"):
        scenario("noyade")


RULE = dose_rule()


def dose_for_weight(weight, _rule):
    return dose(weight).mg


def test_dose_is_per_kg_then_capped():
    assert dose_for_weight(42, RULE) == pytest.approx(0.42)
    assert dose_for_weight(62, RULE) == pytest.approx(0.5)
    assert dose_for_weight(85, RULE) == pytest.approx(0.5)


@pytest.mark.parametrize("bad", [0, -3])
def test_a_non_positive_weight_is_refused_in_french(bad):
    with pytest.raises(InputError, match="strictement supérieur"):
        dose_for_weight(bad, RULE)


def test_rule_and_worked_example_read_the_data_with_a_decimal_comma():
    assert "0,01 mg/kg" in rule_text() and "0,5 mg" in rule_text()
    text = worked_dose_text(62)
    assert "0,62 mg" in text and "0,5 mL" in text and "dépasse" in text
    assert "ne dépasse pas" in worked_dose_text(42)


def test_the_exercise_keys_match_the_rule():
    import yaml

    from mesocours.data.base import DATA_DIR

    keys = {e["id"]: e["key"] for e in yaml.safe_load((DATA_DIR / "exercises" / "urgences.yml").read_text("utf-8"))}
    assert keys["urgences-ex1"]["value"] == pytest.approx(dose_for_weight(42, RULE))
    conc = RULE.concentration_mg_per_ml
    assert keys["urgences-ex2"]["value"] == pytest.approx(dose_for_weight(85, RULE) / conc)
