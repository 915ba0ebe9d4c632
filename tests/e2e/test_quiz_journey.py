"""A student fails a lesson quiz, retries and passes; the lesson (and course) completes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in

pytestmark = pytest.mark.e2e

QUIZ = {
    "pass_mark": 100,
    "questions": [
        {
            "id": "sum",
            "kind": "single",
            "text": "How much is 2 + 2?",
            "options": [{"id": "three", "text": "three"}, {"id": "four", "text": "four", "correct": True}],
        },
        {"id": "capital", "kind": "text", "text": "Capital of France?", "accepted_answers": ["Paris"]},
    ],
}


def test_take_a_quiz_fail_then_pass(page, seeder):
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title="Quiz course", modules={"Basics": ["Only lesson"]})
    lesson = seeder.curriculum(course["id"])["modules"][0]["lessons"][0]["id"]
    seeder.quiz(teacher, lesson, QUIZ)
    email = unique_email("quizzer")
    seeder.enroll(seeder.register(email, "Quinn Quizzer"), course["id"])
    log_in(page, email)

    page.goto(f"/learn/{course['id']}/{lesson}")
    expect(page.locator("#lesson-quiz")).to_be_visible()
    expect(page.locator("#quiz-needed")).to_be_visible()  # no "mark complete" for a quiz lesson
    page.click("#quiz-start")
    option = page.locator(".quiz-option", has_text="three")
    option.locator("button").click()
    page.locator(".quiz-text-answer input").fill("Lyon")
    page.locator(".quiz-text-answer input").blur()
    page.click("#quiz-submit")
    expect(page.locator("#quiz-failed")).to_be_visible()
    expect(page.locator("#quiz-score")).to_contain_text("0%")
    expect(page.locator(".verdict-wrong")).to_have_count(2)
    expect(page.locator(".right-option")).to_have_count(1)  # the right answer is shown now

    page.click("#quiz-retry")
    expect(page.locator("#quiz-submit")).to_be_visible()
    page.locator(".quiz-option", has_text="four").locator("button").click()
    page.locator(".quiz-text-answer input").fill(" paris ")
    page.locator(".quiz-text-answer input").blur()
    page.click("#quiz-submit")
    expect(page.locator("#quiz-score")).to_contain_text("100%")
    expect(page.locator("#lesson-done")).to_be_visible()
    expect(page.locator(".quiz-history-item")).to_have_count(2)
