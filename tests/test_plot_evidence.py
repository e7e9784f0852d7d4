"""Figures of the evidence part: they draw the models' numbers, never a copy."""

import pytest

from mesocours.models.evidence_map import evidence_map
from mesocours.models.sample_size import detectable_difference, sample_size, trials
from mesocours.models.uncontrolled import simulate
from mesocours.plots.evidence_map import evidence_map_figure, marker_size
from mesocours.plots.sample_size import SampleSizeView
from mesocours.plots.uncontrolled import UncontrolledView


def test_sample_size_points_sit_on_the_curve():
    r = sample_size("10", "20", "5", "80")
    view = SampleSizeView(live=False)
    view.draw(r)
    assert view.chosen.get_data()[1][0] == 63
    xs, ys = view.points.get_data()
    assert len(xs) == len(trials())
    assert xs[0] == pytest.approx(detectable_difference(trials()[0].per_group, 20, 0.05, 0.8))
    assert "63 patients par groupe" in view.note.get_text()


def test_sample_size_live_view_reuses_its_axes():
    view = SampleSizeView()
    a = view.png(sample_size("10", "20", "5", "80"))
    b = view.png(sample_size("12", "20", "5", "80"))
    assert a != b and view.live.misses == 1


def test_uncontrolled_view_draws_both_designs():
    s = simulate()
    view = UncontrolledView(live=False)
    view.draw(s)
    assert view.means.get_data()[1][0] == pytest.approx(s.baseline.mean)
    assert view.active.get_data()[1][0] == pytest.approx(s.active_change.mean)
    assert "différence" in view.trial_text.get_text()
    big = simulate(effect="50", placebo="50")
    assert view.limits(big)[1][1] >= big.active_change.high


def test_evidence_map_rows_and_gaps_are_labelled():
    m = evidence_map("rhumatologie")
    fig = evidence_map_figure(m)
    ax = fig.axes[0]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == [r.indication for r in m.rows]
    texts = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert "aucun essai contre procédure fictive" in texts
    assert marker_size(512) > marker_size(10) > marker_size(None)
