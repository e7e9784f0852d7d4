"""Every built page in a real browser: nothing from another host, no error of ours, widgets and math render."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SKIP_DIRS = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}


def _pages() -> list[str]:
    if not HTML.exists():
        return ["index.html"]
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if not SKIP_DIRS.intersection(p.relative_to(HTML).parts) and p.name not in ("genindex.html",)
                  and not p.read_text(encoding="utf-8").lstrip().startswith('<meta http-equiv="Refresh"'))


def _has_widgets(rel: str) -> bool:
    return "application/vnd.jupyter.widget-view+json" in (HTML / rel).read_text(encoding="utf-8")


def _has_math(rel: str) -> bool:
    return 'class="math notranslate' in (HTML / rel).read_text(encoding="utf-8")  # Sphinx math in the prose


@pytest.mark.parametrize("rel", _pages())
def test_page_loads_offline_without_errors(page, site_url, rel):
    page.goto(site_url + rel, wait_until="load")
    page.wait_for_timeout(150)
    assert page.external_requests == [], f"requêtes vers un autre hôte : {page.external_requests}"
    assert page.page_errors == [], f"erreurs JavaScript : {page.page_errors}"
    assert page.console_errors == [], f"erreurs dans la console : {page.console_errors}"
    assert page.locator("html").get_attribute("lang") == "fr"


def test_widget_views_render(page, site_url):
    pages = [p for p in _pages() if _has_widgets(p)]
    assert pages, "aucune page ne contient de widget enregistré"
    for rel in pages:
        page.goto(site_url + rel, wait_until="load")
        page.wait_for_selector(".jupyter-widgets", timeout=15000)
        page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=15000)
        # the widget fonts resolve next to the bundle (no 404 relative to the page)
        failed = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(e => /\\.(woff2?|ttf|eot)$/.test(e.name) && e.responseStatus >= 400).map(e => e.name)""")
        assert failed == []
        assert page.external_requests == [] and page.page_errors == [] and page.console_errors == []


def test_math_is_typeset(page, site_url):
    pages = [p for p in _pages() if _has_math(p)]
    assert pages, "aucune page ne contient de mathématiques"
    page.goto(site_url + pages[0], wait_until="load")
    page.wait_for_selector("mjx-container", timeout=15000)
    assert page.external_requests == []


@pytest.mark.parametrize("query, expected_pages", [
    ("cordonniers", {"01-histoire"}),  # plural typed, the page says « cordonnier »
    ("electrophorese", {"03-materiel", "glossaire", "epidemies"}),  # accents dropped: « électrophorèse »
    ("Électrophorèses", {"03-materiel", "glossaire", "epidemies"}),  # capital, accents and plural
])
def test_french_search(page, site_url, query, expected_pages):
    page.goto(f"{site_url}search.html?q={query}", wait_until="load")
    # Sphinx writes its summary once the search has finished
    page.wait_for_function("document.querySelector('#search-results .search-summary')?.innerText.length > 0",
                           timeout=15000)
    links = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    found = {Path(h.split("#")[0].split("?")[0]).stem for h in links if h}
    assert expected_pages & found, (query, sorted(found))
    assert page.external_requests == []
