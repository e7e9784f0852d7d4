"""`make bench`: the numbers the README reports, printed and written to _build/bench.json.

A benchmark, not a test: nothing here passes or fails on a time. It measures

* builds: a clean build (empty _build/, every notebook executed, cache filled), a no-op rebuild, a rebuild
  after editing one prose page, a rebuild after editing one notebook's code (the execution cache must
  re-run that notebook only: the number of notebooks executed is recorded for every build). Edited files
  are restored byte for byte afterwards, and a last rebuild brings _build/html back to the tree;
* nbval: the notebook stage of `make test` (same command, same workers);
* widgets: for each widget of mesocours.widgets, the median and 95th percentile of one update (a control
  set -> model -> figure shown) over ``n`` updates, and the ratio of the median to the « floor »: the median
  time to draw one new bare matplotlib figure (6×4 in, one line, two labelled axes) to PNG in the same
  process;
* pages: for each built page, its HTML bytes, its images, and what a first visit downloads (the HTML and
  every script, stylesheet, image and font it references, resolved against _build/html, compressed as a
  static host serves them: gzip for text, as is for PNG/JPEG/WOFF2...).

`python build_tools/bench.py --markdown` prints the README's « Measured times » table from _build/bench.json
without measuring anything; `--only widgets,pages` measures a subset (the other entries of an existing
bench.json are kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib
import inspect
import io
import json
import os
import pkgutil
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUILD = ROOT / "_build"
HTML = BUILD / "html"
CACHE = BUILD / ".jupyter_cache"
OUT = BUILD / "bench.json"
# The book (`make book`, `make test`) renders the outputs stored in the notebooks; these builds measure what an
# execution costs: the same book with jupyter-cache executing (« cache »), from a copy of _config.yml.
EXEC_CONFIG = BUILD / "bench-config" / "_config.yml"
JB = [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--builder", "html",
      "--config", str(EXEC_CONFIG)]


def write_exec_config() -> Path:
    """_config.yml with ``execute_notebooks: cache`` (the cache in _build/.jupyter_cache)."""
    import yaml

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    cfg.setdefault("execute", {})["execute_notebooks"] = "cache"
    EXEC_CONFIG.parent.mkdir(parents=True, exist_ok=True)
    EXEC_CONFIG.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return EXEC_CONFIG
PROSE_PAGE = "book/guide-enseignant.md"
NOTEBOOK = "notebooks/fondements/01-histoire.ipynb"
SKIP_DIRS = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}
# what a static host (nginx, GitHub Pages, Netlify) sends gzip-compressed; the rest goes as is
COMPRESSIBLE = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".map", ".ttf", ".otf",
                ".eot", ".ico"}
GZIP_LEVEL = 6  # nginx gzip_comp_level commonly set; GitHub Pages and Netlify compress at a similar level


# --------------------------------------------------------------------------------------------- builds

def executed_records() -> int:
    """Number of notebooks in the execution cache (each execution of new code adds one record)."""
    if not CACHE.exists():
        return 0
    from jupyter_cache import get_cache

    return len(get_cache(str(CACHE)).list_cache_records())


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far (kernels and workers included)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_build() -> dict:
    """Seconds (wall and CPU) and notebooks executed of one `jupyter-book build` (warnings are errors)."""
    write_exec_config()
    before = executed_records()
    t0, c0 = time.perf_counter(), children_cpu()
    proc = subprocess.run(JB, check=False, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    secs, cpu = time.perf_counter() - t0, children_cpu() - c0
    if proc.returncode:
        sys.stdout.write(proc.stdout[-4000:])
        raise SystemExit(f"la construction a échoué (code {proc.returncode})")
    return {"seconds": round(secs, 2), "cpu_seconds": round(cpu, 2), "notebooks_executed": executed_records() - before}


class Edited:
    """Edit a file for the duration of a block; its bytes are restored even on error or Ctrl-C."""

    def __init__(self, rel: str, change):
        self.path = ROOT / rel
        self.change = change

    def __enter__(self):
        self.original = self.path.read_bytes()
        self.path.write_bytes(self.change(self.original))
        return self

    def __exit__(self, *exc):
        self.path.write_bytes(self.original)
        return False


def append_myst_comment(text: bytes) -> bytes:
    # a MyST comment line: the page is re-read and rewritten, its HTML does not change
    return text + b"\n% edited by make bench\n"


def edit_first_code_cell(raw: bytes) -> bytes:
    """Prepend a comment to the first shown code cell: new code for the cache, same outputs."""
    nb = json.loads(raw)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and "remove-cell" not in cell.get("metadata", {}).get("tags", []):
            src = cell["source"]
            cell["source"] = ["# edited by make bench\n", *src] if isinstance(src, list) else "# edited by make bench\n" + src
            break
    else:
        raise SystemExit(f"{NOTEBOOK} : aucune cellule de code")
    return (json.dumps(nb, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build_timings() -> dict:
    shutil.rmtree(HTML, ignore_errors=True)
    for stale in (CACHE, BUILD / ".doctrees", BUILD / "jupyter_execute"):
        shutil.rmtree(stale, ignore_errors=True)
    out: dict = {}
    for key, label, edit in [
        ("clean", "construction propre (exécution de tous les notebooks)", None),
        ("noop", "reconstruction sans changement", None),
        ("prose_edit", f"reconstruction après modification d’une page de texte ({PROSE_PAGE})",
         Edited(PROSE_PAGE, append_myst_comment)),
        ("notebook_edit", f"reconstruction après modification du code d’un notebook ({NOTEBOOK})",
         Edited(NOTEBOOK, edit_first_code_cell)),
        ("restored", "reconstruction après restauration des fichiers", None),
    ]:
        if edit is None:
            out[key] = timed_build()
        else:
            with edit:
                out[key] = timed_build()
        r = out[key]
        print(f"  {label} : {r['seconds']:.1f} s (CPU {r['cpu_seconds']:.1f} s), "
              f"{r['notebooks_executed']} notebook(s) exécuté(s)", flush=True)
    out["prose_page"], out["notebook"] = PROSE_PAGE, NOTEBOOK
    out["notebooks"] = len(notebooks())
    return out


def notebooks() -> list[Path]:
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


# ---------------------------------------------------------------------------------------------- nbval

def nbval_timing() -> dict:
    from build_tools.run_tests import STAGES, WORKERS

    cmd = [a for a in {k: c for k, _, c, _ in STAGES}["nbval"] if not a.startswith("--junitxml")]
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    t0, c0 = time.perf_counter(), children_cpu()
    rc = subprocess.call(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    secs, cpu = time.perf_counter() - t0, children_cpu() - c0
    print(f"  nbval, {len(notebooks())} notebooks, {WORKERS} processus : {secs:.1f} s (CPU {cpu:.1f} s)"
          + ("" if rc == 0 else f" (ÉCHEC, code {rc})"), flush=True)
    return {"seconds": round(secs, 2), "cpu_seconds": round(cpu, 2), "notebooks": len(notebooks()),
            "workers": int(WORKERS), "passed": rc == 0}


# -------------------------------------------------------------------------------------------- widgets

def floor_once() -> tuple[float, float]:
    """(wall ms, CPU ms) to draw one new bare figure (6×4 in, one line, two labelled axes) to PNG."""
    from matplotlib.figure import Figure

    t0, c0 = time.perf_counter(), time.process_time()
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot([0, 1, 2, 3, 4], [0, 1, 4, 9, 16])
    ax.set_xlabel("Temps (jours)")
    ax.set_ylabel("Volume (mL)")
    fig.savefig(io.BytesIO(), format="png")
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000


def discover_widgets() -> dict[str, type]:
    """Every View subclass defined in a module of mesocours.widgets (a new widget is measured too)."""
    import mesocours.widgets as pkg
    from mesocours.widgets.common import View

    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for _, cls in inspect.getmembers(mod, inspect.isclass):
            if issubclass(cls, View) and cls is not View and cls.__module__ == mod.__name__:
                found[cls.__name__] = cls
    return found


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _stats(wall: list[float], cpu: list[float]) -> dict:
    return {"median_ms": round(statistics.median(wall), 2), "p95_ms": round(percentile(wall, 95), 2),
            "cpu_median_ms": round(statistics.median(cpu), 2)}


def widget_timings(n: int = 100) -> dict:
    """Median and p95 (ms) of one widget update over ``n`` updates, for each widget, and their ratio to the floor.

    The measure is the one ``tests/test_widget_speed.py`` holds (:func:`mesocours.widgets.perf.measure`): the
    updates of each widget's ``BENCH`` (each must change the figure), interleaved one for one with the floor
    (a new bare 6×4 in figure, one line, two labelled axes, to PNG) in the same process, after a warm-up.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    from mesocours.widgets.common import all_widgets
    from mesocours.widgets.perf import measure

    results: dict[str, dict] = {}
    floors = []
    for cls in all_widgets():
        r = measure(cls, n)
        floors.append(r["floor_ms"])
        results[cls.__name__] = {"updates": r["n"], "median_ms": round(r["median_ms"], 1),
                                 "p95_ms": round(r["p95_ms"], 1), "floor_ms": round(r["floor_ms"], 1),
                                 "ratio_to_floor": round(r["ratio"], 2)}
    return {"floor": {"median_ms": round(statistics.median(floors), 1) if floors else None,
                      "figure": "6×4 in, one line, two labelled axes, PNG"},
            "loadavg_1min": round(os.getloadavg()[0], 1), "widgets": results}


