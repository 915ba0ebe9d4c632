"""A teacher is verified and builds a course; roles cannot reach each other's pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import ADMIN, unique_email
from tests.e2e.ui import log_in, sign_up

pytestmark = pytest.mark.e2e


def _add_lesson(page: Page, module_title: str, title: str, content: str) -> None:
    module = page.locator(".editor-module", has_text=module_title)
    module.locator(".add-lesson").click()
    page.fill("#lesson-title-input", title)
    page.fill("#lesson-content-input", content)
    # Controlled inputs: let the typed values reach the state before saving.
    expect(page.locator("#lesson-title-input")).to_have_value(title)
    page.wait_for_timeout(300)
    page.click("#save-lesson")
    expect(module.locator(".editor-lesson-title", has_text=title)).to_be_visible()


def test_teacher_verified_creates_course_student_sees_curriculum(new_page, seeder):
    teacher_page, admin_page, student_page = new_page(), new_page(), new_page()
    email = unique_email("teach")
    sign_up(teacher_page, name="Tina Teacher", email=email, role="teacher")
    expect(teacher_page.locator("#unverified-banner")).to_be_visible()
    expect(teacher_page.locator("#new-course")).to_have_count(0)

    log_in(admin_page, *ADMIN)
    admin_page.goto("/admin")
    row = admin_page.locator(".pending-teacher", has_text=email)
    row.locator(".verify").click()
    expect(row).to_have_count(0)

    teacher_page.reload()  # same session: the token is refreshed, no new log-in
    expect(teacher_page.locator("#unverified-banner")).to_have_count(0)
    teacher_page.click("#new-course")
    teacher_page.fill("#course-title-input", "Gardening for Everyone")
    teacher_page.fill("#course-description", "From seeds to harvest.")
    teacher_page.wait_for_timeout(300)
    teacher_page.click("#save-course")
    expect(teacher_page).to_have_url(re.compile(r"/teacher/courses/[0-9a-f-]+/edit$"))
    course_id = teacher_page.url.split("/")[-2]

    for title in ("Seeds", "Harvest"):
        teacher_page.fill("#new-module-title", title)
        expect(teacher_page.locator("#new-module-title")).to_have_value(title)
        teacher_page.wait_for_timeout(300)
        teacher_page.click("#add-module")
        expect(teacher_page.locator(".editor-module-title", has_text=title)).to_be_visible()
    _add_lesson(teacher_page, "Seeds", "Choosing seeds", "Pick **fresh** seeds.")
    _add_lesson(teacher_page, "Seeds", "Sowing", "Plant them.")
    _add_lesson(teacher_page, "Harvest", "Picking", "When ripe.")

    # Reorder: move "Harvest" up, then back down.
    teacher_page.locator(".editor-module", has_text="Harvest").locator(".module-up").click()
    expect(teacher_page.locator(".editor-module-title").first).to_have_text("Harvest")
    teacher_page.locator(".editor-module", has_text="Harvest").locator(".module-down").click()
    expect(teacher_page.locator(".editor-module-title").first).to_have_text("Seeds")

    sign_up(student_page, name="Stella", email=unique_email("stella"))
    student_page.goto(f"/courses/{course_id}")
    outline = student_page.locator("#curriculum")
    expect(outline.locator(".curriculum-module")).to_have_text(["1. Seeds", "2. Harvest"])
    expect(outline.locator(".curriculum-lesson")).to_have_count(3)
    expect(outline).to_contain_text("Choosing seeds")


def test_student_cannot_reach_teacher_or_admin_pages(page: Page):
    page.goto("/teacher/courses")
    expect(page).to_have_url(re.compile(r"/login\?next=/teacher/courses$"))
    sign_up(page, name="Curious", email=unique_email("curious"))
    for path in ("/teacher/courses", "/teacher/new", "/admin"):
        page.goto(path)
        expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#nav-admin")).to_have_count(0)
    expect(page.locator("#nav-teacher")).to_have_count(0)


def test_session_survives_reload_and_login_returns_to_the_page(page: Page, seeder):
    email = unique_email("back")
    seeder.register(email, "Back Again")
    page.goto("/my-learning")
    expect(page).to_have_url(re.compile(r"/login\?next=/my-learning$"))
    page.fill("#email", email)
    page.fill("#password", "wrong-password")
    page.click("#submit")
    expect(page.locator(".form-error")).to_be_visible()
    page.fill("#password", "secret-pass-123")
    page.click("#submit")
    expect(page).to_have_url(re.compile(r"/my-learning$"))
    expect(page.locator("#user-name")).to_have_text("Back Again")
    page.reload()
    expect(page.locator("#user-name")).to_have_text("Back Again")
    page.click("#logout")
    expect(page.locator("#nav-login")).to_be_visible()


def test_teacher_renames_edits_and_deletes_curriculum_items(page: Page, seeder):
    email = unique_email("editor")
    teacher = seeder.verified_teacher("Ed Editor", email=email)
    course = seeder.course(
        teacher, title="Editing Course", modules={"Basics": ["Hello", "Goodbye"], "Extras": ["Bonus"]}
    )
    log_in(page, email)
    page.goto(f"/teacher/courses/{course['id']}/edit")
    basics = page.locator(".editor-module", has_text="Basics")
    expect(basics).to_be_visible()

    # Rename a module.
    basics.locator(".rename-module").click()
    page.fill("#rename-input", "Fundamentals")
    expect(page.locator("#rename-input")).to_have_value("Fundamentals")
    page.wait_for_timeout(300)
    page.click("#save-rename")
    expect(page.locator(".editor-module-title").first).to_have_text("Fundamentals")
    fundamentals = page.locator(".editor-module", has_text="Fundamentals")

    # Edit a lesson inline: title, content with preview, video URL.
    fundamentals.locator(".editor-lesson", has_text="Hello").locator(".edit-lesson").click()
    expect(page.locator("#lesson-title-input")).to_have_value("Hello")
    page.fill("#lesson-title-input", "Hello, world")
    page.fill("#lesson-content-input", "## Greetings\n\nSay **hi**.")
    page.fill("#lesson-video-input", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    expect(page.locator("#lesson-video-input")).to_have_value("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.wait_for_timeout(300)
    page.click("#preview-tab")
    expect(page.locator("#lesson-preview h2")).to_have_text("Greetings")
    page.click("#save-lesson")
    expect(fundamentals.locator(".editor-lesson-title")).to_have_text(["Hello, world", "Goodbye"])

    # Deleting asks first; cancelling keeps the lesson.
    goodbye = fundamentals.locator(".editor-lesson", has_text="Goodbye")
    goodbye.locator(".delete-lesson").click()
    page.locator(".cancel-delete").click()
    expect(goodbye).to_have_count(1)
    goodbye.locator(".delete-lesson").click()
    page.locator(".confirm-delete").click()
    expect(fundamentals.locator(".editor-lesson-title")).to_have_text(["Hello, world"])

    # Deleting a module removes its lessons with it.
    page.locator(".editor-module", has_text="Extras").locator(".delete-module").click()
    page.locator(".confirm-delete").click()
    expect(page.locator(".editor-module-title")).to_have_text(["Fundamentals"])

    # What the editor showed is what the platform stored.
    stored = seeder.curriculum(course["id"])
    assert [m["title"] for m in stored["modules"]] == ["Fundamentals"]
    lessons = stored["modules"][0]["lessons"]
    assert [lesson["title"] for lesson in lessons] == ["Hello, world"]
    assert lessons[0]["video_url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert stored["total_lessons"] == 1
