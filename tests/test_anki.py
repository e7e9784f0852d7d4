"""Anki export: the package opens as Anki stores it (zip + SQLite), holds a note per glossary term and per
quiz question, and keeps its identifiers across builds (so a re-import updates instead of duplicating)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from mesocours import anki
from mesocours.data import load_collection

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "kit" / "data"
FIX_BIB = ROOT / "tests" / "fixtures" / "kit" / "references.bib"


def read_apkg(path: Path, tmp: Path) -> dict:
    """Notes, cards and decks of an .apkg, read the way Anki reads it."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        coll = "collection.anki21" if "collection.anki21" in names else "collection.anki2"
        zf.extract(coll, tmp)
    con = sqlite3.connect(tmp / coll)
    try:
        notes = con.execute("select id, guid, mid, flds, tags from notes").fetchall()
        cards = con.execute("select nid, did, ord from cards").fetchall()
        decks = json.loads(con.execute("select decks from col").fetchone()[0])
        models = json.loads(con.execute("select models from col").fetchone()[0])
    finally:
        con.close()
    return {"notes": notes, "cards": cards, "decks": decks, "models": models}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("anki")
    first = anki.write_package(anki.all_cards(), tmp / "a" / "cours.apkg")
    second = anki.write_package(anki.all_cards(), tmp / "b" / "cours.apkg")
    return read_apkg(first, tmp / "a"), read_apkg(second, tmp / "b")


def test_one_note_per_term_and_per_question(built):
    pkg, _ = built
    n_terms = len(load_collection("glossary"))
    n_questions = sum(len(q.questions) for q in load_collection("quizzes"))
    assert len(pkg["notes"]) == n_terms + n_questions
    tags = [n[4] for n in pkg["notes"]]
    assert sum("glossaire" in t.split() for t in tags) == n_terms
    assert sum("quiz" in t.split() for t in tags) == n_questions


def test_terms_have_two_cards_questions_one(built):
    pkg, _ = built
    per_note: dict[int, int] = {}
    for nid, _did, _ord in pkg["cards"]:
        per_note[nid] = per_note.get(nid, 0) + 1
    kinds = {n[0]: ("glossaire" in n[4].split()) for n in pkg["notes"]}
    assert all(per_note[nid] == (2 if is_term else 1) for nid, is_term in kinds.items())


def test_identifiers_are_stable_across_builds(built):
    a, b = built
    assert sorted(n[1] for n in a["notes"]) == sorted(n[1] for n in b["notes"])
    assert len({n[1] for n in a["notes"]}) == len(a["notes"])  # no two notes share a GUID
    assert {k for k in a["decks"]} == {k for k in b["decks"]}
    assert set(a["models"]) == set(b["models"])


def test_one_deck_per_part_with_chapter_tags(built):
    pkg, _ = built
    deck_names = {d["name"] for d in pkg["decks"].values()} - {"Default"}
    parts = {p.id: p.title for p in load_collection("parts")}
    chapters = load_collection("chapters")
    part_of = {c.id: c.part for c in chapters}
    with_quiz = {part_of[q.chapter] for q in load_collection("quizzes")}
    expected = {f"Mésothérapie::{parts[p]}" for p in with_quiz}
    if any(stem == "00-general" for stem, _ in anki.glossary_by_file()):
        expected.add(anki.COMMON_DECK)
    assert deck_names == expected
    for c in chapters:
        if c.status == "publie":  # a chapter announced « à venir » has no quiz nor glossary yet
            assert any(f"chapitre::{c.id}" in n[4].split() for n in pkg["notes"]), c.id


def test_question_back_carries_answer_feedback_and_source(built):
    pkg, _ = built
    quiz = load_collection("quizzes")[0]
    q = quiz.questions[0]
    guid = anki.note_guid("quiz", q.id)
    note = next(n for n in pkg["notes"] if n[1] == guid)
    front, back, source, where = note[3].split("\x1f")
    assert q.stem.split()[0] in front
    assert "correct" in back and q.choices[0].feedback.split()[0] in back
    assert source.startswith("Source") and len(source) > len("Source : ") + 3
    assert where.startswith("Chapitre ")


def test_fixture_bank_counts(tmp_path):
    """On the small kit fixture: the same contract, so a broken mapping cannot hide behind big numbers."""
    cards = anki.all_cards(FIX, FIX_BIB)
    n_q = sum(len(q.questions) for q in load_collection("quizzes", FIX))
    assert sum(c.model == "question" for c in cards) == n_q
    path = anki.write_package(cards, tmp_path / "kit.apkg")
    assert len(read_apkg(path, tmp_path)["notes"]) == len(cards)


def test_guid_depends_on_identity_only():
    assert anki.note_guid("quiz", "x-q1") == anki.note_guid("quiz", "x-q1")
    assert anki.note_guid("quiz", "x-q1") != anki.note_guid("quiz", "x-q2")
    assert anki.stable_id("mesocours", "deck", "A") != anki.stable_id("mesocours", "deck", "B")
    assert 0 < anki.stable_id("x") < 2**31


def test_cli_reports_counts(tmp_path, capsys):
    assert anki.main([str(tmp_path / "c.apkg")]) == 0
    out = capsys.readouterr().out
    assert "notes" in out and (tmp_path / "c.apkg").stat().st_size > 1000
