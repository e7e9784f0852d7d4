"""`make test`: every test stage in order, each timed; one summary line at the end.

Stages: unit + data + widgets (pytest), notebooks (nbval against stored outputs), the book build
(warnings as errors), checks on the built HTML, the singlehtml page the PDF is printed from, browser tests
(playwright + Debian chromium). They run in three waves (``WAVES``): unit tests beside the book build, then
nbval beside the built-site checks and the singlehtml build, then the browser; a stage's output is printed
when its wave ends. Each stage's CPU time is its own process tree's (``os.wait4``).
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
    ("print", "Page unique pour le PDF (singlehtml, doctrees du livre)",
     [str(BIN / "python"), "-m", "mesocours.pdf.build", "--html-only"], "book"),
    ("browser", "Navigateur (chromium headless, aucune requête externe)", pytest("browser", "tests", "-m", "browser", "-n", WORKERS, "--dist", "loadfile"), "book"),
]
# Stages of a wave run at the same time (each stage's output is printed when it ends, in the order above): the
# unit tests never touch _build/, and the book build, the built-site checks and the singlehtml build use one
# core each, beside two-worker stages that leave part of the second one idle.
WAVES: list[list[str]] = [["unit", "book"], ["nbval", "html", "print"], ["browser"]]


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


def _start(key: str, cmd: list[str], env: dict) -> tuple[subprocess.Popen, Path, float]:
    log = REPORTS / f"{key}.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return proc, log, time.perf_counter()


def main() -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    for old in [*REPORTS.glob("*.xml"), *REPORTS.glob("*.log")]:
        old.unlink()
    # the browser stage's PDF test takes the singlehtml build of the « print » stage instead of building again
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg", MESOCOURS_SINGLEHTML_BUILT="1")
    stages = {key: (label, cmd, needs) for key, label, cmd, needs in STAGES}
    waves = [[k for k in wave if k in stages] for wave in WAVES]
    waves += [[k] for k in stages if not any(k in w for w in waves)]  # a stage of no wave runs alone, last
    results: dict[str, tuple[bool, float, float]] = {}
    t_all = time.perf_counter()
    for wave in waves:
        running = {}
        for key in wave:
            label, cmd, needs = stages[key]
            if needs and not results.get(needs, (False, 0, 0))[0]:
                results[key] = (False, 0.0, 0.0)
                continue
            running[key] = _start(key, cmd, env)
        by_pid = {proc.pid: key for key, (proc, _, _) in running.items()}
        while by_pid:
            pid, status, usage = os.wait4(-1, 0)  # the CPU time of that stage's process tree, not of the others
            key = by_pid.pop(pid, None)
            if key is None:
                continue
            proc, _log, t0 = running[key]
            proc.returncode = os.waitstatus_to_exitcode(status)
            results[key] = (proc.returncode == 0, time.perf_counter() - t0, usage.ru_utime + usage.ru_stime)
        for key in wave:
            label, _, needs = stages[key]
            print(f"\n=== {label}", flush=True)
            if key not in running:
                print(f"    non lancé : l’étape « {needs} » a échoué")
                continue
            sys.stdout.write(running[key][1].read_text(encoding="utf-8", errors="replace"))
            sys.stdout.flush()
    total = time.perf_counter() - t_all

    print("\n=== Résumé (durée par étape)")
    p_all = f_all = s_all = 0
    for key, label, _, _ in STAGES:
        ok, secs, cpu = results.get(key, (False, 0.0, 0.0))
        p, f, s = counts(key)
        p_all, f_all, s_all = p_all + p, f_all + f, s_all + s
        detail = (f"{p} réussis, {f} échoués, {s} ignorés" if key not in ("book", "print")
                  else ("zéro avertissement" if ok else "ÉCHEC"))
        print(f"  {'ok ' if ok else 'KO '} {secs:6.1f} s (CPU {cpu:6.1f} s)  {label} ({detail})")
    failed_stages = [k for k, (ok, _, _) in results.items() if not ok]
    f_all += len([k for k in failed_stages if counts(k)[1] == 0])  # a stage that failed without a failing test
    print(f"  durée totale : {total:.0f} s, étapes d’une même vague en parallèle "
          f"({' ; '.join(' + '.join(w) for w in waves if len(w) > 1)}) (CPU {sum(c for _, _, c in results.values()):.0f} s, "
          f"charge moyenne sur 1 min à la fin : {os.getloadavg()[0]:.1f} pour {os.cpu_count()} cœurs)")
    print(f"total: {p_all} passed, {f_all} failed, {s_all} skipped")
    return 1 if failed_stages else 0


if __name__ == "__main__":
    sys.exit(main())
