"""Sphinx extension: French citations and bibliography (sphinxcontrib-bibtex / pybtex styles).

pybtex's styles are English: « Laurent and others », « pages », « Technical Report », « URL: ».
This registers ``author_year_fr`` (citations: « Laurent et al., 2007 », « Micheels et Goodman,
2018 ») and ``plain_fr`` (bibliography entries) and selects them.

pybtex does not interpret LaTeX commands: « n\textsuperscript{o} » reached the reader as
« n\textsuperscript o ». :func:`latex_commands` turns the few commands the .bib uses (superscript,
emphasis, bold, subscript) into rich-text tags, so the HTML shows « n<sup>o</sup> » and a LaTeX build
of the same .bib still works.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import pybtex.plugin
import sphinxcontrib.bibtex.plugin

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import BaseMultipartText, Protected, String, Tag, Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle, date, pages
from pybtex.style.template import field as bib_field
from pybtex.style.formatting import toplevel
from pybtex.style.template import FieldIsMissing, _format_data, first_of, href, join, node, optional, optional_field, sentence, tag, words
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join as sc_join

ET_AL = Text(" ", Tag("em", "et al."))


def _is_others(person) -> bool:
    return [str(n) for n in person.last_names] == ["others"] and not person.first_names


def _persons(entry, role):
    try:
        return entry.persons[role]
    except KeyError:
        raise FieldIsMissing(role, entry) from None


def split_others(persons) -> tuple[list, bool]:
    """The named persons, and whether the list ended with BibTeX's « and others »."""
    named = [p for p in persons if not _is_others(p)]
    return named, len(named) != len(persons)


# ---------------------------------------------------------------- citations (in the text)
@node
def _cite_names(children, data, role, sep, sep2, last_sep, other):
    named, truncated = split_others(_persons(data["entry"], role))
    style = data["style"]
    formatted = [style.person.style_plugin.format(p, style.person.abbreviate) for p in named]
    if truncated:  # « Laurent, A. and others » -> « Laurent et al. »
        return sc_join[formatted[0], ET_AL].format_data(data)
    return sc_join(sep=sep, sep2=sep2, last_sep=last_sep, other=other)[formatted].format_data(data)


@dataclass
class FrenchPersonStyle(PersonStyle):
    sep2: str = " et "
    last_sep: str = " et "

    def _kw(self, full):
        return dict(sep=self.sep, sep2=self.sep2, last_sep=self.last_sep, other=None if full else self.other)

    def names(self, role, full):
        return _cite_names(role=role, **self._kw(full))

    def author_or_editor_or_title(self, full):
        return first_of[
            optional[_cite_names(role="author", **self._kw(full))],
            optional[_cite_names(role="editor", **self._kw(full))],
            tag("em")[_tex[bib_field("title")]],
        ]


@dataclass
class AuthorYearFrenchReferenceStyle(AuthorYearReferenceStyle):
    person: PersonStyle = field(default_factory=FrenchPersonStyle)


# ---------------------------------------------------------------- LaTeX commands in .bib fields
LATEX_TAGS = {"textsuperscript": "sup", "textsubscript": "sub", "emph": "em", "textit": "em", "textbf": "strong"}
_TRAILING_COMMAND = re.compile(r"\\([a-zA-Z]+)\s*$")
SUPERSCRIPT = dict(zip("0123456789abcdefghijklmnoprstuvwxyz", "⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", strict=True))


class Superscript(Tag):
    """``<sup>`` in HTML; in plain text (the citation tooltips) Unicode superscript letters: « nᵒ », « 1ᵉʳ »."""

    def __init__(self, *parts):
        super().__init__("sup", *parts)

    def _typeinfo(self):
        return Superscript, ()

    def render(self, backend):
        if isinstance(backend, PlainTextBackend):
            plain = super().render(backend)
            if plain and all(c in SUPERSCRIPT for c in plain):
                return "".join(SUPERSCRIPT[c] for c in plain)
            return plain
        return super().render(backend)


