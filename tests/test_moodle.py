"""Moodle XML export: the structure Moodle's importer expects, every question of the bank present."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mesocours.data import load_collection
from mesocours.quiz import exam, moodle

FIX = Path(__file__).parent / "fixtures" / "kit" / "data"
FIX_BIB = Path(__file__).parent / "fixtures" / "kit" / "references.bib"
ALLOWED = {round(f, 5) for f in moodle.MOODLE_FRACTIONS} | {round(-f, 5) for f in moodle.MOODLE_FRACTIONS}


def check_moodle_file(path: Path, quizzes) -> dict[str, ET.Element]:
    """Assert the importer's expectations on one file; return question elements by name."""
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    found: dict[str, ET.Element] = {}
    categories = []
    for qel in root.findall("question"):
        qtype = qel.get("type")
        if qtype == "category":
            text = qel.findtext("category/text")
            assert text.startswith("$course$/Mésothérapie/") and text.count("/") >= 3
            categories.append(text)
            continue
        assert qtype in {"multichoice", "truefalse", "numerical"}
        name = qel.findtext("name/text")
        assert name and name not in found
        qt = qel.find("questiontext")
        assert qt.get("format") == "html" and qt.findtext("text").startswith("<p>")
        answers = qel.findall("answer")
        assert answers
        fractions = [float(a.get("fraction")) for a in answers]
        assert all(round(f, 5) in ALLOWED for f in fractions), fractions
        for a in answers:
            assert a.find("feedback") is not None and a.find("feedback").get("format") == "html"
            assert a.findtext("text") is not None
        if qtype == "multichoice":
            single = qel.findtext("single")
            assert single in ("true", "false")
            if single == "true":
                assert sorted(fractions).count(100.0) == 1 and all(f in (0.0, 100.0) for f in fractions)
            else:
                positive = [f for f in fractions if f > 0]
                assert abs(sum(positive) - 100) < 1e-3
                assert all(f < 0 for f in fractions if f <= 0)
        elif qtype == "truefalse":
            assert sorted(a.findtext("text") for a in answers) == ["false", "true"]
            assert sorted(fractions) == [0.0, 100.0]
        else:
            assert answers[0].get("fraction") == "100" and answers[0].find("tolerance") is not None
            float(answers[0].findtext("text"))
            float(answers[0].findtext("tolerance"))
        found[name] = qel
    expected_categories = {q.chapter for q in quizzes}
    assert len(categories) == len(expected_categories)
    return found


@pytest.fixture(scope="module")
def fixture_export(tmp_path_factory):
    out = tmp_path_factory.mktemp("moodle")
    assert moodle.main([str(out), "--data-dir", str(FIX), "--bib", str(FIX_BIB)]) == 0
    return out


def test_files_written(fixture_export):
    assert sorted(p.name for p in fixture_export.iterdir()) == ["alpha.xml", "beta.xml", "examen-blanc-2026.xml",
                                                                "quiz.xml"]


def test_combined_file_has_every_question(fixture_export):
    quizzes = load_collection("quizzes", FIX)
    found = check_moodle_file(fixture_export / "quiz.xml", quizzes)
    assert set(found) == {x.id for quiz in quizzes for x in quiz.questions}


def test_per_chapter_files(fixture_export):
    for quiz in load_collection("quizzes", FIX):
        found = check_moodle_file(fixture_export / f"{quiz.chapter}.xml", [quiz])
        assert set(found) == {x.id for x in quiz.questions}


def test_category_path_and_escaping(fixture_export):
    root = ET.parse(fixture_export / "quiz.xml").getroot()
    cats = [e.findtext("category/text") for e in root.findall("question[@type='category']")]
    assert cats == ["$course$/Mésothérapie/Partie d’essai/1. Chapitre alpha",
                    "$course$/Mésothérapie/Partie d’essai/2. Chapitre bêta"]


def test_content_of_questions(fixture_export):
    found = check_moodle_file(fixture_export / "quiz.xml", load_collection("quizzes", FIX))
    q1 = found["alpha-q1"].findtext("questiontext/text")
    assert "&lt;b&gt; &amp;" in q1 and "<b>" not in q1  # text escaped inside CDATA
    q2 = found["alpha-q2"]
    assert r"\(10^{-3}\)" in q2.findtext("questiontext/text")  # math kept for Moodle's MathJax
    assert [a.get("fraction") for a in q2.findall("answer")] == ["50", "50", "-50", "-50"]
    assert "\\(10^{-2}\\)" in q2.findall("answer")[2].findtext("feedback/text")
    assert found["alpha-q3"].get("type") == "truefalse"
    tf = {a.findtext("text"): a.get("fraction") for a in found["alpha-q3"].findall("answer")}
    assert tf == {"true": "100", "false": "0"}
    num = found["alpha-q4"]
    assert num.get("type") == "numerical"
    assert num.find("answer").findtext("text") == "2.5" and num.find("answer").findtext("tolerance") == "0.05"
    assert "(réponse en mm)" in num.findtext("questiontext/text")
    assert [a.findtext("text") for a in num.findall("answer")] == ["2.5", "*"]
    assert "Source" in found["alpha-q1"].findtext("generalfeedback/text")
    assert "Source fictive" in found["alpha-q1"].findtext("generalfeedback/text")
    # a true/false question whose choices are not Vrai/Faux keeps its wording as a one-answer multichoice
    beta2 = found["beta-q2"]
    assert beta2.get("type") == "multichoice" and beta2.findtext("single") == "true"
    # three correct answers out of four: 33.33333 each, the wrong one -100
    assert [a.get("fraction") for a in found["beta-q1"].findall("answer")] == ["33.33333"] * 3 + ["-100"]


