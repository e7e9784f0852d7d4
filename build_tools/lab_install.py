"""Install the course's JupyterLab additions into an environment: `python build_tools/lab_install.py [PREFIX]`.

Writes, under ``PREFIX/share/jupyter/`` (default: the running Python's ``sys.prefix``, i.e. ``.venv`` for
`make venv`, the image's environment for ``binder/postBuild``):

* ``lab/settings/overrides.json`` — ``build_tools/lab/overrides.json``: French interface, no news or
  update check fetched from another host;
* ``labextensions/mesocours-lab/`` — ``build_tools/lab/mesocours-lab/`` (a hand-written prebuilt JupyterLab
  extension, no build step) plus ``static/references.json``, generated here from ``book/references.bib``:
  for every key the book's author–year calls (``p`` « Pistor, 1958 », ``t`` « Pistor [1958] »:
  :func:`mesocours.lab.cite_text`) and the full reference as plain text (the book's ``plain_fr`` style,
  :class:`mesocours.bibfr.FrenchStyle`). The extension writes these in place of the bare keys that
  jupyterlab-myst shows for ``{cite:p}`` roles, and French labels on ``{exercise}`` / ``{solution}`` blocks.

``--check`` exits 1 (listing the files) when what is installed differs from what would be written
(`make venv` re-runs the install when ``book/references.bib`` or ``build_tools/lab/`` changes).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
LAB = ROOT / "build_tools" / "lab"
EXTENSION = "mesocours-lab"


def references(bib_path: Path | None = None) -> dict[str, dict[str, str]]:
    """``{key: {"p": "Pistor, 1958", "t": "Pistor [1958]", "full": "M. Pistor. …"}}`` for every .bib entry."""
    path = bib_path or ROOT / "book" / "references.bib"
    return json.loads(_references_json(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def _references_json(bib_text: str) -> str:
    """The references of one .bib text, formatted once per process (2 s for the course's bibliography)."""
    from pybtex.database import parse_string

    from mesocours.bibfr import FrenchStyle
    from mesocours.lab import cite_text

    bib = parse_string(bib_text, "bibtex")
    style = FrenchStyle()
    out = {}
    for entry in style.format_entries(bib.entries.values()):
        key = entry.key
        out[key] = {"p": cite_text(key), "t": cite_text(key, narrative=True),
                    "full": " ".join(entry.text.render_as("text").split())}
    return json.dumps(dict(sorted(out.items())), ensure_ascii=False)


def files() -> dict[str, str]:
    """Path under ``share/jupyter/`` -> text, everything the install writes."""
    out = {"lab/settings/overrides.json": (LAB / "overrides.json").read_text(encoding="utf-8")}
    src = LAB / EXTENSION
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        out[f"labextensions/{EXTENSION}/{path.relative_to(src).as_posix()}"] = path.read_text(encoding="utf-8")
    out[f"labextensions/{EXTENSION}/static/references.json"] = (
        json.dumps(references(), ensure_ascii=False, indent=1) + "\n")
    return out


def stale(prefix: Path) -> list[str]:
    """The files under ``prefix/share/jupyter`` that are missing or differ from :func:`files`."""
    base = Path(prefix) / "share" / "jupyter"
    return [rel for rel, text in files().items()
            if not (base / rel).is_file() or (base / rel).read_text(encoding="utf-8") != text]


def install(prefix: Path) -> list[Path]:
    base = Path(prefix) / "share" / "jupyter"
    written = []
    for rel, text in files().items():
        target = base / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("prefix", nargs="?", default=sys.prefix, help="environment prefix (default: sys.prefix)")
    ap.add_argument("--check", action="store_true", help="exit 1 if the installed files are out of date")
    args = ap.parse_args(argv)
    if args.check:
        bad = stale(Path(args.prefix))
        for rel in bad:
            print(f"{args.prefix}/share/jupyter/{rel} : manquant ou périmé (make venv)", file=sys.stderr)
        return 1 if bad else 0
    written = install(Path(args.prefix))
    print(f"lab_install : {len(written)} fichier(s) écrit(s) sous {args.prefix}/share/jupyter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
