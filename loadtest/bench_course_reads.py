"""What the course context's read cache buys: the hot course reads through the real API with
the cache off (every read from PostgreSQL) and on (Redis), interleaved rounds on the same
PostgreSQL database and the same rows.

    .venv/bin/python -m loadtest.bench_course_reads        # servers from EDU_TEST_POSTGRES / EDU_TEST_REDIS

Creates and drops its own databases and Redis keys; prints, per endpoint, the median
us/request of each configuration over the rounds and the ratio off/on.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from typing import Any

import asyncpg
import redis.asyncio as aioredis
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from backend_services.bootstrap import Platform, build_platform, set_platform
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.security import Role
from backend_services.shared.settings import CONTEXTS, Settings

SERVER = os.environ.get("EDU_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
REDIS = os.environ.get("EDU_TEST_REDIS", "redis://127.0.0.1:6379/0")
ROUNDS, REQUESTS = int(os.environ.get("BENCH_ROUNDS", "5")), int(os.environ.get("BENCH_REQUESTS", "300"))
MODULES, LESSONS_PER_MODULE, REVIEWS, CATALOG = 5, 6, 20, 60


async def _admin(statement: str) -> None:
    conn = await asyncpg.connect(f"{SERVER}/postgres")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def _bearer(platform: Platform, role: str) -> dict[str, str]:
    token = platform.tokens.issue(user_id=uuid.uuid4(), role=Role(role), is_verified=True)
    return {"Authorization": f"Bearer {token}"}


async def _seed(platform: Platform, http: AsyncClient) -> dict[str, str]:
    """A catalog of courses; one of them with a curriculum and reviews. Returns the paths read."""
    teacher = _bearer(platform, "teacher")
    for n in range(CATALOG):
        body: dict[str, Any] = {
            "title": f"Course {n}",
            "description": "Bench course " * 20,
            "level": "beginner",
        }
        assert (await http.post("/api/course/courses", json=body, headers=teacher)).status_code == 201
    course = (
        await http.post("/api/course/courses", json={"title": "Bench", "level": "beginner"}, headers=teacher)
    ).json()
    lesson_id = ""
    for m in range(MODULES):
        module = await http.post(
            f"/api/course/courses/{course['id']}/modules", json={"title": f"M{m}"}, headers=teacher
        )
        for n in range(LESSONS_PER_MODULE):
            body = {"title": f"Lesson {m}.{n}", "content": "# Text\n" + "Some markdown. " * 200}
            lesson = await http.post(
                f"/api/course/modules/{module.json()['id']}/lessons", json=body, headers=teacher
            )
            lesson_id = lesson_id or lesson.json()["id"]

    async def enrolled(_student: uuid.UUID, _course: uuid.UUID) -> bool:
        return True

    platform.course._is_enrolled = enrolled  # reviews need an enrollment: the bench grants it
    for n in range(REVIEWS):
        body = {
            "course_id": course["id"],
            "rating": 1 + n % 5,
            "comment": "Fine course " * 10,
        }
        assert (
            await http.post("/api/course/reviews", json=body, headers=_bearer(platform, "student"))
        ).status_code == 201
    return {
        "course": f"/api/course/courses/{course['id']}",
        "curriculum": f"/api/course/courses/{course['id']}/curriculum",
        "reviews": f"/api/course/reviews/course/{course['id']}?limit=10",
        "lesson": f"/api/course/lessons/{lesson_id}",
        "catalog": "/api/course/courses?limit=20",
        "search": "/api/course/courses?q=bench&limit=20",
    }


async def _round(settings: Settings, paths: dict[str, str] | None) -> tuple[dict[str, float], dict[str, str]]:
    platform = build_platform(settings)
    set_platform(platform)
    app = create_api(with_lifespan=False)
    timings: dict[str, float] = {}
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://bench") as http:
        if paths is None:
            paths = await _seed(platform, http)
        for name, path in paths.items():
            for _ in range(20):  # warm the pool, the statement caches and the read cache
                assert (await http.get(path)).status_code == 200
            start = time.perf_counter()
            for _ in range(REQUESTS):
                response = await http.get(path)
                assert response.status_code == 200, response.text
            timings[name] = (time.perf_counter() - start) / REQUESTS
    await platform.stop()
    return timings, paths


async def _lesson_statements(settings: Settings, lesson_path: str) -> None:
    """The lesson read's statement alone, ORM entity vs plain columns, interleaved."""
    from sqlalchemy import select
    from sqlmodel import col

    from backend_services.course.models import Course, Lesson
    from backend_services.course.repository import CurriculumRepository
    from backend_services.course.schemas import LessonPublic
    from backend_services.shared.database import Database

    lesson_id = uuid.UUID(lesson_path.rsplit("/", 1)[1])
    db = Database("course", settings)

    async def orm() -> None:
        async with db.session() as session:
            stmt = (
                select(Lesson, col(Course.teacher_id), col(Course.is_free))
                .join(Course, col(Course.id) == col(Lesson.course_id))
                .where(col(Lesson.id) == lesson_id)
            )
            row = (await session.execute(stmt)).first()
            assert row is not None
            LessonPublic.model_validate(row[0])

    async def core() -> None:
        async with db.session() as session:
            row = await CurriculumRepository(session).lesson_with_access(lesson_id)
            assert row is not None
            LessonPublic.model_validate(row)

    timings: dict[str, list[float]] = {"orm": [], "core": []}
    for _ in range(ROUNDS * 2):
        for name, read in (("orm", orm), ("core", core)):
            for _ in range(20):
                await read()
            start = time.perf_counter()
            for _ in range(REQUESTS):
                await read()
            timings[name].append((time.perf_counter() - start) / REQUESTS)
    await db.dispose()
    orm_us, core_us = (statistics.median(timings[n]) * 1e6 for n in ("orm", "core"))
    print(f"lesson statement + model, {ROUNDS * 2} interleaved rounds x {REQUESTS}:")
    print(f"  ORM entity {orm_us:.0f} us, columns {core_us:.0f} us ({orm_us / core_us:.2f}x)")


