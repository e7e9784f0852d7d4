"""The alt text of a figure drawn from data says what the data say today (build_tools/figure_alts.py)."""

from __future__ import annotations

import json

from build_tools import figure_alts


def test_every_data_drawn_figure_has_its_generated_alt_text(capsys):
    assert figure_alts.main(["--check"]) == 0, capsys.readouterr().out + " : lancez make notebooks"


def test_a_stale_alt_text_is_found_and_rewritten(tmp_path, monkeypatch):
    nb = {"cells": [{"cell_type": "code", "source": 'map_scenario("esthetique")', "outputs": [],
                     "metadata": {"mystnb": {"image": {"alt": "vieux texte"}}}},
                    {"cell_type": "code", "source": 'parcours_scenario("arthrose")', "outputs": [], "metadata": {}}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks" / "p").mkdir(parents=True)
    path = tmp_path / "notebooks" / "p" / "x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(figure_alts, "ROOT", tmp_path)
    assert len(figure_alts.stale_alts(path)) == 2
    figure_alts.stale_alts(path, fix=True)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert cells[0]["metadata"]["mystnb"]["image"]["alt"].startswith("Carte des preuves, esthétique")
    assert "Études relevées pour arthrose" in cells[1]["metadata"]["mystnb"]["image"]["alt"]
    assert figure_alts.stale_alts(path) == []
