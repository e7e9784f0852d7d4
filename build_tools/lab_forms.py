"""Rewrite chapter notebooks so that JupyterLab shows our directives: `python build_tools/lab_forms.py`.

JupyterLab (jupyterlab-myst) prints « Unknown Directive » for the course's own Sphinx directives.
This script replaces every ``{objectifs}``, ``{quiz}`` and ``{tableau-…}`` block of a markdown cell
by a code cell calling the matching function of :mod:`mesocours.lab` (``tableau("<name>", …)`` for the
table directives without a function of their own) (tag ``remove-input``: the book shows only its output,
which the book renders with the very same directive). The markdown around the block stays in cells
of its own. The code cell ``quiz_widget("<id>")`` that used to sit next to a ``{quiz}`` block is
dropped: ``quiz("<id>")`` shows the widget in JupyterLab.

The rewrite is idempotent: a notebook already in that form is left byte for byte. New cells get ids
derived from the directive, so two runs give the same file. Run `make notebooks` afterwards to store
the new cells' outputs.

    python build_tools/lab_forms.py [NOTEBOOK ...]   # rewrite (default: every notebook of notebooks/)
    python build_tools/lab_forms.py --check [...]    # list what is not in that form; exit 1 if any
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mesocours.lab import DIRECTIVE_FUNCTIONS as _SPECIAL
from mesocours.lab import table_directive_names

#: directive -> function of mesocours.lab; every other table directive goes through ``tableau("<name>", …)``
DIRECTIVE_FUNCTIONS = {**{n: "tableau" for n in table_directive_names()}, **_SPECIAL}
_NAMES = "|".join(re.escape(n) for n in sorted(DIRECTIVE_FUNCTIONS, key=len, reverse=True))
OPEN = re.compile(rf"^(?P<fence>`{{3,}}|:{{3,}})\{{(?P<name>{_NAMES})\}}[ \t]*(?P<arg>[^\n`]*?)[ \t]*$", re.MULTILINE)
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
QUIZ_WIDGET = re.compile(r"""^\s*quiz_widget\(\s*["']([\w-]+)["']\s*\)\s*$""")
LAB_CALL = re.compile(r"^from mesocours\.lab import (?P<func>\w+)\n(?P=func)\(.*\)\s*$", re.DOTALL)
CODE_TAGS = ["remove-input"]
QUIZ_TAGS = ["remove-input", "nbval-ignore-output"]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def find_blocks(text: str) -> list[tuple[int, int, str, str, dict[str, str]]]:
    """Our directive blocks in a markdown text: (start, end, name, argument, options)."""
    blocks = []
    pos = 0
    while (m := OPEN.search(text, pos)) is not None:
        fence = m.group("fence")
        close = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        c = close.search(text, m.end())
        if c is None:
            raise ValueError(f"bloc {{{m.group('name')}}} non refermé")
        body = text[m.end():c.start()].strip("\n")
        options: dict[str, str] = {}
        for line in body.splitlines():
            o = OPTION.match(line.strip())
            if o:
                options[o.group("key")] = o.group("value").strip()
            elif line.strip():
                raise ValueError(f"bloc {{{m.group('name')}}} : contenu inattendu {line.strip()!r}")
        end = c.end() + (1 if text[c.end():c.end() + 1] == "\n" else 0)
        blocks.append((m.start(), end, m.group("name"), m.group("arg").strip(), options))
        pos = end
    return blocks


def call_source(name: str, argument: str, options: dict[str, str]) -> str:
    """The code cell standing for a directive: an import and one call."""
    func = DIRECTIVE_FUNCTIONS[name]
    args = [json.dumps(name, ensure_ascii=False)] if func == "tableau" else []
    args += ([json.dumps(argument, ensure_ascii=False)] if argument else [])
    args += [f"{k.replace('-', '_')}={json.dumps(v, ensure_ascii=False)}" for k, v in options.items()]
    return f"from mesocours.lab import {func}\n{func}({', '.join(args)})"


def _cell_id(*parts: str) -> str:
    return "lab-" + hashlib.md5("\0".join(parts).encode()).hexdigest()[:8]


def code_cell(name: str, argument: str, options: dict[str, str], cell_id: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": cell_id,
            "metadata": {"tags": list(QUIZ_TAGS if name == "quiz" else CODE_TAGS)}, "outputs": [],
            "source": call_source(name, argument, options)}


def markdown_cell(text: str, cell_id: str, metadata: dict | None = None) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": dict(metadata or {}), "source": text}


def rewrite_cells(cells: list[dict]) -> list[dict]:
    """The cells in JupyterLab form (a list of new dicts; unchanged cells are the same objects)."""
    out: list[dict] = []
    quizzes: set[str] = set()
    used_ids = {c.get("id") for c in cells}
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            out.append(cell)
            continue
        text = _source(cell)
        blocks = find_blocks(text)
        if not blocks:
            out.append(cell)
            continue
        pos = 0
        first = True
        for k, (start, end, name, arg, options) in enumerate(blocks):
            before = text[pos:start].strip("\n")
            if before.strip():
                cid = cell.get("id") if first else _cell_id(str(cell.get("id")), "md", str(k))
                out.append(markdown_cell(before, cid, cell.get("metadata") if first else None))
                first = False
            cid = _cell_id(name, arg, json.dumps(options, sort_keys=True))
            while cid in used_ids:
                cid = _cell_id(cid)
            used_ids.add(cid)
            out.append(code_cell(name, arg, options, cid))
            if name == "quiz":
                quizzes.add(arg)
            pos = end
        after = text[pos:].strip("\n")
        if after.strip():
            cid = cell.get("id") if first else _cell_id(str(cell.get("id")), "md", "end")
            out.append(markdown_cell(after, cid, cell.get("metadata") if first else None))
    # the separate widget cell of a quiz now shown by quiz("<id>")
    quizzes |= {m.group(1) for c in out if c.get("cell_type") == "code"
                for m in [re.match(r"^from mesocours\.lab import quiz\nquiz\(\"([\w-]+)\"\)$", _source(c))] if m}
    return [c for c in out if not (c.get("cell_type") == "code" and (m := QUIZ_WIDGET.match(_source(c)))
                                   and m.group(1) in quizzes)]


def problems(nb: dict) -> list[str]:
    """What keeps a notebook from the JupyterLab form (French), empty when it is in that form."""
    found = []
    for i, cell in enumerate(nb.get("cells", []), 1):
        src = _source(cell)
        if cell.get("cell_type") == "markdown":
            for _, _, name, arg, _ in find_blocks(src):
                found.append(f"cellule {i} : directive {{{name}}} {arg} dans une cellule markdown "
                             "(JupyterLab affiche « Unknown Directive »)")
        elif cell.get("cell_type") == "code":
            if QUIZ_WIDGET.match(src):
                found.append(f"cellule {i} : quiz_widget(...) seul ; utilisez quiz(...) de mesocours.lab")
            m = LAB_CALL.match(src)
            if m:
                tags = cell.get("metadata", {}).get("tags", [])
                if "remove-input" not in tags:
                    found.append(f"cellule {i} : {m.group('func')}(...) sans l’étiquette remove-input")
                if "remove-cell" in tags:
                    found.append(f"cellule {i} : {m.group('func')}(...) avec remove-cell (le livre ne l’afficherait pas)")
    return found


def rewrite_file(path: Path) -> bool:
    """Rewrite one notebook in place; True if it changed."""
    raw = path.read_text(encoding="utf-8")
    nb = json.loads(raw)
    cells = rewrite_cells(nb["cells"])
    if cells == nb["cells"]:
        return False
    nb["cells"] = cells
    import nbformat

    node = nbformat.from_dict(nb)
    nbformat.validate(node)
    nbformat.write(node, str(path))
    return True


def notebooks(args: list[str]) -> list[Path]:
    return [Path(a) for a in args] if args else sorted((ROOT / "notebooks").glob("*/*.ipynb"))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = notebooks([a for a in argv if a != "--check"])
    bad = 0
    for path in paths:
        if check:
            for p in problems(json.loads(path.read_text(encoding="utf-8"))):
                print(f"{path}: {p}")
                bad += 1
        elif rewrite_file(path):
            print(f"réécrit : {path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
