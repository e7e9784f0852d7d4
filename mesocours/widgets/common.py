"""Helpers shared by the widgets: French text fields, an alert area, figure output.

A widget is a thin view: ``update()`` reads the controls, calls the model, and either redraws
or shows the model's French message in an ``role="alert"`` area, keeping the previous figure.
Models raise exactly one exception type for bad input, :class:`~mesocours.numbers.InputError`;
anything else is a bug: it is logged and the learner reads a generic French message.

Every :class:`View` subclass defined in a module of this package is a widget: ``all_widgets()``
finds them (tests drive each one through its controls without knowing it). A widget must be
constructible with no argument, and its controls must carry a French ``description`` (their
accessible name: the widget manager links the label to the input).
"""

from __future__ import annotations

import html
import importlib
import logging
import pkgutil
import time
from collections import OrderedDict
from contextlib import contextmanager
from collections.abc import Callable, Hashable

import ipywidgets as widgets
from matplotlib.figure import Figure

from mesocours.numbers import NBSP, Field, InputError, fr
from mesocours.plots.style import png_img_html, to_png

LOG = logging.getLogger("mesocours.widgets")
GENERIC_ERROR = f"Calcul impossible avec ces valeurs{NBSP}: vérifiez les champs."

STYLE = {"description_width": "initial"}


def text_field(description: str, value: str, placeholder: str = "") -> widgets.Text:
    return widgets.Text(value=value, description=description, placeholder=placeholder, style=STYLE,
                        continuous_update=False, layout=widgets.Layout(width="auto"))


def alert_html(message: str) -> str:
    if not message:
        return ""
    return (f'<div role="alert" style="color:#8a1c1c;border-left:4px solid #8a1c1c;padding:4px 8px">'
            f"{html.escape(message)}</div>")


def status_html(text: str) -> str:
    return f'<div role="status" aria-live="polite">{text}</div>'


def fr_or_dash(x, digits: int = 2, unit: str | None = None) -> str:
    return "non calculé" if x is None else fr(x, digits, unit)


DISPLAY_ONLY = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Image, widgets.Output)


def _leaves(items) -> list[widgets.Widget]:
    """Every control a learner can set inside boxes, recursively (display-only widgets left out)."""
    out: list[widgets.Widget] = []
    for w in items:
        if isinstance(w, DISPLAY_ONLY):
            continue
        if hasattr(w, "value"):
            out.append(w)
        elif hasattr(w, "children"):
            out.extend(_leaves(w.children))
    return out


class View(widgets.VBox):
    """Base: ``message`` (alert), ``result`` (status), ``figure`` (img with alt), ``caption`` (sources)."""

    # ((attribute path, [values]), ...): updates the benchmark cycles through, each changing the figure
    BENCH: tuple = ()
    # figure views kept for the last selections (each a LiveFigure with its cached backgrounds): cached_view
    VIEWS = 6
    _silent = False  # set by silently(): the widget changes its own controls, no update per change

    @contextmanager
    def silently(self):
        """Change controls from the widget's own code (new options, a reset) without an update for each change."""
        previous, self._silent = self._silent, True
        try:
            yield
        finally:
            self._silent = previous

    def cached_view(self, key: Hashable, build: Callable[[], object]):
        """The view of the selection ``key``, built by ``build()`` once and kept for the last ``VIEWS`` keys."""
        views = self.__dict__.setdefault("_views", OrderedDict())
        if key in views:
            views.move_to_end(key)
        else:
            views[key] = build()
            while len(views) > self.VIEWS:
                views.popitem(last=False)
        return views[key]

    def __init__(self, controls: list[widgets.Widget], **kwargs):
        self.message = widgets.HTML(value="")
        self.result = widgets.HTML(value="")
        self.figure = widgets.HTML(value="")
        self.caption = widgets.HTML(value="")
        self.last_render_ms: float | None = None
        self.renders = 0  # successful redraws (tests: a valid input redraws)
        self.controls = _leaves(controls)
        super().__init__(children=[*controls, self.message, self.result, self.figure, self.caption], **kwargs)
        for w in self.controls:
            w.observe(lambda _change: None if self._silent else self.update(), names="value")

    # subclasses implement compute() -> (figure or PNG bytes, alt, result_html, caption_html)
    def compute(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def update(self) -> bool:
        """Redraw from the controls; on bad input show the message and keep the last figure."""
        t0 = time.perf_counter()
        try:
            fig, alt, result, caption = self.compute()
            png = to_png(fig) if isinstance(fig, Figure) else fig
        except InputError as err:
            self.message.value = alert_html(str(err))
            return False
        except Exception:  # never a traceback in front of a learner; a bug: logged for us
            LOG.exception("%s: unexpected error with controls %r", type(self).__name__,
                          [(c.description, c.value) for c in self.controls])
            self.message.value = alert_html(GENERIC_ERROR)
            return False
        self.figure.value = png_img_html(png, alt)
        self.result.value = status_html(result)
        self.caption.value = caption
        self.message.value = ""
        self.last_render_ms = (time.perf_counter() - t0) * 1000
        self.renders += 1
        return True


def read_number(control: widgets.Widget, field: Field) -> float:
    """The number in a control, checked by the model's Field (its message names the quantity)."""
    return field.parse(control.value)


def read_optional(control: widgets.Widget, field: Field):
    """Like read_number, but a blank control means « not given » (None)."""
    if not str(control.value).strip():
        return None
    return read_number(control, field)


def scenario(name: str, scenarios: dict):
    """The entry of a named static scenario; a French InputError listing the known names otherwise."""
    if name not in scenarios:
        raise InputError(f"Scénario inconnu « {name} »{NBSP}: choisissez parmi {', '.join(scenarios)}.")
    return scenarios[name]


def all_widgets() -> list[type]:
    """Every widget class of mesocours.widgets (View subclasses of its modules), in module order."""
    import mesocours.widgets as package

    found: list[type] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, View) and obj is not View
                    and obj.__module__ == module.__name__ and obj not in found):
                found.append(obj)
    return found
