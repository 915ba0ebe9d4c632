"""Fixtures of the load-test kit's tests: a tiny seeded SQLite platform and the real API
served on it by uvicorn."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from backend_services.shared.settings import CONTEXTS, Settings
from tests.loadtest.kit import JWT_SECRET, ROOT, free_port, seed_into, sqlite_settings, wait_ready


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory) -> Settings:
    settings = sqlite_settings(tmp_path_factory.mktemp("seeded"))
    seed_into(settings, reset=False)
    return settings


@pytest.fixture
def app_server(seeded_sqlite):
    port = free_port()
    env = {
        **os.environ,
        "EDU_ENV": "test",
        "EDU_JWT_SECRET": JWT_SECRET,
        "EDU_AUTO_MIGRATE": "false",
        "EDU_RATE_LIMITS_ENABLED": "false",  # every Locust user logs in from 127.0.0.1
        **{f"EDU_{c.upper()}_DATABASE_URL": seeded_sqlite.database_url(c) for c in CONTEXTS},
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "backend_services.api:create_api",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/api/identity/health/live", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=15)
