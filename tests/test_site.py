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


FRENCH_WORDS = re.compile(r"\b(?:le|la|les|l’|l'|du|de|des|d’|d'|un|une|et|en|par|sur|selon|à|au|aux|avec)\b", re.I)
FILE_NAME = re.compile(r"^[\w./-]+\.(?:png|jpe?g|svg|gif|webp)$|^[\w-]+$", re.I)


def _soup(page: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_figures_have_real_alt_text(built_html):
    """Every image of the article (figures, cell outputs) says in French what it shows; no file name."""
    checked = 0
    for page in pages(built_html):
        article = _soup(page).find("article") or _soup(page)
        for img in article.find_all("img"):
            alt = (img.get("alt") or "").strip()
            assert img.has_attr("alt"), f"{page}: image sans attribut alt ({img.get('src')})"
            if "logo" in (img.get("class") or []):
                continue
            assert alt, f"{page}: image sans texte alternatif ({img.get('src')})"
            assert not FILE_NAME.search(alt), f"{page}: alt = nom de fichier ou identifiant ({alt})"
            assert len(alt.split()) >= 4 and FRENCH_WORDS.search(alt), f"{page}: alt trop court ou pas en français ({alt})"
            checked += 1
    assert checked >= 3, "aucune figure trouvée : le test ne vérifie rien"


LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+")
MATH_DELIMITED = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$", re.S)  # MathJax input, typeset in the browser


def reader_text(page: Path) -> str:
    """What a reader sees or hears: the text, tooltips and alt texts, without scripts, styles, code and math."""
    soup = _soup(page)
    for el in soup(["script", "style", "pre", "code", "noscript", "template"]):
        el.decompose()
    for el in soup.select(".math, .highlight, mjx-container"):
        el.decompose()
    attrs = [v for el in soup.find_all(True) for k in ("title", "alt", "aria-label", "placeholder")
             if isinstance(v := el.get(k), str)]
    return MATH_DELIMITED.sub(" ", " ".join([soup.get_text(" "), *attrs]))


def test_no_latex_markup_reaches_a_reader(built_html):
    """« loi n\\textsuperscript o 2011-2012 » once reached the bibliography: no backslash command on any page."""
    for page in pages(built_html):
        found = sorted(set(LATEX_COMMAND.findall(reader_text(page))))
        assert not found, f"{page.relative_to(built_html)} : balisage LaTeX visible {found}"


def test_latex_check_can_fail(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<p>loi n\\textsuperscript o 2011</p><span class="math">\\(\\alpha\\)</span>'
                    '<p>\\(x = \\frac{1}{2}\\)</p><script>var a = "\\n";</script>', encoding="utf-8")
    assert LATEX_COMMAND.findall(reader_text(page)) == ["\\textsuperscript"]


def test_bibliography_is_an_accessible_list(built_html):
    """The entries of the role=list container are list items (axe aria-required-children, critical)."""
    soup = _soup(built_html / "book" / "bibliographie.html")
    lists = soup.select('[role="list"].citation-list')
    assert lists
    for lst in lists:
        children = lst.find_all(recursive=False)
        assert children and all(c.get("role") == "listitem" for c in children)


# what the bibliography printed when pybtex lowercased titles (« article l.5121-12-1 », « la has », « (ue) »)
LOWERED_TITLE = re.compile(r"\barticles? [lrd]\.\s?\d|\bla has\b|\(ue\)|\bnsaids\b")


def test_bibliography_titles_keep_their_capitals(built_html):
    text = _soup(built_html / "book" / "bibliographie.html").get_text(" ")
    found = sorted(set(LOWERED_TITLE.findall(text)))
    assert not found, f"titres mis en minuscules dans la bibliographie : {found}"
    assert "article L.5121-12-1" in text and "la HAS" in text


def test_axe_is_a_test_tool_not_published(built_html):
    assert not list(built_html.rglob("axe*.js")), "axe-core est un outil de test : il ne doit pas être publié"


def test_no_page_pickles_the_build_environment(built_html):
    """A page's doctree holds its own nodes, not the build environment (mesocours.sphinxext.one_document): the
    singlehtml build of the PDF unpickles every page, and an environment in each made it 6 times slower."""
    doctrees = sorted((built_html.parent / ".doctrees").rglob("*.doctree"))
    assert doctrees, "_build/.doctrees vide : le livre n’a pas été construit"
    heavy = [d.relative_to(built_html.parent).as_posix() for d in doctrees if b"BuildEnvironment" in d.read_bytes()]
    assert not heavy, f"pages dont l’arbre embarque l’environnement de construction : {heavy}"


def test_reference_pages_are_built_from_the_course_data(built_html):
    """The reference pages of the book come from data/ (the « book » stage builds them with warnings as errors)."""
    gloss = (built_html / "book" / "reference" / "glossaire.html").read_text(encoding="utf-8")
    assert gloss.count('<dt id="term-') >= 60
    for page in ["produits", "etudes", "textes-juridiques", "epidemies", "complications"]:
        assert 'href="../bibliographie.html#' in (built_html / "book" / "reference" / f"{page}.html").read_text(
            encoding="utf-8"), page
