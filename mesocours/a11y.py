"""Sphinx extension: accessible and error-free pages, fixed once for every page of the book.

What the stack writes and what we change (each checked by tests/browser/test_a11y.py and test_pages.py):

- sphinx-thebe registers its inline configuration script on the app *and* on the builder (once with the
  file name ``None``, once ``""``, so Sphinx does not see the duplicate), and every page declared
  ``const THEBE_JS_URL`` twice (a SyntaxError on every page): identical scripts are kept once.
- docutils gives each bibliography entry ``role="doc-biblioentry"`` inside a ``role="list"`` container:
  a list must hold list items (axe ``aria-required-children``, critical), and the role is deprecated.
  Entries become ``role="listitem"``.
- myst-nb's hidden-input toggles carry ``aria-label="Toggle hidden content"`` (English, and not the
  visible « Afficher le code »): the label is dropped, so the visible French text is the name.
- A wide HTML table written by a notebook cell sits in a ``<div style="overflow-x:auto">``: keyboard
  users cannot scroll it (axe ``scrollable-region-focusable``). Such a scroll box becomes a focusable,
  named region (``tabindex="0" role="region" aria-label=<the table's caption>``).

The theme's search buttons and colour-mode switch are fixed in ``book/_templates/`` (pydata-sphinx-theme
looks its components up by bare name), the colour mode in ``_config.yml`` (``html_context.default_mode``)
and the colours in ``book/assets/course.css`` (links in tinted boxes, dark-mode table outputs) and
``mesocours/quiz/static/quiz.css`` (dark-mode buttons).
"""

from __future__ import annotations

import html
import re

BIBLIOENTRY = 'role="doc-biblioentry"'
HIDE_INPUT_LABEL = '<summary aria-label="Toggle hidden content">'
SCROLL_BOX = re.compile(r"<div\b(?P<attrs>[^>]*\bstyle=\"[^\"]*\boverflow(?:-x)?\s*:\s*(?:auto|scroll)[^\"]*\"[^>]*)>")
CAPTION = re.compile(r"<caption\b[^>]*>(?P<text>.*?)</caption>", re.S)
TAG = re.compile(r"<[^>]+>")
DEFAULT_REGION_NAME = "Tableau défilant horizontalement"


def _region_name(following: str) -> str:
    """The caption of the first table in the scroll box, as plain text, else a generic French name."""
    end = following.find("</table>")
    m = CAPTION.search(following, 0, end if end >= 0 else len(following))
    if not m:
        return DEFAULT_REGION_NAME
    text = " ".join(html.unescape(TAG.sub("", m["text"])).split())
    return text or DEFAULT_REGION_NAME


def focusable_scroll_boxes(body: str) -> str:
    """Give every inline-styled horizontal scroll box a tab stop, a region role and a name."""
    out, pos = [], 0
    for m in SCROLL_BOX.finditer(body):
        attrs = m["attrs"]
        out.append(body[pos:m.start()])
        if "tabindex=" in attrs:
            out.append(m.group(0))
        else:
            name = html.escape(_region_name(body[m.end():]), quote=True)
            out.append(f'<div{attrs} tabindex="0" role="region" aria-label="{name}">')
        pos = m.end()
    out.append(body[pos:])
    return "".join(out)


def fix_body(body: str) -> str:
    body = body.replace(BIBLIOENTRY, 'role="listitem"')
    body = body.replace(HIDE_INPUT_LABEL, "<summary>")
    return focusable_scroll_boxes(body)


def _dedupe_scripts(scripts: list) -> list:
    seen, kept = set(), []
    for js in scripts:
        # sphinx-thebe's inline script is registered once with filename None, once with "": the same script
        key = (getattr(js, "filename", js) or "", tuple(sorted(getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(js)
    return kept


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = _dedupe_scripts(context["script_files"])
    if context.get("body"):
        context["body"] = fix_body(context["body"])


def setup(app):
    app.connect("html-page-context", _page_context, priority=900)  # after the theme and myst-nb have added theirs
    return {"parallel_read_safe": True, "parallel_write_safe": True}
