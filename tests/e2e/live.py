"""The two-tab live journey, run against the one-worker app and the two-worker app."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in


def two_tabs_see_a_notification_and_a_certificate(browser, base_url: str, seeder) -> None:
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title="Live course", modules={"M": ["Only"]})
    lesson = seeder.curriculum(course["id"])["modules"][0]["lessons"][0]["id"]
    email = unique_email("live")
    student = seeder.register(email, "Lina Live")
    seeder.wait_for_notifications(student, 1)

    context = browser.new_context(base_url=base_url)  # one browser, one user, two tabs
    try:
        first = context.new_page()
        log_in(first, email)
        first.goto("/notifications")
        second = context.new_page()
        second.goto("/my-learning")
        expect(second.locator("#logout")).to_be_visible()
        expect(first.locator(".notification")).to_have_count(1)
        first.wait_for_timeout(1500)  # both tabs' followers are running

        seeder.enroll(student, course["id"])  # elsewhere (REST): a notification and an enrollment
        for tab in (first, second):
            expect(tab.locator("#unread-count")).to_have_text("2")
        expect(first.locator(".notification")).to_have_count(2)  # the open list refreshed itself
        expect(second.locator(".enrollment")).to_have_count(1)  # My learning shows the new course

        seeder.complete(student, course["id"], lesson)  # completion -> certificate, both live
        expect(second.locator(".download-certificate")).to_be_visible()
        for tab in (first, second):
            expect(tab.locator("#unread-count")).to_have_text("4")
    finally:
        context.close()
