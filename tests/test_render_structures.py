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


def test_chapter3_prose_numbers_follow_the_structure_data():
    """The chapter rounds some depths in its prose: each rounding must still hold for data/structures_at_risk.yml."""
    import json
    import re
    from pathlib import Path

    from mesocours.data import load_collection

    depths = {(s.id, d.source): d.range_mm for s in load_collection("structures") for d in s.depths}
    checks = [
        (("visage-supratrochleaire", "cotofana2020glabelle"), lambda r: 3 < r.mid < 3.5, "à un peu plus de 3 mm sous la peau"),
        (("visage-supratrochleaire", "cotofana2020glabelle"), lambda r: r.min == 2.74,
         "(2,74 mm, la moyenne moins un écart type)"),  # exercise 2
        (("visage-faciale-nasogenien", "jksdh2025faciale"), lambda r: round(r.mid) == 5, "à environ 5 mm sous la peau"),
        (("visage-faciale-nasogenien", "gelezhe2021angulaire"), lambda r: 8.5 <= r.mid < 9, "en moyenne à près de 9 mm"),
        (("visage-faciale-mandibule", "lee2020faciale"), lambda r: r.mid == 7.6, "en moyenne à 7,6 mm sous la peau"),
        (("cuir-chevelu-grand-occipital", "shim2011occipital"), lambda r: round(r.mid) == 7, "à environ 7 mm sous la peau"),
        (("cou-grand-occipital-c2", "greher2010occipital"), lambda r: r.mid == 17.5, "et de 17,5 mm plus bas"),
        (("thorax-plevre-anterieure", "pla2021paroi"), lambda r: (r.min, r.max) == (13.2, 69.09), "de 13,2 à 69,09 mm"),
        (("thorax-plevre-laterale", "pla2021paroi"), lambda r: (r.min, r.max) == (8.19, 52.7), "de 8,19 à 52,7 mm"),
        (("thorax-plevre-anterieure", "givens2004paroi"), lambda r: 40 < r.mid < 45, "une moyenne supérieure à 4 cm"),
        (("rachis-plevre-interscapulaire", "kim2002plevre"), lambda r: r.mid == 37, "en moyenne 3,7 cm"),
        (("epaule-plevre-trapeze", "chen2018gb21"), lambda r: (r.min, r.max) == (14.6, 17.4),
         "14,6 mm en moyenne chez la femme et à 17,4 mm chez l’homme"),
        (("poignet-radiale", "kang2013radiale"), lambda r: round(r.mid, 1) == 4.7, "à environ 4,7 mm sous la peau"),
    ]
    nb = Path(__file__).resolve().parents[1] / "notebooks" / "fondements" / "03-anatomie.ipynb"
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    text = re.sub(r"[\u00a0\u202f]", " ", "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))
    for key, holds, phrase in checks:
        assert holds(depths[key]), key
        assert phrase in text, phrase
