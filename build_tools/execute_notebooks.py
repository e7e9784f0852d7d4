"""`make notebooks`: run every notebook of notebooks/ from a clean kernel and save its outputs.

The saved outputs are the reference nbval compares against. Solutions that do not print a success
are reported here and rejected by tests/test_notebook_outputs.py, so regenerating outputs can
never bless a broken answer key. Pass notebook paths to run only those.

Re-running a notebook whose content has not changed leaves the file byte-identical: no execution
timestamps are recorded and the widget model ids (random UUIDs in the kernel) are renamed after the
order in which the outputs show them, so `git diff` shows only what really changed.

The book renders these stored outputs (``execute_notebooks: off`` in _config.yml): each notebook records
in its metadata (``mesocours.sources_sha256``) a digest of the code it was executed from, and
tests/notebook_checks.py fails when the code no longer matches (outputs stale: run `make notebooks`).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

ROOT = Path(__file__).resolve().parent.parent


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def _refs(value) -> list[str]:
    """Model ids referenced by a widget state, in a fixed order (keys sorted)."""
    if isinstance(value, str):
        return MODEL_REF.findall(value)
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    if isinstance(value, dict):
        return [r for k in sorted(value) for r in _refs(value[k])]
    return []


def stable_widget_ids(nb: dict, seed: str) -> dict:
    """The notebook with its widget model ids replaced by ids that do not depend on the run.

    Ids are numbered in the order the outputs display the widgets (then their children, depth
    first); models no output reaches are numbered after, sorted by their content. The new id is
    an MD5 of ``seed`` and that number, so two runs of an unchanged notebook give the same file.
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return nb
    order: list[str] = []
    seen: set[str] = set()

    def visit(model_id: str) -> None:
        if model_id in seen or model_id not in state:
            return
        seen.add(model_id)
        order.append(model_id)
        for ref in _refs(state[model_id].get("state", {})):
            visit(ref)

    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                visit(view["model_id"])
    masked = {m: MODEL_REF.sub("IPY_MODEL_", json.dumps(state[m], sort_keys=True)) for m in state}
    for model_id in sorted(set(state) - seen, key=lambda m: masked[m]):
        visit(model_id)
    new = {old: hashlib.md5(f"{seed}:{i}".encode()).hexdigest() for i, old in enumerate(order)}
    pattern = re.compile("|".join(map(re.escape, new)))
    text = pattern.sub(lambda m: new[m.group(0)], json.dumps(nb))
    renamed = json.loads(text)
    old_state = renamed["metadata"]["widgets"][WIDGET_STATE]["state"]
    renamed["metadata"]["widgets"][WIDGET_STATE]["state"] = {k: old_state[k] for k in sorted(old_state)}
    return renamed


def coalesce_streams(nb) -> None:
    """Merge each cell's consecutive outputs of one stream (stdout, stderr) into one, in place (nbconvert's
    CoalesceStreamsPreprocessor). How the kernel cuts printed text into messages depends on timing (a loaded
    machine flushes « text » and its « \\n » apart): merged, the stored outputs no longer depend on the load."""
    CoalesceStreamsPreprocessor().preprocess(nb, {})


def sources_digest(nb) -> str:
    """SHA-256 of the notebook's code cells (their sources, in order): what its stored outputs come from."""
    h = hashlib.sha256()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = cell["source"]
            h.update(("".join(src) if isinstance(src, list) else src).encode("utf-8") + b"\0")
    return h.hexdigest()


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=True, record_timing=False).execute()
    for cell in nb.cells:  # timings recorded by earlier runs
        cell.get("metadata", {}).pop("execution", None)
    coalesce_streams(nb)
    nb.metadata.setdefault("mesocours", {})["sources_sha256"] = sources_digest(nb)
    seed = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    nbformat.write(nbformat.from_dict(stable_widget_ids(nb, seed)), path)
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
