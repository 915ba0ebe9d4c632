"""Lists longer than a page: My learning, notifications, a course's reviews and students."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in

pytestmark = pytest.mark.e2e


def test_my_learning_and_notifications_page_through_everything(page: Page, seeder):
    teacher = seeder.verified_teacher("Paging Teacher")
    titles = [f"Paging course {i:02d}" for i in range(21)]
    courses = [seeder.course(teacher, title=title) for title in titles]
    email = unique_email("pager")
    student = seeder.register(email, "Paula Pager")
    for course in courses:
        seeder.enroll(student, course["id"])
    seeder.wait_for_notifications(student, 1 + len(courses))  # welcome + one per enrollment

    log_in(page, email)
    page.goto("/my-learning")
    cards = page.locator(".enrollment")
    expect(cards).to_have_count(12)
    expect(page.locator("#page-label")).to_have_text("Page 1 of 2")
    expect(page.locator("#prev-page")).to_be_disabled()
    expect(page).to_have_title("My learning · EduPlatform")
    seen = cards.locator(".enrollment-title").all_inner_texts()
    page.click("#next-page")
    expect(cards).to_have_count(9)
    expect(page.locator("#page-label")).to_have_text("Page 2 of 2")
    expect(page.locator("#next-page")).to_be_disabled()
    seen += cards.locator(".enrollment-title").all_inner_texts()
    assert sorted(seen) == titles  # every enrollment exactly once across the pages
    expect(cards.first).to_contain_text("0 / 0")

    page.goto("/notifications")
    rows = page.locator(".notification")
    expect(rows).to_have_count(20)
    expect(page.locator(".notification.unread")).to_have_count(20)
    page.click("#next-page")
    expect(rows).to_have_count(2)
    expect(rows.last).to_contain_text("Welcome")  # newest first: the welcome is the oldest
    # Marking read on page 2 keeps the reader on page 2.
    rows.last.locator(".mark-read").click()
    expect(page.locator(".notification.read")).to_have_count(1)
    expect(page.locator("#page-label")).to_have_text("Page 2 of 2")
    expect(page.locator("#unread-count")).to_have_text("21")


def test_course_reviews_and_students_are_paginated(page: Page, seeder):
    teacher_email = unique_email("crowd-teacher")
    teacher = seeder.verified_teacher("Crowd Teacher", email=teacher_email)
    course = seeder.course(teacher, title="Crowded Course", modules={"Only": ["One"]})
    for i in range(21):
        student = seeder.register(unique_email(f"crowd{i}"), f"Crowd Student {i:02d}")
        seeder.enroll(student, course["id"])
        if i < 11:
            seeder.review(student, course["id"], rating=1 + i % 5, comment=f"Review number {i:02d}")

    page.goto(f"/courses/{course['id']}")
    expect(page.locator("#enroll-panel")).to_contain_text("1 lesson")
    expect(page.locator("#enroll-panel")).not_to_contain_text("1 lessons")
    expect(page.locator("#enroll-panel")).to_contain_text("(11 reviews)")
    reviews = page.locator("#reviews .review")
    expect(reviews).to_have_count(10)
    expect(page.locator("#reviews-page-label")).to_have_text("Page 1 of 2")
    expect(reviews.first).to_contain_text("Review number 10")  # newest first
    page.click("#reviews-next-page")
    expect(reviews).to_have_count(1)
    expect(reviews.first).to_contain_text("Review number 00")

    log_in(page, teacher_email)
    page.goto(f"/teacher/courses/{course['id']}/students")
    rows = page.locator(".student-row")
    expect(rows).to_have_count(20)
    expect(page.locator("#page-label")).to_have_text("Page 1 of 2")
    page.click("#next-page")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Crowd Student")
