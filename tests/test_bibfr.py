"""French bibliography style: « et », « et al. », no English connective."""

from pybtex.database import parse_string

import mesocours.bibfr  # noqa: F401  (registers the styles)
from mesocours.bibfr import FrenchStyle, split_others

BIB = r"""
@article{two, author = {Micheels, Patrick and Goodman, Lisa}, title = {Injection depth}, journal = {J Drugs Dermatol},
  year = {2018}, volume = {17}, number = {1}, pages = {88--96}}
@article{trunc, author = {Laurent, A. and others}, title = {Skin thickness}, journal = {Vaccine}, year = {2007}}
@techreport{rep, author = {Barry, Caroline and Falissard, Bruno and Oger, E.}, title = {Évaluation}, institution = {Inserm},
  year = {2010}}
@misc{site, title = {Page web}, howpublished = {Site de la SFM}, year = {2020}, url = {https://example.org/x}}
"""


def render(key: str) -> str:
    data = parse_string(BIB, "bibtex")
    entries = {e.key: e for e in FrenchStyle().format_entries(data.entries.values())}
    return entries[key].text.render_as("text")


def test_two_authors_joined_with_et():
    text = render("two")
    assert "Patrick Micheels et Lisa Goodman" in text
    assert " and " not in text
    assert "17(1):88–96" in text


def test_others_becomes_et_al():
    text = render("trunc")
    assert "et al." in text and "others" not in text


def test_three_authors_and_french_report_and_url():
    assert "Bruno Falissard et E. Oger" in render("rep")
    assert "Rapport technique" in render("rep")
    site = render("site")
    assert "En ligne :" in site and "URL:" not in site


def test_split_others():
    persons = parse_string(BIB, "bibtex").entries["trunc"].persons["author"]
    named, truncated = split_others(persons)
    assert truncated and len(named) == 1


def test_citation_labels_are_french():
    """Both in-text styles (narrative and parenthetical) use « et » and « et al. »."""
    from sphinxcontrib.bibtex.style.referencing import PersonStyle  # noqa: F401

    from mesocours.bibfr import FrenchPersonStyle

    data = parse_string(BIB, "bibtex")
    person = FrenchPersonStyle()
    for key, expected in [("two", "Micheels et Goodman"), ("trunc", "Laurent et al.")]:
        entry = data.entries[key]
        for template in (person.names("author", full=False), person.author_or_editor_or_title(full=False)):
            text = template.format_data({"entry": entry, "style": type("S", (), {"person": person})()})
            assert text.render_as("text") == expected


LATEX_BIB = r"""
@misc{loi, title = {Code, article L.5121-12-1, rédaction issue de la loi n\textsuperscript{o} 2011-2012},
  howpublished = {JO n\textsuperscript{o} 86, en vigueur le 1\textsuperscript{er} juillet}, year = {2011}}
@article{myco, author = {Doe, J.}, title = {Abscesses due to \emph{Mycobacterium chelonae}}, journal = {EID}, year = {2008}}
"""


def test_latex_commands_become_tags_not_text():
    """pybtex left « n\\textsuperscript o » in the bibliography: HTML gets <sup>/<em>, tooltips Unicode."""
    from pybtex.plugin import find_plugin

    data = parse_string(LATEX_BIB, "bibtex")
    entries = {e.key: e for e in FrenchStyle().format_entries(data.entries.values())}
    loi = entries["loi"].text
    assert "loi n<sup>o</sup> 2011-2012" in loi.render_as("html")
    assert "1<sup>er</sup> juillet" in loi.render_as("html")
    assert "loi nᵒ 2011-2012" in loi.render(find_plugin("pybtex.backends", "plaintext")())
    assert "<em>Mycobacterium chelonae</em>" in entries["myco"].text.render_as("html")
    for entry in entries.values():
        assert "\\" not in entry.text.render_as("html") and "\\" not in entry.text.render_as("text")


def test_citation_label_from_a_title_has_no_latex():
    from mesocours.bibfr import FrenchPersonStyle

    person = FrenchPersonStyle()
    entry = parse_string(LATEX_BIB, "bibtex").entries["loi"]
    text = person.author_or_editor_or_title(full=False).format_data(
        {"entry": entry, "style": type("S", (), {"person": person})()})
    assert "\\" not in text.render_as("text") and "<sup>o</sup>" in text.render_as("html")


def test_plugin_lookups_are_cached():
    """pybtex scans the installed packages' entry points once per plugin name, not at every citation."""
    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    from mesocours.bibfr import cached_entry_points

    calls = []

    def lookup(*, group, name=None):
        calls.append((group, name))
        return [f"{group}:{name}"]

    cached = cached_entry_points(lookup)
    assert [cached(group="g", name="a") for _ in range(3)] == [("g:a",)] * 3
    assert cached(group="g") == ("g:None",)
    assert calls == [("g", "a"), ("g", None)]
    for module, attr in ((pybtex.plugin, "entry_points"), (sphinxcontrib.bibtex.plugin, "_entry_points")):
        assert hasattr(getattr(module, attr), "uncached"), f"{module.__name__}.{attr} n'est pas mis en cache"
    assert pybtex.plugin.find_plugin("pybtex.style.names", "lastfirst").__module__ == "pybtex.style.names.lastfirst"
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "plain_fr").__name__ == "FrenchStyle"


CASED = r"""
@misc{law, title = {Code de la santé publique, article L.5121-12-1 : la HAS, l'ANSM et le règlement (UE) 2017/745},
  howpublished = {Légifrance}, year = {2024}}
@article{eng, author = {Derry, Sheena}, title = {topical NSAIDs for acute musculoskeletal pain in adults},
  journal = {Cochrane Database Syst Rev}, year = {2015}}
"""


def test_titles_keep_their_capitals():
    """A title prints as the .bib writes it (first letter capitalised): no « article l.5121 », « la has »."""
    data = parse_string(CASED, "bibtex")
    texts = {e.key: e.text.render_as("text") for e in FrenchStyle().format_entries(data.entries.values())}
    assert "article L.5121-12-1 : la HAS, l'ANSM et le règlement (UE) 2017/745" in texts["law"]
    assert "Topical NSAIDs for acute" in texts["eng"]
