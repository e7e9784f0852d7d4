"""Binder / JupyterHub readiness: repo2docker's files follow requirements.lock, and the README gives the
nbgitpuller link built from _config.yml."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import yaml

from build_tools import binder

ROOT = Path(__file__).resolve().parent.parent


def test_binder_files_match_the_lock():
    for name, text in binder.expected_files().items():
        assert (ROOT / "binder" / name).read_text(encoding="utf-8") == text, f"binder/{name} : relancer build_tools/binder.py"


def test_a_changed_lock_is_detected(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# comment\nfoo==1.0\n\nbar==2.0\n", encoding="utf-8")
    text = binder.expected_files(lock)["requirements.txt"]
    assert text.endswith("foo==1.0\nbar==2.0\n") and "# comment" not in text
    assert text != binder.expected_files(ROOT / "requirements.lock")["requirements.txt"]


def test_postbuild_installs_the_package():
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK)
    body = post.read_text(encoding="utf-8")
    assert re.search(r"pip install .*-e \.", body)


def test_readme_shows_the_nbgitpuller_link():
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    hub = cfg["launch_buttons"]["jupyterhub_url"]
    repo, branch = cfg["repository"]["url"], cfg["repository"]["branch"]
    link = binder.nbgitpuller_link(hub, repo, branch, "notebooks/fondements/01-histoire.ipynb")
    q = parse_qs(urlparse(link).query)
    assert q["repo"] == [repo] and q["branch"] == [branch]
    assert q["urlpath"] == ["lab/tree/cours-mesotherapie/notebooks/fondements/01-histoire.ipynb"]
    assert link in (ROOT / "README.md").read_text(encoding="utf-8")
