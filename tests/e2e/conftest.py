"""Start the real app (``reflex run --env prod``, SQLite in a temp folder) and a Chromium.

Production mode builds the frontend once (~20 s here) and then serves pages,
websocket and API from one port; dev mode compiles pages on first visit and is
slower and flakier under a browser test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e.seed import Seeder

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(data_dir: Path, **extra_env: str):
    """Start ``reflex run --env prod`` on a free port; yields its base URL."""
    if shutil.which("bun") is None:
        pytest.skip("bun is needed to build the frontend: npm install -g bun")
    port = _free_port()
    env = {**os.environ, "EDU_DATA_DIR": str(data_dir), "EDU_OUTBOX_POLL_SECONDS": "0.3", "EDU_ENV": "test"}
    env.pop("REFLEX_REDIS_URL", None)
    env.update(extra_env)
    log = open(data_dir / "reflex.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/reflex"),
            "run",
            "--env",
            "prod",
            "--frontend-port",
            str(port),
            "--backend-port",
            str(port),
            "--loglevel",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"reflex exited: {(data_dir / 'reflex.log').read_text()[-3000:]}")
            try:
                if (
                    httpx.get(f"{base}/api/identity/health/ready", timeout=2).status_code == 200
                    and httpx.get(base, timeout=5).status_code == 200
                ):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the app did not become ready in time")
            time.sleep(1)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """The base URL of a freshly started app with its own empty databases."""
    if external := os.environ.get("E2E_BASE_URL"):
        yield external.rstrip("/")
        return
    with running_app(tmp_path_factory.mktemp("e2e-data")) as base:
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
