"""Sphinx directives that render course pages from data/ (objectives, plan, glossary, reference tables).

Directives: ``objectifs <chapter-id>``, ``plan-du-cours``, ``glossaire``, ``tableau-produits``,
``tableau-textes``, ``tableau-etudes``, ``tableau-epidemies``, ``tableau-complications``, ``tableau-epaisseurs``,
``tableau-vocabulaire`` (options ``techniques`` and ``sources``) ``tableau-couches <schema-id>`` and
``tableau-structures`` (option ``regions``), ``tableau-hypotheses`` (data/mechanisms.yml),
``cas-decisionnels`` (option ``cas``: decision cases of data/legal_cases.yml, answers folded in ``<details>``).
The text they show is produced by the pure functions of :mod:`mesocours.sphinxext.render`.
Config value ``mesocours_data_dir`` (default: the repository's ``data/``) points to another data folder.
"""

from __future__ import annotations


def one_document(app, doctree) -> int:
    """Make every node of a page belong to the page's own document; return how many were re-attached.

    MyST's ``{eval-rst}`` block (through which our directives return their rST) parses into a temporary document
    that shares the build's settings, and the nodes it makes keep a reference to it. Sphinx empties the settings
    of the page before pickling it, not those of that temporary document: each page that held one of our tables
    or boxes pickled the whole build environment (measured: 12 MB per doctree, 262 MB in all for 20 chapters,
    0.7 s to unpickle each page, 45 s of the singlehtml build's 67).
    """
    moved = 0
    for node in doctree.findall(lambda n: getattr(n, "document", doctree) is not doctree):
        node.document = doctree
        moved += 1
    return moved


def setup(app):
    from mesocours.sphinxext.directives import DIRECTIVES, merge_info, outdated_by_new_files, purge_doc

    if "mesocours_data_dir" not in app.config:  # shared with the other mesocours extension
        app.add_config_value("mesocours_data_dir", None, "env")
    for name, cls in DIRECTIVES.items():
        app.add_directive(name, cls)
    app.connect("env-get-outdated", outdated_by_new_files)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("doctree-read", one_document)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