def latex_commands(text):
    """A copy of a pybtex rich text where ``\\cmd{x}`` (cmd in LATEX_TAGS) is the tag of ``x``.

    pybtex parses « n\\textsuperscript{o} 86 » into String("n\\textsuperscript"), Protected("o"), String(" 86").
    """
    if not isinstance(text, BaseMultipartText):
        return text
    parts, items, i = [], list(text.parts), 0
    while i < len(items):
        part = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        m = _TRAILING_COMMAND.search(part.value) if isinstance(part, String) else None
        if m and m[1] in LATEX_TAGS and isinstance(nxt, Protected):
            if part.value[:m.start()]:
                parts.append(String(part.value[:m.start()]))
            inner = [latex_commands(x) for x in nxt.parts]
            parts.append(Superscript(*inner) if m[1] == "textsuperscript" else Tag(LATEX_TAGS[m[1]], *inner))
            i += 2
            continue
        parts.append(latex_commands(part))
        i += 1
    return text._create_similar(parts)


@node
def _tex(children, data):
    """Template node: its children, with their LaTeX commands made tags (a citation label from a title)."""
    return latex_commands(Text(*(_format_data(child, data) for child in children)))


# ---------------------------------------------------------------- bibliography entries
@node
def _bib_names(children, context, role):
    named, truncated = split_others(_persons(context["entry"], role))
    style = context["style"]
    formatted = [style.format_name(p, style.abbreviate_names) for p in named]
    if truncated:
        return join[join(sep=", ")[formatted], ET_AL].format_data(context)
    return join(sep=", ", sep2=" et ", last_sep=" et ")[formatted].format_data(context)


class FrenchStyle(UnsrtStyle):
    default_sorting_style = "author_year_title"

    def format_entry(self, label, entry, bib_data=None):
        formatted = super().format_entry(label, entry, bib_data=bib_data)
        formatted.text = latex_commands(formatted.text)
        return formatted

    def format_title(self, e, which_field, as_sentence=True):
        """The title as the .bib writes it, its first letter capitalised: pybtex's ``capitalize()`` lowercased every
        other letter outside braces, printing « article l.5121-12-1 », « la has », « règlement (ue) »."""
        formatted_title = bib_field(which_field, apply_func=lambda text: text.capfirst())
        return sentence[formatted_title] if as_sentence else formatted_title

    def format_names(self, role, as_sentence=True):
        formatted = _bib_names(role=role)
        return sentence[formatted] if as_sentence else formatted

    def get_article_template(self, e):
        volume_and_pages = first_of[
            optional[join[bib_field("volume"), optional["(", bib_field("number"), ")"], ":", pages]],
            words["p.", pages],
        ]
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[tag("em")[bib_field("journal")], optional[volume_and_pages], date],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_techreport_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                words[first_of[optional_field("type"), "Rapport technique"], optional_field("number")],
                bib_field("institution"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[" (consulté le ", bib_field("urldate"), ")"]],
            optional[self.format_doi(e)],
        ]

    def format_url(self, e):
        url = bib_field("url", raw=True)
        return words["En ligne :", href(url)[url]]


# --- plugin lookups cached (added by budget) ---
# pybtex and sphinxcontrib-bibtex look their plugins up among the entry points of every installed package at
# each citation they resolve (about 1 000 lookups a build of 6 chapters, some 20 ms each: half the time of a
# singlehtml build, and it grows with the citations). Installed packages do not change during a build.
@functools.cache
def _entry_points_of(lookup, group: str, name: str | None) -> tuple:
    return tuple(lookup(group=group) if name is None else lookup(group=group, name=name))


def cached_entry_points(lookup):
    """``lookup`` (an ``entry_points(group=, name=)`` function) with its answers kept for the process."""
    def entry_points(*, group: str, name: str | None = None) -> tuple:
        return _entry_points_of(lookup, group, name)
    entry_points.uncached = lookup
    return entry_points


if not hasattr(pybtex.plugin.entry_points, "uncached"):
    pybtex.plugin.entry_points = cached_entry_points(pybtex.plugin.entry_points)
if not hasattr(sphinxcontrib.bibtex.plugin._entry_points, "uncached"):
    sphinxcontrib.bibtex.plugin._entry_points = cached_entry_points(sphinxcontrib.bibtex.plugin._entry_points)
# --- end of the block added by budget ---

pybtex.plugin.register_plugin("pybtex.style.formatting", "plain_fr", FrenchStyle)
sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_fr",
                                            AuthorYearFrenchReferenceStyle)


def setup(app):
    return {"parallel_read_safe": True, "parallel_write_safe": True}
