"""Every widget's update is no slower than drawing one new bare matplotlib figure (the floor).

Measured in this process by ``mesocours.widgets.perf.measure``: after a warm-up, floor draws and
widget updates alternate, so a busy machine slows both alike; the medians are compared. A first short
measure (10 of each) settles a widget that is clearly faster (at most 0.6 × the floor); any other widget is
measured again on 30 of each and must be no slower than the floor. Every timed update really redraws
(``measure`` fails otherwise).
"""

import pytest

from mesocours.widgets.common import all_widgets
from mesocours.widgets.perf import draw_floor_figure, floor_ms, measure

WIDGETS = all_widgets()
CLEARLY_FASTER = 0.6  # after the short measure: no need for the long one


def test_floor_is_a_real_figure():
    png = draw_floor_figure()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    assert floor_ms(3) > 0


@pytest.mark.parametrize("cls", WIDGETS, ids=[c.__name__ for c in WIDGETS])
def test_update_no_slower_than_a_new_figure(cls):
    result = measure(cls, n=10, warmup=5)
    if result["ratio"] <= CLEARLY_FASTER:
        return
    result = measure(cls, n=30, warmup=10)
    assert result["ratio"] <= 1.0, (
        f"{cls.__name__}: median update {result['median_ms']:.0f} ms, floor {result['floor_ms']:.0f} ms "
        f"(ratio {result['ratio']:.2f})")
