"""Link the first occurrence of each glossary term in a chapter's prose to the glossary ({term} role).

Idempotent: a term already linked in the chapter is left alone. Only plain prose lines are touched
(no heading, fence, directive option, table, code span, link or existing role).
Usage: python build_tools/link_terms.py notebooks/fondements/*.ipynb
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mesocours.data import load_collection  # noqa: E402

SKIP_TERMS = {"derme", "épiderme", "hypoderme", "placebo", "biais", "infiltration", "acupuncture", "ecchymose",
              "procaïne", "asepsie", "antisepsie", "information du patient", "mésothérapie", "papule"}
INLINE_CODE_OR_ROLE = re.compile(r"(\{[a-z:]+\}`[^`]*`|`[^`]*`|\[[^\]]*\]\([^)]*\)|\$[^$]*\$)")


def term_pattern(term: str) -> re.Pattern:
    flags = 0 if term.isupper() else re.I
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", flags)  # « l’IED » links IED


def link_line(line: str, pattern: re.Pattern, term: str) -> tuple[str, bool]:
    """Link the first match outside code spans, roles, links and math."""
    pos = 0
    spans = [(m.start(), m.end()) for m in INLINE_CODE_OR_ROLE.finditer(line)] + [(len(line), len(line))]
    for span_start, span_end in spans:
        segment = line[pos:span_start]
        hit = pattern.search(segment)
        if hit:
            start, end = pos + hit.start(), pos + hit.end()
            text = line[start:end]
            role = f"{{term}}`{text}`" if text == term else f"{{term}}`{text} <{term}>`"
            return line[:start] + role + line[end:], True
        pos = span_end
    return line, False


def link_cell(source: str, todo: dict[str, re.Pattern]) -> str:
    out, fence = [], None
    for line in source.split("\n"):
        stripped = line.lstrip()
        marker = re.match(r"(`{3,}|:{3,})", stripped)
        if marker:
            fence = None if fence and marker.group(1).startswith(fence) else (fence or marker.group(1))
            out.append(line)
            continue
        if fence or not stripped or stripped.startswith(("#", "(", ":", "|", ">", "<", "-  ")):
            out.append(line)
            continue
        for term, pat in list(todo.items()):
            line, done = link_line(line, pat, term)
            if done:
                del todo[term]
        out.append(line)
    return "\n".join(out)


def main(paths: list[str]) -> None:
    terms = sorted((t.term for t in load_collection("glossary") if t.term not in SKIP_TERMS), key=len, reverse=True)
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        todo = {t: term_pattern(t) for t in terms if f"<{t}>`" not in text and f"{{term}}`{t}`" not in text}
        before = sum(c.source.count("{term}") for c in nb.cells if c.cell_type == "markdown")
        for cell in nb.cells[2:]:  # after the title and the objectives box
            if cell.cell_type == "markdown" and not re.search(r"\{(exercise|solution)", cell.source):
                cell.source = link_cell(cell.source, todo)
        after = sum(c.source.count("{term}") for c in nb.cells if c.cell_type == "markdown")
        nbformat.write(nb, path)
        print(f"{path}: {after - before} terme(s) lié(s) au glossaire")


if __name__ == "__main__":
    main(sys.argv[1:])
