

def test_fr_mean_sd():
    from mesocours.numbers import fr_mean_sd

    assert fr_mean_sd(20.5, 12.34) == "20,5 ± 12,34\u00a0mm"
    assert fr_mean_sd(3.08) == "3,08\u00a0mm"
    assert fr_mean_sd(None, 1.0) == "—"
    assert fr_mean_sd(0.1, 0, unit="µm") == "0,1\u00a0µm"
