"""Playwright + Debian chromium, headless, on the built book served from 127.0.0.1.

One HTTP server and one chromium serve the whole browser stage (both session-scoped), whatever the
number of pages. Fixtures:

- ``site_url``: base URL of the built book (ends with /).
- ``page``: a fresh page in a fresh context (empty storage), for tests that click, type or reload. Every
  request to a host other than 127.0.0.1 is aborted and recorded in ``page.external_requests``;
  uncaught errors of our pages go to ``page.page_errors``.
- ``built_page``: one built page, loaded once and shared by every test that reads it: the fixture is
  parametrized over every page of the build (``tests/browser/pages.py``) with session scope, so pytest
  runs all the per-page tests of one page one after another on a single load, then closes it. The page is
  settled (``load`` fired, saved widgets rendered) before the first test; ``built_page.rel`` is its path.
  A per-page check therefore costs one page load per page, not one per check: write it as a test taking
  ``built_page`` (read-only: a test that changes the page uses ``page``). To run on a subset, parametrize
  it indirectly: ``@pytest.mark.parametrize("built_page", widget_pages(), indirect=True)``.
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

from tests.browser.pages import has_widgets, site_pages

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# Errors that are not ours: sphinx-thebe declares THEBE_JS_URL twice (TOOLCHAIN.md).
FOREIGN_ERRORS = ("THEBE_JS_URL",)


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


def _new_page(browser):
    """A page in its own context: foreign requests aborted and counted, page errors of ours recorded."""
    context = browser.new_context(locale="fr-FR")
    pg = context.new_page()
    pg.external_requests = []
    pg.page_errors = []

    def route(r):
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            r.continue_()
        else:
            pg.external_requests.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("pageerror", lambda exc: None if any(f in str(exc) for f in FOREIGN_ERRORS) else pg.page_errors.append(str(exc)))
    return context, pg


@pytest.fixture
def page(browser):
    context, pg = _new_page(browser)
    yield pg
    context.close()


@pytest.fixture(scope="session", params=site_pages(), ids=str)
def built_page(request, browser, site_url):
    rel = request.param
    context, pg = _new_page(browser)
    pg.rel = rel
    pg.goto(site_url + rel, wait_until="load")
    if has_widgets(rel):
        pg.wait_for_selector(".jupyter-widgets", timeout=15000)
        pg.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=15000)
    pg.wait_for_timeout(150)
    yield pg
    context.close()
