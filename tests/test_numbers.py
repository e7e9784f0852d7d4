import pytest



def test_fr_mean_sd():
    from mesocours.numbers import fr_mean_sd

    assert fr_mean_sd(20.5, 12.34) == "20,5 ± 12,34\u00a0mm"
    assert fr_mean_sd(3.08) == "3,08\u00a0mm"
    assert fr_mean_sd(None, 1.0) == "—"
    assert fr_mean_sd(0.1, 0, unit="µm") == "0,1\u00a0µm"


@pytest.mark.parametrize("iso, text", [("2011-02-17", "17\u00a0février 2011"), ("2021-07-01", "1er\u00a0juillet 2021"),
                                       ("2007-06", "juin 2007"), ("1958", "1958"), (None, "")])
def test_fr_date_at_the_precision_the_data_give(iso, text):
    from mesocours.numbers import fr_date

    assert fr_date(iso) == text
