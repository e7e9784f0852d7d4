"""`make test`: every test stage in order, each timed; one summary line at the end.

Stages: unit + data + widgets (pytest), notebooks (nbval against stored outputs), the book build
(warnings as errors), checks on the built HTML, the singlehtml page the PDF is printed from, browser tests
(playwright + Debian chromium). Each starts as soon as what it needs has passed: unit tests, nbval and the book
build at once, then the built-site checks, the singlehtml build and the browser once the book is built; all but
the book and the browser run at a lower priority (``BACKGROUND``). A stage's output is printed when it ends.
Each stage's CPU time is its own process tree's (``os.wait4``).
A stage that cannot run because an earlier one failed is reported as not run, and the run fails.
The book is built once, by the « book » stage; the built-site and browser stages test that build.
The browser stage runs on three workers with ``--dist loadscope`` and our scheduler (``tests/conftest.py``): a test
file is one unit, so the PDF (one build, two prints) and JupyterLab (one server) each stay on one worker and are
set up once, while each page check is a unit of its own, shared by the workers; the largest units go first.
Each stage's line gives its wall time and the CPU time of its processes (kernels, workers and chromium
included): on a machine shared with other jobs the CPU time moves much less than the wall time.
The summary also prints the machine's calibration (a fixed pure-Python loop timed before the stages start) and its
busy, idle and stolen core-seconds (``/proc/stat``): the wall time of two runs compares only on machines of
similar calibration.
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
# the browser stage waits on chromium more than on the CPU: three workers (pages, JupyterLab, the PDF each on
# its own; measured in the README: 183 s against 208 s with two)
BROWSER_WORKERS = os.environ.get("MESOCOURS_BROWSER_WORKERS", "3")


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
    ("browser", "Navigateur (chromium headless, aucune requête externe)", pytest("browser", "tests", "-m", "browser", "-n", BROWSER_WORKERS, "--dist", "loadscope"), "book"),
]
# Scheduling: every stage starts as soon as the stage it needs has passed (no waves). The critical path is the
# book build, then the browser (the longest stage, waiting on chromium more than on the CPU) and the singlehtml
# build its PDF test waits for (``MESOCOURS_PRINT_DONE``: the file this script writes, with the stage's exit code,
# when it ends): they run at normal priority; the other stages run niced (``BACKGROUND``), so that they fill the
# cores the critical path leaves idle instead of slowing it (measured: a niced « print » made the browser wait).
BACKGROUND = {"unit", "nbval", "html"}
NICENESS = 10
PRINT_DONE = REPORTS / "print.done"
results_of_last_run: dict[str, tuple[bool, float, float]] = {}  # (passed, wall, CPU) by stage (tests read it)


PROC_STAT = Path("/proc/stat")


def machine_cpu() -> tuple[float, float, float] | None:
    """(busy, idle, stolen) seconds of all the machine's cores since boot, from /proc/stat; None without it.

    ``wait4`` sees only the processes a stage waits for: chromium's renderers and JupyterLab's kernels,
    reparented away, are missed; the machine's counters see everything (and what the hypervisor took).
    """
    try:
        first = PROC_STAT.read_text(encoding="ascii").split("\n", 1)[0].split()
    except OSError:
        return None
    if not first or first[0] != "cpu":
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = ([int(x) for x in first[1:9]] + [0] * 8)[:8]
    hz = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / hz, (idle + iowait) / hz, steal / hz


def machine_line(before, after, wall: float) -> str:
    """The summary's line on the whole machine between two machine_cpu() readings."""
    if before is None or after is None:
        return "  machine : compteurs /proc/stat indisponibles"
    busy, idle, steal = (a - b for a, b in zip(after, before))
    cores = os.cpu_count() or 1
    return (f"  machine (/proc/stat) : {busy:.0f} s de CPU occupés, {idle:.0f} s inoccupés, {steal:.0f} s pris par "
            f"l’hyperviseur, sur {wall * cores:.0f} s ({cores} cœurs × {wall:.0f} s)")


CALIBRATION = "s = 0\nfor i in range(2_000_000):\n    s += i\n"


