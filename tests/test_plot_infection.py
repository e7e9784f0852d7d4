"""The infection-risk figure: the curve is the model's, the markers sit on it, the bands come from data."""

import pytest

from mesocours.models.infection import at_least_one, risk, session_sizes
from mesocours.plots.infection import RiskView, percent, risk_figure, x_limit


def test_curve_and_markers_are_the_model():
    r = risk("0,1", "200", "4")
    view = RiskView(live=False)
    view.draw(r)
    xs, ys = view.curve.get_data()
    assert ys[-1] == pytest.approx(100 * at_least_one(0.001, xs[-1]))
    assert view.session.get_data()[1][0] == pytest.approx(100 * r.per_session)
    assert view.protocol.get_data()[0][0] == 800
    assert len(view.bands) == len(session_sizes())
    assert "0,1" in view.title.get_text() and "indépendantes" in view.title.get_text()


def test_one_session_has_no_protocol_marker_and_big_protocols_widen_the_axis():
    view = RiskView(live=False)
    view.draw(risk("1", "10", "1"))
    assert len(view.protocol.get_data()[0]) == 0
    assert x_limit(risk("1", "9000", "4")) > 36_000
    assert risk_figure(risk("1", "9000", "4")).axes[0].get_xlim()[1] > 36_000


def test_percent_keeps_small_values_readable():
    assert percent(0.0001) == "0,01\u00a0%"
    assert percent(0.5).startswith("50")


def test_live_view_reuses_its_axes():
    view = RiskView()
    a = view.png(risk("0,01", "6", "1"))
    b = view.png(risk("0,1", "6", "1"))
    assert a != b and view.live.misses == 1
