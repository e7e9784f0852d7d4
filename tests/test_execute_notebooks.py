"""`make notebooks` writes the same file twice for an unchanged notebook (no timings, stable widget ids)."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path

import nbformat
import pytest

from build_tools.execute_notebooks import ROOT, WIDGET_STATE, coalesce_streams, stable_widget_ids

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _fake_run(ids: list[str]) -> dict:
    """A notebook as the kernel leaves it: a box shown by an output, its two children (one with a
    layout), and two models no output reaches (created, never displayed)."""
    box, child_a, child_b, layout, orphan_1, orphan_2 = ids
    state = {
        box: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{child_a}", f"IPY_MODEL_{child_b}"]}},
        child_a: {"model_name": "HTMLModel", "state": {"value": "a", "layout": f"IPY_MODEL_{layout}"}},
        child_b: {"model_name": "HTMLModel", "state": {"value": "b"}},
        layout: {"model_name": "LayoutModel", "state": {}},
        orphan_1: {"model_name": "HTMLModel", "state": {"value": "jamais affiché 1"}},
        orphan_2: {"model_name": "HTMLModel", "state": {"value": "jamais affiché 2"}},
    }
    return {
        "cells": [{"cell_type": "code", "outputs": [
            {"output_type": "display_data",
             "data": {"application/vnd.jupyter.widget-view+json": {"model_id": box}}}]}],
        "metadata": {"widgets": {WIDGET_STATE: {"state": dict(reversed(list(state.items())))}}},
    }


def _ids(n: int) -> list[str]:
    return [uuid.uuid4().hex for _ in range(n)]


def test_two_runs_give_the_same_notebook():
    first = stable_widget_ids(_fake_run(_ids(6)), "x.ipynb")
    second = stable_widget_ids(_fake_run(_ids(6)), "x.ipynb")
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_references_follow_the_renaming():
    nb = stable_widget_ids(_fake_run(_ids(6)), "x.ipynb")
    state = nb["metadata"]["widgets"][WIDGET_STATE]["state"]
    shown = nb["cells"][0]["outputs"][0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    children = [c.removeprefix("IPY_MODEL_") for c in state[shown]["state"]["children"]]
    assert [state[c]["state"].get("value") for c in children] == ["a", "b"]
    layout = state[children[0]]["state"]["layout"].removeprefix("IPY_MODEL_")
    assert state[layout]["model_name"] == "LayoutModel"
    assert len(state) == 6


def test_the_seed_separates_notebooks():
    ids = _ids(6)
    a = stable_widget_ids(_fake_run(ids), "a.ipynb")
    b = stable_widget_ids(_fake_run(ids), "b.ipynb")
    assert not set(a["metadata"]["widgets"][WIDGET_STATE]["state"]) & set(b["metadata"]["widgets"][WIDGET_STATE]["state"])


def test_a_notebook_without_widgets_is_unchanged():
    nb = {"cells": [], "metadata": {}}
    assert stable_widget_ids(copy.deepcopy(nb), "x") == nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_notebooks_were_written_by_make_notebooks(path: Path):
    """Outputs saved by another tool would bring back timings and random ids (noisy diffs)."""
    plain = json.loads(path.read_text(encoding="utf-8"))  # the stored JSON as is (nbformat's validation: 10× slower)
    timed = [c.get("id") for c in plain["cells"] if "execution" in c.get("metadata", {})]
    assert not timed, f"{path.name} : métadonnées d'exécution (horodatage) dans les cellules {timed} ; lancez `make notebooks`"
    seed = path.relative_to(ROOT).as_posix()
    assert stable_widget_ids(plain, seed) == plain, f"{path.name} : identifiants de widgets non stables ; lancez `make notebooks`"
    split = [c.get("id") for c in plain["cells"] for a, b in zip(c.get("outputs", []), c.get("outputs", [])[1:])
             if a["output_type"] == b["output_type"] == "stream" and a["name"] == b["name"]]
    assert not split, f"{path.name} : sorties d'un même flux coupées en plusieurs morceaux {split} ; lancez `make notebooks`"


def test_consecutive_outputs_of_one_stream_are_merged():
    nb = nbformat.from_dict({"cells": [{"cell_type": "code", "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "✏️ Remplacez ... par votre réponse."},
        {"output_type": "stream", "name": "stdout", "text": "\n"},
        {"output_type": "stream", "name": "stderr", "text": "attention\n"},
        {"output_type": "execute_result", "data": {"text/plain": "1"}, "metadata": {}, "execution_count": 1},
        {"output_type": "stream", "name": "stdout", "text": "après\n"}]}]})
    coalesce_streams(nb)
    outputs = nb.cells[0].outputs
    assert [o.get("name", o.output_type) for o in outputs] == ["stdout", "stderr", "execute_result", "stdout"]
    assert outputs[0].text == "✏️ Remplacez ... par votre réponse.\n"
