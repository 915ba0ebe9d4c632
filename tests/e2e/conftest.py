"""Start the real app (``reflex run --env prod``, SQLite in a temp folder) and a Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.checks import ConsoleWatch
from tests.e2e.seed import Seeder
from tests.reflex_app import running_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Access tokens expire within seconds, so every journey also proves that the UI renews
# them silently (tests/e2e/test_account_journeys.py waits one lifetime on purpose).
ACCESS_TTL_SECONDS = 10


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory) -> Path | None:
    """The started app's data folder (its development mailbox is ``mailbox/``); None for an
    external app."""
    if os.environ.get("E2E_BASE_URL"):
        return None
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def app_url(app_data_dir) -> str:
    """The base URL of a freshly started app with its own empty databases."""
    if external := os.environ.get("E2E_BASE_URL"):
        yield external.rstrip("/")
        return
    with running_app(
        app_data_dir,
        EDU_OUTBOX_POLL_SECONDS="0.3",
        EDU_JWT_TTL_SECONDS=str(ACCESS_TTL_SECONDS),
    ) as (base, _):
        yield base


@pytest.fixture(scope="session")
def seeder(app_url) -> Seeder:
    return Seeder(app_url)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Two shared cores: give assertions room beyond Playwright's 5 s default.
    expect.set_options(timeout=15_000)

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, app_url):
    """Factory of pages, each in its own context (own localStorage: own signed-in user).

    Every page is watched: a console error or an uncaught exception fails the test."""
    contexts, watches = [], []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=app_url)
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        watches.append(ConsoleWatch(page, app_url))
        return page

    yield make
    for context in contexts:
        context.close()
    problems = [problem for watch in watches for problem in watch.take()]
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()
