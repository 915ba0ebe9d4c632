"""Every page, in English and Russian, at 1280 px and 375 px: no console errors or React
warnings, no serious or critical axe-core violations, no sideways scrolling.

Runs against the development build (React's warnings exist only there), started in its
own web folder; the journeys in the other modules use the production build.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.checks import ConsoleWatch, axe_violations, horizontal_overflow
from tests.e2e.seed import ADMIN, PASSWORD, Seeder, unique_email
from tests.reflex_app import running_app

pytestmark = pytest.mark.e2e

WIDTHS = (1280, 375)
LANGUAGES = ("en", "ru")
PAGE_TIMEOUT = 90_000  # the development server compiles a page on its first visit


@pytest.fixture(scope="module")
def dev_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("dev-data"), dev=True, EDU_OUTBOX_POLL_SECONDS="0.3") as urls:
        yield urls


@pytest.fixture(scope="module")
def site(dev_app) -> dict:
    """A small platform with every kind of page to visit, and who may visit which."""
    ui, api = dev_app
    seed = Seeder(api)
    teacher = seed.verified_teacher()
    course = seed.course(teacher, title="Healthy Habits", modules={"Start": ["Welcome", "Plan"], "Empty": []})
    seed.course(teacher, title="Paid Deep Dive", price="19.99", modules={"Only": ["Intro"]})
    first_module = seed.curriculum(course["id"])["modules"][0]
    video = seed.lesson(
        teacher,
        first_module["id"],
        title="Links and video",
        content="[safe](https://example.com) and [unsafe](javascript:alert(1))\n\n- one\n- two",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        duration_minutes=4,
        order=2,
    )
    student_email = unique_email("health-student")
    student = seed.register(student_email, "Hana Health")
    seed.enroll(student, course["id"])
    seed.register(unique_email("pending"), "Pending Teacher", role="teacher")
    teacher_email = seed.me(teacher)["email"]
    cid = course["id"]
    return {
        "ui": ui,
        "anonymous": (None, ["/", "/login", "/signup", f"/courses/{cid}", "/no-such-page"]),
        "student": (
            (student_email, PASSWORD),
            ["/my-learning", "/notifications", f"/courses/{cid}", f"/learn/{cid}/{video['id']}"],
        ),
        "teacher": (
            (teacher_email, PASSWORD),
            [
                "/teacher/courses",
                "/teacher/new",
                f"/teacher/courses/{cid}/edit",
                f"/teacher/courses/{cid}/students",
            ],
        ),
        "admin": (ADMIN, ["/admin"]),
    }


def _log_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#submit")
    page.wait_for_selector("#logout")


def _settle(page: Page) -> None:
    """Wait until the page has its data: the socket is quiet and no spinner is left."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => document.title !== '' && !document.querySelector('.rt-Spinner, .rt-Skeleton')",
        timeout=PAGE_TIMEOUT,
    )


@pytest.mark.parametrize("who", ["anonymous", "student", "teacher", "admin"])
def test_pages_are_clean_in_both_languages_and_widths(browser, site, who):
    credentials, paths = site[who]
    problems: list[str] = []
    for lang in LANGUAGES:
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, base_url=site["ui"])
        context.set_default_timeout(PAGE_TIMEOUT)
        # The top document only: embedded players' frames may not touch storage.
        context.add_init_script(
            f"if (window.top === window) window.localStorage.setItem('edu_lang', '{lang}')"
        )
        page = context.new_page()
        watch = ConsoleWatch(page, site["ui"])
        try:
            if credentials:
                _log_in(page, *credentials)
            for path in paths:
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(path)
                    _settle(page)
                    where = f"{lang} {width}px {path}"
                    problems += [f"{where}: {p}" for p in watch.take()]
                    problems += [f"{where}: axe {v}" for v in axe_violations(page)]
                    if overflow := horizontal_overflow(page):
                        problems.append(f"{where}: scrolls sideways: {overflow}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)
