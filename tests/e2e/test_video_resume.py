"""The lesson player reports the video position and resumes there after a reload."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ACCESS_TTL_SECONDS
from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in

pytestmark = pytest.mark.e2e
VIDEO = "video video"  # the <video> react-player renders for a file


def _position(seeder, student: str, lesson: str) -> float:
    """The stored position (-1: none yet); the seeder renews the short-lived token."""
    response = seeder._send("GET", f"/enrollment/progress/lessons/{lesson}/position", student)
    assert response.status_code in (200, 204, 404), response.text
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


# Stand-ins for the players inside the YouTube and Vimeo frames (no internet here): each
# speaks its player's postMessage protocol, "plays" to a position, then pauses there. The
# YouTube one pauses after the access token's lifetime (ACCESS_TTL_SECONDS): a report
# made long after the page loaded still counts, because the login renews itself.
YOUTUBE_PLAYER = """<!doctype html><title>player</title><script>
let parentWindow = null;
window.addEventListener("message", (e) => {
  const d = JSON.parse(e.data);
  if (d.event !== "listening" || parentWindow) return;
  parentWindow = e.source;
  const info = (t, state) =>
    JSON.stringify({event: "infoDelivery", info: {currentTime: t, duration: 300, playerState: state}});
  parentWindow.postMessage(info(%(start)s, 1), "*");
  setTimeout(() => parentWindow.postMessage(info(%(start)s + 40, 2), "*"), %(pause_ms)s);
});
</script>"""

VIMEO_PLAYER = """<!doctype html><title>player</title><script>
parent.postMessage(JSON.stringify({event: "ready"}), "*");
window.addEventListener("message", (e) => {
  const d = JSON.parse(e.data);
  if (d.method === "addEventListener" && d.value === "pause")
    setTimeout(() => parent.postMessage(
      JSON.stringify({event: "pause", data: {seconds: 75, duration: 600}}), "*"), 500);
});
</script>"""


def _stub_player(page, pattern: str, html: str) -> list[str]:
    """Serve ``html`` for the embed frames matching ``pattern``; returns the URLs asked for."""
    asked: list[str] = []

    def fulfil(route):
        asked.append(route.request.url)
        start = re.search(r"[?&]start=(\d+)", route.request.url)
        values = {"start": start.group(1) if start else 0, "pause_ms": (ACCESS_TTL_SECONDS + 2) * 1000}
        route.fulfill(content_type="text/html", body=html % values)

    page.route(pattern, fulfil)
    return asked


@pytest.mark.parametrize(
    ("video_url", "pattern", "player", "saved_at", "resumed_src", "watched"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/**",
            YOUTUBE_PLAYER,
            40,
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1&start=40",
            "13.3%",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/**", VIMEO_PLAYER, 75, None, "12.5%"),
    ],
    ids=["youtube", "vimeo"],
)
def test_an_embedded_video_reports_its_position_and_resumes_there(
    page, seeder, video_url, pattern, player, saved_at, resumed_src, watched
):
    asked = _stub_player(page, pattern, player)
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title="Embedded video course", modules={"M": []})
    module = seeder.curriculum(course["id"])["modules"][0]["id"]
    lesson = seeder.lesson(teacher, module, title="Embedded", content="Watch.", video_url=video_url)["id"]
    email = unique_email("embed")
    student = seeder.register(email, "Emil Embed")
    seeder.enroll(student, course["id"])
    log_in(page, email)

    page.goto(f"/learn/{course['id']}/{lesson}")
    deadline = time.monotonic() + ACCESS_TTL_SECONDS + 20
    while _position(seeder, student, lesson) < saved_at and time.monotonic() < deadline:
        page.wait_for_timeout(300)  # not time.sleep: Playwright serves the routed frames meanwhile
    assert _position(seeder, student, lesson) == saved_at

    page.reload()
    frame = page.locator(".embed-video iframe")
    expected = resumed_src or f"https://player.vimeo.com/video/76979871#t={saved_at}s"
    expect(frame).to_have_attribute("src", expected)
    expect(page.locator("#video-watched")).to_contain_text(watched)
    assert asked, "the player frame was never requested"
