"""The load-test kit end to end at a tiny scale: the seeder fills SQLite and PostgreSQL
with consistent data, and a short headless Locust run against the real app (uvicorn)
makes requests on every journey without a single failure."""

from __future__ import annotations

import asyncio
import concurrent.futures
import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import asyncpg
import pytest

from backend_services.shared.settings import CONTEXTS, Settings
from loadtest import checks, seed
from loadtest.plan import Sizes, build_plan
from tests.databases import PG_ASYNC_SERVER, PG_SERVER, base_settings, postgres_unavailable_reason

pytestmark = pytest.mark.loadtest

SCALE = 0.002  # 100 users, 200 courses, 400 enrollments
ROOT = Path(__file__).resolve().parents[2]
JWT_SECRET = "loadtest-secret-that-is-long-enough-for-hs256-0123"


def _in_thread(fn, *args, **kwargs):
    """Seeding and checks call ``asyncio.run``: keep them off any loop of this thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def _seed(settings: Settings, *, reset: bool) -> None:
    _in_thread(seed.run, SCALE, reset=reset, quiet=True, settings=settings)


def _sqlite_settings(folder: Path) -> Settings:
    urls = {f"{c}_database_url": f"sqlite+aiosqlite:///{(folder / f'{c}.db').as_posix()}" for c in CONTEXTS}
    return base_settings(data_dir=folder, jwt_secret=JWT_SECRET, **urls)


def _assert_seeded(settings: Settings) -> None:
    counts = _in_thread(asyncio.run, checks.verify(settings))  # raises on any broken rule
    sizes = Sizes.for_scale(SCALE)
    assert counts["users"] == sizes.users + 1  # + the configured admin
    assert counts["courses"] == sizes.courses
    assert counts["enrollments"] == sizes.enrollments
    assert counts["payments"] == sizes.paid_enrollments
    assert counts["reviews"] == sizes.reviews
    assert 3 * sizes.courses * 5 <= counts["lessons"] <= 5 * sizes.courses * 10
    assert counts["lesson_progress"] > 0


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory) -> Settings:
    settings = _sqlite_settings(tmp_path_factory.mktemp("seeded"))
    _seed(settings, reset=False)
    return settings


def test_plan_is_deterministic():
    first, second = build_plan(SCALE), build_plan(SCALE)
    assert first.user_ids == second.user_ids
    assert first.course_ids == second.course_ids
    assert [e.id for e in first.enrollments] == [e.id for e in second.enrollments]
    assert first.structure_ids(7) == second.structure_ids(7)


def test_seed_sqlite_is_consistent_and_refuses_to_overwrite(seeded_sqlite):
    _assert_seeded(seeded_sqlite)
    with pytest.raises(SystemExit, match="--reset"):
        _in_thread(seed.prepare, seeded_sqlite, reset=False)


@pytest.mark.postgres
def test_seed_postgres_is_consistent_and_reruns_cleanly():
    if reason := postgres_unavailable_reason():
        pytest.skip(reason)
    prefix = f"edu_test_lt_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    urls = {f"{c}_database_url": f"{PG_ASYNC_SERVER}/{prefix}_{c}" for c in CONTEXTS}
    settings = base_settings(jwt_secret=JWT_SECRET, **urls)
    try:
        _seed(settings, reset=False)  # creates the databases
        _seed(settings, reset=True)  # TRUNCATE + reload
        _assert_seeded(settings)
    finally:
        _in_thread(asyncio.run, _drop(f"{prefix}_{c}" for c in CONTEXTS))


async def _drop(names) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        for name in names:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "the app exited during start-up"
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} not ready after {timeout} s")


@pytest.fixture
def app_server(seeded_sqlite):
    port = _free_port()
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
        _wait_ready(f"http://127.0.0.1:{port}/api/identity/health/live", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_short_locust_run_has_no_failures(app_server, tmp_path):
    out = tmp_path / "run"
    env = {**os.environ, "LOCUST_WAIT_MIN": "0.2", "LOCUST_WAIT_MAX": "0.8"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "loadtest.run",
            "--host",
            app_server,
            "--users",
            "6",
            "--spawn-rate",
            "6",
            "--run-time",
            "15s",
            "--scale",
            str(SCALE),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    with (out / "locust_stats.csv").open() as f:
        rows = {r["Name"]: r for r in csv.DictReader(f)}
    total = rows.pop("Aggregated")
    failures = (out / "locust_failures.csv").read_text()
    assert int(total["Request Count"]) > 50, result.stdout[-2000:]
    assert int(total["Failure Count"]) == 0, failures
    assert result.returncode == 0, result.stderr[-2000:]
    # Every kind of visitor got through: catalog, search, login, enrollment, progress.
    for name in (
        "/api/course/courses",
        "/api/course/courses?q={term}",
        "/api/identity/login",
        "/api/enrollment/enrollments",
    ):
        assert name in rows, sorted(rows)
    assert (out / "summary.md").exists() and (out / "report.html").exists()
