"""Fixtures of the load-test kit's tests: a tiny seeded SQLite platform and the real API
served on it by uvicorn."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from backend_services.shared.settings import CONTEXTS, Settings
from tests.loadtest.kit import JWT_SECRET, ROOT, free_port, seed_into, sqlite_settings, wait_ready


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory) -> Settings:
    settings = sqlite_settings(tmp_path_factory.mktemp("seeded"))
    seed_into(settings, reset=False)
    return settings


@pytest.fixture
def app_server(seeded_sqlite, tmp_path):
    # A copy of the seed per server: load runs enroll and complete, and the seed-consistency
    # test must still find the seed exactly as the plan made it, whatever ran first.
    urls = {}
    for context in CONTEXTS:
        source = Path(make_url(seeded_sqlite.database_url(context)).database)
        shutil.copy(source, tmp_path / source.name)
        urls[context] = f"sqlite+aiosqlite:///{(tmp_path / source.name).as_posix()}"
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
