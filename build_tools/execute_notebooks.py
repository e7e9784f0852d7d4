"""`make notebooks`: run every notebook of notebooks/ from a clean kernel and save its outputs.

The saved outputs are the reference nbval compares against. Solutions that do not print a success
are reported here and rejected by tests/test_notebook_outputs.py, so regenerating outputs can
never bless a broken answer key. Pass notebook paths to run only those.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=True).execute()
    nbformat.write(nb, path)
    return time.perf_counter() - t0


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted((ROOT / "notebooks").rglob("*.ipynb"))
    paths = [p for p in paths if ".ipynb_checkpoints" not in p.parts]
    for path in paths:
        secs = execute(path)
        print(f"{path.relative_to(ROOT)} : exécuté en {secs:.1f} s")
    sys.path.insert(0, str(ROOT))
    from tests.notebook_checks import problems  # the same rules as the test suite

    bad = [f"{p.relative_to(ROOT)} : {msg}" for p in paths for msg in problems(p)]
    for line in bad:
        print("PROBLÈME", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
