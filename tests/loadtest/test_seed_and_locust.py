"""The load-test kit end to end at a tiny scale: the seeder fills SQLite and PostgreSQL
with consistent data, and a short headless Locust run against the real app (uvicorn)
makes requests on every journey without a single failure."""

from __future__ import annotations

import asyncio
import csv
import os
import subprocess
import sys
import uuid

import asyncpg
import pytest

from backend_services.shared.settings import CONTEXTS, Settings
from loadtest import checks, seed
from loadtest.plan import Sizes, build_plan
from tests.databases import PG_ASYNC_SERVER, PG_SERVER, base_settings, postgres_unavailable_reason
from tests.loadtest.kit import JWT_SECRET, ROOT, SCALE, in_thread, seed_into, sqlite_settings

pytestmark = pytest.mark.loadtest


def _assert_seeded(settings: Settings) -> None:
    counts = in_thread(asyncio.run, checks.verify(settings))  # raises on any broken rule
    sizes = Sizes.for_scale(SCALE)
    assert counts["users"] == sizes.users + 1  # + the configured admin
    assert counts["courses"] == sizes.courses
    assert counts["enrollments"] == sizes.enrollments
    assert counts["payments"] == sizes.paid_enrollments
    assert counts["reviews"] == sizes.reviews
    assert 3 * sizes.courses * 5 <= counts["lessons"] <= 5 * sizes.courses * 10
    assert counts["lesson_progress"] > 0
    assert min(counts[t] for t in ("quizzes", "quiz_attempts", "watch_positions", "certificates")) > 0


def test_plan_is_deterministic():
    first, second = build_plan(SCALE), build_plan(SCALE)
    assert first.user_ids == second.user_ids
    assert first.course_ids == second.course_ids
    assert [e.id for e in first.enrollments] == [e.id for e in second.enrollments]
    assert first.structure_ids(7) == second.structure_ids(7)


def test_seed_sqlite_is_consistent_and_refuses_to_overwrite(tmp_path):
    # Its own seed: the session's seeded platform has had Locust runs enrolling students.
    settings = sqlite_settings(tmp_path)
    seed_into(settings, reset=False)
    _assert_seeded(settings)
    with pytest.raises(SystemExit, match="--reset"):
        in_thread(seed.prepare, settings, reset=False)


@pytest.mark.postgres
def test_seed_postgres_is_consistent_and_reruns_cleanly():
    if reason := postgres_unavailable_reason():
        pytest.skip(reason)
    prefix = f"edu_test_lt_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    urls = {f"{c}_database_url": f"{PG_ASYNC_SERVER}/{prefix}_{c}" for c in CONTEXTS}
    settings = base_settings(jwt_secret=JWT_SECRET, **urls)
    try:
        seed_into(settings, reset=False)  # creates the databases
        seed_into(settings, reset=True)  # TRUNCATE + reload
        _assert_seeded(settings)
    finally:
        in_thread(asyncio.run, _drop(f"{prefix}_{c}" for c in CONTEXTS))


async def _drop(names) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        for name in names:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


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
