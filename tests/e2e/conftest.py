"""Start the real app (``reflex run --env prod``, SQLite in a temp folder) and a Chromium.

Production mode builds the frontend once (~20 s here) and then serves pages,
websocket and API from one port; dev mode compiles pages on first visit and is
slower and flakier under a browser test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.seed import Seeder
from tests.reflex_app import running_reflex

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """The base URL of a freshly started app with its own empty databases."""
    if external := os.environ.get("E2E_BASE_URL"):
        return external.rstrip("/")
    if shutil.which("bun") is None:
        pytest.skip("bun is needed to build the frontend: npm install -g bun")
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {**os.environ, "EDU_DATA_DIR": str(data_dir), "EDU_OUTBOX_POLL_SECONDS": "0.3", "EDU_ENV": "test"}
    env.pop("REFLEX_REDIS_URL", None)
    with running_reflex(env, data_dir) as base:
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
    """Factory of pages, each in its own context (own localStorage: own signed-in user)."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=app_url)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
