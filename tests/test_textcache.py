"""The text cache (mesocours/plots/textcache.py) draws exactly the pixels matplotlib draws without it."""

from __future__ import annotations

import importlib
import io
import pkgutil

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import mesocours.plots
import mesocours.widgets
from mesocours.plots import textcache
from mesocours.widgets.common import all_widgets
from mesocours.widgets.perf import steps

WIDGETS = all_widgets()


def test_installed_for_the_pinned_matplotlib():
    """A matplotlib upgrade turns the cache off: read its backend_agg text path, then add it to VERIFIED."""
    assert textcache.supported(), (f"matplotlib {matplotlib.__version__} is not in textcache.VERIFIED: compare "
                                   "RendererAgg.draw_text and _draw_text_glyphs_and_boxes with textcache's copies")
    assert textcache.installed()


def _clear_caches() -> None:
    """Every lru_cache of the widgets and plots (a figure cached as PNG would hide what is compared)."""
    for package in (mesocours.widgets, mesocours.plots):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for obj in vars(module).values():
                if callable(getattr(obj, "cache_clear", None)):
                    obj.cache_clear()
    textcache.clear()


def _figures(cls, n: int = 3) -> list[str]:
    _clear_caches()
    w = cls()
    shown = [w.figure.value]
    gen = steps(w)
    for _ in range(n):
        control, value = next(gen)
        control.value = value
        shown.append(w.figure.value)
    return shown


@pytest.mark.parametrize("cls", WIDGETS, ids=[c.__name__ for c in WIDGETS])
def test_every_widget_figure_is_the_same_with_and_without_the_cache(cls):
    with textcache.disabled():
        reference = _figures(cls)
    assert _figures(cls) == reference


def _text_figure() -> bytes:
    fig = Figure(figsize=(4, 3), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title("Séances cumulées : 12 (évaluation)", fontsize=10)
    ax.set_ylabel("douleur (EVA, mm)")
    for i, angle in enumerate((0, 30, 90, -45, 180)):
        ax.text(0.1 + 0.15 * i, 0.3 + 0.1 * i, f"angle {angle}° « 0,5 mL »", rotation=angle, fontsize=7 + i)
    ax.text(0.05, 0.9, "sans lissage 1,25 mm", antialiased=False, fontsize=9)
    ax.text(0.5, 0.85, r"$\frac{C_1 V_1}{V_2} = \sqrt{x^2}$", fontsize=11)
    ax.text(0.3, 0.6, "gras italique", fontweight="bold", fontstyle="italic")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def test_rotated_mono_math_and_bold_text_are_the_same():
    with textcache.disabled():
        reference = _text_figure()
    textcache.clear()
    before = dict(textcache.stats)
    cold, warm = _text_figure(), _text_figure()
    assert cold == reference and warm == reference
    assert textcache.stats["glyph_hits"] > before["glyph_hits"] and textcache.stats["layout_hits"] > before["layout_hits"]


def test_disabled_restores_matplotlib_then_the_cache():
    from matplotlib.backends.backend_agg import RendererAgg

    with textcache.disabled():
        assert RendererAgg.draw_text is textcache._ORIGINAL["draw_text"]
    assert RendererAgg.draw_text is textcache.draw_text
