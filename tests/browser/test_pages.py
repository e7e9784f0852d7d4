"""Every built page in a real browser: nothing from another host, no error of ours, widgets and math render."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.pages import has_math, site_pages, widget_pages

pytestmark = pytest.mark.browser


def test_the_build_has_pages_and_widgets(site_url):
    assert len(site_pages()) >= 3, site_pages()
    assert widget_pages(), "aucune page ne contient de widget enregistré"


def test_page_loads_offline_without_errors(built_page):
    assert built_page.external_requests == [], f"requêtes vers un autre hôte : {built_page.external_requests}"
    assert built_page.page_errors == [], f"erreurs JavaScript : {built_page.page_errors}"
    assert built_page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("built_page", widget_pages(), indirect=True, ids=str)
def test_widget_views_render(built_page):
    # built_page waited for the saved widgets to render; their fonts resolve next to the bundle (no 404)
    assert built_page.locator(".jupyter-widgets").count() > 0
    assert "Loading widget" not in built_page.locator("body").inner_text()
    failed = built_page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => /\\.(woff2?|ttf|eot)$/.test(e.name) && e.responseStatus >= 400).map(e => e.name)""")
    assert failed == []
    assert built_page.external_requests == [] and built_page.page_errors == []


def test_math_is_typeset(page, site_url):
    pages = [p for p in site_pages() if has_math(p)]
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
