"""axe-core (pinned, fetched by build_tools/fetch_assets.py into _vendor/test/) on every built page.

The pages are discovered from _build/html, so every later chapter is checked with no new test code.
axe is injected by the test (``page.add_script_tag``): the published book never serves it. A serious
or critical violation of WCAG 2.0/2.1/2.2 A and AA fails, with its rule, page and targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_pages import _has_widgets, _pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "_vendor" / "test" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")


def run_axe(page) -> list[dict]:
    """Inject axe into the loaded page and return its violations (rule id, impact, targets)."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} manque : lancez « make assets »")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.map(n => n.target.join(' '))}));
    }""", TAGS)


def settle(page, rel: str) -> None:
    """Wait until what a reader sees is there: saved widgets rendered, MathJax done."""
    if _has_widgets(rel):
        page.wait_for_selector(".jupyter-widgets", timeout=15000)
        page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=15000)
    page.evaluate("async () => { if (window.MathJax?.startup?.promise) await MathJax.startup.promise; }")


@pytest.mark.parametrize("rel", _pages())
def test_no_serious_or_critical_axe_violation(page, site_url, rel):
    page.goto(site_url + rel, wait_until="load")
    settle(page, rel)
    bad = [v for v in run_axe(page) if v["impact"] in FAILING_IMPACTS]
    report = "\n".join(f"  [{v['impact']}] {v['id']} sur {rel} : {v['help']}\n"
                       + "\n".join(f"      {t}" for t in v["targets"][:8]) for v in bad)
    assert not bad, f"violations axe sérieuses ou critiques :\n{report}"
