"""The « structures à risque » layer of the depth explorer, driven as a learner would (set .value)."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from mesocours.models.depth import site_profile
from mesocours.models.structures import structures_within_reach
from mesocours.plots.depth import depth_figure
from mesocours.plots.structures import draw_structures
from mesocours.widgets.depth import depth_explorer
from mesocours.widgets.structures import STRUCTURE_SCENARIOS, scenario_results, structures_scenario


def test_the_layer_is_off_by_default_and_has_a_french_checkbox():
    w = depth_explorer(site="front", length="4", angle="90")
    assert w.structures.value is False
    assert w.structures.description == "Afficher les structures à risque"
    assert "Structures à risque" not in w.result.value and "Structures à risque" not in w.caption.value


def test_ticking_the_box_shows_the_structures_of_the_region():
    w = depth_explorer(site="front", length="4", angle="90")
    plain_alt = re.search(r'alt="([^"]*)"', w.figure.value).group(1)
    w.structures.value = True
    assert "Structures à risque de la région : 3 à portée" in w.result.value.replace("\u00a0", " ")
    assert "Artère supratrochléaire" in w.caption.value and "Cotofana et al. 2020" in w.caption.value
    alt = re.search(r'alt="([^"]*)"', w.figure.value).group(1)
    assert alt != plain_alt and "À portée" in alt and "Artère supratrochléaire" in alt
    # a lower angle takes the tip above the artery: the verdict follows the controls
    w.angle.value = "30"
    assert "2\u00a0mm" in w.result.value
    assert "hors de portée" in w.result.value and "Artère supratrochléaire" in w.caption.value
    # unticking restores the plain view
    w.structures.value = False
    assert "Structures à risque" not in w.result.value and w.message.value == ""


def test_the_inserted_fraction_counts_in_the_reach():
    w = depth_explorer(site="thorax", length="13", angle="90", fraction="1")
    w.structures.value = True
    assert "1 à portée" in w.result.value  # lateral pleura, thinnest wall 8,19 mm
    w.fraction.value = "0,5"  # 6,5 mm inserted: out of reach
    assert "à portée" not in w.result.value.replace("hors de portée", "")


def test_a_site_without_region_says_so_and_bad_input_keeps_the_message_in_french():
    w = depth_explorer(site="cuisse", length="4", angle="45")
    w.structures.value = True
    assert "Aucune structure à risque" in w.result.value
    w.angle.value = "abc"
    assert 'role="alert"' in w.message.value and "Traceback" not in w.message.value


def test_draw_structures_returns_what_the_legend_shows():
    fig = depth_figure(site_profile("front"), 4, 90, 1)
    entries = draw_structures(fig.axes[0], structures_within_reach("front", 4, 90))
    assert entries[0].startswith("1. Artère supratrochléaire") and "2,74 à 3,94\u00a0mm" in entries[0].replace(" mm", "\u00a0mm")
    assert any(e.startswith("Sans profondeur mesurée") and "Canal parotidien" in e for e in entries)
    legend = fig.axes[0].get_legend()
    assert legend is not None and len(legend.get_texts()) == len(entries)
    empty = depth_figure(site_profile("cuisse"), 4, 90, 1)
    assert draw_structures(empty.axes[0], []) == ["Aucune structure à risque décrite pour ce site"]


@pytest.mark.parametrize("name", list(STRUCTURE_SCENARIOS))
def test_scenarios_are_figures_with_french_axes(name):
    fig = structures_scenario(name)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    fig.canvas.draw()
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert not any(re.fullmatch(r"-?\d+\.\d+", t) for t in ticks)
    assert all(ax.get_legend() is not None for ax in fig.axes)


def test_scenario_results_match_the_story_told_in_the_chapter():
    (t1, vertical), (t2, oblique) = scenario_results("front-4mm")
    supra = {r.structure.id: r.status for r in vertical}["visage-supratrochleaire"]
    assert (t1, supra) == ("4 mm à 90°", "atteinte")
    assert {r.structure.id: r.status for r in oblique}["visage-supratrochleaire"] == "hors_portee"
    (_, v13), (_, o13) = scenario_results("epaule-13mm")
    assert [r.status for r in v13] == ["hors_portee"] and [r.status for r in o13] == ["hors_portee"]
