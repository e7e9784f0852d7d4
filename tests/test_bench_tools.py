"""`make bench`, the scale probe and the shape of `make test` that keeps its time budget as chapters grow."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys

import pytest

from build_tools import bench, run_tests, scale_probe

ROOT = bench.ROOT


# ------------------------------------------------------------------ make test: one build, one browser

def test_the_book_is_built_once_and_the_later_stages_test_that_build():
    builds = [key for key, _, cmd, _ in run_tests.STAGES if any(part.endswith("jupyter-book") for part in cmd)]
    assert builds == ["book"]
    needs = {key: need for key, _, _, need in run_tests.STAGES}
    assert needs["html"] == needs["browser"] == "book"
    order = [key for key, *_ in run_tests.STAGES]
    assert order.index("book") < order.index("html") < order.index("browser")


def test_nbval_runs_with_workers_one_notebook_per_worker():
    cmd = {key: cmd for key, _, cmd, _ in run_tests.STAGES}["nbval"]
    assert "--nbval" in cmd and "--nbval-current-env" in cmd
    assert cmd[cmd.index("-n") + 1] == run_tests.WORKERS
    assert cmd[cmd.index("--dist") + 1] == "loadfile"  # cells of one notebook never split across workers


@pytest.mark.build  # it lists the built pages: after the book stage (in make test the unit tests run beside the build)
def test_one_server_one_browser_and_one_load_per_page():
    """The browser stage's plan: each session fixture set up once, each built page visited by one test for all its checks."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "tests/browser", "-m", "browser", "--setup-plan", "-q",
                           "-p", "no:cacheprovider", "-p", "no:nbval"],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    setups = re.findall(r"SETUP\s+S (\w+)(?: \(fixtures used: [^)]*\))?(\[[^\]]*\])?", proc.stdout)
    names = [name for name, _ in setups]
    assert names.count("browser") == 1 and names.count("site_url") == 1
    visits = re.findall(r"::test_page_offline_clean_and_accessible\[([^\]]+)\]", proc.stdout)
    assert visits and len(visits) == len(set(visits)), "une page construite est visitée plusieurs fois"


def test_the_summary_ends_with_the_total_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(run_tests, "REPORTS", tmp_path)
    monkeypatch.setattr(run_tests, "STAGES", [("unit", "Essai", [sys.executable, "-c", "pass"], None),
                                              ("html", "Essai 2", [sys.executable, "-c", "raise SystemExit(1)"], None),
                                              ("browser", "Essai 3", [sys.executable, "-c", "pass"], "html")])
    assert run_tests.main() == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"total: 0 passed, \d+ failed, 0 skipped", lines[-1]), lines[-1]
    assert "non lancé" in "\n".join(lines)
    assert re.search(r"CPU +[\d.]+ s", "\n".join(lines))
    assert re.search(r"machine \(/proc/stat\) : \d+ s de CPU occupés|compteurs /proc/stat indisponibles", lines[-2])
    assert re.fullmatch(r"  étalon de la machine : 2 millions d’additions en Python en \d+\.\d\d s .*", lines[-3])


def test_the_calibration_times_the_same_loop_and_keeps_the_best():
    ticks = iter([0.0, 0.5, 1.0, 1.2, 2.0, 2.9])  # three runs: 0.5 s, 0.2 s, 0.9 s
    assert run_tests.calibrate(clock=lambda: next(ticks)) == pytest.approx(0.2)
    namespace: dict = {}
    exec(run_tests.CALIBRATION, namespace)  # noqa: S102 — the loop really is the announced one
    assert namespace["s"] == sum(range(2_000_000))


def test_machine_cpu_reads_proc_stat(monkeypatch, tmp_path):
    fake = tmp_path / "stat"
    fake.write_text("cpu  1000 200 300 4000 100 10 20 50 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n", encoding="ascii")
    monkeypatch.setattr(run_tests, "PROC_STAT", fake)
    hz = run_tests.os.sysconf("SC_CLK_TCK")
    busy, idle, steal = run_tests.machine_cpu()
    assert (busy, idle, steal) == ((1000 + 200 + 300 + 10 + 20) / hz, 4100 / hz, 50 / hz)
    line = run_tests.machine_line((0, 0, 0), (busy, idle, steal), 10.0)
    assert "occupés" in line and "hyperviseur" in line
    monkeypatch.setattr(run_tests, "PROC_STAT", tmp_path / "absent")
    assert run_tests.machine_cpu() is None
    assert "indisponibles" in run_tests.machine_line(None, None, 1.0)


