"""Every model rejects invalid input with one exception type, InputError, carrying a French sentence."""

import math
import re

import pytest
from hypothesis import given, settings, strategies as st

from mesocours.models import Field, InputError, InvalidInput
from mesocours.models.depth import layer_at, needle_depth_mm, site_profile
from mesocours.models.protocols import cumulative, protocol, sessions
from mesocours.models.techniques import injection_plan, technique

ANY = st.one_of(st.none(), st.booleans(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**30),
                st.text(max_size=10), st.sampled_from(["", "-1", "0", "abc", "2,5", "4 cm", "1 000", "nan"]),
                st.lists(st.integers(), max_size=2))

CALLS = [
    ("needle_depth_mm", lambda a, b, c: needle_depth_mm(a, b, c)),
    ("layer_at", lambda a, b, c: layer_at("abdomen" if c is None else a, b)),
    ("site_profile", lambda a, b, c: site_profile(a)),
    ("injection_plan", lambda a, b, c: injection_plan(a, b, c, a)),
    ("sessions", lambda a, b, c: sessions("farpour2020", a)),
    ("cumulative", lambda a, b, c: cumulative("farpour2020", a, b)),
    ("protocol", lambda a, b, c: protocol(a)),
    ("technique", lambda a, b, c: technique(a)),
]


def test_one_exception_type():
    assert InvalidInput is InputError and issubclass(InputError, ValueError)


@pytest.mark.parametrize("name,call", CALLS, ids=[n for n, _ in CALLS])
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(ANY, ANY, ANY)
def test_models_raise_only_input_error(name, call, a, b, c):
    try:
        call(a, b, c)
    except InputError as err:
        text = str(err)
        assert text[:1].isupper() or text.startswith("«"), text
        assert not re.search(r"\((e|s)\)|Traceback|\bmust\b|\binvalid\b", text), text


@pytest.mark.parametrize("field,value,message", [
    (Field("le volume par point", "mL", minimum=0, strict_min=True), "0",
     "Le volume par point doit être strictement supérieur à 0\u00a0mL (valeur saisie\u00a0: 0\u00a0mL)."),
    (Field("la profondeur", "mm", feminine=True, minimum=0, strict_min=True), "-2",
     "La profondeur doit être strictement supérieure à 0\u00a0mm (valeur saisie\u00a0: -2\u00a0mm)."),
    (Field("les doses", "mg", feminine=True, plural=True, minimum=0), "-1",
     "Les doses ne peuvent pas être négatives (valeur saisie\u00a0: -1\u00a0mg)."),
    (Field("les volumes", "mL", plural=True, maximum=5), "6",
     "Les volumes doivent être au plus égaux à 5\u00a0mL (valeur saisie\u00a0: 6\u00a0mL)."),
    (Field("la période étudiée", "jours", feminine=True, minimum=0, strict_min=True), "0",
     "La période étudiée doit être strictement supérieure à 0\u00a0jour (valeur saisie\u00a0: 0\u00a0jour)."),
    (Field("l’angle", "°", maximum=90), "91", "L’angle doit être au plus égal à 90° (valeur saisie\u00a0: 91°)."),
    (Field("l’épaisseur", "mm", feminine=True), "", "L’épaisseur n’est pas renseignée\u00a0: saisissez un nombre, par exemple 2,5."),
    (Field("la surface", "cm²", feminine=True, maximum=10), "1" + "0" * 20,
     "La surface doit être au plus égale à 10\u00a0cm² (valeur saisie\u00a0: 1 × 10²⁰\u00a0cm²)."),
    (Field("la surface", "cm²", feminine=True), math.nan, "La valeur donnée pour la surface n’est pas un nombre utilisable."),
    (Field("la surface", "cm²", feminine=True), "3 mm", "L’unité « mm » ne convient pas\u00a0: la surface se saisit en cm²."),
])
def test_messages_agree_with_the_quantity(field, value, message):
    with pytest.raises(InputError) as err:
        field.parse(value)
    assert str(err.value) == message


def test_units_typed_with_the_number_are_accepted():
    assert Field("la surface", "cm²", feminine=True).parse("100 cm2") == 100
    assert Field("la période", "jours", feminine=True).parse("60 j") == 60
