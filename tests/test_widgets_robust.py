"""Every widget of mesocours.widgets, driven through its controls with hostile and ordinary values.

Widgets are discovered (``all_widgets()``: every View subclass of the package's modules) and their
controls found by walking the ipywidgets tree: a new widget is covered with no new test code. After
every value set, as a learner would:

- no exception escapes;
- an invalid input shows a French message (never the generic fallback, which would mean a model
  raised something other than InputError) and keeps the last valid figure;
- a valid input redraws, and what it shows equals what a new widget given the same values shows
  (so cached backgrounds and reused artists never show a stale figure).
"""

from __future__ import annotations

import html
import itertools
import math
import re

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mesocours.widgets.common import GENERIC_ERROR, all_widgets

WIDGETS = all_widgets()
IDS = [cls.__name__ for cls in WIDGETS]

# Control types whose label the widget manager (html-manager and JupyterLab) links to the input
# (<label for=…>), so that ``description`` is the accessible name. Sliders are left out on purpose:
# their handles get no accessible name from ``description`` (axe: « aria-input-field-name »).
NAMED_BY_DESCRIPTION = (widgets.Text, widgets.Textarea, widgets.FloatText, widgets.BoundedFloatText,
                        widgets.IntText, widgets.BoundedIntText, widgets.Dropdown, widgets.Select,
                        widgets.SelectMultiple, widgets.Checkbox)

HOSTILE_TEXT = ["", " ", "0", "-0", "-1", "-1e3", "abc", "nan", "NaN", "inf", "-inf", "1e308", "∞",
                "99999999999999999999999", "0,0000001", "1,5,2", "--3", "2,5 mL", "4 cm", "12 mm", "3 jours",
                "1 000", "10 000,5", "½", "٣", "« 2 »", "<b>1</b>", "None", "True", "…"]
PAIR_TEXT = ["-1", "abc", ""]


def controls(w) -> list[widgets.Widget]:
    return list(w.controls)


def options_of(c) -> list:
    return [o[1] if isinstance(o, tuple) else o for o in c.options]


def number_text() -> st.SearchStrategy[str]:
    """What a learner may type: numbers in French or English form, with or without a unit, or anything."""
    numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**25, 10**25),
                        st.floats(-1000, 1000), st.integers(-5, 500))

    def show(x, comma, unit) -> str:
        text = repr(x) if isinstance(x, float) else str(x)
        return (text.replace(".", ",") if comma else text) + unit

    typed = st.builds(show, numbers, st.booleans(), st.sampled_from(["", " mm", " mL", " cm²", " j", " s", "°", " kg"]))
    return st.one_of(typed, st.sampled_from(HOSTILE_TEXT), st.text(max_size=12))


def strategy_for(c) -> st.SearchStrategy:
    if isinstance(c, (widgets.Text, widgets.Textarea)):
        return number_text()
    if isinstance(c, widgets.SelectMultiple):
        return st.lists(st.sampled_from(options_of(c)), unique=True, max_size=4).map(tuple)
    if isinstance(c, (widgets.Dropdown, widgets.Select, widgets.RadioButtons, widgets.ToggleButtons)):
        return st.sampled_from(options_of(c))
    if isinstance(c, (widgets.Checkbox, widgets.ToggleButton)):
        return st.booleans()
    if isinstance(c, (widgets.FloatText, widgets.BoundedFloatText, widgets.FloatSlider)):
        return st.floats(allow_nan=True, allow_infinity=True)
    if isinstance(c, (widgets.IntText, widgets.BoundedIntText, widgets.IntSlider)):
        return st.integers(-10**9, 10**9)
    raise AssertionError(f"no value strategy for a {type(c).__name__}: add one in {__name__}")


def hostile_values(c) -> list:
    if isinstance(c, (widgets.Text, widgets.Textarea)):
        return HOSTILE_TEXT
    if isinstance(c, widgets.SelectMultiple):
        opts = options_of(c)
        return [(), tuple(opts)] + [(o,) for o in opts]
    if isinstance(c, (widgets.FloatText, widgets.BoundedFloatText, widgets.FloatSlider)):
        return [0.0, -1.0, 1e308, -1e308, math.inf, -math.inf, math.nan]
    if isinstance(c, (widgets.IntText, widgets.BoundedIntText, widgets.IntSlider)):
        return [0, -1, 10**9, -10**9]
    if isinstance(c, (widgets.Checkbox, widgets.ToggleButton)):
        return [True, False]
    return options_of(c)  # every option of every dropdown


def message_text(w) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", w.message.value))


def assert_french_sentence(text: str) -> None:
    assert text and "Traceback" not in text
    outside = re.sub(r"«.*»", "« … »", text)  # what the learner typed is echoed between guillemets
    assert text != GENERIC_ERROR, "a model raised something other than InputError"
    assert not re.search(r"\b(error|invalid|must|value|the|not|is)\b", outside, re.I), text
    assert not re.search(r"\((e|s|es)\)", outside), f"agreement left to the reader: {text}"
    assert not re.search(r" [:;?!]", outside), f"a normal space before a colon (NBSP expected): {text}"
    assert outside[0].isupper() or outside[0] == "«", text
    assert outside.rstrip().endswith("."), text


