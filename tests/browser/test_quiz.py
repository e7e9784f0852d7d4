"""The static quiz in a real browser: feedback, score kept in localStorage, progress page, keyboard only.

Uses the lead's fixtures ``site_url`` and ``page`` (tests/browser/conftest.py). The right answers are
read from the quiz bank (data/quiz, or ``$MESOCOURS_DATA_DIR``), not from the page.
"""

from __future__ import annotations

import urllib.request

import pytest

from mesocours.quiz import bank
from mesocours.quiz.sphinx import QUIZ_MARKER, STORAGE_PREFIX

pytestmark = pytest.mark.browser

PROGRESS_PAGE = "book/avancement.html"


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


@pytest.fixture(scope="module")
def quiz_page(site_url):
    """(url, quiz) of the first published chapter whose built page holds a quiz."""
    quizzes = {q.chapter: q for q in bank.load_quizzes()}
    _, chapters = bank.load_parts_chapters()
    for ch in chapters:
        if ch.id in quizzes:
            url = f"{site_url}{ch.doc}.html"
            html = _fetch(url)
            if html and f'class="{QUIZ_MARKER}' in html:
                return url, quizzes[ch.id]
    pytest.fail("aucune page construite ne contient de quiz (directive {quiz})")


def _wrong_answer(q):
    if q.type == "numeric":
        return bank.display_number(q.answer + 10 * q.tolerance + 1)
    return [next(i for i, c in enumerate(q.choices) if not c.correct)]


def _right_answer(q):
    if q.type == "numeric":
        return bank.display_number(q.answer)
    return [i for i, c in enumerate(q.choices) if c.correct]


def _answer_with_mouse(page, q, answer):
    form = page.locator(f"form[data-qid='{q.id}']")
    if q.type == "numeric":
        form.locator("input.mq-input").fill(answer)
    else:
        for i in range(len(q.choices)):
            box = form.locator(f"input[value='{i}']")
            if q.type == "multiple":
                box.set_checked(i in answer)
            elif i in answer:
                box.check()
    form.get_by_role("button", name="Vérifier").click()
    return form.locator(".mq-feedback")


def test_answer_wrong_then_right_and_progress_is_kept(page, site_url, quiz_page):
    url, quiz = quiz_page
    page.goto(url, wait_until="load")
    q = quiz.questions[0]
    form = page.locator(f"form[data-qid='{q.id}']")
    assert form.locator("legend").inner_text().startswith("Question 1 sur")
    assert form.locator(".mq-feedback").get_attribute("aria-live") == "polite"

    feedback = _answer_with_mouse(page, q, _wrong_answer(q))
    feedback.get_by_text("❌ Incorrect.").wait_for()
    assert feedback.locator("li").count() >= 1
    score = page.locator(f"section.{QUIZ_MARKER} .mq-score-value")
    assert score.inner_text() == "0"

    feedback = _answer_with_mouse(page, q, _right_answer(q))
    feedback.get_by_text("✅ Correct.").wait_for()
    assert score.inner_text() == "1"
    total = len(quiz.questions)
    stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_PREFIX}{quiz.chapter}'))")
    assert stored["best"] == 1 and stored["total"] == total

    # unusable input: a French message, not a grade
    if any(x.type == "numeric" for x in quiz.questions):
        num = next(x for x in quiz.questions if x.type == "numeric")
        fb = _answer_with_mouse(page, num, "beaucoup")
        fb.get_by_text("n’est pas un nombre lisible", exact=False).wait_for()

    # the progress page shows the best score, also after a reload
    page.goto(site_url + PROGRESS_PAGE, wait_until="load")
    cell = page.locator(f"td.mq-best[data-chapter='{quiz.chapter}']")
    assert cell.inner_text() == f"1 / {total}"
    page.reload(wait_until="load")
    assert cell.inner_text() == f"1 / {total}"
    assert page.locator(f"section.{QUIZ_MARKER}").count() == 0

    # reset
    page.get_by_role("button", name="Réinitialiser").click()
    assert cell.inner_text() == "pas encore de score"
    assert "Scores effacés" in page.locator(".mq-reset-status").inner_text()
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE_PREFIX}{quiz.chapter}')") is None
    page.goto(url, wait_until="load")
    assert page.locator(f"section.{QUIZ_MARKER} .mq-best-value").inner_text() == "aucun"
    assert page.page_errors == []


@pytest.mark.parametrize("qtype", ["single", "truefalse", "multiple", "numeric"])
def test_one_question_with_the_keyboard_only(page, quiz_page, qtype):
    """Every kind of question can be answered and checked with the keyboard alone."""
    url, quiz = quiz_page
    q = next((x for x in quiz.questions if x.type == qtype), None)
    if q is None:
        pytest.skip(f"le premier quiz publié n’a pas de question « {qtype} »")
    page.goto(url, wait_until="load")
    form = page.locator(f"form[data-qid='{q.id}']")
    right = _right_answer(q)
    first = form.locator("input").first
    first.focus()  # the only non-keyboard step: put the focus in the question, as Tab would
    kb = page.keyboard
    if q.type == "numeric":
        kb.type(right)
        kb.press("Enter")  # Enter in the field submits the question
    else:
        if q.type == "multiple":
            for i in range(len(q.choices)):
                if i in right:
                    kb.press("Space")
                if i < len(q.choices) - 1:
                    kb.press("Tab")
        else:
            kb.press("Space")  # select the first option
            for _ in range(right[0]):
                kb.press("ArrowDown")  # arrows move the selection inside a radio group
        kb.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent") == "Vérifier"
        kb.press("Enter")
    form.locator(".mq-feedback").get_by_text("✅ Correct.").wait_for()
    assert page.locator(f"section.{QUIZ_MARKER} .mq-score-value").inner_text() == "1"
    assert page.page_errors == []
