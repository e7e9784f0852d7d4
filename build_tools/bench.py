"""`make bench`: the numbers the README reports — cold build, no-op rebuild, widget redraws.

A cold build starts from an empty _build/ (notebooks executed, cache filled); the no-op rebuild
runs right after it with nothing changed (cache hit, nothing re-executed).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JB = [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--builder", "html"]


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def redraws() -> dict[str, float]:
    """Median wall time of one widget update (model + figure) for each widget, in ms."""
    from mesocours.widgets.depth import depth_explorer
    from mesocours.widgets.protocols import protocol_planner
    from mesocours.widgets.techniques import technique_comparator

    out = {}
    for name, factory in [("profondeur", depth_explorer), ("techniques", technique_comparator),
                          ("protocoles", protocol_planner)]:
        w = factory()
        times = []
        for _ in range(15):
            t0 = time.perf_counter()
            w.update()
            times.append((time.perf_counter() - t0) * 1000)
        out[name] = statistics.median(times)
    return out


def main() -> None:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold = timed(JB)
    noop = timed(JB)
    print(f"construction à froid : {cold:.1f} s")
    print(f"reconstruction sans changement : {noop:.1f} s")
    for name, ms in redraws().items():
        print(f"redessin du widget {name} : {ms:.0f} ms (médiane de 15)")


if __name__ == "__main__":
    main()
