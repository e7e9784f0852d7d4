"""Sphinx extension: French search that ignores accents as well as plurals.

Sphinx's French search stems words (``injections`` finds ``injection``) but keeps accents, so a
reader who types ``medicament`` misses ``médicament``. Here both sides fold accents before the
Snowball French stemmer: the index (Python) and the query (JavaScript, same stemmer).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import sphinx
import sphinx.search
from sphinx.search.fr import SearchFrench

_JS_DIR = Path(sphinx.__file__).parent / "search" / "minified-js"


def fold(word: str) -> str:
    """Lower case, accents removed (``Médicaments`` -> ``medicaments``)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


class SearchFrenchFolded(SearchFrench):
    js_stemmer_rawcode = ""  # use js_stemmer_code below
    js_stemmer_code = (
        (_JS_DIR / "base-stemmer.js").read_text(encoding="utf-8")
        + "\n"
        + (_JS_DIR / "french-stemmer.js").read_text(encoding="utf-8")
        + """
var FoldedFrenchStemmer = function () {
  var inner = new FrenchStemmer();
  this.stemWord = function (w) {
    return inner.stemWord(w.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, ""));
  };
};
Stemmer = FoldedFrenchStemmer;
"""
    )

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(fold(word))


def setup(app):
    sphinx.search.languages["fr"] = SearchFrenchFolded
    return {"parallel_read_safe": True, "parallel_write_safe": True}
