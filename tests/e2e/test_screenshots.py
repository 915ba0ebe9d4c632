"""Screenshots of the main pages at desktop and mobile width.

Runs with the suite (``-m e2e``) and writes to the git-ignored ``test-results/screenshots/``,
so a test run leaves the checkout clean. To refresh the README's images in
``docs/screenshots/``: ``EDU_UPDATE_SCREENSHOTS=1 .venv/bin/pytest tests/e2e/test_screenshots.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.seed import ADMIN, unique_email
from tests.e2e.ui import use_login

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
OUT = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("EDU_UPDATE_SCREENSHOTS") == "1"
    else ROOT / "test-results" / "screenshots"
)
SIZES = {"desktop": (1280, 900), "mobile": (390, 844)}
LESSON_MD = """Python reads like plain English. In this lesson you will:

1. install Python,
2. run your **first** program,
3. learn what a *variable* is.

```python
name = "world"
print(f"Hello, {name}!")
```

> Tip: type the examples yourself rather than copying them.
"""


@pytest.fixture(scope="module")
def showcase(seeder):
    teacher = seeder.verified_teacher("Ada Lovelace")
    main = seeder.course(
        teacher,
        title="Python for Beginners",
        description="Learn to program from zero: variables, loops, functions and your first small projects.",
        modules={"Getting started": [], "Control flow": ["If and else", "Loops"]},
    )
    module_id = seeder.curriculum(main["id"])["modules"][0]["id"]
    lesson = seeder.lesson(
        teacher,
        module_id,
        title="Hello, Python",
        content=LESSON_MD,
        video_url="https://www.youtube.com/watch?v=rfscVS0vtbw",
        duration_minutes=12,
        order=0,
    )
    seeder.course(
        teacher,
        title="Data Analysis with SQL",
        price="49.99",
        description="Query real data sets with joins, window functions and CTEs.",
        modules={"Basics": ["SELECT"]},
    )
    seeder.course(
        teacher,
        title="Machine Learning Foundations",
        price="89.00",
        description="Regression, classification and model evaluation, hands-on.",
    )
    student = unique_email("shot")
    seeder.register(student, "Maria Ivanova")
    return {"course": main, "lesson": lesson, "student": seeder.token(student), "teacher": teacher}


@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots(new_page, seeder, showcase, size):
    OUT.mkdir(parents=True, exist_ok=True)
    page = new_page(*SIZES[size])
    course, lesson = showcase["course"], showcase["lesson"]

    def shot(name: str) -> None:
        page.wait_for_timeout(400)
        page.screenshot(path=str(OUT / f"{name}-{size}.png"), full_page=True)

    page.goto("/")
    expect(page.locator(".course-card").first).to_be_visible()
    shot("catalog")
    page.goto("/login")
    expect(page.locator("#email")).to_be_visible()
    shot("login")

    use_login(page, seeder, showcase["student"])
    page.goto(f"/courses/{course['id']}")
    expect(page.locator("#enroll-panel")).to_be_visible()
    if page.locator("#enroll").count():
        page.click("#enroll")
        expect(page.locator("#continue")).to_be_visible()
    shot("course")
    page.goto(f"/learn/{course['id']}/{lesson['id']}")
    expect(page.locator("#lesson-title")).to_be_visible()
    shot("lesson")
    page.goto("/my-learning")
    expect(page.locator(".enrollment").first).to_be_visible()
    shot("my-learning")

    use_login(page, seeder, showcase["teacher"])
    page.goto(f"/teacher/courses/{course['id']}/edit")
    expect(page.locator(".editor-module").first).to_be_visible()
    page.locator(".edit-lesson").first.click()
    expect(page.locator("#lesson-content-input")).to_be_visible()
    shot("teacher-editor")

    use_login(page, seeder, seeder.token(*ADMIN))
    page.goto("/admin")
    expect(page.locator("h1", has_text="Teachers")).to_be_visible()
    shot("admin")


def test_russian_screenshots(new_page, seeder, showcase):
    """The same product in Russian: catalog, course and My learning at desktop width."""
    OUT.mkdir(parents=True, exist_ok=True)
    page = new_page(*SIZES["desktop"])
    page.goto("/")
    page.evaluate("() => localStorage.setItem('edu_lang', 'ru')")
    use_login(page, seeder, showcase["student"])
    page.goto("/")
    expect(page.locator("#nav-catalog")).to_contain_text("Каталог")
    expect(page.locator(".course-card").first).to_be_visible()
    page.wait_for_timeout(400)
    page.screenshot(path=str(OUT / "catalog-desktop-ru.png"), full_page=True)
    page.goto(f"/courses/{showcase['course']['id']}")
    expect(page.locator("#enroll-panel")).to_be_visible()
    page.wait_for_timeout(400)
    page.screenshot(path=str(OUT / "course-desktop-ru.png"), full_page=True)
