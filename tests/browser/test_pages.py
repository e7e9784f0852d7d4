"""Every built page in a real browser: nothing from another host, no error, accessible (axe), widgets and math render.

The pages are discovered from _build/html, so every later chapter is checked with no new test code. Each
page is opened once: the offline, error and axe checks share that visit (one browser for the session).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import axe
from tests.browser.axe import report, run_axe, run_axe_dark, run_axe_page, serious

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SKIP_DIRS = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}


def _pages() -> list[str]:
    if not HTML.exists():
        return ["index.html"]
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if not SKIP_DIRS.intersection(p.relative_to(HTML).parts)
                  and not p.read_text(encoding="utf-8").lstrip().startswith('<meta http-equiv="Refresh"'))


def _has_widgets(rel: str) -> bool:
    return "application/vnd.jupyter.widget-view+json" in (HTML / rel).read_text(encoding="utf-8")


def _has_math(rel: str) -> bool:
    return 'class="math notranslate' in (HTML / rel).read_text(encoding="utf-8")  # Sphinx math in the prose


# Every font a stylesheet of the page declares (@font-face, nested rules included), as absolute URLs. The
# browser fetches a font only when a text needs it, and of two rules for one font only the one in force:
# a wrong URL in the other shows only on some loads. Reading the rules finds it on every load.
FONT_FACE_URLS = r"""() => {
  const urls = new Set();
  const walk = (rules, base) => { for (const r of rules) {
    if (r instanceof CSSFontFaceRule) {
      for (const m of (r.style.getPropertyValue('src') || '').matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g))
        if (!m[2].startsWith('data:')) urls.add(new URL(m[2], base).href);
    } else if (r.cssRules) walk(r.cssRules, base);
  }};
  for (const sheet of document.styleSheets) {
    let rules; try { rules = sheet.cssRules; } catch (e) { continue; }
    walk(rules, sheet.href || document.baseURI);
  }
  return [...urls];
}"""
FETCH_STATUS = """async urls => Promise.all(urls.map(async u => {
  try { return [u, (await fetch(u, {method: 'HEAD'})).status]; } catch (e) { return [u, 0]; } }))"""
fonts_found: set[str] = set()  # per worker: a font that answered once is not asked for again


def missing_fonts(page, declared: list[str] | None = None) -> list[str]:
    """The fonts declared by the page's stylesheets (``declared``, read from the page if not given) that the
    server does not have (or that are elsewhere)."""
    urls = [u for u in (page.evaluate(FONT_FACE_URLS) if declared is None else declared) if u not in fonts_found]
    status = page.evaluate(FETCH_STATUS, urls) if urls else []
    fonts_found.update(u for u, code in status if code == 200)
    return [f"{u} ({code or 'injoignable'})" for u, code in status if code != 200]


def settle(page, rel: str) -> None:
    """Wait until what a reader sees is there: saved widgets rendered, MathJax done."""
    if _has_widgets(rel):
        page.wait_for_selector(".jupyter-widgets", timeout=15000)
        page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=15000)
    page.evaluate("async () => { if (window.MathJax?.startup?.promise) await MathJax.startup.promise; }")


@pytest.mark.parametrize("rel", _pages())
def test_page_offline_clean_and_accessible(crawl_page, site_url, rel):
    """Nothing from another host, no page error, no console error, French, no serious/critical axe violation
    (and colour contrast also in dark mode), every font its stylesheets declare is there; on a page with saved
    widgets, the widgets render."""
    page = crawl_page
    page.goto(site_url + rel, wait_until="load")
    settle(page, rel)
    problems = report(serious(run_axe_page(page) + run_axe_dark(page)), rel)
    problems += [f"requête vers un autre hôte : {u}" for u in page.external_requests]
    problems += [f"erreur JavaScript : {e}" for e in page.page_errors]
    problems += [f"erreur dans la console : {e}" for e in page.console_errors]
    if page.locator("html").get_attribute("lang") != "fr":
        problems.append("<html lang> n’est pas « fr »")
    declared = page.evaluate(FONT_FACE_URLS)
    problems += [f"police déclarée introuvable : {u}" for u in missing_fonts(page, declared)]
    if _has_widgets(rel) and not any("/html-manager/dist/" in u for u in declared):
        problems.append("les polices des widgets ne sont déclarées par aucune feuille de style de la page")
    assert not problems, f"{rel} :\n  " + "\n  ".join(problems)


def test_axe_and_error_checks_can_fail(page, site_url):
    """A page with an unnamed button, an image without alt and a thrown error is caught by the same checks."""
    page.goto(site_url + "search.html", wait_until="load")
    page.evaluate("""() => {
        document.body.insertAdjacentHTML('beforeend', '<button id="x"><svg></svg></button><img src="_static/x.png">');
        setTimeout(() => { console.error('bad'); throw new Error('boom'); }, 0);
    }""")
    page.wait_for_timeout(100)
    found = {v["id"] for v in serious(run_axe(page))}
    assert {"button-name", "image-alt"} <= found
    assert any("boom" in e for e in page.page_errors) and any("bad" in e for e in page.console_errors)


def test_a_declared_font_that_is_missing_is_found(page, site_url):
    """The font check reads the rules, not what the browser happened to fetch: a font no text uses is checked."""
    page.goto(site_url + "search.html", wait_until="load")
    assert missing_fonts(page) == []
    page.evaluate("""() => document.head.insertAdjacentHTML('beforeend',
        '<style>@font-face { font-family: Absente; src: url(_static/absente.woff2) format("woff2"); }</style>')""")
    assert [u for u in missing_fonts(page) if u.endswith("_static/absente.woff2 (404)")]


def test_dark_contrast_measures_each_new_style_and_can_fail(page, site_url, monkeypatch):
    """Dark mode measures a text style once per worker: a page of known styles costs no axe run, a text of a new
    style is measured and a poor contrast caught, and a style that failed is measured again."""
    monkeypatch.setattr(axe, "checked_styles", {"light": set(), "dark": set()})
    page.goto(site_url + "search.html", wait_until="load")
    assert run_axe_dark(page) == [] and axe.checked_styles["dark"] and not axe.checked_styles["light"]
    runs = []
    with monkeypatch.context() as m:
        m.setattr(axe, "run_axe", lambda *a, **k: runs.append(a) or [])
        assert run_axe_dark(page) == [] and runs == []  # the same page again, in dark mode: nothing new, axe not run
    page.evaluate("""() => document.querySelector('main, body').insertAdjacentHTML('beforeend',
        '<p style="color:#3a3a3a">Texte gris foncé, illisible sur le fond du mode sombre.</p>')""")
    for _ in range(2):
        found = {v["id"] for v in serious(run_axe_dark(page))}
        assert "color-contrast (mode sombre)" in found


def test_light_contrast_measures_each_new_style_and_can_fail(page, site_url, monkeypatch):
    """In light mode too, colour contrast is measured once per text style (the other rules on the whole page):
    a page of known styles runs the contrast rule on nothing, a new poorly contrasted text is caught every time."""
    monkeypatch.setattr(axe, "checked_styles", {"light": set(), "dark": set()})
    page.goto(site_url + "search.html", wait_until="load")
    assert serious(run_axe_page(page)) == [] and axe.checked_styles["light"] and not axe.checked_styles["dark"]
    runs = []
    real = axe.run_axe
    with monkeypatch.context() as m:
        m.setattr(axe, "run_axe", lambda *a, **k: runs.append(k) or real(*a, **k))
        assert serious(run_axe_page(page)) == []
    assert runs == [{"skip": ("color-contrast",)}], runs  # the whole page without contrast, no contrast run
    page.evaluate("""() => document.querySelector('main, body').insertAdjacentHTML('beforeend',
        '<p style="color:#d8d8d8">Texte gris clair, illisible sur le fond du mode clair.</p>')""")
    for _ in range(2):
        assert "color-contrast" in {v["id"] for v in serious(run_axe_page(page))}


def test_a_request_to_another_host_is_recorded_and_fails(page, site_url):
    """The offline check can fail: an image by host name and a fetch by IP address are both seen, neither loads."""
    page.goto(site_url + "search.html", wait_until="load")
    outcome = page.evaluate("""async () => {
        const img = new Image(); img.src = 'https://example.org/logo.png';
        const loaded = await new Promise(ok => { img.onload = () => ok(true); img.onerror = () => ok(false); });
        let fetched = true;
        try { await fetch('http://93.184.216.34/x.js', {mode: 'no-cors'}); } catch (e) { fetched = false; }
        return {loaded, fetched};
    }""")
    assert outcome == {"loaded": False, "fetched": False}
    assert "https://example.org/logo.png" in page.external_requests
    assert "http://93.184.216.34/x.js" in page.external_requests


def test_some_pages_hold_widgets():
    """The widget checks of test_page_offline_clean_and_accessible run somewhere."""
    assert any(_has_widgets(p) for p in _pages()), "aucune page ne contient de widget enregistré"


def test_math_is_typeset(page, site_url):
    pages = [p for p in _pages() if _has_math(p)]
    assert pages, "aucune page ne contient de mathématiques"
    page.goto(site_url + pages[0], wait_until="load")
    page.wait_for_selector("mjx-container", timeout=15000)
    assert page.external_requests == []


@pytest.mark.parametrize("query, expected_pages", [
    ("cordonniers", {"01-histoire"}),  # plural typed, the page says « cordonnier »
    ("electrophorese", {"04-materiel", "glossaire", "epidemies"}),  # accents dropped: « électrophorèse »
    ("Électrophorèses", {"04-materiel", "glossaire", "epidemies"}),  # capital, accents and plural
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
