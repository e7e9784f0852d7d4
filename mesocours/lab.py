"""The course's own directives in a form both JupyterLab and the book can show.

JupyterLab (with jupyterlab-myst) renders MyST in markdown cells but knows nothing of our Sphinx
directives (``{objectifs}``, ``{quiz}``, ``{tableau-…}``): it would print « Unknown Directive ».
So a chapter notebook calls them from a code cell instead (tag ``remove-input``)::

    from mesocours.lab import objectifs
    objectifs("peau")

The value displayed carries three representations:

* ``text/html`` — what JupyterLab shows: the same rST the directive renders (from
  :mod:`mesocours.sphinxext.render`), turned into HTML by docutils, citations as « [Auteur, année] » (as in the book)
  read from book/references.bib, chapter links to the neighbouring ``.ipynb``;
* :data:`MYST_MIME` — the directive itself as MyST text. The book renders this type first
  (:class:`BookMimeRenderer`, a myst-nb mime-render plugin registered in pyproject.toml), so the
  page is built by the very same directive as before: one source, the same page;
* ``text/plain`` — a one-line summary.

``quiz(chapter_id)`` shows the live ipywidgets quiz in JupyterLab and the static ``{quiz}`` in the book.
``build_tools/lab_forms.py`` rewrites directive blocks of markdown cells into these calls.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import Path
from typing import Any

from mesocours.numbers import NBSP

__all__ = [
    "DIRECTIVE_FUNCTIONS",
    "MYST_MIME",
    "LabDisplay",
    "cas_decisionnels",
    "cite_text",
    "objectifs",
    "quiz",
    "readable_citations",
    "tableau_couches",
    "tableau_epaisseurs",
    "tableau_vocabulaire",
    "tableau",
    "table_directive_names",
]

MYST_MIME = "text/x-mesocours-myst"
"""Mime type of the directive text that the book renders (and JupyterLab ignores)."""

DIRECTIVE_FUNCTIONS = {
    "objectifs": "objectifs",
    "quiz": "quiz",
    "tableau-epaisseurs": "tableau_epaisseurs",
    "tableau-vocabulaire": "tableau_vocabulaire",
    "tableau-couches": "tableau_couches",
    "cas-decisionnels": "cas_decisionnels",
}
"""Directive name -> function of this module that stands for it in a notebook."""

LAB_CSS = ("border-left:4px solid #2e7d32;background:#f1f8e9;padding:0.4em 1em;margin:0.5em 0;"
           "border-radius:4px")


def directive_myst(name: str, argument: str = "", options: dict[str, str] | None = None) -> str:
    """The MyST text of a directive block: ```` ```{name} argument ```` + ``:option: value`` lines."""
    lines = [f"```{{{name}}}" + (f" {argument}" if argument else "")]
    lines += [f":{k}: {v}" for k, v in (options or {}).items()]
    lines.append("```")
    return "\n".join(lines) + "\n"


