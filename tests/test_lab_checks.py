"""The JupyterLab browser test's own checks (tests/browser/test_lab.py), tested without a browser."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from tests.browser.test_lab import _bib_keys, bare_keys


def per_key(text: str, keys) -> list[str]:
    """The check as first written: one search per key."""
    return sorted(k for k in keys if re.search(rf"(?<![\w/.-]){re.escape(k)}(?![\w/-])", text))


def test_a_bare_key_is_found_and_a_rendered_citation_is_not():
    keys = frozenset({"pistor1958", "has2014", "fda2022jynneos", "a-b"})
    text = "Voir pistor1958. Puis (has2014), https://x.org/has2014/ et fichier.fda2022jynneos ; a-b-c, a-b."
    assert bare_keys(text, keys) == ["a-b", "has2014", "pistor1958"] == per_key(text, keys)
    assert bare_keys("Pistor, 1958", keys) == []


WORDS = st.sampled_from(["pistor1958", "has2014", "a-b", "x_y", "has", "2014", "pistor1958x"])
SEPARATORS = st.sampled_from([" ", ".", "/", "-", "(", ")", "\n", ", ", "é", "_", ":"])


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=8), st.sampled_from(["", ".", "/", " "]))
def test_the_one_pass_search_finds_what_a_search_per_key_finds(parts, start):
    keys = frozenset({"pistor1958", "has2014", "a-b", "x_y", "odd.key"})
    text = start + "".join(w + sep for w, sep in parts)
    assert bare_keys(text, keys) == per_key(text, keys)


def test_the_real_keys_are_parsed_once():
    assert _bib_keys() is _bib_keys() and "pistor1958" in _bib_keys()