async def _hit_cost(prefix: str, course_path: str) -> None:
    """One cache hit of the course detail: Redis (one EVALSHA round trip) vs process memory
    (what an in-process layer in front of Redis could save at most)."""
    from backend_services.course.read_cache import _COURSE
    from backend_services.course.schemas import CoursePublic
    from backend_services.shared.cache import Cache, MemoryBackend, RedisBackend

    value = _COURSE.validate_python(
        {
            "id": uuid.uuid4(),
            "teacher_id": uuid.uuid4(),
            "title": "Bench",
            "description": "Bench course " * 20,
            "is_free": True,
            "price": None,
            "duration_minutes": 0,
            "level": "beginner",
            "avg_rating": "4.50",
            "review_count": 20,
            "created_at": "2026-11-26T00:00:00+00:00",
        }
    )
    redis_backend = RedisBackend(REDIS, f"{prefix}:hits")
    caches = {"redis": Cache(redis_backend), "memory": Cache(MemoryBackend())}

    async def load() -> CoursePublic:
        return value

    timings: dict[str, list[float]] = {name: [] for name in caches}
    for _ in range(ROUNDS * 2):
        for name, cache in caches.items():
            start = time.perf_counter()
            for _ in range(REQUESTS * 3):
                await cache.get_or_load(
                    "course:x", "course:x", load, dump=_COURSE.dump_json, parse=_COURSE.validate_json
                )
            timings[name].append((time.perf_counter() - start) / (REQUESTS * 3))
    await redis_backend.close()
    redis_us, memory_us = (statistics.median(timings[n]) * 1e6 for n in ("redis", "memory"))
    print(
        f"one course-detail cache hit ({course_path}): Redis {redis_us:.0f} us, in-process {memory_us:.0f} us"
    )


async def _clear_redis(prefix: str) -> None:
    client = aioredis.Redis.from_url(REDIS)
    keys = [k async for k in client.scan_iter(f"{prefix}:*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def main() -> None:
    prefix = f"edu_bench_{uuid.uuid4().hex[:8]}"
    server = SERVER.replace("postgresql://", "postgresql+asyncpg://", 1)
    for context in CONTEXTS:
        await _admin(f'CREATE DATABASE "{prefix}_{context}"')
    urls = {f"{c}_database_url": f"{server}/{prefix}_{c}" for c in CONTEXTS}
    base: dict[str, Any] = dict(
        env="test",
        auto_migrate=False,
        demo_content=False,
        rate_limits_enabled=False,
        jwt_secret="bench-secret-that-is-long-enough-0123456789",
        redis_url=REDIS,
        redis_key_prefix=prefix,
        **urls,
    )
    started_load = os.getloadavg()[0]
    try:
        await asyncio.to_thread(upgrade_all, Settings(**base))
        results: dict[bool, dict[str, list[float]]] = {False: {}, True: {}}
        paths = None
        for _ in range(ROUNDS):
            for cached in (False, True):
                timings, paths = await _round(Settings(**base, cache_enabled=cached), paths)
                for name, seconds in timings.items():
                    results[cached].setdefault(name, []).append(seconds)
        load_1m = os.getloadavg()[0]
        print(f"{ROUNDS} interleaved rounds x {REQUESTS} sequential GETs per endpoint, median us/request")
        print(f"(load average {started_load:.1f} at start, {load_1m:.1f} at end, {os.cpu_count()} cores)")
        print(f"{'endpoint':<12}{'cache off':>12}{'cache on':>12}{'ratio':>8}")
        for name in results[False]:
            off = statistics.median(results[False][name]) * 1e6
            on = statistics.median(results[True][name]) * 1e6
            print(f"{name:<12}{off:>12.0f}{on:>12.0f}{off / on:>7.2f}x")
        assert paths is not None
        await _lesson_statements(Settings(**base), paths["lesson"])
        await _hit_cost(prefix, paths["course"])
    finally:
        await _clear_redis(prefix)
        for context in CONTEXTS:
            await _admin(f'DROP DATABASE IF EXISTS "{prefix}_{context}" WITH (FORCE)')


if __name__ == "__main__":
    asyncio.run(main())
