"""A study table in a chapter fits the text column (and the printed page): five columns at most, named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/*.ipynb"))
CALL = re.compile(r'tableau\("tableau-etudes"([^\n]*)\)')
MAX_COLUMNS = 5  # seven did not fit: the printed course cut the result column (seen in the PDF)


def study_tables(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [m.group(1) for c in nb["cells"] if c["cell_type"] == "code" for m in CALL.finditer("".join(c["source"]))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_study_tables_name_five_columns_at_most(path):
    for args in study_tables(path):
        cols = re.search(r'colonnes="([^"]*)"', args)
        assert cols, f"{path.name} : tableau d’études sans colonnes choisies (neuf par défaut) : {args}"
        names = [c for c in re.split(r"[,\s]+", cols.group(1)) if c]
        assert len(names) <= MAX_COLUMNS, f"{path.name} : {len(names)} colonnes ({', '.join(names)}) : scindez le tableau"