def calibrate(repeats: int = 3, clock=time.perf_counter) -> float:
    """Best of ``repeats`` timings of a fixed pure-Python loop (2 million additions), taken before any stage starts.

    It measures the speed of one core for the interpreter, not the run: printed beside the run's time, it tells
    whether two runs were made on machines of the same speed (the README gives the pairs measured).
    """
    best = float("inf")
    for _ in range(repeats):
        t0 = clock()
        exec(CALIBRATION, {})  # noqa: S102 (a constant string)
        best = min(best, clock() - t0)
    return best


def calibration_line(seconds: float) -> str:
    return (f"  étalon de la machine : 2 millions d’additions en Python en {seconds:.2f} s (meilleur de 3, avant les "
            f"étapes) ; deux durées ne se comparent qu’à étalon voisin")


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
    nice = (lambda: os.nice(NICENESS)) if key in BACKGROUND else None
    with log.open("w", encoding="utf-8") as out:
        # single-threaded parent: preexec_fn is safe here
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, preexec_fn=nice)  # noqa: PLW1509
    return proc, log, time.perf_counter()


def main() -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    for old in [*REPORTS.glob("*.xml"), *REPORTS.glob("*.log"), *REPORTS.glob("*.done")]:
        old.unlink()
    # the browser stage's PDF test takes the singlehtml build of the « print » stage instead of building again
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg", MESOCOURS_SINGLEHTML_BUILT="1",
               MESOCOURS_PRINT_DONE=str(PRINT_DONE))
    stages = {key: (label, cmd, needs) for key, label, cmd, needs in STAGES}
    # the critical path first, then the background stages, each group in the order of STAGES
    pending = sorted(stages, key=lambda k: k in BACKGROUND)
    results: dict[str, tuple[bool, float, float]] = {}
    running: dict[int, tuple[str, subprocess.Popen, Path, float]] = {}
    calibration = calibrate()
    t_all = time.perf_counter()
    cpu_before = machine_cpu()

    def launch_ready() -> None:
        for key in list(pending):
            label, cmd, needs = stages[key]
            if needs and needs not in results:
                continue
            pending.remove(key)
            if needs and not results[needs][0]:
                results[key] = (False, 0.0, 0.0)
                print(f"\n=== {label}\n    non lancé : l’étape « {needs} » a échoué", flush=True)
                if key == "print":
                    PRINT_DONE.write_text("1", encoding="utf-8")
                continue
            proc, log, t0 = _start(key, cmd, env)
            running[proc.pid] = (key, proc, log, t0)

    launch_ready()
    while running:
        pid, status, usage = os.wait4(-1, 0)  # the CPU time of that stage's process tree, not of the others
        if pid not in running:
            continue
        key, proc, log, t0 = running.pop(pid)
        proc.returncode = os.waitstatus_to_exitcode(status)
        results[key] = (proc.returncode == 0, time.perf_counter() - t0, usage.ru_utime + usage.ru_stime)
        if key == "print":
            PRINT_DONE.write_text(str(proc.returncode), encoding="utf-8")
        print(f"\n=== {stages[key][0]}", flush=True)
        sys.stdout.write(log.read_text(encoding="utf-8", errors="replace"))
        sys.stdout.flush()
        launch_ready()
    total = time.perf_counter() - t_all
    global results_of_last_run
    results_of_last_run = dict(results)

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
    print(f"  durée totale : {total:.0f} s, chaque étape lancée dès que la précédente dont elle dépend a réussi, "
          f"en priorité basse : {', '.join(k for k in stages if k in BACKGROUND)} "
          f"(CPU {sum(c for _, _, c in results.values()):.0f} s, "
          f"charge moyenne sur 1 min à la fin : {os.getloadavg()[0]:.1f} pour {os.cpu_count()} cœurs)")
    print(calibration_line(calibration))
    print(machine_line(cpu_before, machine_cpu(), total))
    print(f"total: {p_all} passed, {f_all} failed, {s_all} skipped")
    return 1 if failed_stages else 0


if __name__ == "__main__":
    sys.exit(main())
