"""The « Check-list hors AMM » widget as a learner drives it, and its static scenarios for the book."""

import html
import re

from matplotlib.figure import Figure

from mesocours.widgets.offlabel import (OFFLABEL_SCENARIOS, OfflabelChecklist, offlabel_scenario,
                                        offlabel_scenario_tables, printable_html, scenario_result)

MENTION = "«\u00a0Prescription hors autorisation de mise sur le marché\u00a0»"


def text(w: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", w))


def test_default_is_procaine_piroxicam_intradermal_and_shows_the_whole_checklist():
    w = OfflabelChecklist()
    assert w.message.value == "" and w.route.value == "intradermique"
    shown = text(w.result.value)
    assert "hors AMM par la voie" in shown and "hors AMM par le mélange" in shown
    assert MENTION in shown and "Art. L.5121-12-1-2 CSP" in shown and "Art. L.162-4 CSS" in shown
    assert "règle par défaut" in shown  # the indication default is said on screen
    assert "Statut" in shown and "non vérifiées" in shown  # each text with what was verified
    assert "mesocours-checklist-imprimable" in w.result.value and "☐" in shown


def test_changing_the_products_to_a_device_drops_the_offlabel_mention():
    w = OfflabelChecklist()
    before = w.figure.value
    w.products.value = ("acide_hyaluronique",)
    shown = text(w.result.value)
    assert w.figure.value != before
    assert MENTION not in shown and "Décret n° 2024-490" in shown and "dispositif médical" in shown


def test_a_banned_product_stops_the_checklist_with_its_texts():
    w = OfflabelChecklist(selected=("phosphatidylcholine",), indication="graisse_localisee")
    shown = text(w.result.value)
    assert "Check-list arrêtée" in shown and "Décret n° 2011-382" in shown and "ANSM du 15 décembre 2021" in shown
    assert "Obligations, conditions et textes" not in shown and MENTION not in shown


def test_no_product_is_a_french_message_and_keeps_the_figure():
    w = OfflabelChecklist()
    before = w.figure.value
    w.products.value = ()
    assert "Choisissez au moins un produit" in text(w.message.value)
    assert w.figure.value == before


def test_the_figure_has_an_alt_text_naming_each_verdict():
    w = OfflabelChecklist()
    alt = re.search(r'alt="([^"]+)"', w.figure.value).group(1)
    assert "Piroxicam injectable" in html.unescape(alt) and "voie hors AMM" in html.unescape(alt)


def test_every_scenario_has_a_figure_tables_and_a_printable_block():
    for name in OFFLABEL_SCENARIOS:
        assert isinstance(offlabel_scenario(name), Figure)
        shown = offlabel_scenario_tables(name)._repr_html_()
        assert "<caption>" in shown and "mesocours-checklist-imprimable" in shown


def test_printable_block_is_black_on_white_with_record_and_prescription_lines():
    block = printable_html(scenario_result("procaine-piroxicam-tendinopathie"))
    assert "background:#ffffff;color:#000000" in block
    shown = text(block)
    assert "Sur l’ordonnance" in shown and "Dans le dossier du patient" in shown
    assert "analyse des auteurs du cours" in shown  # what the texts do not say item by item is labelled ours
