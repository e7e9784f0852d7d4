"""{tableau-complications}: rows chosen by id or type, the onset column, French errors."""

from __future__ import annotations

import pytest

from mesocours.data import course
from mesocours.lab import tableau
from mesocours.sphinxext.render import UnknownRecord, render_complications


def _row_labels(text: str) -> list[str]:
    return [line.split("**")[1] for line in text.splitlines() if line.startswith("   * - **")]


def test_every_complication_by_default_with_its_onset():
    c = course()
    text = render_complications(c)
    assert len(_row_labels(text)) == len(c.complications)
    assert "Délai d’apparition" in text and "non décrit par les sources lues" in text
    assert ":cite:p:`oddb_al_surdosage" in text  # the onset cell cites the onset's own sources


def test_ids_keep_their_order_then_types_add_their_records():
    c = course()
    text = render_complications(c, ids=["malaise_vagal", "allergie_anaphylaxie"], types=["systemique"])
    labels = _row_labels(text)
    by_id = {x.id: x.label for x in c.complications}
    assert labels[:2] == [by_id["malaise_vagal"], by_id["allergie_anaphylaxie"]]
    systemic = {x.label for x in c.complications if x.type == "systemique"}
    assert systemic <= set(labels) and len(labels) == len(set(labels))


def test_unknown_id_or_type_is_a_french_error():
    with pytest.raises(UnknownRecord, match="complication inconnue"):
        render_complications(course(), ids=["nope"])
    with pytest.raises(UnknownRecord, match="type de complication inconnu"):
        render_complications(course(), types=["bizarre"])


def test_the_notebook_form_carries_the_directive_with_its_options():
    shown = tableau("tableau-complications", complications="malaise_vagal", types="allergique")
    assert shown.myst.startswith("```{tableau-complications}")
    assert ":complications: malaise_vagal" in shown.myst and ":types: allergique" in shown.myst


def test_columns_narrow_the_table_in_the_order_given():
    from mesocours.data import course
    from mesocours.sphinxext import render

    text = render.render_complications(course(), ids=["ecchymose"], columns=["complication", "frequence", "sources"])
    assert "Fréquence" in text and "Mécanisme" not in text and "Prévention" not in text
    assert text.index("Complication") < text.index("Fréquence") < text.index("Sources")
    full = render.render_complications(course(), ids=["ecchymose"])
    assert all(title in full for title, _, _ in render.COMPLICATION_COLUMNS.values())
    import pytest

    with pytest.raises(render.UnknownRecord, match="colonne inconnue"):
        render.render_complications(course(), columns=["gravite"])
