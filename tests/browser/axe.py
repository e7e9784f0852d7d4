"""axe-core in the browser tests: the pinned copy fetched by build_tools/fetch_assets.py into _vendor/test/.

axe is injected by the test (``page.add_script_tag``): the published book never serves it. A serious or
critical violation of WCAG 2.0/2.1/2.2 A and AA counts; the report names rule, page and targets.

Colour contrast, in light mode (:func:`run_axe_page`) and again in dark mode (:func:`run_axe_dark`), is measured
once per text style and mode (:data:`STYLE_JS`): a text whose colours, size, weight, opacity and every ancestor's
background, opacity, filter and positioning are those of a text already checked in this worker's session gives
axe the same measure, and is not measured again (the pages share one theme: after the first pages, a page brings
few new styles; measured in dark mode: 38 s of chromium for the 44 pages measured in full, most of it repeated;
in light mode the contrast rule was half of axe's time on a page). The other rules run on the whole page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "_vendor" / "test" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")


FRESH = "data-mesocours-axe-fresh"  # marks, for one run, the texts of a style not checked yet
# Marks with FRESH every element holding text (or a form field) whose style key is not in ``seen``; returns the
# new keys. A key hashes (53 bits) the element's colour, font size and weight, text shadow and opacity, then for
# it and each ancestor: tag, background colour and image, opacity, filter, blend mode, position (memoised).
STYLE_JS = """(seen) => {
    const known = new Set(seen), fresh = [], chain = new Map();
    const hash = str => { let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
        for (let i = 0; i < str.length; i++) { const c = str.charCodeAt(i);
            h1 = Math.imul(h1 ^ c, 2654435761); h2 = Math.imul(h2 ^ c, 1597334677); }
        h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
        h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
        return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36); };
    const behind = e => { if (!e) return ''; if (chain.has(e)) return chain.get(e); const s = getComputedStyle(e);
        const k = [e.tagName, s.backgroundColor, s.backgroundImage, s.opacity, s.filter, s.mixBlendMode, s.position,
                   behind(e.parentElement)].join('|');
        chain.set(e, k); return k; };
    for (const e of document.querySelectorAll('[' + FRESH + ']')) e.removeAttribute(FRESH);
    for (const e of document.body.querySelectorAll('*')) {
        if (!e.matches('input, select, textarea, button')
            && ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        const s = getComputedStyle(e);
        const key = hash([s.color, s.fontSize, s.fontWeight, s.textShadow, s.opacity, behind(e)].join('|'));
        if (known.has(key)) continue;
        known.add(key); fresh.push(key); e.setAttribute(FRESH, '');
    }
    return fresh;
}""".replace("FRESH", repr(FRESH))
NO_TRANSITION = "mesocours-axe-no-transition"
CONTRAST = "color-contrast"
checked_styles: dict[str, set[str]] = {"light": set(), "dark": set()}  # this worker's style keys measured, by mode


def run_axe(page, rules: list[str] | None = None, only_fresh: bool = False, skip: tuple[str, ...] = ()) -> list[dict]:
    """Inject axe into the loaded page (once) and run it: every rule of TAGS but ``skip``, or only ``rules``; on
    the whole page, or (``only_fresh``) on the elements STYLE_JS marked.

    Returns the violations as {id, impact, help, targets}.
    """
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} manque : lancez « make assets »")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    return page.evaluate("""async ([runOnly, fresh, skip]) => {
        const context = fresh ? {include: [...document.querySelectorAll('[' + fresh + ']')]} : document;
        const rules = Object.fromEntries(skip.map(id => [id, {enabled: false}]));
        const r = await axe.run(context, {runOnly, rules, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.map(n => n.target.join(' '))}));
    }""", [run_only, FRESH if only_fresh else None, list(skip)])


def contrast_of_new_styles(page, mode: str) -> list[dict]:
    """Colour contrast of the page's texts whose style was not measured yet in ``mode`` by this worker.

    A style that fails is not recorded: it is measured again on every page that shows it.
    """
    fresh = page.evaluate(STYLE_JS, sorted(checked_styles[mode]))
    if not fresh:  # every text of the page has a style measured already
        return []
    violations = run_axe(page, [CONTRAST], only_fresh=True)
    if not violations:
        checked_styles[mode].update(fresh)
    return violations


def run_axe_page(page) -> list[dict]:
    """The page as it loads (light mode): every rule of TAGS on the whole page, colour contrast on new styles."""
    return run_axe(page, skip=(CONTRAST,)) + contrast_of_new_styles(page, "light")


def run_axe_dark(page) -> list[dict]:
    """Colour contrast again with the reader's system in dark mode (the theme follows it: mode « auto »).

    The theme's colour transitions are switched off for the measure: the colours measured are their end values,
    reached at once instead of drawn over 0,3 s of animation frames (and again on the way back to light).
    """
    page.evaluate(f"""() => document.head.insertAdjacentHTML('beforeend',
        '<style id="{NO_TRANSITION}">*, *::before, *::after {{ transition: none !important; }}</style>')""")
    page.emulate_media(color_scheme="dark")
    try:
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'", timeout=5000)
        # no colour may still be moving when colours are measured
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)
        return [dict(v, id=v["id"] + " (mode sombre)") for v in contrast_of_new_styles(page, "dark")]
    finally:
        page.emulate_media(color_scheme="light")
        page.evaluate(f"() => document.getElementById('{NO_TRANSITION}')?.remove()")


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in FAILING_IMPACTS]


def report(violations: list[dict], rel: str) -> list[str]:
    return [f"[{v['impact']}] {v['id']} sur {rel} : {v['help']} — " + " | ".join(v["targets"][:6])
            for v in violations]
