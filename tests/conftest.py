import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book; tests that need it fail (not skip) when it is missing."""
    if not (HTML / "index.html").exists():
        pytest.fail("_build/html manque : construisez le livre (make book) avant ces tests")
    return HTML
