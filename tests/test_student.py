"""Student notebooks: solution blocks removed, outputs cleared, learner cells kept."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from mesocours import student


def chapter_notebook() -> nbformat.NotebookNode:
    """A chapter laid out as AUTHORING.md says (two exercises, a quiz)."""
    cells = [
        new_code_cell("from mesocours.selfcheck import check", metadata={"tags": ["remove-cell"]}),
        new_markdown_cell("(chap-essai)=\n# 1. Essai"),
        new_markdown_cell("````{exercise} Profondeur\n:label: ex-essai-ex1\n\nCalculez.\n````"),
        new_code_cell('check("essai-ex1", ...)', execution_count=3,
                      outputs=[new_output("stream", name="stdout", text="✏️ Remplacez ... par votre réponse\n")]),
        new_markdown_cell("```{solution-start} ex-essai-ex1\n:class: dropdown\n```"),
        new_code_cell('profondeur = 6 * 0.866\ncheck("essai-ex1", round(profondeur, 1))', execution_count=4,
                      outputs=[new_output("stream", name="stdout", text="✅ Correct : 5,2 mm.\n")]),
        new_markdown_cell("La pointe est à 5,2 mm : SECRET-EXPLICATION."),
        new_markdown_cell("```{solution-end}\n```"),
        new_markdown_cell("````{exercise} Couche\n:label: ex-essai-ex2\n\nQuelle couche ?\n````"),
        new_code_cell('check("essai-ex2", ...)'),
        new_markdown_cell("````{solution-start} ex-essai-ex2\n:class: dropdown\n````"),
        new_code_cell('check("essai-ex2", "hypoderme")  # SECRET-CODE'),
        new_markdown_cell("```{solution-end}\n```"),
        new_markdown_cell("```{quiz} essai\n```"),
        new_code_cell('quiz_widget("essai")', metadata={"tags": ["remove-cell", "nbval-ignore-output"]},
                      outputs=[new_output("display_data", data={"text/plain": "VBox()"})]),
        new_markdown_cell("## À retenir\n\n- un point"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": "SECRET-STATE"}}}
    return nb


def sources(nb):
    return [c.source for c in nb.cells]


def test_solutions_removed_and_learner_cells_kept():
    out = student.student_notebook(chapter_notebook(), "essai.ipynb")
    text = json.dumps(out)
    assert "solution-start" not in text and "solution-end" not in text
    assert "SECRET" not in text and "hypoderme" not in text and "5,2" not in text
    srcs = sources(out)
    assert 'check("essai-ex1", ...)' in srcs and 'check("essai-ex2", ...)' in srcs
    assert any("{exercise} Profondeur" in s for s in srcs) and any("{quiz} essai" in s for s in srcs)
    assert srcs[-1].startswith("## À retenir")
    assert len(out.cells) == 16 - 7  # 4 cells of the first solution block, 3 of the second


def test_outputs_cleared_and_original_untouched():
    nb = chapter_notebook()
    out = student.student_notebook(nb, "essai.ipynb")
    for cell in out.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert "widgets" not in out.metadata
    assert len(nb.cells) == 16 and nb.cells[3].outputs  # the author's notebook is not modified
    nbformat.validate(out)


@pytest.mark.parametrize("broken,message", [
    ([new_markdown_cell("```{solution-start} ex-a\n```"), new_code_cell("x")], "jamais"),
    ([new_markdown_cell("```{solution-end}\n```")], "pas été ouverte"),
    ([new_markdown_cell("```{solution-start} ex-a\n```"), new_markdown_cell("```{solution-start} ex-b\n```")],
     "autre"),
])
def test_broken_layout_is_refused(broken, message):
    with pytest.raises(student.SolutionLayoutError, match=message):
        student.strip_solutions(broken, "essai.ipynb")


def test_mentions_in_code_cells_do_not_count():
    cells = [new_code_cell("# ```{solution-start} is written in markdown cells"), new_code_cell("y")]
    assert len(student.strip_solutions(cells)) == 2


def test_cli_copies_tree(tmp_path, capsys):
    src = tmp_path / "notebooks" / "fondements"
    src.mkdir(parents=True)
    nbformat.write(chapter_notebook(), src / "01-essai.ipynb")
    (src / ".ipynb_checkpoints").mkdir()
    nbformat.write(chapter_notebook(), src / ".ipynb_checkpoints" / "01-essai-checkpoint.ipynb")
    out = tmp_path / "etudiant"
    assert student.main([str(out), "--source", str(tmp_path / "notebooks")]) == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.ipynb"))
    assert files == ["fondements/01-essai.ipynb"]
    written = nbformat.read(out / files[0], as_version=4)
    assert all("solution" not in c.source for c in written.cells)
    assert "1 carnet(s)" in capsys.readouterr().out


def test_cli_reports_broken_notebook(tmp_path, capsys):
    nb = new_notebook(cells=[new_markdown_cell("```{solution-start} ex-a\n```")])
    nbformat.write(nb, tmp_path / "x.ipynb")
    assert student.main([str(tmp_path / "out"), "--source", str(tmp_path)]) == 1
    assert "jamais" in capsys.readouterr().err


def test_text_sharing_a_cell_with_a_fence_stays():
    """An exercise written in the cell that closes the previous solution (or before a solution-start) is the
    learner's: it stays, the solution around it goes."""
    nb = new_notebook(cells=[
        new_markdown_cell("````{exercise} Un\n:label: ex-a-1\n\nÉnoncé UN.\n````\n\n```{solution-start} ex-a-1\n"
                          ":class: dropdown\n```"),
        new_code_cell('check("a-ex1", 1)  # SECRET'),
        new_markdown_cell("SECRET explication.\n\n```{solution-end}\n```\n\n````{exercise} Deux\n:label: ex-a-2\n\n"
                          "Énoncé DEUX.\n````"),
        new_markdown_cell("```{solution-start} ex-a-2\n```\nSECRET\n```{solution-end}```\nAprès."),
    ])
    out = student.student_notebook(nb)
    text = "\n".join(c.source for c in out.cells)
    assert "Énoncé UN." in text and "Énoncé DEUX." in text and "Après." in text
    assert "SECRET" not in text and "solution-" not in text


def test_real_notebooks_have_no_solution_left_and_every_statement(tmp_path):
    written = student.export(tmp_path)
    assert written
    for path in written:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        for cell in nb.cells:
            assert "solution-start" not in cell.source and "solution-end" not in cell.source
            if cell.cell_type == "code":
                assert not cell.outputs
        original = nbformat.read(student.ROOT / "notebooks" / path.relative_to(tmp_path), as_version=4)
        labels = re.findall(r":label: (ex-[\w-]+)", "\n".join(c.source for c in original.cells))
        assert labels == re.findall(r":label: (ex-[\w-]+)", text), f"{path.name} : énoncé d’exercice perdu"


def test_student_citations_read_as_author_year(tmp_path):
    """JupyterLab (jupyterlab-myst) reads no .bib file: students get « [Auteur, année] », not bare keys."""
    nb = new_notebook(cells=[new_markdown_cell(
        "Observé en 1952 {cite:p}`pistor1958,sfm_histoire` ; {cite:t}`pistor1958` le décrit.")])
    out = student.student_notebook(nb)
    text = out.cells[0].source
    assert "{cite:" not in text and "pistor1958" not in text
    assert "[Pistor, 1958, Société française de mésothérapie, s.d.]" in text and "; Pistor [1958] le décrit" in text
    for path in student.export(tmp_path):
        for cell in nbformat.read(path, as_version=4).cells:
            assert "{cite:" not in cell.source, f"{path.name} : citation non convertie"
