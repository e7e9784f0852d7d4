"""The chapter notebooks in a real JupyterLab, as a learner opens them (`make lab`, `make lab STUDENT=1`).

One JupyterLab server and one chromium page for the whole module (127.0.0.1, a free port, a token, the
settings and the ``mesocours-lab`` extension that `make venv` installs into .venv, the notebook's windowing
off so that every cell is in the page, every request to another host failing and counted).

What is checked, and where, to keep the stage short (the browser stage has a budget):

* every source notebook (`make lab`) is opened, not run (its cells already run under nbval, its stored
  outputs are shown): no error output, no raw MyST and no « Unknown Directive » in the rendered cells, no
  bare bibliography key (citations read « Pistor, 1958 », each a button showing the full reference),
  sphinx-exercise blocks titled « Exercice … » / « Solution de … », the objectives box present. These
  checks depend on each chapter's prose, so every chapter is read;
* one widget chapter, as a student is given it (`make student`), is run in full (:data:`RUN`): no error
  output, no raw MyST in what the cells show, objectives, widget views and the quiz present, a widget
  field typed into redraws its figure. Running cells exercises the same machinery for every chapter (a
  kernel, the widget manager, a comm round trip); that every cell of every notebook runs is nbval's job
  (stage 2) and the student export is tested in tests/test_student.py, so one chapter suffices here;
* the environment: the interface in French, no extension reported incompatible (``jupyter labextension
  list``, and nothing about it in the browser console), the installed settings and extension up to date,
  0 external requests.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from functools import cache
from pathlib import Path

import pytest

from build_tools import lab_install
from tests.browser.conftest import _free_port, watch_requests

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*/*.ipynb"))
STUDENT_DIR = ROOT / "_build" / "student"

# What raw MyST looks like when it is not rendered (any of these in a rendered cell is a failure).
RAW_MYST = re.compile(r"\{term\}|\{cite:|\{ref\}|\{doc\}|```|:::|:class:|:label:|\{exercise\}|\{solution|"
                      r"\{objectifs\}|\{quiz\}|\{tableau-|Unknown Directive|Unknown Role", re.IGNORECASE)
# jupyterlab-myst's English labels for sphinx-exercise blocks (the extension writes them in French)
ENGLISH_LABEL = re.compile(r"\bExercise\b|\bSolution to\b")
# The widget chapter run in full (student version), its field and a value to type for the redraw check.
RUN = ("notebooks/fondements/02-peau.ipynb", "Angle avec la peau", "30")

JS_APP = "window.jupyterapp"
JS_PANEL = f"{JS_APP}.shell.currentWidget"
# The text a markdown cell shows: its input area without the (hidden) editor holding the source
JS_SHOWN = ("(c => { const a = c.querySelector('.jp-Cell-inputArea'); if (!a) return ''; return [...a.children]"
            ".filter(e => !e.matches('.jp-InputArea-editor, .jp-InputPrompt')).map(e => e.textContent).join(' '); })")


@cache
def _bib_keys() -> frozenset[str]:
    """The keys of book/references.bib, parsed once per worker (pybtex: about 0,15 s a parse)."""
    from pybtex.database import parse_file

    return frozenset(parse_file(str(ROOT / "book" / "references.bib")).entries.keys())


# A word as a bibliography key is written: letters, digits, « _ » and « - »; preceded by none of them nor by
# « / » or « . » (a path, a file name), followed by none of them nor by « / ».
KEY_LIKE = re.compile(r"(?<![\w/.-])[\w-]+(?![\w/-])")


def bare_keys(text: str, keys: frozenset[str]) -> list[str]:
    """The bibliography keys shown as such in ``text`` (a citation jupyterlab-myst did not render).

    One pass over the text: every key-like word, then the keys among them (a search per key cost 0,6 s a
    chapter with 645 keys). A key with another character is searched for on its own.
    """
    words = {m.group(0) for m in KEY_LIKE.finditer(text)}
    odd = {k for k in keys if not re.fullmatch(r"[\w-]+", k)
           and re.search(rf"(?<![\w/.-]){re.escape(k)}(?![\w/-])", text)}
    return sorted((keys & words) | odd)


# session scope: set up once per worker even if tests of other modules run between ours, and a
# module fixture would be torn down and started again at every switch
@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """(base URL, token, `jupyter labextension list` process) of a JupyterLab server started for this module."""
    stale = lab_install.stale(Path(sys.prefix))
    if stale:
        pytest.fail(f"réglages ou extension JupyterLab périmés dans {sys.prefix} ({', '.join(stale)}) : make venv")
    from mesocours.student import export

    export(STUDENT_DIR)
    # what the extension manager reads, run beside the server's start (it takes a few seconds of CPU)
    listing = subprocess.Popen([sys.executable, "-m", "jupyter", "labextension", "list"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    port, token = _free_port(), secrets.token_hex(16)
    log = (tmp_path_factory.mktemp("lab-log") / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={ROOT}", f"--LabApp.user_settings_dir={settings}",
         f"--LabApp.workspaces_dir={tmp_path_factory.mktemp('lab-ws')}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.expose_app_in_browser=True", "--allow-root"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab s’est arrêté au démarrage (voir {log.name})")
            time.sleep(0.1)
    yield base, token, listing
    if listing.poll() is None:
        listing.kill()
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def page(browser, lab):
    """One chromium page holding JupyterLab for the whole module (loading the app once saves ~10 s a notebook).

    Every request to a host other than 127.0.0.1 fails (the browser's dead proxy) and is appended to
    ``page.external_requests``;
    console messages in ``page.console``.
    """
    base, token, _ = lab
    context = browser.new_context(locale="fr-FR")
    pg = context.new_page()
    watch_requests(pg)
    pg.console = []
    pg.on("console", lambda m: pg.console.append(f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: pg.console.append(f"pageerror: {e}"))
    pg.goto(f"{base}/lab?token={token}&reset")
    pg.wait_for_function(f"{JS_APP} && {JS_APP}.shell", timeout=90_000)
    pg.wait_for_selector("#jp-menu-panel .lm-MenuBar-itemLabel", timeout=90_000)
    yield pg
    context.close()


def _close(page) -> None:
    page.evaluate(f"""async () => {{ const p = {JS_PANEL}; if (!p || !p.context) return;
        if (p.sessionContext && p.sessionContext.session) await p.sessionContext.shutdown();
        p.context.model.dirty = false; p.dispose(); }}""")


def _open(page, path: str, kernel: bool = True) -> None:
    """Open ``path`` and wait until its markdown is rendered; ``kernel=False``: no kernel is started (reading
    stored outputs needs none, and six idle kernels would compete with the renderer for the CPU)."""
    page.evaluate(f"""async ([p, kernel]) => {{
        const f = {JS_APP}.docRegistry.defaultWidgetFactory(p);
        f._preferKernel = kernel;  // read by the document manager when it creates the session
        await {JS_APP}.commands.execute('docmanager:open', {{path: p}}); return true; }}""", [path, kernel])
    page.wait_for_function(f"""(p => {{ const panel = {JS_PANEL};
        if (!panel || !panel.context || panel.context.path !== p) return false;
        const cells = panel.content.widgets.filter(c => c.model.type === 'markdown');
        return cells.length > 0 && cells.every(c => c.rendered) && panel.node.querySelector('.jp-MarkdownCell h1'); }})""",
                           arg=path, timeout=60_000, polling=100)
    # jupyterlab-myst renders asynchronously: wait until every markdown cell with prose shows text (a cell
    # holding only a label, a comment or a closing fence renders empty), then until the extension has
    # written out the citations (a key absent from the .bib stays: the assertions then name it)
    page.wait_for_function(f"""(() => {{ const prose = s => /\\p{{L}}/u.test(s.split('\\n').filter(l =>
            !/^\\s*\\(.*\\)=\\s*$/.test(l) && !/^\\s*%/.test(l) && !/^\\s*(`{{3,}}|:{{3,}})\\s*(\\{{solution-end\\}})?\\s*$/.test(l)).join(''));
        return {JS_PANEL}.content.widgets.filter(c => c.model.type === 'markdown' && prose(c.model.sharedModel.getSource()))
            .every(c => {JS_SHOWN}(c.node).trim()); }})()""",
                           timeout=90_000, polling=200)
    try:
        page.wait_for_function(f"""!{JS_PANEL}.node.querySelector('.jp-MarkdownCell span[title="Citation Not Found"]')""",
                               timeout=5_000, polling=100)
    except Exception as err:  # noqa: BLE001 - an unknown key: named by _citations_and_labels
        print(f"{path}: citations still unresolved after 5 s ({type(err).__name__})")
    if kernel:
        page.wait_for_function(f"{JS_PANEL}.sessionContext.session && {JS_PANEL}.sessionContext.session.kernel"
                               f" && {JS_PANEL}.sessionContext.session.kernel.status === 'idle'", timeout=60_000)


def _run_all(page, path: str) -> None:
    page.evaluate(f"{JS_APP}.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"""(() => {{ const p = {JS_PANEL}; const k = p.sessionContext.session.kernel;
              const code = p.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
              return k.status === 'idle' && code.every(c => c.model.executionCount !== null
                  && !c.node.querySelector('.jp-InputPrompt').textContent.includes('*')); }})()""",
        timeout=180_000, polling=250)


def _markdown(page) -> list[str]:
    return page.evaluate(f"[...{JS_PANEL}.node.querySelectorAll('.jp-MarkdownCell')].map({JS_SHOWN})")


def _no_error_output(page, path: str) -> None:
    errors = page.evaluate(f"""{JS_PANEL}.content.widgets.filter(c => c.model.type === 'code')
        .flatMap((c, i) => c.model.outputs.toJSON().filter(o => o.output_type === 'error')
        .map(o => c.model.sharedModel.getSource().slice(0, 60) + ' -> ' + o.ename + ': ' + o.evalue))""")
    assert errors == [], f"{path} : sorties d’erreur {errors}"


def _markdown_reads_cleanly(page, path: str) -> list[str]:
    md = _markdown(page)
    assert sum(bool(t.strip()) for t in md) > len(md) // 2, f"{path} : cellules markdown non rendues"
    raw = [(i, m.group(0), t[max(0, m.start() - 40): m.end() + 40]) for i, t in enumerate(md)
           for m in [RAW_MYST.search(t)] if m]
    assert raw == [], f"{path} : MyST brut dans les cellules rendues : {raw[:5]}"
    return md


def _outputs_read_cleanly(page, path: str) -> str:
    outputs = page.evaluate(f"[...{JS_PANEL}.node.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n')")
    m = RAW_MYST.search(outputs)
    assert m is None, f"{path} : MyST brut dans une sortie : {outputs[max(0, m.start() - 60): m.end() + 60]!r}"
    assert page.locator(".jp-OutputArea-output .mesocours-objectifs").count() == 1, f"{path} : pas d’encadré d’objectifs"
    assert "Objectifs d’apprentissage" in outputs
    return outputs


def _citations_and_labels(page, path: str, md: list[str], keys: frozenset[str]) -> None:
    text = "\n".join(md)
    bare = bare_keys(text, keys)
    assert bare == [], f"{path} : clés bibliographiques affichées telles quelles : {bare[:8]}"
    unresolved = page.evaluate(f"""[...{JS_PANEL}.node.querySelectorAll('.jp-MarkdownCell span[title="Citation Not Found"]')]
        .map(s => s.innerText)""")
    assert unresolved == [], f"{path} : citations non résolues {unresolved[:8]}"
    cites = page.locator(".jp-MarkdownCell .mesocours-cite")
    assert cites.count() > 0, f"{path} : aucune citation « Auteur, année »"
    english = [m.group(0) for t in md for m in [ENGLISH_LABEL.search(t)] if m]
    assert english == [], f"{path} : libellés d’exercice en anglais : {english[:3]}"
    assert re.search(r"\bExercice\s\d+", text), f"{path} : aucun bloc « Exercice N »"


def _citation_shows_the_full_reference(page) -> None:
    """A citation is a button: activated from the keyboard, it shows the full reference of the .bib."""
    cite = page.locator(".jp-MarkdownCell .mesocours-cite").first
    key = cite.get_attribute("data-mesocours-key")
    expected = lab_install.references()[key]
    assert cite.inner_text().strip() in (expected["p"], expected["t"])
    cite.focus()
    page.keyboard.press("Enter")
    popover = page.locator("#mesocours-ref-popover")
    popover.wait_for(timeout=5_000)
    assert popover.inner_text().strip() == expected["full"]
    page.keyboard.press("Escape")
    assert popover.count() == 0


def _french_and_offline(page) -> None:
    # The interface is in French (language pack + the locale set by build_tools/lab/overrides.json).
    assert page.evaluate("document.documentElement.lang").startswith("fr")
    menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
    assert "Fichier" in menus and "Édition" in menus, f"menus : {menus}"
    assert page.external_requests == [], f"requêtes vers d’autres hôtes : {page.external_requests}"
    # nothing in the console about an incompatible or failed extension, nor from ours (references not loaded)
    bad = [m for m in page.console if re.search(r"compatib|Unsatisfied version|does not satisfy|No satisfying version|Failed to (create|load) module|mesocours-lab", m, re.IGNORECASE)]
    assert bad == [], f"console : {bad[:5]}"


def test_environment_reports_no_incompatible_extension(lab):
    """`jupyter labextension list` (what the extension manager reads) flags no extension, ours is enabled."""
    listing = lab[2].communicate(timeout=120)[0]
    assert "not compatible" not in listing and "Conflicting Dependencies" not in listing, listing
    assert re.search(r"jupyterlab-myst v\S+ .*enabled.*OK", listing), listing
    assert re.search(r"mesocours-lab v\S+ .*enabled.*OK", listing), listing


@pytest.mark.parametrize("path", CHAPTERS)
def test_source_notebook_reads_cleanly_in_jupyterlab(page, path):
    """The source notebook as `make lab` opens it, solutions and stored outputs included, not run."""
    t0 = time.perf_counter()
    _open(page, path, kernel=False)
    try:
        _no_error_output(page, path)
        md = _markdown_reads_cleanly(page, path)
        _outputs_read_cleanly(page, path)
        _citations_and_labels(page, path, md, _bib_keys())
        if path == RUN[0]:
            _citation_shows_the_full_reference(page)
        _french_and_offline(page)
    finally:
        _close(page)
    print(f"{path}: read in {time.perf_counter() - t0:.1f} s")


def test_student_widget_chapter_runs_in_jupyterlab(page):
    """The widget chapter a student is given (`make lab STUDENT=1`), every cell run, a field typed into."""
    path, label, value = RUN
    student = (STUDENT_DIR / Path(path).relative_to("notebooks")).relative_to(ROOT).as_posix()
    t0 = time.perf_counter()
    _open(page, student)
    try:
        _run_all(page, student)
        _no_error_output(page, student)
        _markdown_reads_cleanly(page, student)
        _outputs_read_cleanly(page, student)
        assert page.locator(".jp-OutputArea-output .jupyter-widgets.widget-container").count() > 0, \
            f"{student} : aucune vue de widget"
        quiz = page.locator(".jp-OutputArea-output .jupyter-widgets button", has_text="Vérifier")
        assert quiz.count() >= 8, f"{student} : le quiz du chapitre n’est pas affiché en widget"

        field = page.locator(".widget-text", has=page.locator("label", has_text=label)).first
        box = page.locator(".jp-OutputArea-output", has=field).first
        img = box.locator("img").first
        before = img.get_attribute("src")
        field.locator("input").fill(value)
        field.locator("input").press("Enter")
        deadline = time.monotonic() + 20
        while img.get_attribute("src") == before:  # the <img> is replaced: re-read it through the locator
            assert time.monotonic() < deadline, f"{student} : la figure n’a pas été redessinée après « {label} » = {value}"
            time.sleep(0.1)
        _french_and_offline(page)
    finally:
        _close(page)
    print(f"{student}: opened and ran in {time.perf_counter() - t0:.1f} s")

