"""A student finds, takes, finishes and reviews a course; buys one; gets notified."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import unique_email
from tests.e2e.ui import open_course, sign_up

pytestmark = pytest.mark.e2e


def _complete_all_lessons(page: Page, count: int) -> None:
    for index in range(count):
        page.click("#mark-complete")
        expect(page.locator("#lesson-done")).to_be_visible()
        if index < count - 1:
            page.click("#next-lesson")
            expect(page.locator("#mark-complete")).to_be_visible()


def test_student_enrolls_completes_and_reviews_a_free_course(page: Page, seeder):
    word = f"herbology{uuid.uuid4().hex[:6]}"
    teacher = seeder.verified_teacher()
    course = seeder.course(
        teacher, title=f"Herbs {word}", modules={"Roots": ["Soil", "Water"], "Leaves": ["Light"]}
    )

    sign_up(page, name="Stu Dent", email=unique_email("student"))
    page.fill("#search", word)
    card = page.locator(".course-card", has_text=word)
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Free")
    card.click()
    expect(page).to_have_url(re.compile(f"/courses/{course['id']}$"))

    page.click("#enroll")
    expect(page.locator("#continue")).to_be_visible()
    expect(page.locator(".progress-label")).to_have_text("0%")
    page.click("#continue")
    expect(page.locator("#lesson-title")).to_have_text("Soil")
    expect(page.locator("#breadcrumbs")).to_contain_text(word)
    _complete_all_lessons(page, 3)
    expect(page.locator("#lesson-sidebar .done-mark")).to_have_count(3)

    open_course(page, course["id"])
    expect(page.locator("#course-completed")).to_be_visible()
    expect(page.locator(".progress-label")).to_have_text("100%")
    # A finished course offers to review the lessons, not to "continue learning".
    expect(page.locator("#continue")).to_have_text("Review the lessons")

    page.fill("#review-comment", "Clear and practical.")
    page.click("#submit-review")
    expect(page.locator("#reviewed")).to_be_visible()
    expect(page.locator(".review")).to_contain_text("Clear and practical.")
    expect(page.locator("#enroll-panel")).to_contain_text("5.0")


def test_student_buys_a_paid_course(page: Page, seeder):
    teacher = seeder.verified_teacher()
    course = seeder.course(
        teacher, title=f"Paid SQL {uuid.uuid4().hex[:6]}", price="19.99", modules={"Joins": ["Inner join"]}
    )
    sign_up(page, name="Payer", email=unique_email("payer"))
    open_course(page, course["id"])
    expect(page.locator("#enroll")).to_have_count(0)
    page.click("#buy")
    expect(page.get_by_role("alertdialog")).to_contain_text("19.99")
    page.click("#confirm-buy")
    expect(page.locator("#continue")).to_be_visible()
    page.goto("/my-learning")
    expect(page.locator(".enrollment", has_text=course["title"])).to_be_visible()


def test_notifications_appear_after_enrolling(page: Page, seeder):
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title=f"Notify {uuid.uuid4().hex[:6]}", modules={"One": ["First"]})
    sign_up(page, name="Nora", email=unique_email("nora"))
    open_course(page, course["id"])
    page.click("#enroll")
    expect(page.locator("#continue")).to_be_visible()

    item = page.locator(".notification", has_text=f"You are enrolled in {course['title']}")
    for _ in range(10):  # the outbox delivers asynchronously (sub-second here)
        page.goto("/notifications")
        expect(page.locator(".notification").first).to_be_visible()
        if item.count():
            break
        page.wait_for_timeout(500)
    expect(item).to_have_class(re.compile("unread"))
    expect(page.locator("#unread-count")).to_be_visible()
    item.locator(".mark-read").click()
    expect(item).to_have_class(re.compile(r"\bread\b"))


def test_lesson_markdown_cannot_inject_scripts(page: Page, seeder):
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title=f"Safe {uuid.uuid4().hex[:6]}", modules={"M": []})
    module_id = seeder.curriculum(course["id"])["modules"][0]["id"]
    evil = (
        "# Hello\n\n<script>window.__pwned = 1</script>\n\n"
        '<img src="x" onerror="window.__pwned = 2">\n\n<iframe src="https://example.com"></iframe>'
        "\n\n[click](javascript:window.__pwned=3) [docs](https://example.com/docs)\n\n**bold text**"
    )
    lesson = seeder.lesson(
        teacher,
        module_id,
        title="Evil",
        content=evil,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    sign_up(page, name="Sam", email=unique_email("sam"))
    page.goto(f"/learn/{course['id']}/{lesson['id']}")
    body = page.locator("#lesson-body")
    expect(body.locator("strong")).to_have_text("bold text")
    expect(body.locator("script, iframe, img[onerror]")).to_have_count(0)
    # An unsafe link is plain text (no dead <a href="">); a safe one stays a link.
    expect(body.locator("span.unsafe-link")).to_have_text("click")
    expect(body.locator("a", has_text="click")).to_have_count(0)
    expect(body.locator("a", has_text="docs")).to_have_attribute("href", "https://example.com/docs")
    assert page.evaluate("window.__pwned") is None
    # YouTube is a plain embed with a title, and the original link under it.
    expect(page.locator(".lesson-video iframe")).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1"
    )


def test_an_unreachable_video_file_says_so(page: Page, seeder):
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title=f"Video {uuid.uuid4().hex[:6]}", modules={"M": []})
    module_id = seeder.curriculum(course["id"])["modules"][0]["id"]
    dead = "http://127.0.0.1:9/missing.mp4"  # nothing listens on the discard port
    lesson = seeder.lesson(teacher, module_id, title="Dead video", content="Text", video_url=dead)
    sign_up(page, name="Vic", email=unique_email("vic"))
    page.goto(f"/learn/{course['id']}/{lesson['id']}")
    notice = page.locator(".video-unavailable")
    expect(notice).to_contain_text("This video can't be played here.")
    expect(notice.locator("a")).to_have_attribute("href", dead)
    expect(page.locator(".lesson-video")).to_be_hidden()
