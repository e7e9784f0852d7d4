"""The {tableau-structures} directive's text: skin read from data, depths with their sources, errors."""

import pytest

from mesocours.data import course
from mesocours.sphinxext.render import UnknownRecord, render_structures


def test_region_table_reads_skin_and_depths_from_data():
    text = render_structures(course(), ["visage"]).replace("\u00a0", " ")
    assert text.startswith("**Visage.** Épaisseur épiderme + derme mesurée dans la région :")
    assert ":cite:p:`iyengar2018`" in text and ":cite:p:`meng2022`" in text  # skin sites of the face
    assert "2,74 à 3,94 mm (moyenne ± 1 écart type, échographie, n = 41) :cite:p:`cotofana2020glabelle`" in text
    assert "*Non documentée* : l’étude échographique lue" in text  # parotid duct: no depth, said so
    assert text.count("   * - **") == 8  # the eight structures of the face
    assert "*Prudence* : Repérer la ride verticale" in text  # how to keep away, from data


def test_regions_without_skin_or_unknown():
    text = render_structures(course(), ["genou"])
    assert "Aucune épaisseur épiderme + derme mesurée dans cette région" in text
    with pytest.raises(UnknownRecord, match="région inconnue « jambe »"):
        render_structures(course(), ["jambe"])
    assert render_structures(course()).count(".. list-table::") == 10


@pytest.mark.parametrize("path", ["data/structures_at_risk.yml", "data/quiz/anatomie.yml", "data/exercises/anatomie.yml",
                                  "data/glossary/anatomie.yml"])
def test_french_typography_in_the_anatomy_data(path):
    """Strings use ’ and a non-breaking space before : ; ? ! and inside « » (comments are free)."""
    import re
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parent.parent
    strings = []

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            strings.append(node)

    walk(yaml.safe_load((root / path).read_text(encoding="utf-8")))
    bad = [s for s in strings if "'" in s or re.search(r" [:;?!](\s|$)", s) or "« " in s or " »" in s]
    assert not bad, bad[:3]