def test_cdata_splits_terminator():
    wrapped = moodle.cdata("a ]]> b")
    assert ET.fromstring(f"<t>{wrapped}</t>").text == "a ]]> b"


@pytest.mark.parametrize("flags,expected", [
    ([True, False], [100, -100]),
    ([True, True, False, False, False], [50, 50, -33.33333, -33.33333, -33.33333]),
    ([True] * 3 + [False] * 4, [33.33333] * 3 + [-25] * 4),
    ([True] * 7 + [False], [14.28571] * 7 + [-100]),
])
def test_split_fractions(flags, expected):
    assert moodle.split_fractions(flags) == pytest.approx(expected)


def test_split_fractions_refuses_impossible_shares():
    with pytest.raises(ValueError):
        moodle.split_fractions([True] * 11)


def test_bad_data_gives_french_error_and_exit_code(tmp_path, capsys):
    (tmp_path / "quiz").mkdir()
    (tmp_path / "quiz" / "x.yml").write_text("chapter: x\ntitle: t\nquestions: []\n", encoding="utf-8")
    assert moodle.main([str(tmp_path / "out"), "--data-dir", str(tmp_path)]) == 1
    assert "Export Moodle impossible" in capsys.readouterr().err


def test_real_bank_exports_completely(tmp_path):
    quizzes = load_collection("quizzes")
    assert moodle.main([str(tmp_path)]) == 0
    found = check_moodle_file(tmp_path / "quiz.xml", quizzes)
    assert set(found) == {x.id for quiz in quizzes for x in quiz.questions}
    for quiz in quizzes:
        assert (tmp_path / f"{quiz.chapter}.xml").exists()


# ---- the ready-made mock exam ----
def _exam_file(path: Path):
    """(category text, category info, question names, question elements) of an exam file."""
    root = ET.parse(path).getroot()
    cats = root.findall("question[@type='category']")
    assert len(cats) == 1
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    return (cats[0].findtext("category/text"), cats[0].findtext("info/text"),
            [q.findtext("name/text") for q in questions], questions)


def test_exam_file_is_the_python_draw_capped_to_the_bank(fixture_export):
    quizzes = load_collection("quizzes", FIX)
    path = fixture_export / "examen-blanc-2026.xml"
    # the importer's expectations, with one category (the exam's)
    check_moodle_file(path, [quizzes[0]])
    cat, info, names, _ = _exam_file(path)
    assert cat == "$course$/Mésothérapie/Examen blanc/Graine 2026"
    bank = exam.load_bank(FIX)
    drawn = exam.draw(bank, None, 20, 2026)
    assert len(drawn) == 6  # the fixture bank has 6 questions: 20 is capped
    assert names == [f"Q{k:02d} · {q}" for k, q in enumerate(drawn, 1)]
    assert "graine 2026" in info and "6 questions" in info and "Partie d’essai" in info
    assert "ne comptent que 6 questions" in info  # the capping is said


def test_exam_settings_from_the_command_line(tmp_path):
    out = tmp_path / "m"
    assert moodle.main([str(out), "--data-dir", str(FIX), "--bib", str(FIX_BIB), "--examen-graine", "7",
                        "--examen-n", "3", "--examen-sans-repartition"]) == 0
    cat, info, names, questions = _exam_file(out / "examen-blanc-7.xml")
    bank = exam.load_bank(FIX)
    expected = exam.draw(bank, ["p1"], 3, 7, stratify=False)
    assert [n.split(" · ")[1] for n in names] == expected and len(expected) == 3
    assert cat.endswith("/Examen blanc/Graine 7") and "réparties" not in info
    # the questions are the bank's, answers and feedback included
    assert all(q.find("answer/feedback") is not None for q in questions)
    assert not (out / "examen-blanc-2026.xml").exists()


@pytest.mark.parametrize("args,needle", [
    (["--examen-n", "0"], "au moins 1"),
    (["--examen-n", "vingt"], "n’est pas un nombre de questions"),
    (["--examen-parties", "inconnue"], "Partie inconnue"),
    (["--examen-graine", "abc"], "n’est pas une graine valable"),
])
def test_exam_bad_settings_are_a_french_message(tmp_path, capsys, args, needle):
    assert moodle.main([str(tmp_path / "o"), "--data-dir", str(FIX), "--bib", str(FIX_BIB), *args]) == 1
    err = capsys.readouterr().err
    assert "Examen blanc impossible" in err and needle in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()  # nothing half-written


def test_real_bank_exam_file(tmp_path):
    assert moodle.main([str(tmp_path)]) == 0
    _, _, names, _ = _exam_file(tmp_path / f"examen-blanc-{moodle.DEFAULT_EXAM_SEED}.xml")
    bank = exam.load_bank()
    assert len(names) == min(exam.DEFAULT_N, len(bank.items))
    assert [n.split(" · ")[1] for n in names] == exam.draw(bank, None, exam.DEFAULT_N, moodle.DEFAULT_EXAM_SEED)
