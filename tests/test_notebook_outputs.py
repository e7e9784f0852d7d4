"""Stored notebook outputs: every solution prints a success, nothing is stored broken."""

from pathlib import Path

import nbformat
import pytest

from tests.notebook_checks import problems

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_outputs(path):
    assert problems(path) == []


def _cell(src, outputs=(), cell_type="code", count=1):
    if cell_type == "markdown":
        return nbformat.v4.new_markdown_cell(src)
    c = nbformat.v4.new_code_cell(src, execution_count=count)
    c.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in outputs]
    return c


def test_rules_catch_a_broken_answer_key(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _cell('check("x-ex1", ...)', ["Remplacez ... par votre réponse."]),
        _cell("```{solution-start} ex-x-ex1\n:class: dropdown\n```", cell_type="markdown"),
        _cell('check("x-ex1", 3)', ["❌ Incorrect."]),
        _cell("```{solution-end}\n```", cell_type="markdown"),
        _cell("1/0", count=None),
    ]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    found = problems(path)
    assert any("n’affiche pas de succès" in p for p in found)
    assert any("jamais exécutée" in p for p in found)


def test_rules_catch_outputs_stored_from_other_code(tmp_path):
    """The book shows the stored outputs as they are: outputs without the digest of their code, or stored
    before the code changed, fail (« lancez make notebooks »)."""
    from build_tools.execute_notebooks import sources_digest

    nb = nbformat.v4.new_notebook()
    nb.cells = [_cell('print("a")', ["a\n"])]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    assert any("empreinte" in p for p in problems(path))
    nb.metadata["mesocours"] = {"sources_sha256": sources_digest(nb)}
    nbformat.write(nb, path)
    assert problems(path) == []
    nb.cells[0].source = 'print("b")'
    nbformat.write(nb, path)
    assert any("le code a changé" in p for p in problems(path))
    nb.cells.insert(0, _cell("# markdown does not count", cell_type="markdown"))
    nb.cells[1].source = 'print("a")'
    nbformat.write(nb, path)
    assert problems(path) == []
