"""The screening figure says each count in words and by a hatch (never colour alone)."""

from mesocours.models.screening import screen
from mesocours.plots.screening import GENERAL_ROW, ScreeningView, cell_text, counts, rows_of, screening_figure


def test_rows_and_counts_follow_the_result():
    result = screen(["grossesse", "anticoagulant"], ["procaine", "thiocolchicoside", "piroxicam"])
    assert rows_of(result)[-1] == GENERAL_ROW and len(rows_of(result)) == 4
    view = ScreeningView(rows_of(result), live=False)
    view.draw(result)
    for row, (labels, cells) in zip(counts(result), zip(view.labels, view.cells)):
        for (column, n), label, cell in zip(zip(("absolue", "relative", "a_verifier"), row), labels, cells):
            assert label.get_text() == cell_text(column, n)
            assert bool(cell.get_hatch()) == (n > 0)
    thio = rows_of(result).index("Thiocolchicoside injectable")
    assert counts(result)[thio][0] >= 2  # pregnancy and anticoagulant: two label contraindications


def test_cell_words_and_banned_rows():
    assert cell_text("absolue", 0) == "aucune"
    assert cell_text("absolue", 2) == "✗ 2 absolues"
    assert cell_text("a_verifier", 2) == "? 2 à vérifier"
    result = screen([], ["phosphatidylcholine"])
    assert "interdit" in rows_of(result)[0]
    assert screening_figure(result).get_figheight() > 1


def test_live_view_redraws_in_place():
    result = screen(["grossesse"], ["piroxicam"])
    view = ScreeningView(rows_of(result))
    first = view.png(result)
    second = view.png(screen(["grossesse"], ["piroxicam"], 30))
    assert first != second and view.live.misses == 1