def print_widgets(w: dict) -> None:
    print(f"  plancher (figure nue 6×4 in → PNG) : médiane {w['floor']['median_ms']} ms "
          f"(charge de la machine {w['loadavg_1min']})")
    for name, r in w["widgets"].items():
        print(f"  {name} : médiane {r['median_ms']} ms, p95 {r['p95_ms']} ms sur {r['updates']} mises à jour, "
              f"{r['ratio_to_floor']:.2f} × le plancher mesuré en alternance ({r['floor_ms']} ms)")


# ---------------------------------------------------------------------------------------------- pages

REF = re.compile(r"""<(script|img|link|source)\b([^>]*)>""", re.IGNORECASE)
ATTR = re.compile(r"""\b(src|href|rel)\s*=\s*(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)|@import\s+(["'])([^"']+)\3""", re.IGNORECASE)
LINK_RELS = {"stylesheet", "preload", "icon", "shortcut", "modulepreload", "apple-touch-icon"}


def _local(ref: str, base: Path) -> Path | None:
    """The file under _build/html a reference from ``base`` points to (None: data:, remote, missing)."""
    ref = ref.strip()
    if not ref or ref.startswith(("data:", "#", "javascript:", "mailto:", "//")) or urlparse(ref).scheme:
        return None
    path = unquote(urlparse(ref).path)
    target = (HTML / path.lstrip("/")) if path.startswith("/") else (base.parent / path)
    target = target.resolve()
    return target if target.is_file() and HTML.resolve() in target.parents else None


FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)


def _css_refs(css: Path, seen: set[Path]) -> None:
    """Files a stylesheet pulls in: @import, url(), and of each @font-face only its first source (a browser
    downloads the first format it supports, WOFF2 here, never the fallbacks)."""
    text = css.read_text(encoding="utf-8", errors="replace")
    refs = [m for face in FONT_FACE.findall(text) for m in list(CSS_URL.finditer(face))[:1]]
    refs += CSS_URL.finditer(FONT_FACE.sub("", text))
    for m in refs:
        target = _local(m.group(2) or m.group(4), css)
        if target and target not in seen:
            seen.add(target)
            if target.suffix == ".css":
                _css_refs(target, seen)


def _data_uri_bytes(uri: str) -> int:
    import base64

    head, _, data = uri.partition(",")
    return len(base64.b64decode(data)) if head.endswith(";base64") else len(unquote(data).encode())


def transfer_bytes(path: Path, _cache: dict[Path, int] = {}) -> int:  # noqa: B006 - memo per run
    if path not in _cache:
        raw = path.read_bytes()
        _cache[path] = len(gzip.compress(raw, GZIP_LEVEL, mtime=0)) if path.suffix.lower() in COMPRESSIBLE else len(raw)
    return _cache[path]


def page_weight(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    files: set[Path] = set()
    images = image_bytes = 0
    for tag, attrs in REF.findall(text):
        a = {k.lower(): v for k, _, v in ATTR.findall(attrs)}
        tag = tag.lower()
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if not rels & LINK_RELS:
                continue
            ref = a.get("href", "")
        else:
            ref = a.get("src", "")
        if tag == "img":
            images += 1
            if ref.startswith("data:"):
                image_bytes += _data_uri_bytes(ref)
        target = _local(ref, page)
        if target is None:
            continue
        if tag == "img" and target not in files:
            image_bytes += target.stat().st_size
        if target not in files:
            files.add(target)
            if target.suffix == ".css":
                _css_refs(target, files)
    html_bytes = len(text.encode("utf-8"))
    raw = html_bytes + sum(f.stat().st_size for f in files)
    sent = transfer_bytes(page) + sum(transfer_bytes(f) for f in files)
    return {"page": str(page.relative_to(HTML)), "html_bytes": html_bytes, "images": images,
            "image_bytes": image_bytes, "first_visit_files": len(files) + 1, "first_visit_bytes": raw,
            "first_visit_transfer_bytes": sent}


def built_pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html")
                  if not SKIP_DIRS.intersection(p.relative_to(HTML).parts)
                  and not p.read_text(encoding="utf-8").lstrip().startswith('<meta http-equiv="Refresh"'))


def page_weights() -> dict:
    if not (HTML / "index.html").exists():
        raise SystemExit("_build/html manque : make book (ou make bench sans --only)")
    rows = [page_weight(p) for p in built_pages()]
    largest = sorted(rows, key=lambda r: r["first_visit_transfer_bytes"], reverse=True)[:5]
    return {"count": len(rows), "compression": f"gzip -{GZIP_LEVEL} for {' '.join(sorted(COMPRESSIBLE))}; others as is",
            "pages": rows, "largest": [r["page"] for r in largest],
            "total_html_bytes": sum(r["html_bytes"] for r in rows)}