class LabDisplay:
    """A displayable value: HTML for JupyterLab, the directive (MyST) for the book."""

    def __init__(self, myst: str, html_text: str, text: str):
        self.myst, self.html, self.text = myst, html_text, text

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {MYST_MIME: self.myst, "text/html": self.html, "text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


# --------------------------------------------------------------------------
# Citations « (Auteur, année) » from the course bibliography
# --------------------------------------------------------------------------
def _bib_path() -> Path:
    from mesocours.data import ROOT

    return ROOT / "book" / "references.bib"


@functools.lru_cache(maxsize=1)
def _bibliography() -> dict[str, Any]:
    from pybtex.database import parse_file

    return dict(parse_file(str(_bib_path())).entries)


def _plain(text: str) -> str:
    return re.sub(r"\\[a-zA-Z]+\s*", "", str(text)).replace("{", "").replace("}", "").replace("~", NBSP).strip()


def _surname(person) -> str:
    return _plain(" ".join(person.prelast_names + person.last_names))


def _authors(entry) -> str:
    for role in ("author", "editor"):
        persons = entry.persons.get(role)
        if persons:
            named = [p for p in persons if _surname(p) != "others"]
            if len(named) >= 3 or len(named) != len(persons):
                return f"{_surname(named[0])} et al."
            if len(named) == 2:
                return f"{_surname(named[0])} et {_surname(named[1])}"
            return _surname(named[0])
    for fld in ("organization", "institution", "publisher", "title"):
        if entry.fields.get(fld):
            return _plain(entry.fields[fld])
    return "?"


def cite_text(key: str, narrative: bool = False) -> str:
    """``"pistor1958"`` -> ``"Pistor, 1958"`` (``"Pistor [1958]"`` when narrative), as the book writes them;
    unknown key -> the key."""
    entry = _bibliography().get(key)
    if entry is None:
        return key
    year = _plain(entry.fields.get("year", "s. d."))
    who = _authors(entry)
    return f"{who} [{year}]" if narrative else f"{who}, {year}"


_CITE_ROLE = re.compile(r"\{cite:(?P<kind>[pt])\}`(?P<keys>[^`]+)`")


def readable_citations(markdown: str) -> str:
    """Markdown with every ``{cite:p}`k1,k2``` / ``{cite:t}`k``` role written out as text.

    ``{cite:p}`pistor1958``` -> ``[Pistor, 1958]``, ``{cite:t}`pistor1958``` -> ``Pistor [1958]`` (the book's
    author–year form; several keys: ``[Adelson, 2008, Pistor, 1958]``). For the
    student notebooks (:mod:`mesocours.student`): jupyterlab-myst reads no .bib file and would show the keys.
    """
    def one(m: re.Match) -> str:
        keys = [k.strip() for k in m.group("keys").split(",") if k.strip()]
        if m.group("kind") == "t":
            return ", ".join(cite_text(k, narrative=True) for k in keys)
        return "[" + ", ".join(cite_text(k) for k in keys) + "]"

    return _CITE_ROLE.sub(one, markdown)


def _cite_html(keys: list[str], narrative: bool) -> str:
    parts = [html.escape(cite_text(k, narrative)) for k in keys]
    return ", ".join(parts) if narrative else "[" + ", ".join(parts) + "]"


# --------------------------------------------------------------------------
# rST (from mesocours.sphinxext.render) -> HTML, with our roles
# --------------------------------------------------------------------------
def _register_roles(current_doc: str) -> None:
    from docutils import nodes
    from docutils.parsers.rst import roles

    def cite_role(narrative):
        def role(name, rawtext, text, lineno, inliner, options=None, content=None):
            keys = [k.strip() for k in text.split(",") if k.strip()]
            return [nodes.raw("", f'<span class="mesocours-cite">{_cite_html(keys, narrative)}</span>',
                              format="html")], []
        return role

    def term_role(name, rawtext, text, lineno, inliner, options=None, content=None):
        m = re.match(r"^(.*?)\s*<(.+)>$", text, re.DOTALL)
        return [nodes.emphasis(rawtext, m.group(1) if m else text)], []

    def doc_role(name, rawtext, text, lineno, inliner, options=None, content=None):
        m = re.match(r"^(.*?)\s*<(.+)>$", text, re.DOTALL)
        title, target = (m.group(1), m.group(2)) if m else (text, text)
        target = target.lstrip("/")
        href = posixpath.relpath(target, posixpath.dirname(current_doc) or ".") + ".ipynb"
        return [nodes.reference(rawtext, title, refuri=href)], []

    roles.register_local_role("cite:p", cite_role(False))
    roles.register_local_role("cite:t", cite_role(True))
    roles.register_local_role("term", term_role)
    roles.register_local_role("doc", doc_role)


def rst_to_html(rst: str, current_doc: str = "") -> str:
    """The body HTML of an rST fragment (``current_doc``: the notebook's doc name, for relative links)."""
    from docutils.core import publish_parts

    _register_roles(current_doc)
    parts = publish_parts(rst, writer_name="html5", settings_overrides={
        "report_level": 5, "halt_level": 5, "embed_stylesheet": False, "file_insertion_enabled": False,
        "raw_enabled": True, "doctitle_xform": False, "section_self_link": False,
    })
    return parts["body"]


def _box(body_html: str, kind: str) -> str:
    style = f' style="{LAB_CSS}"' if kind == "objectifs" else ""
    return f'<div class="mesocours-lab mesocours-{kind}"{style}>{body_html}</div>'


def _error(name: str, err: Exception) -> LabDisplay:
    msg = f"⚠️ {name}{NBSP}: {err}"
    return LabDisplay(f"```{{admonition}} Erreur\n{msg}\n```\n", f"<p>{html.escape(msg)}</p>", msg)


def _course(names: tuple[str, ...]):
    from mesocours import data as meso_data

    return meso_data.Course(**{n: meso_data.load_collection(n, meso_data.DATA_DIR) for n in names})


def _render(name: str, argument: str, options: dict[str, str], collections: tuple[str, ...], rst_func,
            current_doc: str = "", text: str = "") -> LabDisplay:
    from mesocours import data as meso_data
    from mesocours.sphinxext import render

    try:
        course = _course(collections)
        rst = rst_func(course)
    except (meso_data.DataError, render.UnknownChapter, render.UnknownRecord) as err:
        return _error(name, err)
    return LabDisplay(directive_myst(name, argument, options), _box(rst_to_html(rst, current_doc), name),
                      text or name)


# --------------------------------------------------------------------------
# The directives' notebook forms
# --------------------------------------------------------------------------
def objectifs(chapter_id: str) -> LabDisplay:
    """The objectives box of a chapter (``{objectifs} <chapter-id>`` in the book)."""
    from mesocours.sphinxext import render

    try:
        chapters = {c.id: c for c in _course(("chapters",)).chapters}
    except Exception as err:  # noqa: BLE001 - a French message, never a traceback
        return _error("objectifs", err)
    doc = chapters[chapter_id].doc if chapter_id in chapters else ""
    published = {c.doc for c in chapters.values() if c.status == "publie"}
    return _render("objectifs", chapter_id, {}, ("chapters",),
                   lambda course: render.render_objectifs(course, chapter_id, published), doc,
                   f"Objectifs d’apprentissage du chapitre « {chapter_id} »")


def tableau_epaisseurs() -> LabDisplay:
    """Measured skin thickness (``{tableau-epaisseurs}``)."""
    from mesocours.sphinxext import render

    return _render("tableau-epaisseurs", "", {}, ("skin",), render.render_epaisseurs,
                   text="Tableau des épaisseurs cutanées mesurées")


def tableau_vocabulaire(techniques: str, sources: str) -> LabDisplay:
    """Techniques against sources (``{tableau-vocabulaire}`` with ``:techniques:`` and ``:sources:``)."""
    shown = tableau("tableau-vocabulaire", techniques=techniques, sources=sources)
    if shown.myst.startswith("```{tableau-vocabulaire}"):  # not an error: name it as the chapter does
        shown.text = "Tableau du vocabulaire des techniques selon les sources"
    return shown


def tableau_couches(schema_id: str) -> LabDisplay:
    """A taught schema of the skin layers (``{tableau-couches} <schema-id>``)."""
    from mesocours.sphinxext import render

    return _render("tableau-couches", schema_id, {}, ("layer_schemas",),
                   lambda course: render.render_couches(course, schema_id),
                   text=f"Schéma des couches « {schema_id} »")


def cas_decisionnels(cas: str = "") -> LabDisplay:
    """Decision cases, answers folded (``{cas-decisionnels}`` with ``:cas: id1 id2``; none: every case)."""
    from mesocours.sphinxext import render

    ids = cas.split()
    return _render("cas-decisionnels", "", {"cas": cas} if ids else {}, ("legal_texts", "legal_cases", "chapters"),
                   lambda course: render.render_cas(course, ids),
                   text="Cas décisionnels" + (f" ({', '.join(ids)})" if ids else ""))


def table_directive_names() -> list[str]:
    """Every ``{tableau-…}`` directive of :mod:`mesocours.sphinxext` (each has a notebook form: :func:`tableau`)."""
    from mesocours.sphinxext.directives import DIRECTIVES

    return sorted(n for n in DIRECTIVES if n.startswith("tableau-"))


def tableau(name: str, argument: str = "", **options: str) -> LabDisplay:
    """Any table directive of the book in a notebook: ``tableau("tableau-doses", "costantino2011")``.

    Options are the directive's options, ``_`` standing for ``-``
    (``tableau("tableau-structures", regions="visage cou")``). The same directive class renders the rST,
    so the table read in JupyterLab is the one the book prints.
    """
    from types import SimpleNamespace

    from mesocours.sphinxext.directives import DIRECTIVES

    if name not in table_directive_names():
        known = ", ".join(table_directive_names())
        return _error(name, ValueError(f"tableau inconnu « {name} » ; tableaux possibles{NBSP}: {known}"))
    cls = DIRECTIVES[name]
    opts = {k.replace("_", "-"): v for k, v in options.items()}
    shim = SimpleNamespace(arguments=[argument] if argument else [], options=opts)
    return _render(name, argument, opts, tuple(cls.collections), lambda course: cls.rst(shim, course),
                   text=f"Tableau « {name} »" + (f" ({argument})" if argument else ""))


class QuizDisplay:
    """The live ipywidgets quiz in a notebook; the static ``{quiz}`` in the book."""

    def __init__(self, chapter_id: str):
        from mesocours.quiz import quiz_widget

        self.chapter_id = chapter_id
        self.widget = quiz_widget(chapter_id)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        data = dict(bundle[0]) if isinstance(bundle, tuple) else dict(bundle)
        data[MYST_MIME] = directive_myst("quiz", self.chapter_id)
        return data


def quiz(chapter_id: str) -> QuizDisplay:
    """The chapter quiz: ipywidgets in JupyterLab, accessible static HTML (``{quiz}``) in the book."""
    return QuizDisplay(chapter_id)


# --------------------------------------------------------------------------
# The book side: a myst-nb mime-render plugin (entry point ``myst_nb.mime_renderers``)
# --------------------------------------------------------------------------
class BookMimeRenderer:
    """Renders :data:`MYST_MIME` outputs as MyST in the page, before any other representation."""

    mime_priority_overrides = (("*", MYST_MIME, 0),)

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != MYST_MIME:
            return None
        return renderer._render_markdown_base(data, fmt="myst", inline=inline)
