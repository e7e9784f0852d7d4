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
