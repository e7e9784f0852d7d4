"""`make test`: every test stage in order, each timed; one summary line at the end.

Stages: unit + data + widgets (pytest), notebooks (nbval against stored outputs), the book build
(warnings as errors), checks on the built HTML, browser tests (playwright + Debian chromium).
A stage that cannot run because an earlier one failed is reported as not run, and the run fails.
The book is built once, by the « book » stage; the built-site and browser stages test that build.
The browser stage runs on two workers, a test file per worker at a time (``--dist loadfile``): the PDF (one
build, two prints) and JupyterLab (one server) each stay on one worker and are set up once.
(``--dist loadgroup`` with ``xdist_group`` marks would split pages finer, but pytest-xdist 3.8 sent tests of one
group to both workers here, building the PDF twice.)
Each stage's line gives its wall time and the CPU time of its processes (kernels, workers and chromium
included): on a machine shared with other jobs the CPU time moves much less than the wall time.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REPORTS = ROOT / "_build" / "test-reports"
WORKERS = os.environ.get("MESOCOURS_TEST_WORKERS", "2")


def pytest(name: str, *args: str) -> list[str]:
    return [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", f"--junitxml={REPORTS / (name + '.xml')}", *args]


STAGES: list[tuple[str, str, list[str], str | None]] = [
    # (key, French label, command, stage it needs)
    ("unit", "Tests unitaires : données, modèles, widgets, kit pédagogique",
     pytest("unit", "tests", "-m", "not build and not browser", "-n", WORKERS), None),
    ("nbval", "Notebooks (nbval, noyau neuf, sorties enregistrées)",
     pytest("nbval", "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "build_tools/nbval_sanitize.cfg",
            "-n", WORKERS, "--dist", "loadfile", "notebooks"), None),
    ("book", "Construction du livre (avertissements = erreurs)",
     [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--builder", "html"], None),
    ("html", "Vérifications du site construit", pytest("html", "tests", "-m", "build and not browser"), "book"),
    ("browser", "Navigateur (chromium headless, aucune requête externe)", pytest("browser", "tests", "-m", "browser", "-n", WORKERS, "--dist", "loadfile"), "book"),
]


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def counts(key: str) -> tuple[int, int, int]:
    path = REPORTS / f"{key}.xml"
    if not path.exists():
        return 0, 0, 0
    passed = failed = skipped = 0
    for suite in ET.parse(path).getroot().iter("testsuite"):
        t, f, e, s = (int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
        failed += f + e
        skipped += s
        passed += t - f - e - s
    return passed, failed, skipped


def main() -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    for old in REPORTS.glob("*.xml"):
        old.unlink()
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    results: dict[str, tuple[bool, float, float]] = {}
    t_all = time.perf_counter()
    for key, label, cmd, needs in STAGES:
        print(f"\n=== {label}", flush=True)
        if needs and not results.get(needs, (False, 0, 0))[0]:
            print(f"    non lancé : l’étape « {needs} » a échoué")
            results[key] = (False, 0.0, 0.0)
            continue
        t0, c0 = time.perf_counter(), children_cpu()
        rc = subprocess.call(cmd, cwd=ROOT, env=env)
        results[key] = (rc == 0, time.perf_counter() - t0, children_cpu() - c0)
    total = time.perf_counter() - t_all

    print("\n=== Résumé (durée par étape)")
    p_all = f_all = s_all = 0
    for key, label, _, _ in STAGES:
        ok, secs, cpu = results[key]
        p, f, s = counts(key)
        p_all, f_all, s_all = p_all + p, f_all + f, s_all + s
        detail = f"{p} réussis, {f} échoués, {s} ignorés" if key != "book" else ("zéro avertissement" if ok else "ÉCHEC")
        print(f"  {'ok ' if ok else 'KO '} {secs:6.1f} s (CPU {cpu:6.1f} s)  {label} ({detail})")
    failed_stages = [k for k, (ok, _, _) in results.items() if not ok]
    f_all += len([k for k in failed_stages if counts(k)[1] == 0])  # a stage that failed without a failing test
    print(f"  durée totale : {total:.0f} s (CPU {sum(c for _, _, c in results.values()):.0f} s, "
          f"charge moyenne sur 1 min à la fin : {os.getloadavg()[0]:.1f} pour {os.cpu_count()} cœurs)")
    print(f"total: {p_all} passed, {f_all} failed, {s_all} skipped")
    return 1 if failed_stages else 0


if __name__ == "__main__":
    sys.exit(main())
