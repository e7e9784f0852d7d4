"""The built HTML (no browser): French everywhere the reader looks, nothing from another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

SKIP_DIRS = {"_static", "_sources", "_images", "_sphinx_design_static"}
EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=[\"'](?:https?:)?//|"
    r"<link\b[^>]*\brel=[\"'](?:stylesheet|preload|icon|modulepreload)[\"'][^>]*\bhref=[\"'](?:https?:)?//|"
    r"<link\b[^>]*\bhref=[\"'](?:https?:)?//[^>]*\brel=[\"'](?:stylesheet|preload|icon|modulepreload)[\"']|"
    r"@import\s+url\([\"']?(?:https?:)?//", re.I)


def is_redirect(page: Path) -> bool:
    """Jupyter Book writes _build/html/index.html as a bare redirect to the root document."""
    return page.read_text(encoding="utf-8").lstrip().startswith('<meta http-equiv="Refresh"')


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html")
                  if not SKIP_DIRS.intersection(p.relative_to(html).parts) and not is_redirect(p))


def test_every_page_is_french_and_offline(built_html):
    found = pages(built_html)
    assert len(found) >= 3
    for page in found:
        text = page.read_text(encoding="utf-8")
        assert re.search(r"<html[^>]*\blang=\"fr\"", text), page
        assert not EXTERNAL_RESOURCE.search(text), f"{page}: ressource chargée depuis un autre hôte"
        for bad in ("googletagmanager", "google-analytics", "gtag(", "plausible.io"):
            assert bad not in text, f"{page}: {bad}"


def test_static_css_and_js_load_nothing_remote(built_html):
    # our CSS/JS and the theme's: no @import or url() to another host
    for path in list((built_html / "_static").glob("*.css")) + list((built_html / "_static").glob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\([\"']?https?://", text), path
        assert not re.search(r"@import\s+[\"']?(?:url\()?[\"']?https?://", text), path


def test_french_theme_strings(built_html):
    assert is_redirect(built_html / "index.html")
    index = (built_html / "book" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Rechercher dans le cours…"' in index
    assert "Search this book" not in index
    search = (built_html / "search.html").read_text(encoding="utf-8")
    assert "Rechercher" in search


def test_search_index_is_french(built_html):
    lang_data = (built_html / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "FoldedFrenchStemmer" in lang_data  # accents folded on the query side
    index = (built_html / "searchindex.js").read_text(encoding="utf-8")
    assert '"medic' in index  # "médicament(s)" indexed without its accent


def test_widgets_and_math_are_self_hosted(built_html):
    vendor = built_html / "_static" / "vendor"
    assert (vendor / "require.js").exists()
    assert (vendor / "html-manager" / "dist" / "embed-amd.js").exists()
    assert (vendor / "mathjax" / "tex-chtml.js").exists()
    assert any(vendor.joinpath("html-manager", "dist").glob("*.woff2")), "les polices des widgets manquent"


def test_notebook_pages_have_launch_and_download_buttons(built_html):
    nb_pages = [p for p in pages(built_html) if "notebooks" in p.parts]
    assert nb_pages
    for page in nb_pages:
        text = page.read_text(encoding="utf-8")
        assert "mybinder.org/v2/gh/" in text, f"{page}: bouton Binder"
        assert "colab.research.google.com/github/" in text, f"{page}: bouton Colab"
        assert "/hub/user-redirect/git-pull" in text, f"{page}: bouton JupyterHub"
        assert "_sources/" in text and ".ipynb" in text, f"{page}: téléchargement du notebook"


def test_figures_have_real_alt_text(built_html):
    for page in pages(built_html):
        for alt in re.findall(r"<img\b[^>]*\balt=\"([^\"]*)\"", page.read_text(encoding="utf-8")):
            assert alt.strip(), f"{page}: image sans texte alternatif"
            assert not re.search(r"\.(png|jpe?g|svg)$", alt, re.I), f"{page}: alt = nom de fichier ({alt})"
