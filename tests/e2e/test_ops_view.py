"""The admin's operations view shows live figures of the running app in both languages."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.seed import ADMIN, unique_email
from tests.e2e.ui import log_in, sign_up

pytestmark = pytest.mark.e2e


def test_admin_watches_live_rates_pools_and_backlog(new_page, app_url):
    page = new_page()
    log_in(page, *ADMIN)
    page.goto("/admin")
    page.click("#open-ops")
    expect(page).to_have_url(re.compile(r"/admin/ops$"))
    # Traffic between two refreshes shows up as a rate on its route.
    for _ in range(20):
        httpx.get(f"{app_url}/api/course/courses", params={"limit": 1}, timeout=10)
    expect(page.locator(".ops-route", has_text="/api/course/courses").first).to_be_visible(timeout=20_000)
    expect(page.locator("#ops-rps")).not_to_have_text("–")
    expect(page.get_by_text("No connection pools")).to_be_visible()  # the e2e app runs on SQLite
    expect(page.locator(".ops-backlog", has_text="enrollment")).to_be_visible()
    expect(page.locator("#ops-ui-sessions")).not_to_have_text("0")  # this very tab

    page.click("#lang-toggle")
    expect(page.get_by_text("Состояние платформы")).to_be_visible()


def test_students_cannot_open_the_operations_view(new_page):
    page = new_page()
    sign_up(page, name="Olga Ops", email=unique_email("ops"))
    page.goto("/admin/ops")
    expect(page).not_to_have_url(re.compile(r"/admin/ops$"))
