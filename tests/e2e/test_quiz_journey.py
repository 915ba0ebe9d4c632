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


def test_a_teacher_writes_a_quiz_in_the_editor_and_reopens_it(page, seeder):
    teacher_email = unique_email("quizwriter")
    teacher = seeder.verified_teacher(email=teacher_email)
    course = seeder.course(teacher, title="Editor course", modules={"Basics": ["Checked lesson"]})
    lesson = seeder.curriculum(course["id"])["modules"][0]["lessons"][0]["id"]
    log_in(page, teacher_email)

    page.goto(f"/teacher/courses/{course['id']}/lessons/{lesson}/quiz")
    expect(page.get_by_text("Checked lesson")).to_be_visible()
    markup = page.locator("#quiz-markup")
    markup.fill("? How much is 2 + 2?\n- three")  # no right option: explained, not saved
    page.click("#save-quiz")
    expect(page.locator("#quiz-error")).to_be_visible()
    assert seeder.http.get(f"/course/lessons/{lesson}/quiz", headers=seeder._auth(teacher)).status_code == 404

    markup.fill("? How much is 2 + 2?\n- three\n+ four\n? Capital of France?\n= Paris")
    page.fill("#quiz-pass-mark", "50")
    page.click("#save-quiz")
    expect(page.locator("#quiz-error")).to_have_count(0)
    stored = seeder.http.get(f"/course/lessons/{lesson}/quiz", headers=seeder._auth(teacher)).json()
    assert stored["pass_mark"] == 50
    assert [q["text"] for q in stored["questions"]] == ["How much is 2 + 2?", "Capital of France?"]

    page.reload()
    expect(page.locator("#quiz-markup")).to_have_value(
        "? How much is 2 + 2?\n- three\n+ four\n\n? Capital of France?\n= Paris", timeout=15_000
    )
