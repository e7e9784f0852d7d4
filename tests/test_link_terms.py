"""The glossary linker touches prose only, once per term."""

from build_tools.link_terms import link_cell, term_pattern


def test_links_first_prose_occurrence_only():
    todo = {"nappage": term_pattern("nappage"), "IED": term_pattern("IED")}
    src = "# Le nappage\n\nLe `nappage` en code, puis le Nappage en prose ; encore un nappage.\nL’IED aussi."
    out = link_cell(src, todo)
    assert out.splitlines()[0] == "# Le nappage"  # headings untouched
    assert "`nappage` en code" in out  # code spans untouched
    assert "{term}`Nappage <nappage>` en prose" in out and out.count("{term}`") == 2
    assert "L’{term}`IED`" in out and todo == {}


def test_fences_and_roles_untouched():
    todo = {"AMM": term_pattern("AMM")}
    src = "```{admonition} AMM\nL'AMM dans une boîte\n```\nVoir {cite:p}`AMM` puis [AMM](x) puis AMMS."
    assert link_cell(src, todo) == src and "AMM" in todo
