"""`make bench`: the numbers the README reports — cold build, no-op rebuild, widget updates.

A cold build starts from an empty _build/ (notebooks executed, cache filled); the no-op rebuild
runs right after it with nothing changed (cache hit, nothing re-executed).
"""

from __future__ import annotations

import shutil
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


def redraws(n: int = 100) -> dict[str, dict]:
    """For each widget: median and 95th percentile of one update (set a control -> figure shown)
    over ``n`` updates, interleaved with the floor (a new bare figure to PNG), and their ratio."""
    from mesocours.widgets.common import all_widgets
    from mesocours.widgets.perf import measure

    return {cls.__name__: measure(cls, n) for cls in all_widgets()}


def main() -> None:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold = timed(JB)
    noop = timed(JB)
    print(f"construction à froid : {cold:.1f} s")
    print(f"reconstruction sans changement : {noop:.1f} s")
    for name, r in redraws().items():
        print(f"mise à jour du widget {name} : médiane {r['median_ms']:.0f} ms, 95e centile {r['p95_ms']:.0f} ms, "
              f"plancher {r['floor_ms']:.0f} ms, rapport {r['ratio']:.2f} ({r['n']} mises à jour)")


if __name__ == "__main__":
    main()
