"""The mock exam: reproducible draw, parts and n respected, stratification, scoring, notebook widget."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocours.data import Chapter, Part, Quiz
from mesocours.numbers import InputError
from mesocours.quiz import exam

FIX = Path(__file__).parent / "fixtures" / "kit" / "data"


def _tf(qid: str, section: str | None = None) -> dict:
    d = {"id": qid, "type": "truefalse", "stem": f"Énoncé {qid}", "source": "kitfixture",
         "choices": [{"text": "Vrai", "correct": True, "feedback": "Oui."},
                     {"text": "Faux", "correct": False, "feedback": "Non."}]}
    if section:
        d["section"] = section
    return d


def make(spec: dict[str, list[int]], unpublished: tuple[str, ...] = ()) -> exam.ExamBank:
    """A synthetic bank: ``{"a": [5, 3]}`` = part a with two chapters of 5 and 3 questions."""
    parts = [Part(id=p, title=f"Partie {p.upper()}", status="publiee") for p in spec]
    chapters, quizzes = [], []
    for p, sizes in spec.items():
        for i, size in enumerate(sizes):
            cid = f"{p}{i}"
            chapters.append(Chapter(id=cid, part=p, number=i + 1, title=f"Chapitre {cid}", doc=f"doc/{cid}",
                                    study_time_min=30, prerequisites=[], objectives=["o"],
                                    status="a_venir" if cid in unpublished else "publie"))
            quizzes.append(Quiz(chapter=cid, title=cid,
                                questions=[_tf(f"{cid}-q{j}", f"sec-{cid}-{j % 2}" if j < 2 else None)
                                           for j in range(size)]))
    # quizzes given out of course order: the bank order must still be the course order
    return exam.make_bank(list(reversed(quizzes)), parts, list(reversed(chapters)))


BANK = make({"a": [5, 3], "b": [2], "c": [4, 4, 1]})


def test_mulberry32_reference_values():
    # mulberry32 as published (JavaScript, Math.imul); the first numbers for seed 1
    r = exam.mulberry32(1)
    assert [r(), r(), r()] == [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]
    assert all(0 <= x < 1 for x in (exam.mulberry32(exam.MAX_SEED)() for _ in range(3)))


def test_bank_order_is_course_order_and_skips_unpublished():
    assert [it.id for it in BANK.items][:6] == ["a0-q0", "a0-q1", "a0-q2", "a0-q3", "a0-q4", "a1-q0"]
    assert BANK.part_ids == ["a", "b", "c"] and len(BANK.items) == 19
    b = make({"a": [2], "b": [3]}, unpublished=("b0",))
    assert b.part_ids == ["a"] and len(b.items) == 2


def test_shuffle_is_a_permutation_and_depends_on_seed():
    items = list(range(30))
    s1 = exam.shuffle(items, 5)
    assert sorted(s1) == items and s1 != items
    assert exam.shuffle(items, 5) == s1 and exam.shuffle(items, 6) != s1


@pytest.mark.parametrize("stratify", [True, False])
def test_draw_is_reproducible_and_respects_parts_and_n(stratify):
    d1 = exam.draw(BANK, ["a", "c"], 7, 2026, stratify)
    assert d1 == exam.draw(BANK, ["c", "a"], 7, 2026, stratify)  # order of the parts given does not matter
    assert len(d1) == len(set(d1)) == 7
    assert {BANK.item(q).part for q in d1} <= {"a", "c"}
    assert exam.draw(BANK, ["a", "c"], 7, 2027, stratify) != d1
    # same draw through titles instead of ids
    assert exam.draw(BANK, ["Partie A", "partie c"], 7, 2026, stratify) == d1


def test_n_larger_than_the_pool_is_capped_with_a_french_note():
    assert sorted(exam.draw(BANK, ["b"], 50, 1)) == ["b0-q0", "b0-q1"]
    s = exam.check_settings(BANK, ["b"], 50, 1)
    assert s.n_drawn == 2 and "ne comptent que 2 questions" in s.notes[0]
    assert exam.check_settings(BANK, ["b"], 2, 1).notes == ()


@pytest.mark.parametrize("kwargs,needle", [
    ({"n": 0}, "au moins 1"),
    ({"n": -3}, "au moins 1"),
    ({"n": "vingt"}, "n’est pas un nombre de questions"),
    ({"n": ""}, "Indiquez le nombre"),
    ({"parts": ["z"]}, "Partie inconnue"),
    ({"parts": []}, "au moins une partie"),
    ({"seed": "abc"}, "n’est pas une graine valable"),
    ({"seed": -1}, "comprise entre 0 et"),
    ({"seed": 2**32}, "comprise entre 0 et"),
])
def test_bad_settings_give_french_messages(kwargs, needle):
    args = {"parts": None, "n": 5, "seed": 1, **kwargs}
    with pytest.raises(InputError, match=needle):
        exam.check_settings(BANK, args["parts"], args["n"], args["seed"])


def test_draw_refuses_bad_n_and_parts():
    with pytest.raises(InputError):
        exam.draw(BANK, None, 0, 1)
    with pytest.raises(InputError, match="Partie inconnue"):
        exam.draw(BANK, ["nope"], 3, 1)


def test_seed_text_forms():
    assert exam.parse_seed("1 234") == 1234 and exam.parse_seed("\u00a042") == 42
    assert exam.check_settings(BANK, None, "12", " 99 ").seed == 99
    assert 1 <= exam.check_settings(BANK, None, 5, None).seed <= 999_999  # a new seed when none is given


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, exam.MAX_SEED), n=st.integers(3, 19))
def test_stratified_draw_represents_every_part(seed, n):
    drawn = exam.draw(BANK, None, n, seed)
    assert {BANK.item(q).part for q in drawn} == {"a", "b", "c"}
    # shares differ by at most one, unless a part has run out of questions
    counts = {p: sum(BANK.item(q).part == p for q in drawn) for p in "abc"}
    full = {p for p in "abc" if counts[p] == BANK.count(p)}
    open_counts = [counts[p] for p in "abc" if p not in full]
    assert not open_counts or max(open_counts) - min(open_counts) <= 1


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, exam.MAX_SEED))
def test_stratified_draw_covers_chapters_when_n_allows(seed):
    # part c has 3 chapters, a has 2, b has 1: 3 parts x 3 rounds = 9 questions reach every chapter
    drawn = exam.draw(BANK, None, 9, seed)
    assert {BANK.item(q).chapter for q in drawn} == {c.id for c in BANK.chapters}


def test_unstratified_draw_is_the_head_of_the_shuffle():
    pool = [it.id for it in BANK.items if it.part in ("a", "b")]
    assert exam.draw(BANK, ["a", "b"], 4, 77, stratify=False) == exam.shuffle(pool, 77)[:4]


def test_stratification_can_be_seen_on_a_skewed_bank():
    skewed = make({"big": [30], "small": [1]})
    # over many seeds, the unstratified draw of 3 questions often misses the small part; the stratified never
    missing = sum("small0-q0" not in exam.draw(skewed, None, 3, s, stratify=False) for s in range(50))
    assert missing > 30
    assert all("small0-q0" in exam.draw(skewed, None, 3, s) for s in range(50))


def test_score_by_part_and_reread():
    drawn = ["a0-q0", "a0-q1", "a1-q0", "b0-q1", "c2-q0"]
    results = {"a0-q0": True, "a0-q1": False, "a1-q0": True, "b0-q1": True}  # c2-q0 unanswered
    scores = exam.score_by_part(BANK, drawn, results)
    assert [(s.part, s.correct, s.total, s.percent) for s in scores] == [("a", 2, 3, 67), ("b", 1, 1, 100),
                                                                          ("c", 0, 1, 0)]
    assert scores[0].title == "Partie A"
    todo = exam.reread(BANK, drawn, results)
    assert [(r.chapter, r.missed) for r in todo] == [("a0", ("a0-q1",)), ("c2", ("c2-q0",))]
    assert todo[0].label == "1. Chapitre a0" and todo[0].doc == "doc/a0"
    assert todo[0].sections == ("sec-a0-1",) and todo[1].sections == ("sec-c2-0",)
    assert exam.reread(BANK, drawn, dict.fromkeys(drawn, True)) == []


def test_real_bank_draw():
    bank = exam.load_bank()
    assert len(bank.items) >= 20
    drawn = exam.draw(bank, None, 20, 2026)
    assert len(drawn) == 20 and drawn == exam.draw(bank, None, 20, 2026)
    # stratified: every part with a quiz is there, and inside a part the questions are spread over as many of its
    # chapters as the part's share of the draw allows (with more chapters than questions, one question each)
    assert {bank.item(q).part for q in drawn} == {p.id for p in bank.parts}
    for part in bank.parts:
        in_part = [q for q in drawn if bank.item(q).part == part.id]
        chapters = {c.id for c in bank.chapters if c.part == part.id}
        assert len({bank.item(q).chapter for q in in_part}) == min(len(in_part), len(chapters)), part.id
    # and a draw large enough for the widest part reaches every chapter with a quiz
    per_part: dict[str, set[str]] = {}
    for it in bank.items:
        per_part.setdefault(it.part, set()).add(it.chapter)
    n = max(20, len(per_part) * max(len(chs) for chs in per_part.values()))
    wide = exam.draw(bank, None, n, 2026)
    assert {bank.item(q).chapter for q in wide} == {c.id for c in bank.chapters}


def test_fixture_bank_loads():
    bank = exam.load_bank(FIX)
    assert bank.part_ids == ["p1"] and [c.id for c in bank.chapters] == ["alpha", "beta"]


# ---- notebook widget ----
def _answer(view, right: bool):
    q = view.question
    if q.type == "numeric":
        view.controls[0].value = str(q.answer if right else q.answer + 10 * q.tolerance + 1).replace(".", ",")
    elif q.type == "multiple":
        for cb, c in zip(view.controls, q.choices):
            cb.value = c.correct if right else not c.correct
    else:
        view.controls[0].value = next(i for i, c in enumerate(q.choices) if c.correct == right)


def test_widget_same_draw_answer_and_score_by_part():
    from mesocours.quiz import examen_blanc

    box = examen_blanc(n=5, graine=2026)
    view = box.view
    bank = exam.load_bank()
    assert view.drawn == exam.draw(bank, None, 5, 2026)
    assert "Graine 2026" in view.header.value and len(view.questions) == 5
    assert all(q.button.layout.display == "none" for q in view.questions)
    for k, qv in enumerate(view.questions):
        if k < 3:
            _answer(qv, right=True)
        elif k == 3:
            _answer(qv, right=False)  # the last one stays unanswered
    view.finish_button.click()
    res = view.result.value
    assert "Score\u00a0: 3 / 5 (60\u00a0%)" in res
    assert "Score par partie" in res
    for part in {bank.item(q).part for q in view.drawn}:  # a row for each part the draw took questions from
        assert bank.part(part).title in res
    assert "Sections à relire" in res
    wrong_chapters = {bank.item(q).chapter for q in view.drawn[3:]}
    for ch in wrong_chapters:
        assert bank.chapter(ch).title in res
    assert "Sans réponse" in view.questions[4].feedback.value
    assert view.finish_button.disabled and view.questions[0].controls[0].disabled


def test_widget_controls_redraw_and_french_messages():
    from mesocours.quiz import examen_blanc

    view = examen_blanc(n=4, graine=11).view
    first = list(view.drawn)
    view.n.value = "vingt"
    view.draw_button.click()
    assert "n’est pas un nombre de questions" in view.message.value and view.questions == []
    assert view.finish_button.disabled
    view.n.value = "0"
    view.draw_button.click()
    assert "au moins 1" in view.message.value
    view.n.value = "4"
    view.seed.value = "onze"
    view.draw_button.click()
    assert "n’est pas une graine valable" in view.message.value
    view.seed.value = "11"
    view.draw_button.click()
    assert view.drawn == first and view.message.value == ""
    for box in view.part_boxes.values():
        box.value = False
    view.draw_button.click()
    assert "au moins une partie" in view.message.value
    for box in view.part_boxes.values():
        box.value = True
    view.n.value = "500"
    view.draw_button.click()
    assert "ne comptent que" in view.message.value and len(view.drawn) == len(exam.load_bank().items)
    view.new_button.click()
    assert view.seed.value != "11" and view.seed.value.isdigit()


@pytest.mark.parametrize("kwargs,needle", [
    ({"n": 0}, "au moins 1"),
    ({"n": "beaucoup"}, "n’est pas un nombre de questions"),
    ({"parties": ["pharmacie-imaginaire"]}, "Partie inconnue"),
    ({"graine": "x"}, "n’est pas une graine valable"),
])
def test_widget_bad_arguments_show_a_french_message(kwargs, needle):
    from mesocours.quiz import examen_blanc

    view = examen_blanc(**kwargs).view
    assert needle in view.message.value and view.questions == []


def test_widget_parts_argument_and_fixture_data():
    from mesocours.quiz.exam_widget import examen_blanc

    view = examen_blanc(parties="Partie d’essai", n=3, graine=5, data_dir=FIX).view
    assert view.drawn == exam.draw(exam.load_bank(FIX), ["p1"], 3, 5)


def test_section_refs_of_the_real_bank_name_sections_of_their_chapter():
    from mesocours.data import ROOT
    from mesocours.quiz import bank as qbank

    eb = exam.load_bank()
    assert len(eb.items) >= 20
    # every question names the section to reread: « sections à relire » is more than a chapter list,
    # and a later chapter cannot forget it
    missing = [it.id for it in eb.items if not it.question.section]
    assert missing == [], f"questions sans section : {missing}"
    for it in eb.items:
        sec = it.question.section
        assert qbank.section_title(sec) != qbank.readable_label(sec), f"{it.id}: section « {sec} » introuvable"
        doc = ROOT / (eb.chapter(it.chapter).doc + ".ipynb")
        assert f"({sec})=" in doc.read_text(encoding="utf-8"), f"{it.id}: « {sec} » n’est pas dans son chapitre"
