"""The mixture calculator as a learner drives it: tables of doses and warnings, French messages, scenarios."""

import html
import re

from matplotlib.figure import Figure

from mesocours.data import course
from mesocours.sphinxext.render import render_regles_melange
from mesocours.widgets.mixture import MIXTURE_SCENARIOS, MixtureCalculator, mixture_scenario, mixture_scenario_tables


def text(w) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", w))


def test_default_mixture_shows_doses_warnings_and_sources():
    w = MixtureCalculator()
    shown = text(w.result.value)
    assert w.message.value == ""
    assert "Concentration finale" in shown and "Sur le protocole" in shown
    assert "Anesthésique de type ester" in shown and "Préparation hors pharmacie" in shown
    assert "Haute Autorité de santé 2014" in shown and "Vautier 2016" not in shown  # sources are named
    assert "sûr" not in shown.replace("n’est pas une preuve", "")
    assert "par acte" in shown and "par jour" in shown  # what each maximum is a maximum of


def test_adding_a_corticoid_adds_the_rule_and_keeps_figure_on_bad_input():
    w = MixtureCalculator()
    before = w.figure.value
    w.products.value = ("procaine#1", "ketoprofene#0", "corticoides")
    assert "volume par produit" in text(w.message.value)  # three products, two volumes
    assert w.figure.value == before
    w.volumes.value = "2 ; 2 ; 1"
    assert w.message.value == ""
    assert "Corticoïde dans le mélange" in text(w.result.value)
    assert w.figure.value != before
    w.volume_per_point.value = "-0,1"
    assert "Le volume par point doit être strictement supérieur à 0" in text(w.message.value)


def test_no_warning_of_more_than_three_products_for_three():
    w = MixtureCalculator(selected=("procaine#1", "ketoprofene#0", "lidocaine#1"), volumes="1 ; 1 ; 1")
    shown = text(w.result.value)
    assert "Plus de trois produits" not in shown and "Deux produits d’une même famille" in shown


def test_scenarios_are_figures_and_tables():
    for name in MIXTURE_SCENARIOS:
        assert isinstance(mixture_scenario(name), Figure)
        tables = mixture_scenario_tables(name)._repr_html_()
        assert "<table" in tables and "Règles et faits" in tables
    assert "Produit interdit" in text(mixture_scenario_tables("lipolyse")._repr_html_())


def test_rules_table_directive_lists_every_rule_with_its_trigger():
    rst = render_regles_melange(course())
    for rule in course().mixing_rules:
        assert rule.title in rst
    assert "plus de 3 produits" in rst and "Thiocolchicoside injectable, dans un mélange d’au moins 2 produits" in rst
