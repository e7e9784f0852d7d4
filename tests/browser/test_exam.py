"""The mock exam page in a real browser: same draw as Python, keyboard only, score by part, time limit,
result on « Mon avancement » after a reload, reset.

The right answers are read from the quiz bank (data/quiz), not from the page.
"""

from __future__ import annotations

import json
import math
import urllib.request

import pytest

from mesocours.data import Chapter, Part, Quiz
from mesocours.quiz import bank, exam
from mesocours.quiz.sphinx import EXAM_STORE

pytestmark = pytest.mark.browser

EXAM_PAGE = "book/examen-blanc.html"
PROGRESS_PAGE = "book/avancement.html"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def exam_bank():
    return exam.load_bank()


def _open(page, site_url, query: str = ""):
    page.goto(site_url + EXAM_PAGE + query, wait_until="load")
    page.wait_for_function("() => window.mesocoursExam && window.mesocoursQuiz && window.mesocoursQuiz.grade")


def _synthetic_bank() -> exam.ExamBank:
    """Three parts with uneven chapters: the real bank has one published part only (so far)."""
    parts = [Part(id=p, title=p, status="publiee") for p in ("a", "b", "c")]
    chapters, quizzes = [], []
    for p, sizes in {"a": [6, 2], "b": [3], "c": [5, 4, 1]}.items():
        for i, size in enumerate(sizes):
            cid = f"{p}{i}"
            chapters.append(Chapter(id=cid, part=p, number=i + 1, title=cid, doc=cid, study_time_min=10,
                                    prerequisites=[], objectives=["o"]))
            quizzes.append(Quiz(chapter=cid, title=cid, questions=[
                {"id": f"{cid}-{j}", "type": "truefalse", "stem": "s", "source": "k",
                 "choices": [{"text": "Vrai", "correct": True, "feedback": "f"},
                             {"text": "Faux", "correct": False, "feedback": "f"}]} for j in range(size)]))
    return exam.make_bank(quizzes, parts, chapters)


def test_js_draw_equals_python_draw(page, site_url, exam_bank):
    _open(page, site_url)
    data = page.evaluate("() => JSON.parse(document.querySelector('script.mq-exam-data').textContent)")
    assert [p["id"] for p in data["pool"]] == [it.id for it in exam_bank.items]
    cases = []
    for seed in (0, 1, 2026, 123456, 999999, exam.MAX_SEED):
        for n in (1, 5, 20, 1000):
            for stratify in (True, False):
                cases.append((exam_bank.part_ids, n, seed, stratify))
    js = page.evaluate("([pool, cases]) => cases.map(c => window.mesocoursExam.draw(pool, c[0], c[1], c[2], c[3]))",
                       [data["pool"], cases])
    py = [exam.draw(exam_bank, *c) for c in cases]
    assert js == py
    # several parts and chapters: the stratified path where parts and chapters interleave
    syn = _synthetic_bank()
    pool = [{"id": it.id, "part": it.part, "chapter": it.chapter} for it in syn.items]
    cases = [(parts, n, seed, st) for parts in (["a", "b", "c"], ["a", "c"], ["b"]) for n in (2, 4, 9, 30)
             for seed in (3, 77, 4_000_000_000) for st in (True, False)]
    js = page.evaluate("([pool, cases]) => cases.map(c => window.mesocoursExam.draw(pool, c[0], c[1], c[2], c[3]))",
                       [pool, cases])
    assert js == [exam.draw(syn, *c) for c in cases]
    assert page.page_errors == []


def _answer(page, q, right: bool):
    form = page.locator(f"form[data-qid='{q.id}']")
    if q.type == "numeric":
        value = q.answer if right else q.answer + 10 * q.tolerance + 1
        form.locator("input.mq-input").fill(bank.display_number(value))
    elif q.type == "multiple":
        for i, c in enumerate(q.choices):
            form.locator(f"input[value='{i}']").set_checked(c.correct == right)
    else:
        i = next(i for i, c in enumerate(q.choices) if c.correct == right)
        form.locator(f"input[value='{i}']").check()


def _focused(page) -> str:
    return page.evaluate("() => document.activeElement.className + '|' + (document.activeElement.id || '')")


