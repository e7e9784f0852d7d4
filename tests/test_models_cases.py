"""« Cas décisionnels »: the data (links, sources, shape), the model's rules, the figure, the widget's answer.

Values come from data/legal_cases.yml and data/legal_texts.yml: a case that loses its right answer, a text
that loses its date, or a view that prints something other than the records, fails here.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml

from mesocours.data import DataError, load, load_collection
from mesocours.models import cases as model
from mesocours.numbers import InputError

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_SITUATIONS = {  # the ten situations of issue 14, by the id that stands for each
    "estheticienne", "medecin-forme-infirmiere", "lyse-graisse", "melange-corticoide", "effet-indesirable",
    "abces-groupes", "remboursement", "produit-retire", "dossier-sans-information", "publicite-kit-lipolytique",
}


@pytest.fixture(scope="module")
def all_cases():
    return {c.id: c for c in load_collection("legal_cases")}


@pytest.fixture(scope="module")
def texts():
    return {t.id: t for t in load_collection("legal_texts")}


# ---------------------------------------------------------------- data
def test_at_least_the_ten_situations_of_the_issue(all_cases):
    assert len(all_cases) >= 10
    assert REQUIRED_SITUATIONS <= set(all_cases), sorted(REQUIRED_SITUATIONS - set(all_cases))


def test_every_case_rests_on_known_texts_and_has_sources(all_cases, texts):
    for c in all_cases.values():
        assert c.sources and c.legal_texts, c.id
        assert set(c.legal_texts) <= set(texts), c.id
        assert 3 <= len(c.choices) <= 4, c.id
        assert any(ch.right for ch in c.choices) and not all(ch.right for ch in c.choices), c.id
        assert all(ch.feedback.strip() for ch in c.choices), c.id
        assert re.match(r"^(chap|sec)-(exercice|prescription|responsabilite|interdits)", c.section), c.id


def test_the_chapters_are_named_by_their_labels(all_cases):
    """Sections point to the chapter labels of droit.md (the chapter helpers may add sec- labels later)."""
    used = {c.section for c in all_cases.values()}
    assert used <= {"chap-exercice", "chap-prescription", "chap-responsabilite", "chap-interdits"} | {
        s for s in used if s.startswith("sec-")}
    assert {"chap-exercice", "chap-prescription", "chap-responsabilite", "chap-interdits"} <= used


def _write_broken(tmp_path, change) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    records = yaml.safe_load((data / "legal_cases.yml").read_text(encoding="utf-8"))
    change(records)
    (data / "legal_cases.yml").write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    return data


def test_an_unknown_legal_text_is_refused_at_load(tmp_path):
    data = _write_broken(tmp_path, lambda r: r[0]["legal_texts"].append("csp_l9999"))
    with pytest.raises(DataError, match=r"« estheticienne ».*« legal_texts ».*texte juridique inconnu « csp_l9999 »"):
        load(data_dir=data)


@pytest.mark.parametrize("change, message", [
    (lambda r: [ch.update(right=False) for ch in r[0]["choices"]], "aucune réponse juste"),
    (lambda r: r[0].update(choices=r[0]["choices"][:2]), "au moins 3"),
    (lambda r: r[0].update(choices=r[0]["choices"] + [copy.deepcopy(r[0]["choices"][0])]), "3 ou 4 attendues"),
    (lambda r: r[0].update(section="chap-produits"), "hors de la partie Droit"),
])
def test_a_malformed_case_gets_a_french_message(tmp_path, change, message):
    data = _write_broken(tmp_path, change)
    with pytest.raises(DataError, match=message):
        load_collection("legal_cases", data)


# ---------------------------------------------------------------- model rules
def test_the_right_answer_is_right_and_says_its_feedback(all_cases):
    for c in all_cases.values():
        for i, ch in enumerate(c.choices):
            a = model.answer(c.id, model.LETTERS[i])
            assert a.right is ch.right and a.feedback == ch.feedback and a.letter == model.LETTERS[i]
            assert a.right_letters == tuple(model.LETTERS[j] for j, x in enumerate(c.choices) if x.right)


def test_the_texts_are_read_from_their_records_in_the_order_of_the_case(all_cases, texts):
    a = model.answer("lyse-graisse")
    assert [t.id for t in a.texts] == all_cases["lyse-graisse"].legal_texts
    for t in a.texts:
        record = texts[t.id]
        assert (t.reference, t.date, t.status, t.sources) == (record.reference, record.date, record.status,
                                                              tuple(record.sources))
    assert a.texts[0].date_fr == "11\u00a0avril 2011"  # décret n° 2011-382 du 11 avril 2011


def test_no_answer_yet_gives_no_verdict():
    a = model.answer("abces-groupes")
    assert not a.answered and a.right is None and a.feedback == ""


def test_letters_are_read_in_either_case_and_blank_means_no_answer():
    assert model.answer("abces-groupes", " b ").letter == "B"
    assert model.answer("abces-groupes", "  ").letter == ""


@pytest.mark.parametrize("bad", ["E", "AB", "1", "«", "z"])
def test_a_letter_the_case_does_not_offer_is_a_french_input_error(bad):
    with pytest.raises(InputError, match=r"^Ce cas propose quatre réponses, de A à D\u00a0: choisissez"):
        model.answer("abces-groupes", bad)


def test_an_unknown_case_is_a_french_input_error():
    with pytest.raises(InputError, match=r"^Cas inconnu «\u00a0nope\u00a0»\u00a0: choisissez parmi estheticienne"):
        model.answer("nope")


def test_the_solution_is_the_first_right_answer():
    s = model.solution("effet-indesirable")
    assert s.right and s.letter == s.right_letters[0]


def test_the_chapter_to_reread_comes_from_the_section(all_cases):
    a = model.answer("qui-paie-esthetique")
    assert a.chapter_label == all_cases["qui-paie-esthetique"].section == "chap-responsabilite"
    assert a.chapter_title == "3. Information, consentement, responsabilité"


@pytest.mark.parametrize("iso, shown", [("2002", "2002"), ("2007-06", "juin 2007"), ("2012-03-01", "1er\u00a0mars 2012"),
                                        ("2023-12-28", "28\u00a0décembre 2023")])
def test_fr_date(iso, shown):
    assert model.fr_date(iso) == shown


# ---------------------------------------------------------------- figure and view
def test_the_figure_has_one_marker_per_text_and_an_alt_naming_each():
    from mesocours.plots.cases import texts_alt, texts_figure, year_span

    a = model.answer("dossier-sans-information")
    fig = texts_figure(a.texts)
    ax = fig.axes[0]
    markers = [line for line in ax.get_lines() if line.get_marker() not in ("None", None, "")]
    assert len(markers) == len(a.texts)
    assert len({m.get_marker() for m in markers}) == len(a.texts)  # shapes, not colour alone
    lo, hi = year_span(a.texts)
    years = [int(t.date[:4]) for t in a.texts]  # the axis holds every text's year, with a margin
    assert lo < min(years) and hi > max(years)
    alt = texts_alt(a.texts)
    for t in a.texts:
        assert t.reference in alt and t.date_fr in alt


def test_the_widget_answers_with_the_rule_and_the_dated_texts():
    from mesocours.widgets.cases import LegalCases

    w = LegalCases()
    w.case.value = "melange-corticoide"
    assert "La règle" not in w.result.value  # nothing revealed before an answer
    assert [v for _, v in w.answer.options] == ["", "A", "B", "C", "D"]
    w.answer.value = "B"
    page = w.result.value
    case = model.get_case("melange-corticoide")
    import html as h
    assert "✅ Réponse juste" in page and h.escape(case.rule) in page
    for t in model.cited_texts(case):
        assert h.escape(t.reference) in page and t.date_fr in page
    w.answer.value = "A"
    assert "❌ Réponse à revoir" in w.result.value and "réponse juste\u00a0: B" in w.result.value
    assert h.escape(case.choices[1].feedback) in w.result.value  # why B is right, when A was chosen
    w.case.value = "abces-groupes"  # a new case starts unanswered
    assert w.answer.value == "" and "La règle" not in w.result.value
    assert w.message.value == ""
