
import pytest
from hypothesis import given, strategies as st

from mesocours.models.depth import (UNMEASURED_SITES, layer_at, needle_depth_mm, partial_measurements, short_citation,
                                    site_profile, sites)
from mesocours.numbers import InputError


def test_geometry_real_values():
    # facts.md F73: 4 mm at 30° ≈ 2 mm, at 45° ≈ 2.8 mm, at 60° ≈ 3.5 mm
    assert needle_depth_mm(4, 30) == pytest.approx(2.0)
    assert needle_depth_mm(4, 45) == pytest.approx(2.83, abs=0.01)
    assert needle_depth_mm(4, 60) == pytest.approx(3.46, abs=0.01)
    assert needle_depth_mm(13, 30, 0.5) == pytest.approx(3.25)
    assert needle_depth_mm("4", "90", "0,5") == pytest.approx(2.0)


@pytest.mark.parametrize("args", [(4, 95), (4, -1), (4, 45, 1.2), (4, 45, -0.1), ("quatre", 45), (0, 45), (-4, 45), (4, "abc")])
def test_geometry_bad_input(args):
    with pytest.raises(InputError) as err:
        needle_depth_mm(*args)
    assert str(err.value)  # a French sentence


def test_sites_cover_required_regions():
    ids = {s for s, _ in sites()}
    assert len(ids) >= 8
    for required in ["visage_pommette", "front", "nuque", "suprascapulaire", "deltoide", "cuisse", "abdomen"]:
        assert required in ids
    # classic sites without a verified epidermis + dermis value are reported, not invented
    for missing in ["lombaire", "creux_poplite"]:
        assert missing not in ids and missing in UNMEASURED_SITES
        with pytest.raises(InputError, match="pas de profil"):
            site_profile(missing)
    assert not set(UNMEASURED_SITES) & ids


def test_partial_measurements_are_read_from_data():
    """The lumbar site has a measured hypodermis only: the message gives it, with its source."""
    lines = [line.replace("\u00a0", " ") for line in partial_measurements("lombaire")]
    assert lines == [
        "Région lombaire (niveau L1) : hypoderme 20,5 ± 12,34 mm (Okan et Beyhan 2020, IRM, n = 92).",
        "Région lombaire (niveau L5) : hypoderme 29,79 ± 15,68 mm (Okan et Beyhan 2020, IRM, n = 92).",
    ]
    with pytest.raises(InputError, match="Mesures trouvées\u00a0: Région lombaire \\(niveau L1\\)\u00a0: hypoderme 20,5"):
        site_profile("lombaire")
    assert [line.replace("\u00a0", " ") for line in partial_measurements("cuir_chevelu")] == [
        "Cuir chevelu : épiderme 66 µm (Oltulu et al. 2022, histologie)."]
    assert partial_measurements("nuque") == []  # a full profile: nothing partial


def test_nape_profile_and_two_author_citation():
    nape = site_profile("nuque")
    assert nape.skin_mm == pytest.approx(3.08)  # Ha et al. 2018, control group
    assert nape.hypodermis_mm is None and any("Ha et al. 2018" in n for n in nape.notes)
    assert short_citation("okan2020") == "Okan et Beyhan 2020"
    assert short_citation("laurent2007") == "Laurent et al. 2007"
    assert short_citation("cle-inconnue") == "cle-inconnue"


def test_profiles_use_measured_values():
    face = site_profile("visage_pommette")
    assert face.skin_mm == pytest.approx(1.0)  # Iyengar 2018, ≈ 1 mm
    assert face.hypodermis_mm is None
    assert any("Xu" in n for n in face.notes)  # epidermis fallback is labelled
    back = site_profile("suprascapulaire")
    assert back.skin_mm == pytest.approx(2.54)  # Laurent 2007
    abdomen = site_profile("abdomen")
    assert abdomen.skin_mm == pytest.approx(2.2) and abdomen.hypodermis_mm == pytest.approx(13.9)  # Gibney 2010
    assert any("2,29" in n for n in abdomen.notes)  # Sim 2014 shown beside it
    buttock = site_profile("fesse")
    assert buttock.epidermis_mm == pytest.approx(0.0815)  # Sandby-Møller 2003 measured here
    assert "sandbymoller2003" in buttock.sources and "xu2017" not in buttock.sources


def test_layer_at_real_scenarios():
    assert layer_at("visage_pommette", needle_depth_mm(4, 30)).name == "hypoderme"
    assert layer_at("suprascapulaire", needle_depth_mm(4, 30)).name == "derme"
    assert layer_at("abdomen", 0.05).name == "epiderme"
    assert layer_at("abdomen", needle_depth_mm(4, 90)).name == "hypoderme"
    assert layer_at("abdomen", 20).name == "au_dela"
    assert "non mesurée" in layer_at("deltoide", 3).label


def test_layer_at_bad_input():
    with pytest.raises(InputError, match="Site inconnu"):
        layer_at("genou_gauche", 1)
    with pytest.raises(InputError):
        layer_at("abdomen", -1)
    with pytest.raises(InputError):
        layer_at("abdomen", "profond")


@given(st.floats(0.1, 100), st.floats(0, 90), st.floats(0, 1))
def test_depth_bounded_by_inserted_length(length, angle, frac):
    d = needle_depth_mm(length, angle, frac)
    assert -1e-12 <= d <= length * frac + 1e-9


@given(st.floats(0.1, 50), st.floats(0, 89), st.floats(0.1, 1))
def test_depth_increases_with_angle(length, angle, frac):
    assert needle_depth_mm(length, angle + 1, frac) > needle_depth_mm(length, angle, frac)


_ORDER = ["epiderme", "derme", "hypoderme", "au_dela"]


@given(st.sampled_from([s for s, _ in sites()]), st.floats(0, 30), st.floats(0, 30))
def test_layers_ordered_with_depth(site, a, b):
    lo, hi = sorted((a, b))
    assert _ORDER.index(layer_at(site, lo).name) <= _ORDER.index(layer_at(site, hi).name)


def test_short_citation_shows_no_latex():
    """A bib title with « n\\textsuperscript{o} » (a legal text cited by a widget) reads « n° » on screen."""
    from mesocours.models.depth import plain_bib_text, short_citation

    assert "\\" not in short_citation("csp_l5121_12_1_v2012")
    assert "n° 2011-2012" in short_citation("csp_l5121_12_1_v2012")
    assert plain_bib_text(r"20\textsuperscript{e} congrès, \emph{Lancet}") == "20ᵉ congrès, Lancet"
