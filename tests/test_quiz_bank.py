"""The quiz bank: loading, grading, text helpers, teaching sessions, the notebook widget, the real bank."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesocours.data import QuizQuestion, bib_keys, load_collection
from mesocours.numbers import InputError
from mesocours.quiz import bank, quiz_widget

FIX = Path(__file__).parent / "fixtures" / "kit" / "data"


def q(qid):
    return {x.id: x for quiz in bank.load_quizzes(FIX) for x in quiz.questions}[qid]


# ---- grading ----
def test_single_choice_grading():
    g = bank.grade_question(q("alpha-q1"), 1)
    assert g.ok and g.messages == ("Oui : c’est la couche externe.",)
    g = bank.grade_question(q("alpha-q1"), 0)
    assert not g.ok and g.usable and "derme" in g.messages[0]


def test_multiple_choice_needs_exactly_the_correct_set():
    assert bank.grade_question(q("alpha-q2"), [0, 1]).ok
    assert bank.grade_question(q("alpha-q2"), {1, 0}).ok
    partial = bank.grade_question(q("alpha-q2"), [0])
    assert not partial.ok and partial.messages[-1] == "Il manque au moins une bonne réponse."
    assert not bank.grade_question(q("alpha-q2"), [0, 1, 2]).ok


def test_truefalse_and_numeric_grading():
    assert bank.grade_question(q("alpha-q3"), 0).ok
    assert not bank.grade_question(q("alpha-q3"), 1).ok
    for answer in ("2,5", "2.5", 2.5, "2,5 mm", "0,25 cm", "2,54"):
        assert bank.grade_question(q("alpha-q4"), answer).ok, answer
    g = bank.grade_question(q("alpha-q4"), "2,6")
    assert not g.ok and g.messages == ("Non : 1 cm vaut 10 mm.",)


@pytest.mark.parametrize("qid,answer,needle", [
    ("alpha-q1", None, "Aucune réponse"),
    ("alpha-q1", [], "Aucune réponse"),
    ("alpha-q1", [0, 1], "Une seule réponse"),
    ("alpha-q1", 7, "Proposition inconnue"),
    ("alpha-q1", "a", "Choisissez"),
    ("alpha-q4", "deux", "pas un nombre lisible"),
    ("alpha-q4", "2,5 mL", "ne convient pas"),
    ("alpha-q4", "", "vide"),
])
def test_unusable_answers_are_not_graded(qid, answer, needle):
    g = bank.grade_question(q(qid), answer)
    assert not g.ok and not g.usable and needle in g.messages[0]


def test_convert_units():
    assert bank.convert(1, "cm", "mm") == 10
    assert bank.convert(500, "µm", "mm") == pytest.approx(0.5)
    assert bank.convert(0.5, "L", "mL") == 500
    assert bank.convert(2, "g", "mg") == 2000
    assert bank.convert(10, "g/L", "mg/mL") == 10
    with pytest.raises(InputError, match="ne convient pas"):
        bank.convert(1, "mg", "mL")
    with pytest.raises(InputError, match="non reconnue"):
        bank.convert(1, "furlong", "mm")


LENGTHS = st.sampled_from(["µm", "mm", "cm"])


@given(st.floats(min_value=1e-3, max_value=1e4), LENGTHS, LENGTHS)
def test_property_conversion_round_trip(x, a, b):
    assert bank.convert(bank.convert(x, a, b), b, a) == pytest.approx(x, rel=1e-12)


# ---- text ----
def test_text_to_html_escapes_and_keeps_math():
    out = bank.text_to_html("Si $a < b$ et <script>x</script> & **gras** et *italique* ]]>")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert r"\(a &lt; b\)" in out
    assert "<strong>gras</strong>" in out and "<em>italique</em>" in out
    assert bank.math_to_html("$$x^2$$ puis $y$, 5 $ et 3 $") == r"\[x^2\] puis \(y\), 5 $ et 3 $"


@pytest.mark.parametrize("a,b", [("Derme  papillaire", "derme papillaire"), ("L’épiderme.", "l'epiderme"),
                                 ("sous - cutané", "sous-cutane"), ("\u00a0«\u00a0IDS\u00a0»", "ids")])
def test_normalize_text(a, b):
    assert bank.normalize_text(a) == bank.normalize_text(b)


# ---- sessions ----
def test_fmt_duration():
    assert bank.fmt_duration(75) == "1\u00a0h\u00a015"
    assert bank.fmt_duration(60) == "1\u00a0h"
    assert bank.fmt_duration(45) == "45\u00a0min"


def test_plan_sessions_example():
    assert bank.plan_sessions([60, 75, 60, 90, 75], 180) == [[0, 1], [2, 3], [4]]
    assert bank.plan_sessions([200, 30], 180) == [[0], [1]]
    assert bank.plan_sessions([], 180) == []


@given(st.lists(st.integers(min_value=1, max_value=400), max_size=30), st.integers(min_value=30, max_value=300))
def test_property_sessions_keep_order_and_fit(durations, limit):
    sessions = bank.plan_sessions(durations, limit)
    assert [i for s in sessions for i in s] == list(range(len(durations)))
    for s in sessions:
        assert s
        assert sum(durations[i] for i in s) <= limit or len(s) == 1
    for a, b in zip(sessions, sessions[1:]):  # greedy: the next chapter did not fit
        assert sum(durations[i] for i in a) + durations[b[0]] > limit


# ---- widget ----
def test_widget_grades_and_scores():
    box = quiz_widget("alpha", data_dir=FIX)
    view = box.view
    assert len(view.questions) == 4
    assert "Score\u00a0: 0 / 4" in view.score.value
    num = view.questions[3]
    assert num.controls[0].description == "Votre réponse (en mm)"
    num.controls[0].value = "abc"
    num.button.click()
    assert "⚠️" in num.feedback.value and "nombre lisible" in num.feedback.value
    num.controls[0].value = "2,5"
    num.button.click()
    assert "✅ Correct." in num.feedback.value and "0,25 × 10" in num.feedback.value
    assert "Score\u00a0: 1 / 4" in view.score.value
    multi = view.questions[1]
    assert [c.description for c in multi.controls] == ["1 mm", "0,1 cm", "1 cm", "1 µm"]
    multi.controls[0].value = True
    multi.button.click()
    assert "❌ Incorrect." in multi.feedback.value and "Il manque" in multi.feedback.value
    multi.controls[1].value = True
    multi.button.click()
    assert "✅" in multi.feedback.value
    single = view.questions[0]
    assert single.controls[0].value is None and single.controls[0].description == "Réponse"
    single.button.click()
    assert "Aucune réponse" in single.feedback.value
    assert "Score\u00a0: 2 / 4" in view.score.value
    assert all(b.button.description == "Vérifier" for b in view.questions)


def test_widget_unknown_chapter_is_a_french_message():
    w = quiz_widget("zzz", data_dir=FIX)
    assert "Aucun quiz pour le chapitre" in w.value


# ---- the real bank (data/quiz, written by chapter authors) ----
def test_real_bank_loads_and_is_well_formed():
    quizzes = load_collection("quizzes")
    chapters = {c.id for c in load_collection("chapters")}
    keys = bib_keys()
    ids = [x.id for quiz in quizzes for x in quiz.questions]
    assert len(ids) == len(set(ids)), "identifiants de questions en double"
    for quiz in quizzes:
        assert quiz.chapter in chapters
        for question in quiz.questions:
            assert isinstance(question, QuizQuestion)
            assert question.source in keys, f"{question.id}: source {question.source} absente de references.bib"
            assert question.stem.strip()
            for c in question.choices:
                assert c.feedback.strip(), f"{question.id}: un choix sans retour"
            # the right answer is graded right through the same path every rendering uses
            if question.type == "numeric":
                right = str(question.answer).replace(".", ",")
            else:
                right = [i for i, c in enumerate(question.choices) if c.correct]
            assert bank.grade_question(question, right).ok, question.id
