"""axe-core in the browser tests: the pinned copy fetched by build_tools/fetch_assets.py into _vendor/test/.

axe is injected by the test (``page.add_script_tag``): the published book never serves it. A serious or
critical violation of WCAG 2.0/2.1/2.2 A and AA counts; the report names rule, page and targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "_vendor" / "test" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    """Inject axe into the loaded page (once) and run it: every rule of TAGS, or only ``rules``.

    Returns the violations as {id, impact, help, targets}.
    """
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} manque : lancez « make assets »")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    return page.evaluate("""async (runOnly) => {
        const r = await axe.run(document, {runOnly, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.map(n => n.target.join(' '))}));
    }""", run_only)


def run_axe_dark(page) -> list[dict]:
    """Colour contrast again with the reader's system in dark mode (the theme follows it: mode « auto »)."""
    page.emulate_media(color_scheme="dark")
    try:
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'", timeout=5000)
        # the theme's colour transitions must end before colours are measured
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)
        return [dict(v, id=v["id"] + " (mode sombre)") for v in run_axe(page, ["color-contrast"])]
    finally:
        page.emulate_media(color_scheme="light")


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in FAILING_IMPACTS]


def report(violations: list[dict], rel: str) -> list[str]:
    return [f"[{v['impact']}] {v['id']} sur {rel} : {v['help']} — " + " | ".join(v["targets"][:6])
            for v in violations]
