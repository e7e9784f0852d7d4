"""The one-way flow of the package, enforced: data -> models -> plots -> widgets.

Every ``import`` statement of a module (at top level or inside a function) is read from its source with
``ast``; a module of a layer may not import what the layer above it is made of. The checker is run on
the real package and on a small planted tree, so that a deliberate violation is seen to fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mesocours"

UI = ("ipywidgets", "IPython", "matplotlib")

#: layer (a subpackage or module of mesocours) -> what it must never import (module prefixes)
RULES: dict[str, tuple[str, ...]] = {
    "mesocours.numbers": ("mesocours.data", "mesocours.models", "mesocours.plots", "mesocours.widgets", *UI),
    "mesocours.data": ("mesocours.models", "mesocours.plots", "mesocours.widgets", "mesocours.quiz",
                       "mesocours.sphinxext", "mesocours.selfcheck", *UI),
    "mesocours.models": ("mesocours.plots", "mesocours.widgets", "mesocours.quiz", "mesocours.sphinxext", *UI),
    "mesocours.plots": ("mesocours.widgets", "mesocours.quiz", "mesocours.sphinxext", "ipywidgets", "IPython"),
}


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((node.lineno, target))
            # ``from mesocours import widgets`` imports the subpackage itself
            out.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names)
    return out


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(package: Path, rules: dict[str, tuple[str, ...]] = RULES) -> list[str]:
    """Every import that breaks a layer rule, as « file:line: module imports forbidden »."""
    found: list[str] = []
    for path in sorted(package.rglob("*.py")):
        module = _module_name(path, package)
        for layer, forbidden in rules.items():
            if not _matches(module, layer):
                continue
            for line, target in _imports(path, module):
                for bad in forbidden:
                    if _matches(target, bad):
                        found.append(f"{path.relative_to(package.parent)}:{line}: {module} importe {target}")
    return sorted(set(found))


def test_the_package_follows_the_one_way_flow():
    assert violations(PACKAGE) == []


def test_every_layer_of_the_rules_exists():
    """A renamed layer must not silently switch its rule off."""
    for layer in RULES:
        rel = Path(*layer.split("."))
        assert (ROOT / rel).is_dir() or (ROOT / rel).with_suffix(".py").is_file(), layer


@pytest.mark.parametrize(
    ("rel", "source", "expected"),
    [
        ("models/bad.py", "import matplotlib.pyplot as plt\n", "mesocours.models.bad importe matplotlib.pyplot"),
        ("models/bad.py", "def f():\n    import ipywidgets\n", "mesocours.models.bad importe ipywidgets"),
        ("models/bad.py", "from ..plots import depth\n", "mesocours.models.bad importe mesocours.plots"),
        ("plots/bad.py", "from mesocours import widgets\n", "mesocours.plots.bad importe mesocours.widgets"),
        ("data/bad.py", "from mesocours.models.depth import x\n", "mesocours.data.bad importe mesocours.models.depth"),
    ],
)
def test_a_deliberate_violation_is_caught(tmp_path, rel, source, expected):
    pkg = tmp_path / "mesocours"
    for sub in ("data", "models", "plots", "widgets"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "models" / "ok.py").write_text("from mesocours.data import course\nfrom . import ok\n")
    (pkg / "widgets" / "ok.py").write_text("import ipywidgets\nfrom mesocours.plots import depth\n")
    assert violations(pkg) == []
    (pkg / rel).write_text(source)
    found = violations(pkg)
    assert len(found) >= 1 and any(expected in f for f in found), found
