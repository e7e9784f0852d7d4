"""Alt texts of the figures drawn from data: `python build_tools/figure_alts.py [--check]`.

A notebook figure's alt text lives in its cell metadata (``mystnb.image.alt``), written once; when it describes a
figure computed from data (the evidence map of a scenario, the studies of an indication), it goes stale as soon as
the data change. This tool rewrites, in every notebook, the alt text of each cell whose whole code is one of the
calls below from the same function the widget uses; ``--check`` lists the stale ones and exits 1 (a unit test runs it).

* ``map_scenario("<name>")`` -> :func:`mesocours.widgets.evidence_map.alt_text`
* ``parcours_scenario("<indication-id>")`` -> :func:`mesocours.plots.pathway.pathway_alt`
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
CALL = re.compile(r'^\s*(map_scenario|parcours_scenario)\("([^"]+)"\)\s*$')


def generated_alt(function: str, argument: str) -> str:
    if function == "map_scenario":
        from mesocours.models.evidence_map import evidence_map
        from mesocours.widgets.evidence_map import MAP_SCENARIOS, alt_text

        domain, design = MAP_SCENARIOS[argument]
        return alt_text(evidence_map(domain or None, design or None))
    from mesocours.models.pathway import pathway
    from mesocours.plots.pathway import pathway_alt

    return pathway_alt(pathway(argument))


def stale_alts(path: Path, fix: bool = False) -> list[str]:
    """The cells of one notebook whose data-drawn figure has an alt text that is not the generated one."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    stale = []
    for i, cell in enumerate(nb["cells"]):
        m = CALL.match("".join(cell.get("source", ""))) if cell["cell_type"] == "code" else None
        if not m:
            continue
        want = generated_alt(*m.groups())
        image = cell.setdefault("metadata", {}).setdefault("mystnb", {}).setdefault("image", {})
        if image.get("alt") != want:
            stale.append(f"{path.relative_to(ROOT)} cellule {i + 1} ({m.group(1)} « {m.group(2)} »)")
            image["alt"] = want
    if fix and stale:
        path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="list stale alt texts, exit 1 if any, change nothing")
    args = ap.parse_args(argv)
    found = []
    for path in sorted((ROOT / "notebooks").glob("*/*.ipynb")):
        found += stale_alts(path, fix=not args.check)
    for s in found:
        print(("texte alternatif périmé : " if args.check else "texte alternatif réécrit : ") + s)
    return 1 if (args.check and found) else 0


if __name__ == "__main__":
    sys.exit(main())
