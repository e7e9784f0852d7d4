"""Sphinx extension: serve require.js, the ipywidgets HTML manager and MathJax from the book itself.

The pinned copies are fetched into ``_vendor/site/vendor/`` by ``build_tools/fetch_assets.py``
(``make assets``). This points myst-nb's ``nb_ipywidgets_js`` and Sphinx's ``mathjax_path`` at
them, so no page loads anything from another host. ``book/assets/widgets-config.js`` runs first:
it tells RequireJS where the widget bundle lives (so its fonts resolve) and maps the MathJax 2
call the widget manager makes onto MathJax 3.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "_vendor" / "site"  # published as _static/; _vendor/test (axe-core) is not

WIDGETS_JS = {
    "widgets-config.js": {},
    "vendor/require.js": {},
    "vendor/html-manager/dist/embed-amd.js": {},
}
MATHJAX = "vendor/mathjax/tex-chtml.js"


def _configure(app, config) -> None:
    if not (VENDOR / "vendor" / "require.js").exists():
        raise ExtensionError(
            "Les fichiers JavaScript servis par le livre manquent (_vendor/). Lancez « make assets » ou « make book »."
        )
    if str(VENDOR) not in config.html_static_path:
        config.html_static_path.append(str(VENDOR))
    config.mathjax_path = MATHJAX
    # Widgets (HTMLMath, labels) write inline math as $...$; MathJax 3 only knows \(...\) by default.
    mj = dict(config.mathjax3_config or {})
    tex = dict(mj.get("tex", {}))
    tex.setdefault("inlineMath", [["\\(", "\\)"], ["$", "$"]])
    tex.setdefault("processEscapes", True)
    mj["tex"] = tex
    config.mathjax3_config = mj
    config.nb_ipywidgets_js = dict(WIDGETS_JS)


def _mathjax_on_widget_pages(app, pagename, templatename, context, doctree) -> None:
    """Widget labels may hold LaTeX: load MathJax on every page with widget state, not only on math pages."""
    from myst_nb.sphinx_ import NbMetadataCollector

    try:
        js = NbMetadataCollector.get_js_files(app.env, pagename)
    except KeyError:
        return
    if any(key.startswith("ipywidgets") for key in js):
        app.env.get_domain("math").data["has_equations"][pagename] = True


def setup(app):
    app.connect("config-inited", _configure)
    app.connect("html-page-context", _mathjax_on_widget_pages, priority=400)  # before sphinx.ext.mathjax (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
