"""A notification, a completion and a certificate reach every open tab without reloading:
with one worker (counters in memory) and with two workers sharing Redis."""

from __future__ import annotations

import uuid

import pytest
import redis
from playwright.sync_api import expect

from backend_services.shared.migrations import upgrade_all
from tests.databases import SqliteTemplate, off_loop
from tests.e2e.conftest import ACCESS_TTL_SECONDS
from tests.e2e.live import two_tabs_see_a_notification_and_a_certificate
from tests.e2e.seed import Seeder, unique_email
from tests.e2e.ui import log_in
from tests.reflex_app import ROOT, running_app

pytestmark = pytest.mark.e2e
REDIS_URL = "redis://127.0.0.1:6379"


def test_two_tabs_update_live(browser, app_url, seeder):
    two_tabs_see_a_notification_and_a_certificate(browser, app_url, seeder)


def test_an_idle_tab_past_its_access_token_lifetime_still_updates(browser, app_url, seeder):
    """No click renews the token of a tab left open; its follower renews it on the next
    change instead of stopping (it used to stop, and the tab missed every later change)."""
    teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title="Idle tab course", modules={"M": ["Only"]})
    email = unique_email("idle")
    student = seeder.register(email, "Ida Idle")
    seeder.wait_for_notifications(student, 1)
    context = browser.new_context(base_url=app_url)
    try:
        tab = context.new_page()
        log_in(tab, email)
        tab.goto("/notifications")
        expect(tab.locator(".notification")).to_have_count(1)
        tab.wait_for_timeout((ACCESS_TTL_SECONDS + 2) * 1000)  # the access token expired
        seeder.enroll(student, course["id"])
        expect(tab.locator("#unread-count")).to_have_text("2")
        expect(tab.locator(".notification")).to_have_count(2)
        expect(tab.locator("#logout")).to_be_visible()  # still signed in
    finally:
        context.close()


@pytest.fixture(scope="module")
def two_worker_app_url(tmp_path_factory):
    """The app on two granian workers with the Redis state manager (as in production)."""
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {exc}")
    data_dir = tmp_path_factory.mktemp("e2e-two-workers")
    # Migrated once up front, so two workers never race on the schema.
    off_loop(upgrade_all, SqliteTemplate.settings_for(data_dir))
    namespace = f"edu:live:e2e:{uuid.uuid4().hex}"  # this run's counters only
    # A build in a fresh folder rewrites reflex.lock/ in another JSON layout (same pins);
    # put the tracked files back as they were afterwards.
    locks = {path: path.read_bytes() for path in (ROOT / "reflex.lock").iterdir() if path.is_file()}
    with running_app(
        data_dir,
        # Its own build folders: a second build into the shared .web would pull the
        # files from under the session's app that other tests keep using.
        REFLEX_WEB_WORKDIR=str(data_dir / "web"),
        REFLEX_STATES_WORKDIR=str(data_dir / "states"),
        REFLEX_REDIS_URL=REDIS_URL,
        REFLEX_USE_GRANIAN="true",
        GRANIAN_WORKERS="2",
        EDU_AUTO_MIGRATE="false",
        EDU_LIVE_NAMESPACE=namespace,
    ) as (base, _):
        yield base
    for path, content in locks.items():
        path.write_bytes(content)
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{namespace}:*"):
        client.delete(key)


def test_two_tabs_update_live_across_two_workers(browser, two_worker_app_url):
    two_tabs_see_a_notification_and_a_certificate(browser, two_worker_app_url, Seeder(two_worker_app_url))
