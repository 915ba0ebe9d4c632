"""Small Playwright helpers shared by the journeys."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.seed import PASSWORD


def sign_up(page: Page, *, name: str, email: str, role: str = "student") -> None:
    page.goto("/signup")
    page.fill("#name", name)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click(f"#role-{role}")
    page.click("#submit")
    home = "/my-learning" if role == "student" else "/teacher/courses"
    expect(page).to_have_url(re.compile(re.escape(home) + "$"))
    expect(page.locator("#role-badge")).to_be_visible()


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#submit")
    expect(page.locator("#logout")).to_be_visible()


def open_course(page: Page, course_id: str) -> None:
    page.goto(f"/courses/{course_id}")
    expect(page.locator("#enroll-panel")).to_be_visible()


def use_login(page: Page, seeder, token: str) -> None:
    """Sign in by putting a fresh login of ``token``'s account where the UI keeps its tokens
    (logging in through the form is tested elsewhere)."""
    pair = seeder.browser_login(token)
    page.goto("/")
    page.evaluate(
        "p => { localStorage.setItem('edu_token', p.access_token);"
        " localStorage.setItem('edu_refresh', p.refresh_token); }",
        pair,
    )