# ------------------------------------------------------------------------------------------ make bench

def test_edited_files_are_restored_byte_for_byte_even_on_error(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    page = tmp_path / "page.md"
    page.write_bytes(b"# Titre\n\nTexte sans fin de ligne")
    with pytest.raises(RuntimeError), bench.Edited("page.md", bench.append_myst_comment):
        assert page.read_bytes().endswith(b"% edited by make bench\n")
        raise RuntimeError
    assert page.read_bytes() == b"# Titre\n\nTexte sans fin de ligne"


def test_the_notebook_edit_changes_shown_code_only():
    nb = {"cells": [{"cell_type": "markdown", "source": ["# T"], "metadata": {}},
                    {"cell_type": "code", "source": ["import x"], "metadata": {"tags": ["remove-cell"]}, "outputs": []},
                    {"cell_type": "code", "source": "f(1)", "metadata": {}, "outputs": [{"text": "1"}]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    edited = json.loads(bench.edit_first_code_cell(json.dumps(nb).encode()))
    assert edited["cells"][:2] == nb["cells"][:2]
    assert edited["cells"][2]["source"] == "# edited by make bench\nf(1)"
    assert edited["cells"][2]["outputs"] == nb["cells"][2]["outputs"]


def _site(tmp_path):
    html = tmp_path / "html"
    (html / "_static" / "fonts").mkdir(parents=True)
    (html / "_images").mkdir()
    css = ("@font-face{font-family:X;src:url(fonts/x.woff2) format('woff2'),url(fonts/x.ttf) format('truetype')}"
           "body{background:url('bg.png')}" + "a{color:red}" * 500)
    (html / "_static" / "style.css").write_text(css)
    (html / "_static" / "fonts" / "x.woff2").write_bytes(b"\x00" * 700)
    (html / "_static" / "fonts" / "x.ttf").write_bytes(b"\x00" * 9000)
    (html / "_static" / "bg.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 4)
    (html / "_static" / "app.js").write_text("var a = 1;\n" * 1000)
    (html / "_images" / "fig.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 10)
    page = html / "chap" / "page.html"
    page.parent.mkdir()
    page.write_text('<html lang="fr"><head><link rel="stylesheet" href="../_static/style.css?v=1">'
                    '<link rel="preload" as="script" href="../_static/app.js?digest=2">'
                    '<link rel="next" href="other.html"><script src="../_static/app.js?digest=2"></script>'
                    '<script src="https://example.org/x.js"></script></head><body>'
                    '<img src="../_images/fig.png" alt="Figure"><img src="data:image/png;base64,iVBORw0KGgo=" alt="Point">'
                    + "<p>texte</p>" * 200 + "</body></html>", encoding="utf-8")
    return html, page


def test_a_first_visit_counts_what_the_page_references_compressed_as_served(tmp_path, monkeypatch):
    html, page = _site(tmp_path)
    monkeypatch.setattr(bench, "HTML", html)
    w = bench.page_weight(page)
    static = html / "_static"
    files = [static / "style.css", static / "app.js", static / "fonts" / "x.woff2", static / "bg.png",
             html / "_images" / "fig.png"]  # not the .ttf fallback, not the next page, not the remote script
    assert w["first_visit_files"] == len(files) + 1
    assert w["first_visit_bytes"] == page.stat().st_size + sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes(), bench.GZIP_LEVEL, mtime=0)) for f in (page, static / "style.css", static / "app.js"))
    binary = sum(f.stat().st_size for f in files if f.suffix in (".png", ".woff2"))
    assert w["first_visit_transfer_bytes"] == gz + binary
    assert w["images"] == 2
    assert w["image_bytes"] == (html / "_images" / "fig.png").stat().st_size + 8  # the data: PNG header decoded


def test_the_readme_table_comes_from_bench_json():
    data = {"date": "2026-12-01", "cpus": 2,
            "build": {"notebooks": 5, "prose_page": "book/x.md", "notebook": "n.ipynb",
                      **{k: {"seconds": s, "cpu_seconds": s, "notebooks_executed": e} for k, s, e in
                         [("clean", 21.6, 5), ("noop", 3.4, 0), ("prose_edit", 5.0, 0), ("notebook_edit", 8.25, 1),
                          ("restored", 4.0, 0)]}},
            "nbval": {"seconds": 11.0, "cpu_seconds": 20.0, "notebooks": 5, "workers": 2},
            "widgets": {"floor": {"median_ms": 30.0, "p95_ms": 35.0, "cpu_median_ms": 29.0, "draws": 100, "dpi": 100.0},
                        "widgets": {"DepthExplorer": {"control": "Angle", "updates": 100, "median_ms": 42.0,
                                                      "p95_ms": 50.0, "ratio_to_floor": 1.4}}},
            "pages": {"pages": [{"page": "a.html", "first_visit_transfer_bytes": 2_100_000,
                                 "first_visit_bytes": 7_800_000, "html_bytes": 300_000, "images": 4}],
                      "largest": ["a.html"]}}
    table = bench.markdown(data)
    assert table.startswith("| what (`make bench`, 2026-12-01, 2 cores) | wall | CPU |\n|---|---|---|\n")
    assert "| rebuild after editing one notebook's code (1 notebook re-executed) | 8.2 s | 8.2 s |" in table
    assert "| median 42 ms, p95 50 ms: 1.40× floor |" in table
    assert "2\u202f100 kB" in table
    assert all(line.startswith("|") and line.endswith("|") for line in table.splitlines())


def test_every_widget_is_found_and_its_bench_update_redraws():
    from mesocours.widgets.common import View
    from mesocours.widgets.perf import steps

    found = bench.discover_widgets()
    assert {"DepthExplorer", "TechniqueComparator", "ProtocolPlanner"} <= set(found)
    for name, cls in found.items():
        assert issubclass(cls, View), name
        view = cls()
        control, value = next(steps(view))  # what make bench sets (the widget's BENCH)
        before = view.figure.value
        control.value = value
        assert view.message.value == "" and view.figure.value != before, name


def test_widget_timings_reports_median_p95_and_ratio(monkeypatch):
    from mesocours.widgets import common
    from mesocours.widgets.depth import DepthExplorer

    monkeypatch.setattr(common, "all_widgets", lambda: [DepthExplorer])
    out = bench.widget_timings(n=6)
    r = out["widgets"]["DepthExplorer"]
    assert r["updates"] == 6 and 0 < r["median_ms"] <= r["p95_ms"]
    assert r["ratio_to_floor"] == pytest.approx(r["median_ms"] / r["floor_ms"], rel=0.05)
    assert out["floor"]["median_ms"] == r["floor_ms"]


# ------------------------------------------------------------------------------------------ scale probe

def test_probe_copies_rename_every_label_they_define():
    nb = {"cells": [
        {"cell_type": "markdown", "source": ["(chap-x)=\n", "# X\n", "```{exercise}\n", ":label: ex-x-1\n", "```\n"]},
        {"cell_type": "markdown", "source": "```{solution-start} ex-x-1\n:class: dropdown\n```\nVoir {ref}`chap-x`."},
        {"cell_type": "code", "source": "f()", "metadata": {"mystnb": {"figure": {"name": "fig-x"}}}}]}
    out = scale_probe._suffix_labels(nb, "c2")
    text = "".join(c["source"] for c in out["cells"])
    assert "(chap-x-c2)=" in text and ":label: ex-x-1-c2" in text and "{solution-start} ex-x-1-c2" in text
    assert "{ref}`chap-x`" in text  # references still reach the original
    assert out["cells"][2]["metadata"]["mystnb"]["figure"]["name"] == "fig-x-c2"


def test_probe_fit_recovers_a_line():
    a, b = scale_probe.fit([5, 15, 30], [100 + 4 * 5, 100 + 4 * 15, 100 + 4 * 30])
    assert a == pytest.approx(100) and b == pytest.approx(4)


def test_probe_summary_sums_stage_lines_and_keeps_a_stage_measured_once_constant():
    runs = {5: {"unit": {"seconds": 60.0, "cpu_seconds": 90.0}, "book": {"seconds": 20.0, "cpu_seconds": 20.0}},
            15: {"book": {"seconds": 50.0, "cpu_seconds": 50.0}}}
    fit = scale_probe.summarise(runs)
    assert fit["unit"]["per_chapter_s"] == 0 and fit["unit"]["projected_30_s"] == 60
    assert fit["book"]["per_chapter_s"] == pytest.approx(3) and fit["book"]["projected_30_s"] == pytest.approx(95)
    assert fit["total"]["projected_30_s"] == pytest.approx(155)
    table = scale_probe.markdown({"cpus": 2, "runs": {str(k): v for k, v in runs.items()}, "fit": fit})
    assert "| unit | 60 s, 90 s | — |" in table and "| total |" in table


def test_each_stage_starts_once_what_it_needs_has_passed(monkeypatch, capsys, tmp_path):
    """No waves: a stage of no need runs beside the book (the book waits for its start mark, and fails without it),
    a stage that needs the book starts after the book's end mark, background stages run niced, a stage whose need
    failed is not run, and the end of « print » is written for the PDF test. Marks, not clocks: a loaded machine
    cannot make it flaky."""
    monkeypatch.setattr(run_tests, "REPORTS", tmp_path)
    monkeypatch.setattr(run_tests, "PRINT_DONE", tmp_path / "print.done")
    prog = ("import os, sys, time, pathlib; d = pathlib.Path(sys.argv[1]); key, wait, need, code = sys.argv[2:6]; "
            "print('NICE', os.nice(0)); (d / (key + '.started')).touch(); "
            "t0 = time.time()\n"
            "while wait and not (d / wait).exists() and time.time() - t0 < 60: time.sleep(0.05)\n"
            "ok = (not wait or (d / wait).exists()) and (not need or (d / need).exists()); "
            "(d / (key + '.ended')).touch(); sys.exit(int(code) if ok else 9)")

    def stage(key, wait="", need="", code="0"):
        return [sys.executable, "-c", prog, str(tmp_path), key, wait, need, code]

    monkeypatch.setattr(run_tests, "STAGES", [
        ("book", "Livre", stage("book", wait="unit.started"), None),
        ("unit", "Unitaires", stage("unit"), None),
        ("print", "Page unique", stage("print", need="book.ended", code="3"), "book"),
        ("browser", "Navigateur", stage("browser", need="book.ended"), "book"),
        ("html", "Site", stage("html"), "print"),
    ])
    monkeypatch.setattr(run_tests, "BACKGROUND", {"unit", "print", "html"})
    assert run_tests.main() == 1
    out = capsys.readouterr().out
    nice = {k: int((tmp_path / f"{k}.log").read_text().split()[1]) for k in ("book", "unit", "print", "browser")}
    assert run_tests.results_of_last_run["book"][0] and run_tests.results_of_last_run["browser"][0]
    lowered = min(19, nice["book"] + run_tests.NICENESS)  # 19 is the lowest priority (make test may itself be niced)
    assert nice["unit"] == nice["print"] == lowered and nice["browser"] == nice["book"]
    assert not (tmp_path / "html.started").exists() and "non lancé" in out  # its need failed
    assert (tmp_path / "print.done").read_text() == "3"


def test_the_pdf_test_waits_for_the_print_stage_of_make_test():
    assert "MESOCOURS_PRINT_DONE" in (ROOT / "build_tools" / "run_tests.py").read_text(encoding="utf-8")
    assert "MESOCOURS_PRINT_DONE" in (ROOT / "tests" / "browser" / "test_pdf.py").read_text(encoding="utf-8")
    assert "MESOCOURS_SINGLEHTML_BUILT" in (ROOT / "tests" / "browser" / "test_pdf.py").read_text(encoding="utf-8")

def test_a_probe_run_with_every_stage_skipped_keeps_the_recorded_run(monkeypatch, tmp_path, capsys):
    """`--keep --merge` with every stage skipped only makes a copy: the run on record for that count stays."""
    n = str(max(40, len(scale_probe.originals(scale_probe.ROOT))))  # at least the course's own chapters
    out = tmp_path / "scale.json"
    recorded = {"nbval": {"seconds": 38.0, "cpu_seconds": 62.0}, "book": {"seconds": 44.0, "cpu_seconds": 42.0}}
    out.write_text(json.dumps({"runs": {n: recorded}, "loadavg_1min_after": {n: 6.1}}), encoding="utf-8")
    monkeypatch.setattr(scale_probe, "OUT", out)
    monkeypatch.setattr(scale_probe, "make_copy", lambda n, dest: dest)
    monkeypatch.setattr(scale_probe, "run_stages", lambda repo, skip: {})
    assert scale_probe.main(["--chapters", n, "--merge", "--skip", "unit,nbval,book,html,print,browser"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["runs"][n] == recorded and data["loadavg_1min_after"][n] == 6.1
