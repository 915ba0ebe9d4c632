"""What ``pool_pre_ping`` costs: one course read per request through the real API (read cache
off, so every request checks out a connection), with no ping at checkout, the platform's
ping (skipped for a connection returned less than 0.5 s ago, as the sequential requests here
and any busy pool's are), the same ping on every checkout (one round trip) and SQLAlchemy's
own asyncpg ping (BEGIN; ;  ROLLBACK), interleaved rounds on the same PostgreSQL database.

    .venv/bin/python -m loadtest.bench_pre_ping            # server from EDU_TEST_POSTGRES

Creates and drops its own database; prints per-request latency and requests/s of both.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from typing import Any

import asyncpg
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from backend_services.bootstrap import build_platform, set_platform
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.security import Role
from backend_services.shared.settings import CONTEXTS, Settings

SERVER = os.environ.get("EDU_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
ROUNDS, REQUESTS = 6, 500
# Variant -> settings; "dialect" also drops the platform's own ping (see _round).
VARIANTS: dict[str, dict[str, Any]] = {
    "off": {"db_pool_pre_ping": False},
    "bypass 0.5 s": {"db_pool_pre_ping": True, "db_pre_ping_bypass_seconds": 0.5},
    "one round trip": {"db_pool_pre_ping": True, "db_pre_ping_bypass_seconds": 0},
    "dialect": {"db_pool_pre_ping": True},
}


async def _admin(statement: str) -> None:
    conn = await asyncpg.connect(f"{SERVER}/postgres")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def _round(settings: Settings, ping: str, course_id: str | None) -> tuple[float, str]:
    platform = build_platform(settings.model_copy(update=VARIANTS[ping]))
    set_platform(platform)
    if ping == "dialect":  # drop the platform's own ping: SQLAlchemy's three round trips
        vars(platform.databases["course"].engine.sync_engine.dialect).pop("do_ping", None)
    app = create_api(with_lifespan=False)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://bench") as http:
        if course_id is None:
            token = platform.tokens.issue(user_id=uuid.uuid4(), role=Role("teacher"), is_verified=True)
            created = await http.post(
                "/api/course/courses",
                json={"title": "Bench", "level": "beginner"},
                headers={"Authorization": f"Bearer {token}"},
            )
            course_id = created.json()["id"]
        await http.get(f"/api/course/courses/{course_id}")  # warm the pool
        start = time.perf_counter()
        for _ in range(REQUESTS):
            response = await http.get(f"/api/course/courses/{course_id}")
            assert response.status_code == 200
        elapsed = time.perf_counter() - start
    await platform.stop()
    return elapsed / REQUESTS, course_id


async def main() -> None:
    prefix = f"edu_bench_{uuid.uuid4().hex[:8]}"
    server = SERVER.replace("postgresql://", "postgresql+asyncpg://", 1)
    for context in CONTEXTS:
        await _admin(f'CREATE DATABASE "{prefix}_{context}"')
    urls = {f"{c}_database_url": f"{server}/{prefix}_{c}" for c in CONTEXTS}
    base: dict[str, Any] = dict(
        env="test",
        auto_migrate=False,
        cache_enabled=False,
        jwt_secret="bench-secret-that-is-long-enough-0123456789",
        **urls,
    )
    try:
        await asyncio.to_thread(upgrade_all, Settings(**base))
        pings = tuple(VARIANTS)
        results: dict[str, list[float]] = {ping: [] for ping in pings}
        course_id = None
        for _ in range(ROUNDS):
            for ping in pings:
                per_request, course_id = await _round(Settings(**base), ping, course_id)
                results[ping].append(per_request)
        median = {ping: statistics.median(results[ping]) * 1e6 for ping in pings}
        print(f"{ROUNDS} interleaved rounds x {REQUESTS} sequential GET /api/course/courses/{{id}}, no cache")
        for ping in pings:
            cost = median[ping] - median["off"]
            print(
                f"pre_ping {ping:15} {median[ping]:7.0f} us/request {1e6 / median[ping]:6.0f} req/s"
                f"  cost {cost:+5.0f} us ({(median[ping] / median['off'] - 1) * 100:+.1f}%)"
            )
    finally:
        for context in CONTEXTS:
            await _admin(f'DROP DATABASE IF EXISTS "{prefix}_{context}" WITH (FORCE)')


if __name__ == "__main__":
    asyncio.run(main())
