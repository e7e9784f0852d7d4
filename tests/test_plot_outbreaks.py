"""The outbreak figure of chapter 3: French labels, decimal comma, one row per outbreak."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from mesocours.data import Outbreak
from mesocours.plots.outbreaks import (
    attack_rate,
    outbreak_label,
    outbreaks_figure,
    value_label,
    years_label,
)


def _ob(**kw) -> Outbreak:
    base = dict(
        id="x", place="Paris", country="France", start="2006-08", end="2007-01",
        organisms=["Mycobacterium chelonae"], cases=16, exposed=105,
        setting="cabinet", cause="rinçage du pistolet à l’eau du robinet", sources=["carbonne2009"],
    )
    base.update(kw)
    return Outbreak(**base)


FRANCE = _ob(id="france", organisms=["Mycobacterium chelonae", "Mycobacterium frederiksbergense"])
VENEZUELA = _ob(id="venezuela", place="Barinas", country="Venezuela", start="2004-11", end="2005-02",
                organisms=["Mycobacterium abscessus"], cases=68, exposed=None, sources=["damata2010"])
SPAIN = _ob(id="baleares", place="Baléares", country="Espagne", start="2009-02", end=None,
            organisms=["Mycobacterium abscessus"], cases=17, exposed=77, sources=["galmes2011"])


def _texts(fig: Figure) -> list[str]:
    ax = fig.axes[0]
    return [t.get_text() for t in ax.texts]


def _ylabels(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_attack_rate_of_the_french_outbreak_is_15_2_percent():
    assert attack_rate(16, 105) == pytest.approx(15.238, abs=1e-3)
    assert attack_rate(68, None) is None


def test_value_label_uses_decimal_comma_and_french_words():
    label = value_label(16, 105)
    assert "15,2" in label and "15.2" not in label
    assert "cas" in label and "exposés" in label
    assert value_label(68, None).replace("\u00a0", " ") == "68 cas"
    assert value_label(None, None) == "nombre de cas non relevé"


def test_years_label():
    assert years_label("2006-08", "2007-01") == "2006-2007"
    assert years_label("2009-02", None) == "2009"
    assert years_label("2008", "2008-12") == "2008"


def test_label_names_country_years_place_and_abbreviated_organisms():
    label = outbreak_label(FRANCE)
    assert label.splitlines()[0] == "France, 2006-2007"
    assert label.splitlines()[1] == "Paris"
    assert "M. chelonae" in label and "M. frederiksbergense" in label
    # parenthetical remarks in the place are dropped; a place equal to the country is not repeated
    long = outbreak_label(_ob(place="Îles Baléares (clinique esthétique)", country="Espagne"))
    assert long.splitlines()[1] == "Îles Baléares"
    assert len(outbreak_label(_ob(place="France", country="France")).splitlines()) == 2


def test_one_row_per_outbreak_oldest_at_the_top():
    fig = outbreaks_figure([SPAIN, FRANCE, VENEZUELA])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    y_of = {t.get_text().split(",")[0]: y for t, y in zip(ax.get_yticklabels(), ax.get_yticks())}
    assert len(y_of) == 3
    # larger y is higher on the plot: Venezuela 2004 above France 2006 above Spain 2009
    assert y_of["Venezuela"] > y_of["France"] > y_of["Espagne"]


def test_bars_cases_and_exposed_where_known():
    fig = outbreaks_figure([FRANCE, VENEZUELA])
    widths = sorted(p.get_width() for p in fig.axes[0].patches)
    # France: cases 16 + exposed 105; Venezuela: cases 68 only (exposed unknown)
    assert widths == [16, 68, 105]
    texts = " ".join(_texts(fig))
    assert "15,2" in texts and "68" in texts


def test_french_axis_title_and_legend():
    fig = outbreaks_figure([FRANCE])
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Nombre de personnes"
    assert "mésothérapie" in ax.get_title()
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == "Cas" and "exposées" in legend[1]


def test_legend_omits_exposed_when_no_outbreak_counts_them():
    fig = outbreaks_figure([VENEZUELA])
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Cas"]


def test_empty_input_says_so_instead_of_empty_axes():
    fig = outbreaks_figure([])
    assert "Aucune épidémie" in " ".join(_texts(fig))


def test_figure_renders_to_png(tmp_path):
    fig = outbreaks_figure([FRANCE, VENEZUELA, SPAIN])
    out = tmp_path / "f.png"
    fig.savefig(out)
    assert out.stat().st_size > 1000


def test_course_data_if_present():
    """Once data/outbreaks.yml exists, every record draws and every row is labelled."""
    from mesocours.data import load_collection

    records = load_collection("outbreaks")
    if not records:
        pytest.skip("data/outbreaks.yml pas encore écrit")
    fig = outbreaks_figure(records)
    assert len(_ylabels(fig)) == len(records)


@given(cases=st.integers(1, 10_000), extra=st.integers(0, 10_000))
def test_attack_rate_is_a_percentage(cases, extra):
    rate = attack_rate(cases, cases + extra)
    assert 0 < rate <= 100
    assert "." not in value_label(cases, cases + extra).split("(")[1]


def test_attack_rate_rejects_more_cases_than_exposed():
    with pytest.raises(ValueError):
        attack_rate(10, 5)


def test_value_label_says_what_a_case_is():
    """Lima: 35 suspected cases, 4 confirmed (Munayco 2008); the label must not read as 35 confirmed cases."""
    from mesocours.plots.outbreaks import value_label

    assert value_label(35, None, "suspects", 4) == "35\u00a0cas suspects, dont 4 confirmés"
    assert value_label(8, None, "germe_identifie") == "8\u00a0patients avec germe identifié"
    assert value_label(16, 105) == "16\u00a0cas / 105\u00a0exposés (15,2\u00a0%)"


def test_lima_record_counts_suspected_cases():
    from mesocours.data import course

    lima = course().by_id("outbreaks")["perou_lima_2004"]
    assert (lima.case_kind, lima.cases, lima.cases_confirmed) == ("suspects", 35, 4)


# --------------------------------------------------------------------------
# Timeline by route (chapter « infections »)
# --------------------------------------------------------------------------
from mesocours.plots.outbreaks import NO_COUNT, ROUTES, outbreaks_timeline, timeline_label  # noqa: E402

WATER = _ob(id="eau", route="eau", route_confirmed=True)
VIAL = _ob(id="flacon", place="Lima", country="Pérou", start="2004-12", end="2005-01", route="produit",
           route_confirmed=True, cases=35, case_kind="suspects", cases_confirmed=4, exposed=None)
PUBLISHED = _ob(id="pub", place="Cabinet", country="Colombie", start="1996", end=None, dated_by="publication",
                route="produit", cases=None, exposed=None)


def _markers(fig):
    return [line for line in fig.axes[0].get_lines() if line.get_marker() not in (None, "None", "")]


def test_timeline_one_marker_per_record_with_the_route_shape_and_filled_when_confirmed():
    fig = outbreaks_timeline([WATER, VIAL, PUBLISHED])
    marks = _markers(fig)
    assert len(marks) == 3
    shapes = sorted(m.get_marker() for m in marks)
    assert shapes == sorted([ROUTES["eau"][2], ROUTES["produit"][2], ROUTES["produit"][2]])
    faces = {m.get_marker(): [] for m in marks}
    for m in marks:
        faces[m.get_marker()].append(m.get_markerfacecolor())
    # the vial was confirmed (filled), the publication-only record was not (hollow: white face)
    assert "white" in faces[ROUTES["produit"][2]] and len(set(faces[ROUTES["produit"][2]])) == 2


def test_timeline_labels_say_when_only_the_publication_year_is_known_and_when_no_count_was_read():
    assert timeline_label(PUBLISHED).startswith("Colombie (publié en 1996)")
    assert timeline_label(WATER).startswith("France (2006-2007)")
    fig = outbreaks_timeline([PUBLISHED, WATER])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert NO_COUNT in texts
    legend = " ".join(t.get_text() for t in fig.legends[0].get_texts())
    assert "publication" in legend and "plein" in legend and "creux" in legend


def test_timeline_rows_are_chronological_and_years_are_french_integers():
    fig = outbreaks_timeline([WATER, PUBLISHED, VIAL])
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("Colombie") and labels[-1].startswith("France")  # oldest at the top
    assert ax.get_xlabel() == "Année"
    assert all(float(x).is_integer() for x in ax.get_xticks())


def test_timeline_of_the_course_data_draws_every_record():
    from mesocours.data import course

    records = course().outbreaks
    fig = outbreaks_timeline(records)
    assert len(_markers(fig)) == len(records)
    assert len(fig.axes[0].get_yticklabels()) == len(records)


def test_timeline_empty_input_says_so():
    fig = outbreaks_timeline([])
    assert "Aucune épidémie" in " ".join(t.get_text() for t in fig.axes[0].texts)


def test_unconfirmed_route_cannot_be_unidentified_and_confirmed():
    with pytest.raises(ValueError):
        _ob(route="non_identifiee", route_confirmed=True)


def test_bars_figure_handles_a_record_without_count():
    fig = outbreaks_figure([FRANCE, PUBLISHED])
    assert NO_COUNT in " ".join(_texts(fig))
