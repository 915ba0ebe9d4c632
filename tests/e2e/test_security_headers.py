"""The UI works under its Content-Security-Policy: no violation on any page (websocket,
YouTube/Vimeo embeds, mp4 video included), the security headers are on UI and API
answers, and a paid lesson shows the way to enroll instead of its content."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import ADMIN, unique_email
from tests.e2e.ui import open_course, use_login

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
"""
VIDEOS = {
    "YouTube": "https://www.youtube.com/watch?v=rfscVS0vtbw",
    "Vimeo": "https://vimeo.com/76979871",
    "MP4": "https://media.example.com/intro.mp4",
}


@pytest.fixture(scope="module")
def site(seeder):
    teacher = seeder.verified_teacher("Vera Video")
    free = seeder.course(teacher, title="Video course", modules={"Videos": []})
    module_id = seeder.curriculum(free["id"])["modules"][0]["id"]
    lessons = {
        kind: seeder.lesson(teacher, module_id, title=f"{kind} lesson", content="Watch.", video_url=url)
        for kind, url in VIDEOS.items()
    }
    paid = seeder.course(teacher, title="Paid course", price="15.00", modules={"Inside": ["Locked lesson"]})
    paid_module = seeder.curriculum(paid["id"])["modules"][0]
    preview = seeder.lesson(
        teacher, paid_module["id"], title="Free sample", content="Sample", is_preview=True
    )
    student_email = unique_email("viewer")
    student = seeder.register(student_email, "Val Viewer")
    seeder.enroll(student, free["id"])
    return {
        "teacher": teacher,
        "student": student,
        "admin": seeder.token(*ADMIN),
        "free": free,
        "lessons": lessons,
        "paid": paid,
        "locked": paid_module["lessons"][0]["id"],
        "preview": preview["id"],
    }


def _signed_in(new_page, seeder, token: str) -> Page:
    page = new_page()
    page.context.add_init_script(RECORD_VIOLATIONS)
    use_login(page, seeder, token)
    return page


def _console_watch(page: Page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return messages


def _visit(page: Page, path: str, ready: str, console: list[str]) -> None:
    page.goto(path)
    expect(page.locator(ready).first).to_be_visible()
    page.wait_for_timeout(500)  # let late scripts, frames and media start loading
    assert page.evaluate("window.__csp") == [], path
    assert console == [], path


def test_every_page_runs_without_csp_violations(new_page, seeder, site):
    checks = {
        "student": [
            ("/", "#search"),
            (f"/courses/{site['free']['id']}", "#enroll-panel"),
            # The player, or its "can't be played here" note (media.example.com is unreachable).
            *[
                (f"/learn/{site['free']['id']}/{x['id']}", ".lesson-video:visible, #video-unavailable")
                for x in site["lessons"].values()
            ],
            (f"/learn/{site['paid']['id']}/{site['locked']}", "#lesson-locked"),
            (f"/learn/{site['paid']['id']}/{site['preview']}", "#lesson-body"),
            ("/my-learning", "#role-badge"),
            ("/notifications", "#role-badge"),
            ("/no-such-page", "body"),
            # A page guard answers with a server-sent toast (run through eval by Reflex).
            ("/admin", "[data-sonner-toast]"),
        ],
        "teacher": [
            ("/teacher/courses", "#role-badge"),
            ("/teacher/new", "#role-badge"),
            (f"/teacher/courses/{site['free']['id']}/edit", "#add-module"),
            (f"/teacher/courses/{site['free']['id']}/students", "#role-badge"),
        ],
        "admin": [("/admin", "#role-badge")],
    }
    for role, pages in checks.items():
        page = _signed_in(new_page, seeder, site[role])
        console = _console_watch(page)
        for path, ready in pages:
            _visit(page, path, ready, console)
    anonymous = new_page()
    anonymous.context.add_init_script(RECORD_VIOLATIONS)
    console = _console_watch(anonymous)
    for path, ready in (("/login", "#submit"), ("/signup", "#submit")):
        _visit(anonymous, path, ready, console)


def test_video_embeds_are_rendered(new_page, seeder, site):
    page = _signed_in(new_page, seeder, site["student"])
    youtube = site["lessons"]["YouTube"]["id"]
    page.goto(f"/learn/{site['free']['id']}/{youtube}")
    expect(page.locator(".lesson-video").first).to_be_visible()
    mp4 = site["lessons"]["MP4"]["id"]
    page.goto(f"/learn/{site['free']['id']}/{mp4}")
    expect(page.locator(".lesson-video video, .lesson-video iframe").first).to_be_attached()
    assert page.evaluate("window.__csp") == []


def test_security_headers_on_ui_and_api(app_url):
    ui = httpx.get(f"{app_url}/")
    csp = ui.headers["content-security-policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "frame-ancestors 'none'" in csp and "'sha256-" in script_src
    assert "'unsafe-inline'" not in script_src
    api = httpx.get(f"{app_url}/api/course/courses")
    assert api.headers["content-security-policy"].startswith("default-src 'none'")
    for response in (ui, api):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-request-id"]


def test_cors_admits_only_configured_origins(app_url):
    evil = httpx.get(f"{app_url}/api/course/courses", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in evil.headers
    preflight = httpx.options(
        f"{app_url}/api/identity/me",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.headers.get("access-control-allow-origin") != "https://evil.example"
    own = httpx.get(f"{app_url}/api/course/courses", headers={"Origin": "http://localhost:3000"})
    assert own.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_a_paid_lesson_is_locked_until_the_student_enrolls(new_page, seeder, site):
    page = _signed_in(new_page, seeder, site["student"])
    page.goto(f"/learn/{site['paid']['id']}/{site['locked']}")
    expect(page.locator("#lesson-locked")).to_contain_text("Enroll in the course")
    expect(page.locator("#lesson-body")).to_have_count(0)
    page.click("#lang-toggle")
    expect(page.locator("#lesson-locked")).to_contain_text("Запишитесь на курс")
    page.click("#enroll-to-unlock")
    expect(page).to_have_url(re.compile(rf"/courses/{site['paid']['id']}$"))
    open_course(page, site["paid"]["id"])
    expect(page.locator(".preview-badge")).to_have_count(1)
