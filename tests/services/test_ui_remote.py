"""The Reflex UI with every context remote: it owns no database and reaches the five services
through the same remote adapters; a student signs up, finds, enrolls in and starts a course,
and reads the notifications that came through the broker."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest

from backend_services.shared.settings import CONTEXTS
from tests.reflex_app import running_reflex
from tests.services.api import Api, unique_email, wait_until
from tests.services.cluster import FiveServices

pytestmark = [pytest.mark.services, pytest.mark.e2e]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
START_TIMEOUT = 300


@pytest.fixture(scope="module")
def remote_ui(cluster: FiveServices, tmp_path_factory):
    """``reflex run --env prod`` configured with the five services' URLs and nothing else."""
    data_dir = tmp_path_factory.mktemp("remote-ui")
    env = {k: v for k, v in cluster.services["course"].env.items() if not k.endswith("_DATABASE_URL")}
    env |= {"EDU_DATA_DIR": str(data_dir), "EDU_SERVE_CONTEXTS": ""}
    env.pop("REFLEX_REDIS_URL", None)
    assert all(env[f"EDU_{ctx.upper()}_SERVICE_URL"] for ctx in CONTEXTS)
    with running_reflex(env, data_dir) as (base, _):
        yield base, data_dir


def test_a_student_uses_the_ui_served_by_remote_contexts(remote_ui, api: Api):
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e.ui import sign_up

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    base, data_dir = remote_ui
    word = f"remote{uuid.uuid4().hex[:6]}"
    teacher, _ = api.verified_teacher("Uma")
    course = api.course(teacher, f"Botany {word}", lessons=2)
    email = unique_email("ui-student")

    expect.set_options(timeout=20_000)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_context(base_url=base).new_page()
            sign_up(page, name="Remy Remote", email=email)  # identity, over HTTP
            page.goto("/")
            page.fill("#search", word)  # course
            card = page.locator(".course-card", has_text=word)
            expect(card).to_have_count(1)
            card.click()
            expect(page).to_have_url(re.compile(f"/courses/{course['id']}$"))
            page.click("#enroll")  # enrollment, which asks course and payment
            page.click("#continue")
            expect(page.locator("#lesson-title")).to_have_text("Lesson 1")
            page.click("#mark-complete")
            expect(page.locator("#lesson-done")).to_be_visible()

            student = api.login(email)
            progress = api.ok("enrollment", "GET", f"/progress/courses/{course['id']}", student)
            assert (progress["completed_lessons"], progress["total_lessons"]) == (1, 2)
            wait_until(lambda: len(api.notifications(student)) == 2, within=30, what="notifications")
            page.goto("/notifications")  # notification, rendered with the static localize()
            expect(page.locator(".notification")).to_have_count(2)
            expect(page.locator(".notification").first).to_contain_text(word)
        finally:
            browser.close()
    # The UI process owns no database at all.
    assert list(data_dir.glob("*.db")) == []
