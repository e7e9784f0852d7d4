"""Chapter notebooks in the form JupyterLab can show (build_tools/lab_forms.py, mesocours.lab)."""

from __future__ import annotations

import copy
import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from build_tools import lab_forms
from mesocours import lab

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_is_in_lab_form(path):
    """Re-run `make lab-forms` (then `make notebooks`) when this fails after merging edits."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert lab_forms.problems(nb) == []
    assert lab_forms.rewrite_cells(nb["cells"]) == nb["cells"]  # the rewrite has nothing left to do


def _md(text, cid="a"):
    return {"cell_type": "markdown", "id": cid, "metadata": {}, "source": text}


def test_rewrite_splits_a_cell_around_our_directives_and_is_idempotent():
    cells = [
        _md("(chap-peau)=\n# 2. La peau\n\n```{objectifs} peau\n```\n\nTexte {cite:p}`perrin2008`.\n\n"
            ":::{tableau-vocabulaire}\n:techniques: ied ids\n:sources: sfm_site=SFM, afme2010=AFME\n:::\n\n"
            "```{admonition} Note\nGardée telle quelle.\n```", "c1"),
        _md("## Quiz\n\n```{quiz} peau\n```", "c2"),
        {"cell_type": "code", "id": "w", "metadata": {"tags": ["remove-cell"]}, "outputs": [],
         "execution_count": None, "source": 'quiz_widget("peau")'},
    ]
    out = lab_forms.rewrite_cells(copy.deepcopy(cells))
    kinds = [(c["cell_type"], c["source"]) for c in out]
    assert kinds == [
        ("markdown", "(chap-peau)=\n# 2. La peau"),
        ("code", 'from mesocours.lab import objectifs\nobjectifs("peau")'),
        ("markdown", "Texte {cite:p}`perrin2008`."),
        ("code", ('from mesocours.lab import tableau_vocabulaire\n'
                  'tableau_vocabulaire(techniques="ied ids", sources="sfm_site=SFM, afme2010=AFME")')),
        ("markdown", "```{admonition} Note\nGardée telle quelle.\n```"),
        ("markdown", "## Quiz"),
        ("code", 'from mesocours.lab import quiz\nquiz("peau")'),
    ]  # the old quiz_widget cell is gone, the admonition (not ours) stays markdown
    assert out[0]["id"] == "c1" and len({c["id"] for c in out}) == len(out)
    assert out[-1]["metadata"]["tags"] == ["remove-input", "nbval-ignore-output"]
    assert out[1]["metadata"]["tags"] == ["remove-input"]
    assert lab_forms.problems({"cells": out}) == []
    assert lab_forms.rewrite_cells(copy.deepcopy(out)) == out
    assert lab_forms.rewrite_cells(copy.deepcopy(cells)) == out  # same ids on every run
    assert len(lab_forms.problems({"cells": cells})) == 4


def test_problems_name_a_lab_call_without_remove_input():
    cell = {"cell_type": "code", "id": "x", "metadata": {"tags": ["hide-input"]}, "outputs": [],
            "source": 'from mesocours.lab import objectifs\nobjectifs("peau")'}
    assert "remove-input" in lab_forms.problems({"cells": [cell]})[0]


def test_unclosed_block_is_an_error():
    with pytest.raises(ValueError, match="non refermé"):
        lab_forms.find_blocks("```{objectifs} peau\n")


def test_generated_call_rebuilds_the_same_directive():
    """What the code cell displays for the book is the directive the markdown held."""
    src = lab_forms.call_source("tableau-couches", "diu2008", {})
    first, second = src.splitlines()
    assert first == "from mesocours.lab import tableau_couches" and second == 'tableau_couches("diu2008")'
    shown = getattr(lab, first.split()[-1])("diu2008")
    bundle = shown._repr_mimebundle_()
    assert bundle[lab.MYST_MIME] == "```{tableau-couches} diu2008\n```\n"
    assert "Schéma des couches enseigné" in bundle["text/html"] and "<table" in bundle["text/html"]


def test_objectifs_html_for_jupyterlab_and_directive_for_the_book():
    from mesocours.data import course

    ch = next(c for c in course().chapters if c.id == "materiel")
    bundle = lab.objectifs("materiel")._repr_mimebundle_()
    assert bundle[lab.MYST_MIME] == "```{objectifs} materiel\n```\n"
    page = bundle["text/html"]
    assert "Objectifs d’apprentissage" in page and "mesocours-objectifs" in page
    for objective in ch.objectives:
        assert objective.split()[0] in page
    assert 'href="02-peau.ipynb"' in page  # the prerequisite opens the neighbouring notebook
    assert "{" not in page and ":doc:" not in page


def test_table_citations_read_as_author_year():
    page = lab.tableau_epaisseurs()._repr_mimebundle_()["text/html"]
    assert ":cite:" not in page and "mesocours-cite" in page
    assert lab.cite_text("pistor1958") == "Pistor, 1958"
    assert lab.cite_text("pistor1958", narrative=True) == "Pistor [1958]"
    assert lab.cite_text("no-such-key") == "no-such-key"


def test_bad_arguments_give_a_french_message_not_a_traceback():
    shown = lab.objectifs("nope")._repr_mimebundle_()
    assert "chapitre inconnu « nope »" in shown["text/html"]
    shown = lab.tableau_couches("nope")._repr_mimebundle_()
    assert "schéma de couches inconnu" in shown["text/plain"]


def test_quiz_shows_the_widget_and_carries_the_directive():
    bundle = lab.quiz("peau")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle[lab.MYST_MIME] == "```{quiz} peau\n```\n"


def test_book_renders_our_mime_type_first():
    eps = {ep.name: ep.value for ep in entry_points(group="myst_nb.mime_renderers")}
    assert eps.get("mesocours") == "mesocours.lab:BookMimeRenderer"
    from myst_nb.core.render import get_mime_priority

    order = get_mime_priority("html", [])
    assert order.index(lab.MYST_MIME) < order.index("application/vnd.jupyter.widget-view+json")
    assert order.index(lab.MYST_MIME) < order.index("text/html")
