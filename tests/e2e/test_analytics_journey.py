"""A teacher reads where students drop off in a course and exports it as CSV."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in

pytestmark = pytest.mark.e2e


def test_a_teacher_reads_the_funnel(page, seeder, tmp_path):
    email = unique_email("analyst")
    teacher = seeder.verified_teacher(name="Ada Analyst", email=email)
    course = seeder.course(teacher, title="Funnel course", modules={"Part": ["Start", "Middle", "End"]})
    lessons = [lesson["id"] for lesson in seeder.curriculum(course["id"])["modules"][0]["lessons"]]
    quiz = {"questions": [{"id": "q", "kind": "text", "text": "Say yes", "accepted_answers": ["yes"]}]}
    seeder.quiz(teacher, lessons[1], quiz)  # "Middle" completes by passing its quiz
    for depth, name in ((3, "Quinn Finisher"), (1, "Una Starter"), (0, "Zed Browser")):
        student = seeder.register(unique_email("learner"), name)
        seeder.enroll(student, course["id"])
        for lesson in lessons[:depth]:
            if lesson == lessons[1]:
                assert seeder.answer_quiz(student, course["id"], lesson, {"q": ["yes"]})["passed"]
            else:
                seeder.complete(student, course["id"], lesson)

    log_in(page, email)
    page.goto("/teacher/courses")
    page.locator(".own-course", has_text="Funnel course").locator(".course-analytics").click()
    expect(page.locator("#stat-students")).to_have_text("3")
    expect(page.locator("#stat-completion")).to_contain_text("33.3")
    rows = page.locator(".funnel-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("1. Start")
    expect(rows.nth(0).locator(".drop-off")).to_have_text("1")  # enrolled but never finished Start
    expect(rows.nth(1).locator(".drop-off")).to_have_text("1")  # finished Start, stopped before Middle
    expect(page.locator("#chart-enrollments .recharts-surface")).to_be_visible()
    expect(page.locator(".quiz-row")).to_contain_text("Middle")
    expect(page.locator(".attempt-row")).to_have_count(1)
    expect(page.locator(".attempt-row")).to_contain_text("Quinn Finisher")
    with page.expect_download() as download:
        page.click("#export-csv")
    saved = tmp_path / "report.csv"
    download.value.save_as(saved)
    assert "1. Start" not in saved.read_text() and "Start,2,2,1" in saved.read_text()