def kb(n: int) -> str:
    return f"{n / 1000:,.0f} kB".replace(",", "\u202f")


def print_pages(p: dict) -> None:
    by_page = {r["page"]: r for r in p["pages"]}
    print(f"  {p['count']} pages, HTML total {kb(p['total_html_bytes'])}. Les cinq premières visites les plus lourdes :")
    for name in p["largest"]:
        r = by_page[name]
        print(f"    {name} : {kb(r['first_visit_transfer_bytes'])} transférés ({kb(r['first_visit_bytes'])} "
              f"non compressés, {r['first_visit_files']} fichiers) ; HTML {kb(r['html_bytes'])} ; "
              f"{r['images']} image(s), {kb(r['image_bytes'])}")


# ------------------------------------------------------------------------------------------- markdown

def markdown(data: dict) -> str:
    """The README's « Measured times » table: what, wall time, CPU time."""
    rows: list[tuple[str, str, str]] = []

    def secs(r: dict) -> tuple[str, str]:
        return f"{r['seconds']:.1f} s", f"{r['cpu_seconds']:.1f} s" if "cpu_seconds" in r else ""

    b = data.get("build")
    if b:
        rows += [
            (f"clean build (empty `_build/`, {b['notebooks']} notebooks executed)", *secs(b["clean"])),
            (f"no-op rebuild ({b['noop']['notebooks_executed']} notebooks executed)", *secs(b["noop"])),
            (f"rebuild after editing one prose page (`{b['prose_page']}`)", *secs(b["prose_edit"])),
            ((f"rebuild after editing one notebook's code ({b['notebook_edit']['notebooks_executed']} notebook "
             "re-executed)"), *secs(b["notebook_edit"])),
        ]
    v = data.get("nbval")
    if v:
        rows.append((f"nbval, {v['notebooks']} notebooks, {v['workers']} workers", *secs(v)))
    w = data.get("widgets")
    if w:
        f = w["floor"]
        at = f", load {w['loadavg_1min']}" if "loadavg_1min" in w else ""
        rows.append((f"floor: new bare figure 6×4 in → PNG, median interleaved with the updates{at}",
                     f"{f['median_ms']:.0f} ms", ""))
        for name, r in w["widgets"].items():
            rows.append((f"widget update {name} (its BENCH updates), {r['updates']} updates",
                         f"median {r['median_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms: {r['ratio_to_floor']:.2f}× floor",
                         ""))
    p = data.get("pages")
    if p:
        by_page = {r["page"]: r for r in p["pages"]}
        for name in p["largest"]:
            r = by_page[name]
            rows.append((f"first visit of `{name}`: gzip as served (raw; HTML; images)",
                         (f"{kb(r['first_visit_transfer_bytes'])} ({kb(r['first_visit_bytes'])}; {kb(r['html_bytes'])}; "
                         f"{r['images']})"), ""))
    load = ""  # the parts may come from runs at different loads: each part records its own
    head = (f"| what (`make bench`, {data.get('date', '?')}, {data.get('cpus', '?')} cores{load}) | wall | CPU |\n"
            "|---|---|---|\n")
    return head + "".join(f"| {a} | {b} | {c} |\n" for a, b, c in rows)


# ----------------------------------------------------------------------------------------------- main

PARTS = {"build": ("Constructions", build_timings, None),
         "nbval": ("Notebooks (nbval)", nbval_timing, None),
         "widgets": ("Mises à jour des widgets", widget_timings, print_widgets),
         "pages": ("Poids des pages", page_weights, print_pages)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true", help="print the README table from _build/bench.json")
    ap.add_argument("--only", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    ap.add_argument("-n", type=int, default=100, help="widget updates per widget (at least 100 for the README)")
    args = ap.parse_args(argv)
    if args.markdown:
        if not OUT.exists():
            raise SystemExit("_build/bench.json manque : lancez make bench")
        print(markdown(json.loads(OUT.read_text(encoding="utf-8"))), end="")
        return 0
    only = [k.strip() for k in args.only.split(",") if k.strip()]
    unknown = set(only) - set(PARTS)
    if unknown:
        raise SystemExit(f"--only : inconnu {', '.join(sorted(unknown))} (choix : {', '.join(PARTS)})")
    data = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() and set(only) != set(PARTS) else {}
    data.update(date=dt.date.today().isoformat(), cpus=os.cpu_count(), python=platform.python_version(),
                loadavg_1min_at_start=round(os.getloadavg()[0], 1))
    for key, (label, func, show) in PARTS.items():  # builds first: the page weights read their output
        if key not in only:
            continue
        print(f"=== {label}", flush=True)
        data[key] = func(args.n) if key == "widgets" else func()
        if show:
            show(data[key])
        BUILD.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"écrit : {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
