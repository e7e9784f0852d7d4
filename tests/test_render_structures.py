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


def test_regions_without_skin_or_unknown():
    text = render_structures(course(), ["genou"])
    assert "Aucune épaisseur épiderme + derme mesurée dans cette région" in text
    with pytest.raises(UnknownRecord, match="région inconnue « jambe »"):
        render_structures(course(), ["jambe"])
    assert render_structures(course()).count(".. list-table::") == 10
