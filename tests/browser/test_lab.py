"""The chapter notebooks in a real JupyterLab, as a learner opens them (`make lab`).

One JupyterLab server for the whole module (127.0.0.1, a free port, a token, the French settings that
`make venv` installs into .venv, the notebook's windowing off so that every cell is in the page).
Each student notebook (`make student`, what `make lab STUDENT=1` opens: what a student is given) is
opened in chromium (every request to another host aborted and counted) and all its cells are run,
then: no error output, no raw MyST and no « Unknown Directive » in what the cells show, our
objectives box, the widget views and the quiz present, a widget field typed into redraws its figure,
the interface in French, 0 external requests. Each source notebook (`make lab`, solutions included,
its cells already run by nbval) is opened and read the same way without running it, to keep the
stage short.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import _free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*/*.ipynb"))
STUDENT_DIR = ROOT / "_build" / "student"
OVERRIDES = ROOT / "build_tools" / "lab" / "overrides.json"
VENV_OVERRIDES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"

# What raw MyST looks like when it is not rendered (any of these in a rendered cell is a failure).
RAW_MYST = re.compile(r"\{term\}|\{cite:|\{ref\}|\{doc\}|```|:::|:class:|:label:|\{exercise\}|\{solution|"
                      r"\{objectifs\}|\{quiz\}|\{tableau-|Unknown Directive|Unknown Role", re.IGNORECASE)
# A field of the chapter's live widget, a value to type, for the redraw check.
REDRAW = {
    "02-peau": ("Angle avec la peau", "30"),
    "05-techniques": ("Surface traitée", "37"),
    "06-seance": ("Période étudiée", "41"),
}

JS_APP = "window.jupyterapp"
JS_PANEL = f"{JS_APP}.shell.currentWidget"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(base URL, token) of a JupyterLab server started for this module."""
    if not VENV_OVERRIDES.exists() or json.loads(VENV_OVERRIDES.read_text()) != json.loads(OVERRIDES.read_text()):
        pytest.fail(f"{VENV_OVERRIDES} manque ou diffère de {OVERRIDES.relative_to(ROOT)} : lancez make venv")
    from mesocours.student import export

    export(STUDENT_DIR)
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
    yield base, token
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def lab_page(browser, lab):
    """One chromium page holding JupyterLab for the whole module (loading the app once saves ~10 s a notebook).

    Every request to a host other than 127.0.0.1 is aborted and appended to ``page.external_requests``.
    """
    base, token = lab
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.external_requests = []

    def route(r):
        url = r.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
            r.continue_()
        else:
            page.external_requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(f"{base}/lab?token={token}&reset")
    page.wait_for_function(f"{JS_APP} && {JS_APP}.shell", timeout=90_000)
    page.wait_for_selector("#jp-menu-panel .lm-MenuBar-itemLabel", timeout=90_000)
    yield page
    context.close()


@pytest.fixture
def page(lab_page):
    yield lab_page
    lab_page.evaluate(f"""async () => {{ const p = {JS_PANEL}; if (!p || !p.sessionContext) return;
        await p.sessionContext.shutdown(); p.context.model.dirty = false; p.dispose(); }}""")


def _open(page, lab, path: str, kernel: bool = True) -> None:
    page.evaluate(f"async p => {{ await {JS_APP}.commands.execute('docmanager:open', {{path: p}}); return true; }}", path)
    page.wait_for_function(f"{JS_PANEL} && {JS_PANEL}.context && {JS_PANEL}.context.path === {json.dumps(path)}",
                           timeout=60_000)
    page.wait_for_function(f"""(() => {{ const cells = {JS_PANEL}.content.widgets.filter(c => c.model.type === 'markdown');
        return cells.length > 0 && cells.every(c => c.rendered) && {JS_PANEL}.node.querySelector('.jp-MarkdownCell h1'); }})()""",
                           timeout=60_000)
    # jupyterlab-myst renders asynchronously: wait until the number of non-empty rendered cells settles
    js = "[...document.querySelectorAll('.jp-MarkdownCell .jp-Cell-inputArea')].filter(a => a.innerText.trim()).length"
    last, stable, deadline = -1, 0, time.monotonic() + 60
    while stable < 4 and time.monotonic() < deadline:
        n = page.evaluate(js)
        stable = stable + 1 if n == last and n > 0 else 0
        last = n
        time.sleep(0.25)
    if not kernel:
        return
    page.wait_for_function(f"{JS_PANEL}.sessionContext.session && {JS_PANEL}.sessionContext.session.kernel"
                           f" && {JS_PANEL}.sessionContext.session.kernel.status === 'idle'", timeout=60_000)


