"""Helpers shared by the widgets: French text fields, an alert area, figure output.

A widget is a thin view: ``update()`` reads the controls, calls the model, and either redraws
or shows the model's French message in an ``role="alert"`` area, keeping the previous figure.
"""

from __future__ import annotations

import html
import time

import ipywidgets as widgets

from mesocours.numbers import InputError, fr
from mesocours.plots.style import png_img_html, to_png

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


def _leaves(items) -> list[widgets.Widget]:
    """Every value-carrying control inside boxes, recursively."""
    out: list[widgets.Widget] = []
    for w in items:
        if hasattr(w, "value"):
            out.append(w)
        elif hasattr(w, "children"):
            out.extend(_leaves(w.children))
    return out


class View(widgets.VBox):
    """Base: ``message`` (alert), ``result`` (status), ``figure`` (img with alt), ``caption`` (sources)."""

    def __init__(self, controls: list[widgets.Widget], **kwargs):
        self.message = widgets.HTML(value="")
        self.result = widgets.HTML(value="")
        self.figure = widgets.HTML(value="")
        self.caption = widgets.HTML(value="")
        self.last_render_ms: float | None = None
        super().__init__(children=[*controls, self.message, self.result, self.figure, self.caption], **kwargs)
        for w in _leaves(controls):
            w.observe(lambda _change: self.update(), names="value")

    # subclasses implement compute() -> (figure, alt, result_html, caption_html)
    def compute(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def update(self) -> bool:
        """Redraw from the controls; on bad input show the message and keep the last figure."""
        t0 = time.perf_counter()
        try:
            fig, alt, result, caption = self.compute()
        except InputError as err:
            self.message.value = alert_html(str(err))
            return False
        except Exception:  # never a traceback in front of a learner
            self.message.value = alert_html("Calcul impossible avec ces valeurs : vérifiez les champs.")
            return False
        self.figure.value = png_img_html(to_png(fig), alt)
        self.result.value = status_html(result)
        self.caption.value = caption
        self.message.value = ""
        self.last_render_ms = (time.perf_counter() - t0) * 1000
        return True


def read_number(field: widgets.Text, **bounds) -> float:
    """Parse a Text control; the French message names the control."""
    from mesocours.numbers import parse_number

    try:
        return parse_number(field.value, **bounds)
    except InputError as err:
        raise InputError(f"{field.description} : {err}") from None


def read_optional(field: widgets.Text, **bounds):
    """Like read_number, but a blank field means « not given » (None)."""
    if not str(field.value).strip():
        return None
    return read_number(field, **bounds)


def scenario(name: str, scenarios: dict):
    """The entry of a named static scenario; a French InputError listing the known names otherwise."""
    if name not in scenarios:
        raise InputError(f"Scénario inconnu « {name} » : choisissez parmi {', '.join(scenarios)}.")
    return scenarios[name]
