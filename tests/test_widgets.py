"""Widgets driven as a learner would: set .value on controls, read what is displayed."""

import re

import pytest
from matplotlib.figure import Figure

from mesocours.widgets.depth import DEPTH_SCENARIOS, depth_explorer, depth_scenario
from mesocours.widgets.protocols import PROTOCOL_SCENARIOS, protocol_planner, protocol_scenario
from mesocours.widgets.techniques import TECHNIQUE_SCENARIOS, technique_comparator, technique_scenario


def _controls(w):
    out = []
    for c in w.children:
        out.extend(_controls(c) if hasattr(c, "children") and not hasattr(c, "value") else [c])
    return out


@pytest.mark.parametrize("factory", [depth_explorer, technique_comparator, protocol_planner])
def test_every_control_has_french_description(factory):
    w = factory()
    inputs = [c for c in _controls(w) if hasattr(c, "value") and c.__class__.__name__ != "HTML"]
    assert inputs
    for c in inputs:
        assert c.description and re.search(r"[a-zé]", c.description)
    assert 'alt="' in w.figure.value and "data:image/png" in w.figure.value
    assert w.message.value == ""


def test_depth_explorer_updates_and_names_layer():
    w = depth_explorer()
    w.site.value = "suprascapulaire"
    w.length.value = "4"
    w.angle.value = "30"
    assert "2\u00a0mm" in w.result.value and "derme" in w.result.value
    w.site.value = "visage_pommette"
    assert "hypoderme" in w.result.value
    assert "Iyengar" in w.caption.value  # source shown under the figure
    w.angle.value = "45"
    w.fraction.value = "0,5"  # decimal comma
    assert "1,41\u00a0mm" in w.result.value


@pytest.mark.parametrize("field,value,needle", [
    ("angle", "120", "L’angle avec la peau doit être au plus égal à 90° (valeur saisie\u00a0: 120°)."),
    ("angle", "abc", "« abc » n’est pas un nombre\u00a0: pour l’angle avec la peau"),
    ("fraction", "1,5", "La fraction insérée doit être au plus égale à 1 (valeur saisie\u00a0: 1,5)."),
    ("length", "", "La longueur d’aiguille n’est pas renseignée\u00a0: saisissez un nombre"),
    ("length", "-3", "La longueur d’aiguille doit être strictement supérieure à 0\u00a0mm (valeur saisie\u00a0: -3\u00a0mm)."),
    ("length", "4 cm", "L’unité « cm » ne convient pas\u00a0: la longueur d’aiguille se saisit en mm."),
])
def test_depth_explorer_bad_input_keeps_figure(field, value, needle):
    w = depth_explorer()
    before_fig, before_result = w.figure.value, w.result.value
    getattr(w, field).value = value
    assert 'role="alert"' in w.message.value and needle in w.message.value
    assert "Traceback" not in w.message.value
    assert w.figure.value == before_fig and w.result.value == before_result
    getattr(w, field).value = "0,5" if field == "fraction" else "30"  # recovers
    assert w.message.value == ""


def test_technique_comparator_counts_and_sources():
    w = technique_comparator()
    assert "1089 points" in w.result.value  # nappage, 3 mm on 100 cm²
    assert "16 points" in w.result.value and "2,4\u00a0mL" in w.result.value  # IDP, SIM text
    assert "non documenté" in w.caption.value
    w.area.value = "225"
    w.a.technique.value = "papule"  # defaults refilled from data (Amin 2006, mesoderm: 10 mm)
    assert w.a.spacing.value == "10"
    assert "225 points" in w.result.value
    assert "2,25\u00a0mL" in w.result.value  # Amin 2006 default volume 0,01 mL
    w.a.volume.value = "0,02"
    assert "4,5\u00a0mL" in w.result.value
    w.b.seconds.value = "2"
    assert "durée estimée" in w.result.value and "non calculée" not in w.result.value.split("B —")[1]


def test_technique_comparator_bad_input():
    w = technique_comparator()
    fig = w.figure.value
    w.area.value = "0"
    assert 'role="alert"' in w.message.value
    assert "La surface traitée doit être strictement supérieure à 0\u00a0cm²" in w.message.value
    w.area.value = "1"
    assert "dépasse le côté" in w.message.value  # IDP spacing 25 mm > 10 mm side
    w.area.value = "n’importe quoi"
    assert "pas un nombre" in w.message.value
    w.area.value = "100"
    w.b.volume.value = "-0,1"
    assert "Technique B\u00a0: le volume par point ne peut pas être négatif" in w.message.value
    assert w.figure.value == fig
    w.b.volume.value = "0,15"
    assert w.message.value == ""


def test_mesoperfusion_is_not_computed():
    w = technique_comparator()
    w.a.technique.value = "mesoperfusion"
    assert "aucune source consultée ne donne de paramètres" in w.result.value


def test_protocol_planner():
    w = protocol_planner()
    assert "2 séances en 60\u00a0jours" in w.result.value and "4 séances" in w.result.value
    assert "séance(s)" not in w.result.value
    w.protocols.value = ("costantino2011",)
    assert "volume cumulé 15\u00a0mL" in w.result.value
    w.volume.value = "2"
    assert "volume cumulé 10\u00a0mL" in w.result.value
    w.period.value = "7"
    assert "3 séances en 7\u00a0jours" in w.result.value
    w.protocols.value = ("farpour2020",)
    w.period.value = "5"
    assert "1 séance en 5\u00a0jours (jour 0)" in w.result.value


def test_protocol_planner_bad_input():
    w = protocol_planner()
    fig = w.figure.value
    w.period.value = "-2"
    assert 'role="alert"' in w.message.value
    assert "La période étudiée doit être strictement supérieure à 0\u00a0jour" in w.message.value
    w.period.value = "60"
    w.protocols.value = ()
    assert "au moins un calendrier" in w.message.value
    assert w.figure.value == fig


@pytest.mark.parametrize("fn,names,required", [
    (depth_scenario, DEPTH_SCENARIOS, {"visage-lombaire", "4mm-90-45", "13mm-30"}),
    (technique_scenario, TECHNIQUE_SCENARIOS, set()),
    (protocol_scenario, PROTOCOL_SCENARIOS, set()),
])
def test_scenarios(fn, names, required):
    assert required <= set(names)
    for name, caption in names.items():
        fig = fn(name)
        assert isinstance(fig, Figure) and caption
        titles = [ax.get_title() for ax in fig.axes] + [ax.get_xlabel() for ax in fig.axes]
        assert any(re.search(r"[a-zé]", t) for t in titles)
        # decimal comma on tick labels
        fig.canvas.draw()
        ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]
        assert not any(re.fullmatch(r"-?\d+\.\d+", t) for t in ticks)


def test_redraw_time_reported():
    w = depth_explorer()
    w.angle.value = "30"
    assert w.last_render_ms is not None and w.last_render_ms < 2000