def _open_and_run(page, lab, path: str) -> None:
    t0 = time.perf_counter()
    _open(page, lab, path)
    page.evaluate(f"{JS_APP}.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"""(() => {{ const p = {JS_PANEL}; const k = p.sessionContext.session.kernel;
              const code = p.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
              return k.status === 'idle' && code.every(c => c.model.executionCount !== null
                  && !c.node.querySelector('.jp-InputPrompt').textContent.includes('*')); }})()""",
        timeout=180_000, polling=250)
    print(f"{path}: opened and ran in {time.perf_counter() - t0:.1f} s")


def _check_notebook(page, lab, path: str) -> None:
    _open_and_run(page, lab, path)
    _check_open_notebook(page, path)


def _markdown_reads_cleanly(page, path: str) -> None:
    md = page.evaluate("""[...document.querySelectorAll('.jp-MarkdownCell')].map(c => {
        const r = c.querySelector('.jp-Cell-inputArea'); return r ? r.innerText : ''; })""")
    assert sum(bool(t.strip()) for t in md) > len(md) // 2, f"{path} : cellules markdown non rendues"
    raw = [(i, m.group(0), t[max(0, m.start() - 40): m.end() + 40]) for i, t in enumerate(md)
           for m in [RAW_MYST.search(t)] if m]
    assert raw == [], f"{path} : MyST brut dans les cellules rendues : {raw[:5]}"


def _french_and_offline(page) -> None:
    # The interface is in French (language pack + the locale set by build_tools/lab/overrides.json).
    assert page.evaluate("document.documentElement.lang").startswith("fr")
    menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
    assert "Fichier" in menus and "Édition" in menus, f"menus : {menus}"
    assert page.external_requests == [], f"requêtes vers d’autres hôtes : {page.external_requests}"


def _check_open_notebook(page, path: str) -> None:
    errors = page.evaluate(f"""{JS_PANEL}.content.widgets.filter(c => c.model.type === 'code')
        .flatMap((c, i) => c.model.outputs.toJSON().filter(o => o.output_type === 'error')
        .map(o => c.model.sharedModel.getSource().slice(0, 60) + ' -> ' + o.ename + ': ' + o.evalue))""")
    assert errors == [], f"{path} : sorties d’erreur {errors}"

    _markdown_reads_cleanly(page, path)
    outputs = page.evaluate("[...document.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n')")
    m = RAW_MYST.search(outputs)
    assert m is None, f"{path} : MyST brut dans une sortie : {outputs[max(0, m.start() - 60): m.end() + 60]!r}"

    assert page.locator(".jp-OutputArea-output .mesocours-objectifs").count() == 1, f"{path} : pas d’encadré d’objectifs"
    assert "Objectifs d’apprentissage" in outputs
    assert page.locator(".jp-OutputArea-output .jupyter-widgets.widget-container").count() > 0, \
        f"{path} : aucune vue de widget"
    quiz = page.locator(".jp-OutputArea-output .jupyter-widgets button", has_text="Vérifier")
    assert quiz.count() >= 8, f"{path} : le quiz du chapitre n’est pas affiché en widget"

    stem = Path(path).stem
    if stem in REDRAW:
        label, value = REDRAW[stem]
        field = page.locator(".widget-text", has=page.locator("label", has_text=label)).first
        box = page.locator(".jp-OutputArea-output", has=field).first
        img = box.locator("img").first
        before = img.get_attribute("src")
        field.locator("input").fill(value)
        field.locator("input").press("Enter")
        deadline = time.monotonic() + 20
        while img.get_attribute("src") == before:  # the <img> is replaced: re-read it through the locator
            assert time.monotonic() < deadline, f"{path} : la figure n’a pas été redessinée après « {label} » = {value}"
            time.sleep(0.1)

    _french_and_offline(page)


@pytest.mark.parametrize("path", CHAPTERS)
def test_student_notebook_runs_and_reads_cleanly_in_jupyterlab(page, lab, path):
    """The notebook a student is given (`make student`, `make lab STUDENT=1`): every cell run."""
    student = (STUDENT_DIR / Path(path).relative_to("notebooks")).relative_to(ROOT).as_posix()
    _check_notebook(page, lab, student)


@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_notebook_reads_cleanly_in_jupyterlab(page, lab, path):
    """The source notebook as `make lab` opens it, solutions included (its cells run under nbval)."""
    _open(page, lab, path, kernel=False)
    _markdown_reads_cleanly(page, path)
    # stored outputs: the objectives box is shown before anything is run
    assert page.locator(".jp-OutputArea-output .mesocours-objectifs").count() == 1, f"{path} : pas d’objectifs"
    _french_and_offline(page)
