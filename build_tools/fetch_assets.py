"""Fetch the pinned front-end assets the book serves itself (no CDN), and the browser test tools.

Published assets go to ``_vendor/site/vendor/`` (``_vendor/site`` is an ``html_static_path`` entry, so
they are served from ``_static/vendor/``); test tools (axe-core) go to ``_vendor/test/`` and are never
copied into the site. Each package is fetched as its registry tarball with ``npm pack`` (a few MB, seconds), checked
against the sha512 integrity pinned below, and the files the book needs are extracted.
Run by ``make assets`` (and so by ``make book``); does nothing when the pinned versions are present.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "_vendor"
SITE = VENDOR / "site" / "vendor"  # published: served from _static/vendor/
TEST = VENDOR / "test"  # browser test tools: not published
STAMP = VENDOR / "versions.json"

# name, version, sha512 integrity, (member prefix inside the tarball -> destination folder), destination root
PINS = [
    ("requirejs", "2.3.8",
     "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
     {"package/require.js": "require.js"}, SITE),
    ("@jupyter-widgets/html-manager", "1.0.15",
     "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
     {"package/dist/": "html-manager/dist/"}, SITE),
    ("mathjax", "3.2.2",
     "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
     {"package/es5/": "mathjax/"}, SITE),
    # accessibility engine injected by tests/browser/test_a11y.py (page.add_script_tag), never served by the book
    ("axe-core", "4.14.1",
     "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
     {"package/axe.min.js": "axe-core/axe.min.js", "package/LICENSE": "axe-core/LICENSE"}, TEST),
]
SKIP_SUFFIXES = (".map", ".d.ts")


def integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def fetch(name: str, version: str, expected: str, layout: dict[str, str], dest_root: Path, tmp: Path) -> None:
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(tmp)],
                         check=True, capture_output=True, text=True, cwd=tmp)
    filename = json.loads(out.stdout)[0]["filename"].replace("@", "").replace("/", "-")
    tarball = tmp / filename
    if not tarball.exists():  # npm's naming of scoped tarballs
        tarball = next(tmp.glob("*.tgz"))
    got = integrity(tarball)
    if got != expected:
        sys.exit(f"fetch_assets: {name}@{version}: integrity mismatch\n  expected {expected}\n  got      {got}")
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            if not member.isfile() or member.name.endswith(SKIP_SUFFIXES):
                continue
            for prefix, target in layout.items():
                if member.name == prefix or (prefix.endswith("/") and member.name.startswith(prefix)):
                    rel = target + member.name[len(prefix):] if prefix.endswith("/") else target
                    dest = dest_root / rel
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with tar.extractfile(member) as src, dest.open("wb") as fh:
                        shutil.copyfileobj(src, fh)
    tarball.unlink()


def main() -> None:
    wanted = {name: version for name, version, *_ in PINS} | {"layout": "3"}
    if STAMP.exists() and json.loads(STAMP.read_text()) == wanted:
        return
    if shutil.which("npm") is None:
        sys.exit("fetch_assets: npm is required to fetch the pinned front-end assets (Debian: apt-get install npm)")
    shutil.rmtree(VENDOR, ignore_errors=True)  # everything under _vendor/ is ours (older layouts included)
    VENDOR.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, expected, layout, dest_root in PINS:
            fetch(name, version, expected, layout, dest_root, Path(tmp))
            print(f"fetch_assets: {name}@{version} ok")
    STAMP.write_text(json.dumps(wanted, indent=1))


if __name__ == "__main__":
    main()
