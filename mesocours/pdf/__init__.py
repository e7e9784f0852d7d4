"""The printed course: ``make pdf`` (see :mod:`mesocours.pdf.build`).

This module is also a Sphinx extension (listed in ``_config.yml``) that makes Sphinx's ``singlehtml``
builder usable for print: myst-nb's « hide-input » wrapper has no ``singlehtml`` visitor (the build
fails with ``unknown node type: HideCodeCellNode``), so here it is dropped with its hidden code; and on
``singlehtml`` builds only, ``pdf.css`` hides what cannot work on paper (navigation, live widgets,
buttons) and lays the page out for A4.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

STATIC = Path(__file__).resolve().parent / "static"


def _skip(self, node) -> None:
    raise nodes.SkipNode


class RemoveSolutions(SphinxTransform):
    """With ``mesocours_student = True``, drop every solution (and the cells inside it) from the pages.

    sphinx-exercise's own ``hide_solutions`` does not work with gated ``solution-start`` / ``solution-end``
    blocks (the start is dropped, the content and an unknown end node stay), so the student variant of the
    printed course removes the merged solution nodes here, just after sphinx-exercise merges them.
    """

    default_priority = 11  # sphinx_exercise.transforms.MergeGatedSolutions is 10

    def apply(self) -> None:
        if not self.config.mesocours_student:
            return
        from sphinx_exercise.nodes import solution_node

        for node in list(self.document.findall(solution_node)):
            node.parent.remove(node)


def _print_css(app) -> None:
    if app.builder.name == "singlehtml":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("pdf.css")


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput

    app.add_node(HideCodeCellNode, override=True, html=(visit_HideCellInput, depart_HideCellInput),
                 singlehtml=(_skip, None))
    app.add_config_value("mesocours_student", False, "env")
    app.add_transform(RemoveSolutions)
    app.connect("builder-inited", _print_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