class Driver:
    """One widget and what it last showed when valid."""

    def __init__(self, cls):
        self.cls = cls
        self.w = cls()
        assert self.w.message.value == "", f"{cls.__name__} does not start valid: {message_text(self.w)}"
        self.initial = [c.value for c in controls(self.w)]
        self.initial_figure = self.last_figure = self.w.figure.value

    def set(self, c, value) -> None:
        w = self.w
        old, renders = c.value, w.renders
        c.value = value  # no exception may escape
        if w.message.value:
            assert 'role="alert"' in w.message.value
            assert_french_sentence(message_text(w))
            assert w.figure.value == self.last_figure, "an invalid input changed the figure"
        else:
            assert w.figure.value.startswith('<img src="data:image/png;base64,')
            assert re.search(r'alt="[^"]{20,}"', w.figure.value), "figure without a real alt text"
            if c.value != old:
                assert w.renders > renders, "a valid input did not redraw"
            self.last_figure = w.figure.value

    def reset(self) -> None:
        """Back to the initial values, set at once (one update, as a new widget's), and valid again.

        A widget without hidden state then shows its initial figure again, whatever it drew and cached
        in between (a stale background or artist would show here).
        """
        w, renders = self.w, self.w.renders
        with w.silently():  # tree order: a choice before its fields (its own observers still set their options)
            for c, v in zip(controls(w), self.initial):
                if c.value != v:
                    c.value = v
        w.update()
        assert w.message.value == "", f"back to its initial values, {self.cls.__name__} says: {message_text(w)}"
        assert w.renders > renders
        if not hasattr(w, "state"):
            assert w.figure.value == self.initial_figure, "initial values, another figure: a stale cache"
        self.last_figure = w.figure.value

    def assert_same_as_new_widget(self) -> None:
        """A valid state shows what a new widget given the same values shows."""
        if self.w.message.value:
            return
        ref = self.cls()
        with ref.silently():  # every value, then one update (tree order: a choice before its fields)
            for c_ref, c in zip(controls(ref), controls(self.w)):
                c_ref.value = c.value
        if hasattr(self.w, "state"):  # a stateful widget (a drill's path): its state replayed, not only its controls
            ref.restore(self.w.state())
        else:
            ref.update()
        assert ref.message.value == ""
        assert ref.result.value == self.w.result.value
        assert ref.figure.value == self.w.figure.value, "stale figure: cached background or artist not updated"


@pytest.fixture(scope="module", params=WIDGETS, ids=IDS)
def driver(request) -> Driver:
    return Driver(request.param)


def test_widgets_are_discovered():
    names = set(IDS)
    assert {"DepthExplorer", "TechniqueComparator", "ProtocolPlanner"} <= names
    for cls in WIDGETS:
        assert cls.BENCH, f"{cls.__name__}: BENCH (updates that change the figure) is needed by the speed test"


def test_controls_have_accessible_french_names(driver):
    cs = controls(driver.w)
    assert cs
    for c in cs:
        assert isinstance(c, NAMED_BY_DESCRIPTION), (
            f"{type(c).__name__} « {c.description} »: no accessible name from its description in the widget "
            "manager; use a text field or a list")
        assert c.description and re.search(r"[a-zàâçéèêëîïôûù]{3}", c.description), c
        assert not re.search(r"\b(value|select|number|width)\b", c.description, re.I), c.description


def test_every_hostile_value_of_every_control(driver):
    for c in controls(driver.w):
        for v in hostile_values(c):
            driver.set(c, v)
        driver.reset()
    driver.assert_same_as_new_widget()


def test_every_combination_of_two_controls(driver):
    """Each pair of controls: every option × every option, an option × a bad value, bad × bad."""
    def choices(c, other) -> list:
        if isinstance(c, (widgets.Text, widgets.Textarea)):
            return PAIR_TEXT if isinstance(other, (widgets.Text, widgets.Textarea)) else PAIR_TEXT[:1]
        if isinstance(c, widgets.SelectMultiple):
            return hostile_values(c)[:3]
        if isinstance(c, (widgets.Checkbox, widgets.ToggleButton)):
            return [True, False]
        return options_of(c)

    cs = controls(driver.w)
    for c1, c2 in itertools.combinations(cs, 2):
        for v1, v2 in itertools.product(choices(c1, c2), choices(c2, c1)):
            driver.set(c1, v1)
            driver.set(c2, v2)
        driver.reset()
    driver.assert_same_as_new_widget()


@pytest.mark.parametrize("cls", WIDGETS, ids=IDS)
def test_random_sequences_of_values(cls):
    d = Driver(cls)
    cs = controls(d.w)
    step = st.integers(0, len(cs) - 1).flatmap(lambda i: st.tuples(st.just(i), strategy_for(cs[i])))

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(step, min_size=1, max_size=6))
    def run(sequence):
        d.reset()
        for i, value in sequence:
            d.set(cs[i], value)
        d.assert_same_as_new_widget()

    run()
