"""The lesson player reports the video position and resumes there after a reload."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in

pytestmark = pytest.mark.e2e
VIDEO = "video video"  # the <video> react-player renders for a file


def _position(seeder, student: str, lesson: str) -> float:
    response = seeder.http.get(
        f"/enrollment/progress/lessons/{lesson}/position", headers={"Authorization": f"Bearer {student}"}
    )
    return response.json()["position_seconds"] if response.status_code == 200 else -1.0


def test_resume_a_video_where_it_was_paused(page, seeder, app_url):
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title="Video course", modules={"M": []})
    module = seeder.curriculum(course["id"])["modules"][0]["id"]
    lesson = seeder.lesson(
        teacher, module, title="Watch me", content="Watch.", video_url=f"{app_url}/video/sample.mp4"
    )["id"]
    email = unique_email("viewer")
    student = seeder.register(email, "Vera Viewer")
    seeder.enroll(student, course["id"])
    log_in(page, email)

    page.goto(f"/learn/{course['id']}/{lesson}")
    video = page.locator(".tracked-video video")
    expect(video).to_be_attached()
    page.wait_for_function("document.querySelector('.tracked-video video').readyState >= 1")
    video.evaluate("v => { v.muted = true; v.currentTime = 25; return v.play(); }")
    page.wait_for_function("document.querySelector('.tracked-video video').currentTime > 25.5")
    video.evaluate("v => v.pause()")
    deadline = time.monotonic() + 15
    while _position(seeder, student, lesson) < 25 and time.monotonic() < deadline:
        time.sleep(0.3)
    saved = _position(seeder, student, lesson)
    assert 25 <= saved <= 40

    page.reload()
    page.wait_for_function(
        f"(document.querySelector('.tracked-video video') || {{}}).currentTime >= {saved - 1}", timeout=20_000
    )
    expect(page.locator("#video-watched")).to_be_visible()

    page.goto(f"/courses/{course['id']}")
    expect(page.locator("#resume-link")).to_contain_text("Watch me")
    page.click("#resume-link")
    expect(page).to_have_url(f"{app_url}/learn/{course['id']}/{lesson}")


def test_a_youtube_lesson_plays_in_its_own_frame_with_a_way_out(page, seeder):
    """YouTube plays in a plain embed frame (no SDK script that could fail the page when the
    host is unreachable, as here), with a link to the video at its source."""
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title="Offline video", modules={"M": []})
    module = seeder.curriculum(course["id"])["modules"][0]["id"]
    lesson = seeder.lesson(
        teacher,
        module,
        title="Far away",
        content="x",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )["id"]
    email = unique_email("offline")
    seeder.enroll(seeder.register(email, "Olga Offline"), course["id"])
    log_in(page, email)
    page.goto(f"/learn/{course['id']}/{lesson}")
    frame = page.locator("iframe[src^='https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ']")
    expect(frame).to_have_count(1)
    expect(page.locator("a[href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']")).to_be_visible()
    expect(page.locator(".tracked-video")).to_have_count(0)
