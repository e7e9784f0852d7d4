"""The printed course: ``make pdf`` (see :mod:`mesocours.pdf.build`).

This module is also a Sphinx extension (listed in ``_config.yml``) that makes Sphinx's ``singlehtml``
builder usable for print: myst-nb's « hide-input » wrapper has no ``singlehtml`` visitor (the build
fails with ``unknown node type: HideCodeCellNode``), so here it is dropped with its hidden code; and on
``singlehtml`` builds only, ``pdf.css`` hides what cannot work on paper (navigation, live widgets,
buttons) and lays the page out for A4. The student variant is printed from the same page with the solutions
removed (:mod:`mesocours.pdf.build`), so one build serves both.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

STATIC = Path(__file__).resolve().parent / "static"


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _print_css(app) -> None:
    if app.builder.name == "singlehtml":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("pdf.css")


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput

    app.add_node(HideCodeCellNode, override=True, html=(visit_HideCellInput, depart_HideCellInput),
                 singlehtml=(_skip, None))
    app.connect("builder-inited", _print_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
