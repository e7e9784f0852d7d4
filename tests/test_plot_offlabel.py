"""The check-list figure: one row per product, each verdict said in words and by a hatch, not by colour alone."""

from mesocours.models.offlabel import checklist
from mesocours.plots.offlabel import CELL_STYLES, REGIME_STYLES, OfflabelView, offlabel_figure


def texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def test_one_row_per_product_with_words_for_each_verdict():
    result = checklist(["procaine", "piroxicam"], "tendinopathie")
    shown = " ".join(texts(offlabel_figure(result)))
    assert "Procaïne (chlorhydrate)" in shown and "Piroxicam injectable" in shown
    assert "✓ prévu par l’AMM" in shown and "✗ hors AMM" in shown and "Tendinopathies" in shown


def test_verdicts_differ_by_hatch_or_words_not_colour_alone():
    words = [w for w, _, _ in CELL_STYLES.values()]
    assert len(set(words)) == len(words)
    hatches = {h for _, _, h in CELL_STYLES.values() if h}
    assert len(hatches) >= 3
    assert {h for _, h in REGIME_STYLES.values()} - {""}


def test_a_stopped_checklist_says_so_in_the_title():
    result = checklist(["phosphatidylcholine"], "graisse_localisee")
    assert any("check-list arrêtée" in t for t in texts(offlabel_figure(result)))


def test_live_view_redraws_in_place():
    a = checklist(["procaine"], "tendinopathie")
    b = checklist(["procaine"], "lombalgie")
    view = OfflabelView(["Procaïne (chlorhydrate)"])
    first, second = view.png(a), view.png(b)
    assert first != second and view.live.misses == 1