def test_keyboard_exam_score_by_part_and_progress_after_reload(page, site_url, exam_bank):
    _open(page, site_url)
    kb = page.keyboard
    seed, n = 4242, 4
    page.locator("input.mq-exam-part").first.focus()  # as Tab would: the first control of the form
    parts_count = page.locator("input.mq-exam-part").count()
    for _ in range(parts_count):
        kb.press("Tab")  # past the part checkboxes (all ticked by default)
    assert "mq-exam-n" in _focused(page)
    kb.press("Control+A")
    kb.type(str(n))
    kb.press("Tab")
    assert "mq-exam-limit" in _focused(page)
    kb.press("Tab")
    assert "mq-exam-seed" in _focused(page)
    kb.press("Control+A")
    kb.type(str(seed))
    kb.press("Enter")  # submits the settings form
    heading = page.locator(".mq-exam-run-title")
    heading.wait_for()
    assert "mq-exam-run-title" in _focused(page)  # focus moved to the drawn questions
    drawn = exam.draw(exam_bank, None, n, seed)
    shown = page.evaluate("() => Array.from(document.querySelectorAll('.mq-exam-questions form.mq-question'))"
                          ".filter(f => !f.hidden).map(f => f.dataset.qid)")
    assert shown == drawn
    assert page.locator(".mq-exam-questions .mq-num").first.inner_text() == f"Question 1 sur {n}{NBSP}:"
    assert f"Graine {seed}" in page.locator(".mq-exam-meta").inner_text()
    assert page.locator(".mq-exam-questions button.mq-check").count() == 0
    # two right, one wrong, one left unanswered
    for k, qid in enumerate(drawn[:3]):
        _answer(page, exam_bank.item(qid).question, right=k < 2)
    # Enter in a question must not submit anything nor reload the page
    page.evaluate("() => { window.__still_here = true; }")
    page.locator(f"form[data-qid='{drawn[0]}'] input").first.focus()
    kb.press("Enter")
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__still_here === true")
    assert page.locator(".mq-exam-result").is_hidden()
    page.locator("button.mq-exam-finish").focus()
    assert page.evaluate("() => document.activeElement.textContent") == "Terminer l’examen"
    kb.press("Enter")
    title = page.locator(".mq-exam-result-title")
    title.wait_for()
    assert "mq-exam-result-title" in _focused(page)
    assert page.locator(".mq-exam-score").inner_text().startswith(f"Score{NBSP}: 2 / 4 (50{NBSP}%)")
    # one row per part drawn: right answers (the first two drawn) out of the questions of that part
    part_id = exam_bank.item(drawn[0]).part
    part = exam_bank.part(part_id)
    in_part = [q for q in drawn if exam_bank.item(q).part == part_id]
    right = sum(q in drawn[:2] for q in in_part)
    pct = math.floor(100 * right / len(in_part) + 0.5)  # Math.round of exam.js
    row = page.locator(".mq-exam-parts tbody tr").filter(has=page.locator("th", has_text=part.title))
    assert row.count() == 1 and row.locator("th").inner_text() == part.title
    assert [c.inner_text() for c in row.locator("td").all()] == [str(right), str(len(in_part)), f"{pct}{NBSP}%"]
    # the chapters of the two missed questions, with links that work
    missed = {exam_bank.item(q).chapter for q in drawn[2:]}
    items = page.locator(".mq-exam-reread > li")
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.chapter)")) == sorted(missed)
    for a in page.locator(".mq-exam-reread a").all():
        url = page.evaluate("(a) => a.href", a.element_handle())
        with urllib.request.urlopen(url, timeout=5) as r:
            assert r.status == 200
    # a missed question with a section names it, linked to its anchor in the chapter
    for qid in drawn[2:]:
        sec = exam_bank.item(qid).question.section
        if sec:
            link = page.locator(f".mq-exam-reread a[href$='#{sec}']")
            assert link.count() == 1, sec
            assert link.inner_text().strip() and "sec-" not in link.inner_text()  # the heading, not the label
            url = page.evaluate("(a) => a.href", link.element_handle())
            with urllib.request.urlopen(url.split("#")[0], timeout=5) as r:
                assert f'id="{sec}"' in r.read().decode("utf-8")
    unanswered = page.locator(f"form[data-qid='{drawn[3]}'] .mq-feedback")
    assert "Sans réponse" in unanswered.inner_text()
    assert page.locator(f"form[data-qid='{drawn[0]}'] .mq-feedback").inner_text().startswith("✅ Correct.")
    assert page.locator(f"form[data-qid='{drawn[0]}'] input").first.is_disabled()  # inside a disabled fieldset
    stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{EXAM_STORE}'))")
    assert len(stored) == 1 and stored[0]["score"] == 2 and stored[0]["total"] == 4 and stored[0]["seed"] == seed
    # the address now carries the draw: opening it again gives the same settings
    assert f"graine={seed}" in page.url and f"n={n}" in page.url

    # « Mon avancement », also after a reload
    page.goto(site_url + PROGRESS_PAGE, wait_until="load")
    hist = page.locator(".mq-exam-history-table")
    for _ in range(2):
        assert hist.is_visible()
        cells = hist.locator("tbody tr").first.locator("th, td").all_inner_texts()
        assert cells[2] == "2 / 4" and cells[4] == f"{seed}, repasser"
        assert f"{part.title}{NBSP}: {right} / {len(in_part)}" in cells[3]
        assert page.locator(".mq-exam-history-empty").is_hidden()
        page.reload(wait_until="load")
    # the seed links back to the same draw
    hist.get_by_role("link", name=f"{seed}, repasser").click()
    page.wait_for_function("() => window.mesocoursExam")
    assert page.locator("input.mq-exam-seed").input_value() == str(seed)
    assert page.locator("input.mq-exam-n").input_value() == str(n)
    page.go_back(wait_until="load")
    page.get_by_role("button", name="Réinitialiser").click()
    assert hist.is_hidden() and page.locator(".mq-exam-history-empty").is_visible()
    assert page.evaluate(f"() => localStorage.getItem('{EXAM_STORE}')") is None
    assert "examens blancs compris" in page.locator(".mq-reset-status").inner_text()
    assert page.page_errors == []


