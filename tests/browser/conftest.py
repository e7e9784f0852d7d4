"""Playwright + Debian chromium, headless, on the built book served from 127.0.0.1.

Fixtures: ``site_url`` (base URL, ends with /), ``page`` (a fresh page; every request to a host other
than 127.0.0.1 is recorded in ``page.external_requests`` and fails; uncaught errors of our pages in
``page.page_errors``, console messages of type error in ``page.console_errors``). No error is allow-listed.

``crawl_page``: the same checks on one tab reused across a module's tests (storage cleared at every visit).

Requests are watched, not intercepted: Playwright's ``page.route`` disables the HTTP cache and sends every
request through Python, so each page visit downloaded and compiled the theme, MathJax and the widget bundle
again (measured: 0,7 s of CPU per page). Chromium sends everything not addressed to the loopback to a proxy
that does not exist (``BLOCK_OTHER_HOSTS``): a request to another host fails, and the ``request`` event
records it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
# Chromium never sends loopback requests to a proxy: the book (127.0.0.1) loads, every other host fails
BLOCK_OTHER_HOSTS = "--proxy-server=http://127.0.0.1:9"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 BLOCK_OTHER_HOSTS]


def is_external(url: str) -> bool:
    """A request to another host than the book's server (data:, blob: and about: URLs are the page's own)."""
    return not url.startswith(("data:", "blob:", "about:")) and urlparse(url).hostname != "127.0.0.1"


def watch_requests(pg) -> None:
    """Record in ``pg.external_requests`` every request of the page (workers included) to another host."""
    pg.external_requests = []
    pg.on("request", lambda req: pg.external_requests.append(req.url) if is_external(req.url) else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_url():
    if not (HTML / "index.html").exists():
        pytest.fail("_build/html manque : construisez le livre (make book) avant les tests navigateur")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(HTML)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser():
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.fail("chromium est introuvable : apt-get install chromium (Debian), voir README")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _instrument(pg):
    """Record requests to other hosts (which fail: ``BLOCK_OTHER_HOSTS``), page errors and console errors."""
    watch_requests(pg)
    pg.page_errors = []
    pg.console_errors = []
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))
    pg.on("console", lambda msg: pg.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")
          if msg.type == "error" else None)
    return pg


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    yield _instrument(context.new_page())
    context.close()


@pytest.fixture(scope="module")
def _crawl_context(browser):
    context = browser.new_context(locale="fr-FR")
    # every visit is a first visit (no stored theme mode or score), but the HTTP and code caches are shared
    context.add_init_script("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}")
    pg = _instrument(context.new_page())
    yield pg
    context.close()


@pytest.fixture
def crawl_page(_crawl_context):
    """Like ``page``, but one tab reused by the tests of a module (faster for a visit of every page)."""
    pg = _crawl_context
    pg.external_requests.clear()
    pg.page_errors.clear()
    pg.console_errors.clear()
    return pg
