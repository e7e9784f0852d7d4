"""build_tools/lab_install.py: what `make venv` and binder/postBuild install for JupyterLab."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools import lab_install
from mesocours.lab import cite_text

ROOT = Path(__file__).resolve().parent.parent


def test_every_bib_key_has_the_books_calls_and_a_full_reference():
    refs = lab_install.references()
    assert len(refs) > 100
    assert refs["pistor1958"]["p"] == cite_text("pistor1958") and refs["pistor1958"]["t"] == cite_text(
        "pistor1958", narrative=True)
    assert "1958" in refs["pistor1958"]["p"] and "pistor1958" not in refs["pistor1958"]["full"]
    assert all(r["full"] and "\\" not in r["full"] and "{" not in r["full"] for r in refs.values())


def test_install_then_check_then_a_changed_file_is_stale(tmp_path):
    assert lab_install.stale(tmp_path)  # nothing installed yet
    written = lab_install.install(tmp_path)
    assert lab_install.stale(tmp_path) == []
    ext = tmp_path / "share" / "jupyter" / "labextensions" / "mesocours-lab"
    pkg = json.loads((ext / "package.json").read_text(encoding="utf-8"))
    assert pkg["jupyterlab"]["_build"]["load"] == "static/remoteEntry.js"
    assert (ext / "static" / "remoteEntry.js") in written
    settings = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(settings.read_text())["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    (ext / "static" / "references.json").write_text("{}", encoding="utf-8")
    assert lab_install.stale(tmp_path) == ["labextensions/mesocours-lab/static/references.json"]
    assert lab_install.main([str(tmp_path), "--check"]) == 1


def test_postbuild_installs_the_same_jupyterlab_additions():
    assert "build_tools/lab_install.py" in (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
