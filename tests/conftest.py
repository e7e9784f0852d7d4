import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("MPLBACKEND", "Agg")

# No per-example deadline: make test runs the unit tests at a lower priority beside the book build and the
# browser (build_tools/run_tests.py), where one example may wait for the CPU far longer than hypothesis's 200 ms
# (a DeadlineExceeded was seen there); the examples themselves are unchanged.
settings.register_profile("mesocours", deadline=None)
settings.load_profile("mesocours")

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book; tests that need it fail (not skip) when it is missing."""
    if not (HTML / "index.html").exists():
        pytest.fail("_build/html manque : construisez le livre (make book) avant ces tests")
    return HTML


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope`` for the browser stage: a test file is one unit (JupyterLab, the PDF, the mock exam set up
    once on one worker), except the page checks, each page its own unit so that the workers share them.
    Units go out largest first (xdist's ``--loadscope-reorder``, on by default): JupyterLab and the PDF start at once.
    (``--dist loadgroup`` with ``xdist_group`` marks was tried twice: pytest-xdist 3.8 sent one group's tests to
    every worker here.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class PagesApart(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return nodeid if path.endswith("browser/test_pages.py") else path

    return PagesApart(config, log)
