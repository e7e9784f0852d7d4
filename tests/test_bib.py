"""book/references.bib: parses, no duplicated key, required fields per type, every data key exists."""

from __future__ import annotations

from pathlib import Path

import pybtex.errors
import pytest
import yaml
from pybtex.database import BibliographyDataError, parse_file

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "book" / "references.bib"
DATA = ROOT / "data"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "data_broken"

# Each inner tuple: at least one of these fields must be present.
REQUIRED = {
    "article": [("author",), ("title",), ("journal",), ("year",)],
    "techreport": [("author",), ("title",), ("institution",), ("year",)],
    "misc": [("title",), ("year",), ("author", "howpublished")],
    "book": [("author", "editor"), ("title",), ("publisher",), ("year",)],
}
KEY_FIELDS = {"sources", "source", "named_in"}  # data fields whose values are bib keys


def _parse(path: Path):
    pybtex.errors.set_strict_mode(True)  # a repeated key raises instead of warning
    return parse_file(str(path), bib_format="bibtex")


@pytest.fixture(scope="module")
def bib():
    return _parse(BIB)


def missing_fields(entry) -> list[tuple[str, ...]]:
    rules = REQUIRED.get(entry.type.lower())
    if rules is None:
        return [("type inconnu : " + entry.type,)]
    present = set(entry.fields) | set(entry.persons)
    return [alts for alts in rules if not present & set(alts)]


def cited_keys(node, where: str = "") -> list[tuple[str, str]]:
    """(place, key) for every bib key a raw YAML tree cites under sources / source / named_in."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in KEY_FIELDS:
                for key in [v] if isinstance(v, str) else v or []:
                    out.append((f"{where}.{k}", key))
            else:
                out.extend(cited_keys(v, f"{where}.{k}"))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(cited_keys(v, f"{where}[{i}]"))
    return out


def test_the_bibliography_parses_without_duplicated_key(bib):
    assert len(bib.entries) > 50


def test_a_duplicated_key_is_detected():
    with pytest.raises(BibliographyDataError, match="dup2020"):
        _parse(BROKEN / "duplicate_bib" / "references.bib")


def test_every_entry_has_the_fields_its_type_needs(bib):
    problems = {key: missing for key, e in bib.entries.items() if (missing := missing_fields(e))}
    assert not problems, problems


def test_the_required_field_check_can_fail():
    from pybtex.database import Entry

    assert missing_fields(Entry("article", fields={"title": "x", "year": "2020"})) == [("author",), ("journal",)]
    assert missing_fields(Entry("misc", fields={"title": "x", "year": "2020"})) == [("author", "howpublished")]


def test_every_key_cited_in_data_exists(bib):
    known = set(bib.entries)
    missing = []
    for path in sorted(DATA.rglob("*.yml")):
        tree = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for place, key in cited_keys(tree, path.relative_to(DATA).as_posix()):
            if key not in known:
                missing.append(f"{place} : {key}")
    assert not missing, missing


def test_the_cited_key_scan_finds_nested_keys():
    tree = [{"id": "a", "sources": ["k1"], "presentations": [{"sources": ["k2"]}], "named_in": ["k3"]}]
    assert [k for _, k in cited_keys(tree)] == ["k1", "k2", "k3"]


def test_commissioned_texts_are_marked_as_such(bib):
    for key in ["src_article_grand_public", "src_blog_sept_verites", "src_fiche_ministere",
                "src_page_praticien", "src_annuaire_belge"]:
        entry = bib.entries[key]
        assert "texte fourni à la commande du cours" in entry.fields["note"].lower(), key
        assert "url" not in entry.fields and not entry.persons, key