def test_shared_address_and_bad_settings(page, site_url, exam_bank):
    _open(page, site_url, "?graine=77&n=3&repartition=0")
    assert page.locator("input.mq-exam-seed").input_value() == "77"
    page.get_by_role("button", name="Commencer l’examen").click()
    page.locator(".mq-exam-run-title").wait_for()
    shown = page.evaluate("() => Array.from(document.querySelectorAll('.mq-exam-questions form')).map(f => f.dataset.qid)")
    assert shown == exam.draw(exam_bank, None, 3, 77, stratify=False)
    msg = page.locator(".mq-exam-message")
    page.locator("input.mq-exam-n").fill("vingt")
    page.get_by_role("button", name="Commencer l’examen").click()
    assert "n’est pas un nombre de questions" in msg.inner_text()
    assert "mq-exam-n" in _focused(page)  # the focus goes to the field to fix
    page.locator("input.mq-exam-n").fill("5000")
    page.locator("input.mq-exam-seed").fill("sept")
    page.get_by_role("button", name="Commencer l’examen").click()
    assert "n’est pas une graine valable" in msg.inner_text()
    page.locator("input.mq-exam-seed").fill("7")
    page.get_by_role("button", name="Commencer l’examen").click()
    assert f"ne comptent que {len(exam_bank.items)} questions" in msg.inner_text()
    for box in page.locator("input.mq-exam-part").all():
        box.uncheck()
    page.get_by_role("button", name="Nouveau tirage").click()
    assert "au moins une partie" in msg.inner_text()
    page.locator("input.mq-exam-part").first.check()
    old = page.locator("input.mq-exam-seed").input_value()
    page.get_by_role("button", name="Nouveau tirage").click()
    assert page.locator("input.mq-exam-seed").input_value() != old
    assert page.page_errors == []


def test_time_limit_announces_sparingly_and_finishes_the_exam(page, site_url):
    page.clock.install()
    _open(page, site_url)
    page.locator("input.mq-exam-n").fill("3")
    page.locator("input.mq-exam-limit").fill("2")
    page.get_by_role("button", name="Commencer l’examen").click()
    clock = page.locator(".mq-exam-clock")
    assert clock.is_visible() and clock.get_attribute("aria-live") == "off"
    announce = page.locator(".mq-exam-announce")
    assert announce.get_attribute("aria-live") == "polite"
    assert "2\u00a0minutes" in announce.inner_text()
    page.clock.run_for(30_000)
    assert "Temps restant" in clock.inner_text() and "Il reste" not in announce.inner_text()
    page.clock.run_for(31_000)
    assert announce.inner_text() == "Il reste 1 minute."
    page.clock.run_for(60_000)
    page.locator(".mq-exam-result-title").wait_for()
    assert "Temps écoulé" in page.locator(".mq-exam-timeout").inner_text()
    assert announce.inner_text().startswith("Temps écoulé")
    assert page.locator(".mq-exam-score").inner_text().startswith(f"Score{NBSP}: 0 / 3")
    assert page.locator("button.mq-exam-finish").is_disabled()
    stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{EXAM_STORE}'))")
    assert stored[-1]["timedOut"] is True and stored[-1]["limit"] == 2
    assert page.page_errors == []


def test_exam_page_passes_json_through_intact(site_url, exam_bank):
    with urllib.request.urlopen(site_url + EXAM_PAGE, timeout=5) as r:
        html = r.read().decode("utf-8")
    start = html.index('class="mq-exam-data">') + len('class="mq-exam-data">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert set(data["questions"]) == {it.id for it in exam_bank.items}
    assert all(c["href"] for c in data["chapters"])  # every chapter of the exam has a page in the book
