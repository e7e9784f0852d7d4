"""The diffusion figure: percentages of the dose, axes that stay put when only the dose changes."""

from __future__ import annotations

import numpy as np

from mesocours.models.diffusion import Parameters, simulate
from mesocours.plots.diffusion import DiffusionView, diffusion_figure


def test_curves_are_drawn_as_percent_of_the_dose():
    sim = simulate(250, "iv", 24)
    fig = diffusion_figure(sim)
    view_lines = [ln for ax in fig.axes for ln in ax.get_lines() if len(ln.get_xdata()) == len(sim.times)]
    plasma_iv = next(ln for ln in view_lines if np.isclose(ln.get_ydata()[0], 100))
    assert np.allclose(plasma_iv.get_ydata(), sim.curve("iv", "plasma") * 100 / 250)
    labels = [ax.get_ylabel() for ax in fig.axes]
    assert labels == ["tissu local (% de la dose)", "plasma (% de la dose)"]


def test_the_two_routes_differ_by_line_style_and_marker_not_only_colour():
    view = DiffusionView(live=False)
    view.draw(simulate(100, "im", 24))
    a, b = view.lines["plasma", "id"], view.lines["plasma", "cmp"]
    assert a.get_linestyle() != b.get_linestyle() and a.get_marker() != b.get_marker()
    texts = [t.get_text() for t in view.legend.get_texts()]
    assert texts == ["Intradermique (dépôt)", "Intramusculaire (bolus)"]


def test_changing_only_the_dose_reuses_the_cached_background():
    view = DiffusionView()
    first = view.png(simulate(100, "iv", 24))
    misses = view.live.misses
    second = view.png(simulate(40, "iv", 24))
    assert view.live.misses == misses  # same axes: only the title and the peak labels moved
    assert first != second
    view.png(simulate(100, "iv", 24, Parameters(k_dl=0.05, k_dp=0.05)))
    assert view.live.misses == misses + 1  # a much lower peak snaps the axis to another limit
