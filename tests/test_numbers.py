import pytest



def test_fr_mean_sd():
    from mesocours.numbers import fr_mean_sd

    assert fr_mean_sd(20.5, 12.34) == "20,5 ± 12,34\u00a0mm"
    assert fr_mean_sd(3.08) == "3,08\u00a0mm"
    assert fr_mean_sd(None, 1.0) == "—"
    assert fr_mean_sd(0.1, 0, unit="µm") == "0,1\u00a0µm"


@pytest.mark.parametrize("iso, text", [("2011-02-17", "17\u00a0février 2011"), ("2021-07-01", "1er\u00a0juillet 2021"),
                                       ("2007-06", "juin 2007"), ("1958", "1958"), (None, "")])
def test_fr_date_at_the_precision_the_data_give(iso, text):
    from mesocours.numbers import fr_date

    assert fr_date(iso) == text


@pytest.mark.parametrize("n, digits, word", [(0, 2, "étude"), (1, 2, "étude"), (1.5, 2, "étude"), (1.99, 2, "étude"),
                                             (1.996, 2, "études"), (1.96, 1, "études"), (2, 0, "études"),
                                             (-3, 0, "études"), (float("nan"), 2, "étude"), (float("inf"), 2, "études")])
def test_accord_puts_the_plural_from_two_as_the_number_is_shown(n, digits, word):
    from mesocours.numbers import accord, fr

    assert accord(n, "étude", digits=digits) == word
    # the number shown and the noun agree: « 2 études » never « 2 étude », « 1,5 étude » never « 1,5 études »
    shown = fr(n, digits)
    if shown not in ("—",) and abs(float(shown.replace(",", ".").replace("\u202f", ""))) >= 2:
        assert word.endswith("s")


def test_accord_takes_an_irregular_plural():
    from mesocours.numbers import accord

    assert accord(3, "cheval", "chevaux") == "chevaux"
    assert accord(1, "cheval", "chevaux") == "cheval"
    assert accord(2, "partie") == "parties"


def test_no_module_agrees_a_french_noun_inline():
    """French plurals go through ``accord``: an inline ``'s' if n > 1`` has given « 0 études » (``!= 1``) and
    « 2,0 jour » (rounded display, raw test) before; this keeps the rule in one place."""
    import re
    from pathlib import Path

    inline = re.compile(r"""["']s["'] if [^"'\n]*(?:[<>]=?|[!=]=) *[0-9]""")
    root = Path(__file__).resolve().parent.parent / "mesocours"
    found = [f"{p.relative_to(root)}:{i}" for p in sorted(root.rglob("*.py"))
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if inline.search(line)]
    assert not found, found
