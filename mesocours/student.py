"""Student notebooks without solutions: ``python -m mesocours.student OUTDIR``.

Copies every notebook under ``notebooks/`` into OUTDIR (same relative paths) with:

* every cell from a markdown cell opening a ``{solution-start}`` directive through the cell holding
  the matching ``{solution-end}`` removed (AUTHORING.md, « Self-check exercises »);
* every output and execution count cleared, widget state and cell ids of removed cells gone;
* every citation role (``{cite:p}`key```) written out as « [Auteur, année] », as the book shows it: students read these
  notebooks in JupyterLab, whose MyST renderer reads no .bib file and would show the bare keys
  (:func:`mesocours.lab.readable_citations`).

A ``solution-start`` without its ``solution-end`` stops the export with a French message naming the
notebook (a half-removed solution would leak the answer).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat

from mesocours.data import ROOT
from mesocours.numbers import NBSP

__all__ = ["SolutionLayoutError", "export", "main", "strip_solutions", "student_notebook"]

_START = re.compile(r"^\s*(`{3,}|:{3,})\s*\{solution-start\}", re.MULTILINE)
_END = re.compile(r"^\s*(`{3,}|:{3,})\s*\{solution-end\}", re.MULTILINE)


class SolutionLayoutError(ValueError):
    """A solution block is not closed (or closed without being opened)."""


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _end_of_block(src: str, m: re.Match) -> int:
    """Where the ``{solution-end}`` block matched by ``m`` ends: after its closing fence (same line or a later one)."""
    fence = m.group(1)
    line_end = src.find("\n", m.end())
    first = src[m.end(): len(src) if line_end < 0 else line_end]
    if first.rstrip().endswith(fence) or line_end < 0:  # ```{solution-end}``` on one line
        return len(src) if line_end < 0 else line_end + 1
    closing = re.compile(rf"^[ \t]*{re.escape(fence)}[ \t]*$", re.MULTILINE).search(src, line_end + 1)
    return len(src) if closing is None else closing.end()


def _split_cell(src: str, inside: bool, name: str, i: int, start_no: int) -> tuple[str, bool, int]:
    """The text of one markdown cell kept for students, and the state after it (inside a solution, where it began).

    Text outside solution blocks stays, even when it shares the cell with a fence: an exercise written before a
    ``solution-start``, the next exercise written after a ``solution-end``."""
    kept, pos = [], 0
    while True:
        start, end = _START.search(src, pos), _END.search(src, pos)
        if not inside:
            if end is not None and (start is None or end.start() < start.start()):
                raise SolutionLayoutError(f"{name}{NBSP}: la cellule {i} ferme une solution (solution-end) "
                                          "qui n’a pas été ouverte.")
            if start is None:
                kept.append(src[pos:])
                return "".join(kept), False, start_no
            kept.append(src[pos:start.start()])
            inside, start_no, pos = True, i, start.end()
        else:
            if start is not None and (end is None or start.start() < end.start()):
                raise SolutionLayoutError(f"{name}{NBSP}: la solution ouverte à la cellule {start_no} n’est pas "
                                          f"fermée avant la cellule {i}, qui en ouvre une autre.")
            if end is None:
                return "".join(kept), True, start_no
            inside, pos = False, _end_of_block(src, end)


def strip_solutions(cells: Iterable[dict], name: str = "carnet") -> list[dict]:
    """The cells with every solution block (from its ``{solution-start}`` fence to the end of its ``{solution-end}``
    block) removed; text sharing a cell with a fence but outside the block stays (see :func:`_split_cell`)."""
    kept: list[dict] = []
    inside = False
    start_no = 0
    for i, cell in enumerate(cells, 1):
        if cell.get("cell_type") != "markdown":
            if not inside:
                kept.append(cell)
            continue
        src = _source(cell)
        if not (_START.search(src) or _END.search(src)):
            if not inside:
                kept.append(cell)
            continue
        text, inside, start_no = _split_cell(src, inside, name, i, start_no)
        if text.strip():
            part = type(cell)(cell)  # a NotebookNode stays one
            part["source"] = text.strip("\n") + "\n"
            kept.append(part)
    if inside:
        raise SolutionLayoutError(f"{name}{NBSP}: la solution ouverte à la cellule {start_no} n’est jamais "
                                  "fermée (cellule ```{solution-end}``` manquante).")
    return kept


def student_notebook(nb: nbformat.NotebookNode, name: str = "carnet") -> nbformat.NotebookNode:
    """A copy of ``nb`` for students: solutions removed, outputs cleared."""
    out = nbformat.from_dict(nb)  # a deep copy: from_dict rebuilds every dict and list
    out.cells = strip_solutions(out.cells, name)
    from mesocours.lab import readable_citations

    for cell in out.cells:
        if cell.get("cell_type") == "markdown":
            cell["source"] = readable_citations(_source(cell))
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    out.metadata.pop("widgets", None)
    return out


def export(outdir: Path | str, src_dir: Path | str | None = None) -> list[Path]:
    """Write the student version of every notebook under ``src_dir`` (default notebooks/) into ``outdir``."""
    src = Path(src_dir) if src_dir else ROOT / "notebooks"
    out = Path(outdir)
    written: list[Path] = []
    for path in sorted(src.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts or "_build" in path.parts:
            continue
        rel = path.relative_to(src)
        nb = nbformat.read(path, as_version=4)
        student = student_notebook(nb, str(rel))
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m mesocours.student",
                                 description="Produit les carnets étudiants (sans solutions ni sorties).")
    ap.add_argument("outdir", help="dossier de sortie (créé au besoin)")
    ap.add_argument("--source", default=None, help="dossier des carnets (par défaut notebooks/)")
    args = ap.parse_args(argv)
    try:
        written = export(args.outdir, args.source)
    except (SolutionLayoutError, nbformat.ValidationError, OSError) as err:
        print(f"Carnets étudiants non produits{NBSP}: {err}", file=sys.stderr)
        return 1
    print(f"{len(written)} carnet(s) étudiant(s) écrit(s) dans {args.outdir}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
