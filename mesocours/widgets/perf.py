"""How fast a widget answers, measured against a floor drawn in the same process.

The floor is what a design that builds a new figure on every change cannot beat: one new bare
matplotlib figure (6 × 4 in at matplotlib's default resolution, one line, two labelled axes)
rendered to PNG. A widget update is one control set as a learner would (``control.value = …``),
through the model, to the new ``<img>`` in the widget's figure area.

``measure(factory, n)`` interleaves the two (floor, update, floor, update…) so that whatever
else the machine is doing slows both alike, after a warm-up, and returns the medians and their
ratio. Both the unit tests (ratio ≤ 1) and ``make bench`` use it.
"""

from __future__ import annotations

import io
import statistics
import time
from typing import Callable

from matplotlib.figure import Figure

_X = list(range(20))
_Y = [x * x / 20 for x in _X]


def draw_floor_figure() -> bytes:
    """One new bare figure to PNG: the floor's unit of work."""
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(_X, _Y)
    ax.set_xlabel("temps (s)")
    ax.set_ylabel("valeur")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def floor_ms(n: int = 15) -> float:
    """Median time (ms) to draw one new bare figure to PNG, in this process now."""
    draw_floor_figure()
    return statistics.median(_timed(draw_floor_figure) for _ in range(n))


def _resolve(widget, path: str):
    obj = widget
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _cycle(control, values):
    """Values to cycle through: those given, or every option of a selection control."""
    if values is not None:
        return list(values)
    options = [v for _, v in control.options] if control.options and isinstance(control.options[0], tuple) \
        else list(control.options)
    if isinstance(control.value, tuple):  # SelectMultiple: neighbouring pairs, then singles
        return [tuple(options[i:i + 2]) for i in range(len(options) - 1)] + [(o,) for o in options]
    return options


def steps(widget):
    """An endless sequence of (control, value) updates from the widget's BENCH, round robin."""
    plans = [(_resolve(widget, path), _cycle(_resolve(widget, path), values)) for path, values in widget.BENCH]
    if not plans:
        raise ValueError(f"{type(widget).__name__} has no BENCH: say which updates change its figure")
    position = [0] * len(plans)
    k = 0
    while True:
        i = k % len(plans)
        control, values = plans[i]
        for _ in range(len(values)):
            value = values[position[i] % len(values)]
            position[i] += 1
            if value != control.value:
                break
        k += 1
        yield control, value


def measure(widget_factory: Callable[[], object], n: int = 100, warmup: int = 10) -> dict:
    """Median and 95th percentile of ``n`` updates (ms), the floor's median, their ratio.

    Every update must redraw (a valid value that changes the figure): one that does not is an
    error in the widget's BENCH, not a fast update.
    """
    widget = widget_factory()
    gen = steps(widget)

    def one_update() -> float:
        control, value = next(gen)
        before = widget.figure.value
        t = _timed(lambda: setattr(control, "value", value))
        if widget.message.value or widget.figure.value == before:
            raise AssertionError(f"{type(widget).__name__}: setting {control.description!r} to {value!r} did not "
                                 f"redraw ({widget.message.value or 'same figure'})")
        return t

    for _ in range(warmup):
        draw_floor_figure()
        one_update()
    floors, updates = [], []
    for _ in range(n):
        floors.append(_timed(draw_floor_figure))
        updates.append(one_update())
    median = statistics.median(updates)
    floor = statistics.median(floors)
    p95 = statistics.quantiles(updates, n=20)[-1] if n >= 2 else updates[0]
    return {"median_ms": median, "p95_ms": p95, "floor_ms": floor, "ratio": median / floor, "n": n}
