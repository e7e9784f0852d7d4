"""The built pages the browser tests visit, listed at collection time (before any browser starts)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SKIP_DIRS = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}


@cache
def _text(rel: str) -> str:
    return (HTML / rel).read_text(encoding="utf-8")


def site_pages() -> list[str]:
    """Every page of the built book (paths relative to _build/html), redirects and the index of terms aside.

    Without a build it returns ``["index.html"]`` so that collection works and the ``site_url`` fixture
    fails with a French message instead.
    """
    if not HTML.exists():
        return ["index.html"]
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if not SKIP_DIRS.intersection(p.relative_to(HTML).parts) and p.name != "genindex.html"
                  and not _text(str(p.relative_to(HTML))).lstrip().startswith('<meta http-equiv="Refresh"'))


def has_widgets(rel: str) -> bool:
    return (HTML / rel).exists() and "application/vnd.jupyter.widget-view+json" in _text(rel)


def has_math(rel: str) -> bool:
    return (HTML / rel).exists() and 'class="math notranslate' in _text(rel)  # Sphinx math in the prose


def widget_pages() -> list[str]:
    return [p for p in site_pages() if has_widgets(p)]
