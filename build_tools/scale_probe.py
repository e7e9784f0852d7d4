"""How the `make test` time grows with the number of chapters (not part of `make test`; minutes to run).

For each N in --chapters (default: the course’s own count and 40) the probe copies the repository into a temporary folder
(no .git, .venv, _build; _vendor linked), duplicates the course's notebooks there until the book has N
notebook chapters (copies in notebooks/copies/, labels suffixed so the build stays warning-free, listed in
a temporary _toc.yml part), then runs the stages of `make test` on that copy exactly as
build_tools/run_tests.py does — same commands, same workers, the book built once — and times each one.
A straight line fitted through the points gives each stage's cost per chapter and the projected total.

    .venv/bin/python build_tools/scale_probe.py               # writes _build/scale.json
    .venv/bin/python build_tools/scale_probe.py --markdown    # README table from _build/scale.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "scale.json"
IGNORE = shutil.ignore_patterns(".git", ".venv", "_build", "_vendor", "node_modules", "__pycache__",
                                ".ipynb_checkpoints", ".hypothesis", ".pytest_cache")
LABEL_DEF = re.compile(r"^\(([A-Za-z0-9_:.-]+)\)=", re.MULTILINE)
LABEL_OPT = re.compile(r"^(:label:|:name:)\s*(\S+)", re.MULTILINE)
SOLUTION = re.compile(r"^(```+\{solution-start\})\s*(\S+)", re.MULTILINE)


def originals(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _suffix_labels(nb: dict, tag: str) -> dict:
    """Every label a notebook defines, renamed ``<label>-<tag>`` (references keep pointing at the originals)."""
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            src = LABEL_DEF.sub(lambda m: f"({m.group(1)}-{tag})=", src)
            src = LABEL_OPT.sub(lambda m: f"{m.group(1)} {m.group(2)}-{tag}", src)
            src = SOLUTION.sub(lambda m: f"{m.group(1)} {m.group(2)}-{tag}", src)
        cell["source"] = src
        fig = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        if "name" in fig:
            fig["name"] = f"{fig['name']}-{tag}"
    return nb


def make_copy(n_chapters: int, dest: Path) -> Path:
    """A copy of the repository whose book has ``n_chapters`` notebook chapters."""
    repo = dest / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORE, symlinks=True)
    (repo / "_vendor").symlink_to(ROOT / "_vendor", target_is_directory=True)
    src = originals(repo)
    copies_dir = repo / "notebooks" / "copies"
    toc_files = []
    for i in range(n_chapters - len(src)):
        k, orig = i // len(src) + 2, src[i % len(src)]
        tag = f"c{k}"
        nb = _suffix_labels(json.loads(orig.read_text(encoding="utf-8")), tag)
        copies_dir.mkdir(parents=True, exist_ok=True)
        target = copies_dir / f"{tag}-{orig.name}"
        target.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        toc_files.append(f"      - file: notebooks/copies/{target.stem}\n")
    if toc_files:
        with (repo / "_toc.yml").open("a", encoding="utf-8") as toc:
            toc.write("  - caption: Copies (sonde de passage à l’échelle)\n    chapters:\n" + "".join(toc_files))
    return repo


def _counts(report: Path) -> tuple[int, int, int]:
    if not report.exists():
        return 0, 0, 0
    p = f = s = 0
    for suite in ET.parse(report).getroot().iter("testsuite"):
        t, fl, e, sk = (int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
        p, f, s = p + t - fl - e - sk, f + fl + e, s + sk
    return p, f, s


def run_stages(repo: Path, skip: set[str] = frozenset()) -> dict:
    """The stages of the copy's run_tests.py, timed one by one, in sequence (the book is built once, by the book
    stage; the PDF test takes the « print » stage's singlehtml build, as in make test)."""
    spec = importlib.util.spec_from_file_location("copy_run_tests", repo / "build_tools" / "run_tests.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.REPORTS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONPATH=str(repo), MESOCOURS_SINGLEHTML_BUILT="1")
    out = {}
    for key, _label, cmd, _needs in mod.STAGES:
        if key in skip:
            continue
        t0, c0 = time.perf_counter(), _children_cpu()
        rc = subprocess.call(cmd, cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        secs, cpu = time.perf_counter() - t0, _children_cpu() - c0
        p, f, s = _counts(mod.REPORTS / f"{key}.xml")
        out[key] = {"seconds": round(secs, 1), "cpu_seconds": round(cpu, 1), "ok": rc == 0,
                    "passed": p, "failed": f, "skipped": s}
        print(f"    {key:8s} {secs:6.1f} s (CPU {cpu:6.1f} s)  {'ok' if rc == 0 else 'KO'}  "
              f"({p} réussis, {f} échoués)", flush=True)
    return out


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares line y = a + b x."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - b * mx, b


def summarise(runs: dict[int, dict], at: int = 30) -> dict:
    """Per stage, a line through the chapter counts where it was measured; the total is the sum of the lines.

    A stage measured at one chapter count only (``--skip`` at the others) counts as a constant.
    """
    stages = list(dict.fromkeys(st for r in runs.values() for st in r))
    out = {}
    for st in stages:
        ns = sorted(n for n in runs if st in runs[n])
        out[st] = {"measured_at": ns}
        for key, label in (("seconds", ""), ("cpu_seconds", "cpu_")):
            ys = [runs[n][st][key] for n in ns]
            a, b = fit(ns, ys) if len(ns) > 1 else (ys[0], 0.0)
            out[st].update({f"{label}fixed_s": round(a, 1), f"{label}per_chapter_s": round(b, 2),
                            f"{label}projected_{at}_s": round(a + b * at, 1)})
    out["total"] = {k: round(sum(v[k] for v in out.values()), 1 if k.endswith("fixed_s") else 2)
                    for k in ("fixed_s", "per_chapter_s", f"projected_{at}_s", "cpu_fixed_s", "cpu_per_chapter_s",
                              f"cpu_projected_{at}_s")}
    return out


def markdown(data: dict) -> str:
    ns = sorted(int(n) for n in data["runs"])
    head = ("| stage: wall, CPU | " + " | ".join(f"{n} chapters" for n in ns)
            + " | fitted cost per chapter | fitted at 30 chapters |\n|---|" + "---|" * (len(ns) + 2) + "\n")
    rows = []
    for st, f in data["fit"].items():
        cells = []
        for n in ns:
            r = data["runs"][str(n)].get(st)
            cells.append("—" if r is None else
                         f"{r['seconds']:.0f} s, {r['cpu_seconds']:.0f} s" + ("" if r.get("ok", True) else " (KO)"))
        if st == "total":
            cells = ["" for _ in ns]
        rows.append(f"| {st} | " + " | ".join(cells) + f" | {f['per_chapter_s']:.1f} s, {f['cpu_per_chapter_s']:.1f} s"
                    f" | {f['projected_30_s']:.0f} s, {f['cpu_projected_30_s']:.0f} s |\n")
    loads = ", ".join(f"{n} chapters: {v:.1f}" for n, v in data.get("loadavg_1min_after", {}).items())
    return head + "".join(rows) + (f"\n1-minute load average after each run ({data['cpus']} cores): {loads}.\n"
                                   if loads else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chapters", default="", help="comma-separated chapter counts (>= the course's own; "
                    "default: the course's own and 40)")
    ap.add_argument("--skip", default="", help="stages not run (e.g. unit, which does not depend on chapters)")
    ap.add_argument("--merge", action="store_true", help="keep the runs already in _build/scale.json")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copies (their paths are printed)")
    ap.add_argument("--markdown", action="store_true", help="print the README table from _build/scale.json")
    args = ap.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(OUT.read_text(encoding="utf-8"))), end="")
        return 0
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    base = len(originals(ROOT))
    wanted = sorted({int(x) for x in args.chapters.split(",")} if args.chapters else {base, max(40, base)})
    if wanted[0] < base:
        raise SystemExit(f"--chapters : au moins {base} (les notebooks du cours)")
    data = json.loads(OUT.read_text(encoding="utf-8")) if args.merge and OUT.exists() else {}
    data.update(date=dt.date.today().isoformat(), cpus=os.cpu_count())
    data.setdefault("runs", {})
    data.setdefault("loadavg_1min_after", {})
    for n in wanted:
        tmp = Path(tempfile.mkdtemp(prefix=f"mesocours-scale-{n}-"))
        try:
            repo = make_copy(n, tmp)
            print(f"=== {n} chapitres ({repo}) — charge {os.getloadavg()[0]:.1f}", flush=True)
            stages = run_stages(repo, skip)
            if stages:  # every stage skipped (a copy made for --keep only): keep the run on record
                data["runs"][str(n)] = stages
                data["loadavg_1min_after"][str(n)] = round(os.getloadavg()[0], 1)
        finally:
            if args.keep:
                print(f"    copie conservée : {tmp}")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
        data["fit"] = summarise({int(k): v for k, v in data["runs"].items()})
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(data), end="")
    total = data["fit"]["total"]
    print(f"total : {total['fixed_s']:.0f} s + {total['per_chapter_s']:.1f} s par chapitre "
          f"→ {total['projected_30_s']:.0f} s projetés à 30 chapitres ({math.ceil(total['projected_30_s'] / 60)} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
