"""The course read cache is coherent: for every write that changes a cached answer, a read
served from the cache before the write sees the new value after it. Run on SQLite and
PostgreSQL, each with the Redis backend and the in-process one; paid lessons stay paid
when their data is cached; cached reads run no SQL; Redis down means reads from the
database, not errors."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from backend_services.bootstrap import Platform, build_platform
from backend_services.course.schemas import CourseCreate
from backend_services.read_caches import forget_cached_reads
from backend_services.shared.security import Principal, Role
from backend_services.shared.settings import Settings
from tests.helpers import (
    add_lessons,
    create_course,
    recorded_statements,
    settings_with_cache,  # noqa: F401 - the module's settings: cache on
    token_headers,
    user_id_of,
)

API = "/api/course"


@pytest.fixture
async def teacher(platform) -> dict[str, str]:
    return token_headers(platform, role="teacher", is_verified=True)


@pytest.fixture
async def course(client, teacher) -> dict:
    """A free course with one module of two lessons."""
    course = await create_course(client, teacher)
    lessons = await add_lessons(client, teacher, course["id"], 2)
    curriculum = (await client.get(f"{API}/courses/{course['id']}/curriculum")).json()
    return course | {"lessons": lessons, "module": curriculum["modules"][0]["id"]}


async def cached_get(client: AsyncClient, platform: Platform, path: str, headers=None) -> dict:
    """GET ``path`` until it is answered from the cache; returns that (cached) answer."""
    cache = platform.caches["course"]
    for _ in range(3):  # a lesson's first read only learns its course
        hits = cache.hits
        response = await client.get(path, headers=headers or {})
        assert response.status_code == 200, response.text
        if cache.hits > hits:
            return response.json()
    raise AssertionError(f"{path} is not served from the cache")


async def _get(client: AsyncClient, path: str, headers=None) -> dict:
    response = await client.get(path, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


# --- one test per invalidation path ---------------------------------------------------------


async def test_update_course_refreshes_detail_curriculum_and_summary(client, platform, teacher, course):
    cid = course["id"]
    assert (await cached_get(client, platform, f"{API}/courses/{cid}"))["title"] == "Python basics"
    await cached_get(client, platform, f"{API}/courses/{cid}/curriculum")
    await platform.course.get_course_summary(uuid.UUID(cid))
    assert (await platform.course.get_course_summary(uuid.UUID(cid))).title == "Python basics"

    body = {"title": "Python, revised", "is_free": False, "price": "12.50"}
    assert (await client.put(f"{API}/courses/{cid}", json=body, headers=teacher)).status_code == 200

    detail = await _get(client, f"{API}/courses/{cid}")
    assert (detail["title"], detail["is_free"], detail["price"]) == ("Python, revised", False, "12.50")
    assert (await _get(client, f"{API}/courses/{cid}/curriculum"))["course"]["title"] == "Python, revised"
    summary = await platform.course.get_course_summary(uuid.UUID(cid))
    assert (summary.title, summary.is_free, str(summary.price)) == ("Python, revised", False, "12.50")


async def test_create_module_appears_in_the_curriculum(client, platform, teacher, course):
    path = f"{API}/courses/{course['id']}/curriculum"
    assert len((await cached_get(client, platform, path))["modules"]) == 1
    created = await client.post(
        f"{API}/courses/{course['id']}/modules", json={"title": "M2"}, headers=teacher
    )
    assert created.status_code == 201
    assert [m["title"] for m in (await _get(client, path))["modules"]] == ["Module 1", "M2"]


async def test_update_module_renames_it_in_the_curriculum(client, platform, teacher, course):
    path = f"{API}/courses/{course['id']}/curriculum"
    await cached_get(client, platform, path)
    renamed = await client.put(f"{API}/modules/{course['module']}", json={"title": "Basics"}, headers=teacher)
    assert renamed.status_code == 200
    assert (await _get(client, path))["modules"][0]["title"] == "Basics"


async def test_delete_module_empties_curriculum_and_lesson_count(client, platform, teacher, course):
    path, cid = f"{API}/courses/{course['id']}/curriculum", uuid.UUID(course["id"])
    await cached_get(client, platform, path)
    await platform.course.count_lessons(cid)
    assert await platform.course.count_lessons(cid) == 2
    assert (await client.delete(f"{API}/modules/{course['module']}", headers=teacher)).status_code == 204
    curriculum = await _get(client, path)
    assert (curriculum["modules"], curriculum["total_lessons"]) == ([], 0)
    assert await platform.course.count_lessons(cid) == 0
    assert (await client.get(f"{API}/lessons/{course['lessons'][0]}")).status_code == 404


async def test_create_lesson_counts_and_appears(client, platform, teacher, course):
    path, cid = f"{API}/courses/{course['id']}/curriculum", uuid.UUID(course["id"])
    await cached_get(client, platform, path)
    await platform.course.count_lessons(cid)
    body = {"title": "Lesson 3", "content": "three"}
    created = await client.post(f"{API}/modules/{course['module']}/lessons", json=body, headers=teacher)
    assert created.status_code == 201
    assert (await _get(client, path))["total_lessons"] == 3
    assert await platform.course.count_lessons(cid) == 3


async def test_update_lesson_refreshes_its_content_and_outline(client, platform, teacher, course):
    lesson = course["lessons"][0]
    assert (await cached_get(client, platform, f"{API}/lessons/{lesson}"))["content"] == "# Lesson 1"
    await cached_get(client, platform, f"{API}/courses/{course['id']}/curriculum")
    body = {"title": "Lesson one", "content": "# New text"}
    assert (await client.put(f"{API}/lessons/{lesson}", json=body, headers=teacher)).status_code == 200
    assert (await _get(client, f"{API}/lessons/{lesson}"))["content"] == "# New text"
    outline = (await _get(client, f"{API}/courses/{course['id']}/curriculum"))["modules"][0]["lessons"]
    assert outline[0]["title"] == "Lesson one"


async def test_delete_lesson_makes_it_404_and_leaves_the_outline(client, platform, teacher, course):
    lesson, cid = course["lessons"][0], uuid.UUID(course["id"])
    await cached_get(client, platform, f"{API}/lessons/{lesson}")
    await cached_get(client, platform, f"{API}/courses/{cid}/curriculum")
    await platform.course.count_lessons(cid)
    assert (await client.delete(f"{API}/lessons/{lesson}", headers=teacher)).status_code == 204
    assert (await client.get(f"{API}/lessons/{lesson}")).status_code == 404
    assert (await _get(client, f"{API}/courses/{cid}/curriculum"))["total_lessons"] == 1
    assert await platform.course.count_lessons(cid) == 1


async def test_create_review_refreshes_rating_reviews_and_distribution(client, platform, course, enrolled):
    cid = course["id"]
    assert (await cached_get(client, platform, f"{API}/courses/{cid}"))["review_count"] == 0
    assert (await cached_get(client, platform, f"{API}/reviews/course/{cid}?limit=10"))["total"] == 0
    await platform.course.rating_distribution(uuid.UUID(cid))
    student = token_headers(platform)
    enrolled.add((user_id_of(student), cid))
    body = {"course_id": cid, "rating": 4, "comment": "Good"}
    assert (await client.post(f"{API}/reviews", json=body, headers=student)).status_code == 201

    detail = await _get(client, f"{API}/courses/{cid}")
    assert (detail["review_count"], detail["avg_rating"]) == (1, "4.00")
    reviews = await _get(client, f"{API}/reviews/course/{cid}?limit=10")
    assert (reviews["total"], reviews["items"][0]["comment"]) == (1, "Good")
    assert (await platform.course.rating_distribution(uuid.UUID(cid)))[4] == 1


async def test_restored_categories_are_listed(client, platform):
    await cached_get(client, platform, f"{API}/categories")
    async with platform.databases["course"].session() as session:
        # Behind the facade's back (as a restore would): the cache cannot know.
        await session.execute(text("UPDATE categories SET name = 'Code' WHERE slug = 'programming'"))
        await session.execute(text("DELETE FROM categories WHERE slug = 'design'"))
    assert await platform.course.ensure_categories() == 1
    names = {c["name"] for c in await _get(client, f"{API}/categories")}
    assert {"Code", "Design"} <= names


async def test_create_course_appears_on_cached_catalog_pages(client, platform, teacher, course):
    newest = f"{API}/courses?limit=20"
    assert [c["title"] for c in (await cached_get(client, platform, newest))["items"]] == ["Python basics"]
    await cached_get(client, platform, f"{API}/courses?q=python&limit=20")
    await create_course(client, teacher, title="Python for data")
    assert [c["title"] for c in (await _get(client, newest))["items"]] == ["Python for data", "Python basics"]
    assert (await _get(client, f"{API}/courses?q=python&limit=20"))["total"] == 2


async def test_update_course_refreshes_catalog_pages(client, platform, teacher, course):
    newest = f"{API}/courses?limit=20"
    await cached_get(client, platform, newest)
    body = {"title": "Rust basics"}
    assert (await client.put(f"{API}/courses/{course['id']}", json=body, headers=teacher)).status_code == 200
    assert (await _get(client, newest))["items"][0]["title"] == "Rust basics"


async def test_create_review_refreshes_catalog_ratings(client, platform, course, enrolled):
    by_rating = f"{API}/courses?sort_by=avg_rating&limit=20"
    assert (await cached_get(client, platform, by_rating))["items"][0]["avg_rating"] is None
    student = token_headers(platform)
    enrolled.add((user_id_of(student), course["id"]))
    body = {"course_id": course["id"], "rating": 5}
    assert (await client.post(f"{API}/reviews", json=body, headers=student)).status_code == 201
    assert (await _get(client, by_rating))["items"][0]["avg_rating"] == "5.00"


async def test_deep_catalog_pages_are_not_cached(client, platform, course):
    cache = platform.caches["course"]
    before = (cache.hits, cache.misses)
    for path in (f"{API}/courses?limit=20&offset=120", f"{API}/courses?limit=1&cursor=x"):
        await client.get(path)
        await client.get(path)
    assert (cache.hits, cache.misses) == before


# --- paid content ------------------------------------------------------------------------


async def test_cached_paid_lesson_is_refused_to_readers_who_may_not_see_it(
    client, platform, teacher, enrolled
):
    course = await create_course(client, teacher, is_free=False, price="20.00")
    [lesson] = await add_lessons(client, teacher, course["id"], 1)
    path = f"{API}/lessons/{lesson}"
    assert (await cached_get(client, platform, path, teacher))["content"] == "# Lesson 1"
    hits = platform.caches["course"].hits

    assert (await client.get(path)).status_code == 401
    student = token_headers(platform)
    refused = await client.get(path, headers=student)
    assert refused.status_code == 403 and "content" not in refused.text
    assert platform.caches["course"].hits == hits + 2  # both refusals were decided on cached data
    enrolled.add((user_id_of(student), course["id"]))
    assert (await _get(client, path, student))["content"] == "# Lesson 1"


async def test_a_course_turned_paid_locks_its_cached_lessons(client, platform, teacher, course):
    lesson = course["lessons"][0]
    await cached_get(client, platform, f"{API}/lessons/{lesson}")  # free: anyone reads it
    body = {"is_free": False, "price": "9.99"}
    assert (await client.put(f"{API}/courses/{course['id']}", json=body, headers=teacher)).status_code == 200
    assert (await client.get(f"{API}/lessons/{lesson}")).status_code == 401


async def test_a_lesson_no_longer_a_preview_is_locked(client, platform, teacher):
    course = await create_course(client, teacher, is_free=False, price="20.00")
    [lesson] = await add_lessons(client, teacher, course["id"], 1)
    path = f"{API}/lessons/{lesson}"
    assert (await client.put(path, json={"is_preview": True}, headers=teacher)).status_code == 200
    await cached_get(client, platform, path)
    assert (await client.put(path, json={"is_preview": False}, headers=teacher)).status_code == 200
    assert (await client.get(path)).status_code == 401


# --- what the cache saves, and what it costs when Redis is gone -----------------------------


async def test_cached_reads_run_no_sql(client, platform, course):
    paths = [
        f"{API}/courses/{course['id']}",
        f"{API}/courses/{course['id']}/curriculum",
        f"{API}/lessons/{course['lessons'][0]}",
        f"{API}/reviews/course/{course['id']}?limit=10",
    ]
    for path in paths:
        await cached_get(client, platform, path)
    with recorded_statements(platform, "course") as statements:
        for path in paths:
            await _get(client, path)
    assert statements == []


@contextlib.asynccontextmanager
async def own_platform(settings: Settings) -> AsyncIterator[Platform]:
    platform = build_platform(settings)
    await platform.start(run_sweeper=False, demo=False)
    try:
        yield platform
    finally:
        await platform.stop()


TEACHER = Principal(user_id=uuid.uuid4(), role=Role.TEACHER, is_verified=True)


async def test_without_the_cache_every_read_runs_sql(settings):
    async with own_platform(settings.model_copy(update={"cache_enabled": False})) as platform:
        created = await platform.course.create_course(TEACHER, CourseCreate(title="Uncached"))
        with recorded_statements(platform, "course") as statements:
            await platform.course.get_course(created.id)
            await platform.course.get_course(created.id)
        assert len(statements) == 2
        assert not platform.caches["course"].enabled


async def test_unreachable_redis_falls_back_to_the_database(settings):
    dead = settings.model_copy(update={"cache_redis_url": "redis://127.0.0.1:1/0"})
    async with own_platform(dead) as platform:
        created = await platform.course.create_course(TEACHER, CourseCreate(title="No Redis"))
        assert (await platform.course.get_course(created.id)).title == "No Redis"
        assert (await platform.course.get_course(created.id)).title == "No Redis"
        assert platform.caches["course"].errors >= 1


async def test_forgetting_cached_reads_empties_redis(client, platform, course, settings):
    """What the seeder does after writing rows behind the facades' back."""
    if not settings.cache_redis_url:
        pytest.skip("the in-process cache ends with its process")
    path = f"{API}/courses/{course['id']}"
    await cached_get(client, platform, path)
    assert await forget_cached_reads(settings) > 0
    misses = platform.caches["course"].misses
    await _get(client, path)
    assert platform.caches["course"].misses == misses + 1
