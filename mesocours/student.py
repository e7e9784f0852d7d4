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


def strip_solutions(cells: Iterable[dict], name: str = "carnet") -> list[dict]:
    """The cells with every solution block (start cell .. end cell, inclusive) removed."""
    kept: list[dict] = []
    inside = False
    start_no = 0
    for i, cell in enumerate(cells, 1):
        src = _source(cell) if cell.get("cell_type") == "markdown" else ""
        starts, ends = bool(_START.search(src)), bool(_END.search(src))
        if not inside:
            if starts:
                inside, start_no = True, i
                if ends:  # start and end in the same cell
                    inside = False
                continue
            if ends:
                raise SolutionLayoutError(f"{name}{NBSP}: la cellule {i} ferme une solution (solution-end) "
                                          "qui n’a pas été ouverte.")
            kept.append(cell)
        else:
            if starts:
                raise SolutionLayoutError(f"{name}{NBSP}: la solution ouverte à la cellule {start_no} n’est pas "
                                          f"fermée avant la cellule {i}, qui en ouvre une autre.")
            if ends:
                inside = False
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
