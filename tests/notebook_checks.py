"""Rules every stored notebook obeys (used by the tests and by `make notebooks`)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from build_tools.execute_notebooks import sources_digest

SOLUTION_START = re.compile(r"```+\{solution-start\}")
SOLUTION_END = re.compile(r"```+\{solution-end\}")
CHECK_CALL = re.compile(r"\bcheck\(\s*[\"']([\w-]+)[\"']\s*,\s*(.*)\)\s*$", re.S)


def _text(cell) -> str:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif o.get("output_type") in ("execute_result", "display_data"):
            out.append(str(o.get("data", {}).get("text/plain", "")))
        elif o.get("output_type") == "error":
            out.append(f"ERROR {o.get('ename')}: {o.get('evalue')}")
    return "".join(out)


def problems(path: Path) -> list[str]:
    """Every broken rule of one notebook, in French."""
    nb = nbformat.read(path, as_version=4)
    found: list[str] = []
    # the book shows the stored outputs as they are (execute_notebooks: off): they must come from this code
    stored = nb.metadata.get("mesocours", {}).get("sources_sha256")
    if stored is None:
        found.append("sorties enregistrées sans l’empreinte du code qui les a produites : lancez make notebooks")
    elif stored != sources_digest(nb):
        found.append("le code a changé depuis l’enregistrement des sorties (le livre les affiche telles quelles) : "
                     "lancez make notebooks")
    in_solution = False
    n_solution_checks = 0
    for i, cell in enumerate(nb.cells, start=1):
        src = cell.source
        if cell.cell_type == "markdown":
            if SOLUTION_START.search(src):
                in_solution = True
            if SOLUTION_END.search(src):
                in_solution = False
            continue
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            found.append(f"cellule {i} : sortie d’erreur enregistrée")
        if cell.get("execution_count") is None and src.strip():
            found.append(f"cellule {i} : jamais exécutée (lancez make notebooks)")
        m = CHECK_CALL.search(src.strip().splitlines()[-1]) if src.strip() else None
        if not m:
            continue
        output = _text(cell)
        if in_solution:
            n_solution_checks += 1
            if "✅" not in output or "❌" in output:
                found.append(f"cellule {i} : la solution de « {m.group(1)} » n’affiche pas de succès : {output.strip()[:120]!r}")
        elif m.group(2).strip() == "...":
            if "Remplacez" not in output:
                found.append(f"cellule {i} : la cellule de réponse de « {m.group(1)} » n’affiche pas la consigne")
    if in_solution:
        found.append("un bloc solution-start n’est pas refermé par solution-end")
    if "fondements" in path.parts and n_solution_checks < 3:
        found.append(f"seulement {n_solution_checks} solution(s) vérifiée(s) par check() (au moins 3 par chapitre)")
    return found
