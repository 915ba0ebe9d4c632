"""The hot public course reads served from stored bytes ahead of FastAPI (course/fast_reads.py)
answer exactly what the full stack answers: same JSON, the request id, the API's security
headers and the request metrics under the route template; everything the layer does not
decide (misses, lessons not everyone may read, credentials on a lesson, cross-origin
requests, unknown or malformed ids) still goes through the stack. Run with the in-process
cache and with Redis, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from prometheus_client import REGISTRY

from backend_services.shared.headers import API_CSP
from tests.helpers import (
    add_lessons,
    create_course,
    recorded_statements,
    settings_with_cache,  # noqa: F401 - the module's settings: cache on
    token_headers,
)

API = "/api/course"


@pytest.fixture
def served_fast(platform, monkeypatch) -> list[tuple[str, uuid.UUID]]:
    """(read, id) of every request the fast layer answered itself."""
    served: list[tuple[str, uuid.UUID]] = []
    answer = platform.course.cached_public_answer

    async def spy(read, ident):
        body = await answer(read, ident)
        if body is not None:
            served.append((read, ident))
        return body

    monkeypatch.setattr(platform.course, "cached_public_answer", spy)
    return served


def _requests(route: str) -> float:
    labels = {"method": "GET", "route": route, "status": "200"}
    return REGISTRY.get_sample_value("http_requests_total", labels) or 0.0


@pytest.mark.parametrize(
    ("path", "route"),
    [
        ("/courses/{course}", "/api/course/courses/{course_id}"),
        ("/courses/{course}/curriculum", "/api/course/courses/{course_id}/curriculum"),
        ("/lessons/{lesson}", "/api/course/lessons/{lesson_id}"),
    ],
)
async def test_a_cached_read_is_sent_as_the_stack_would_send_it(
    client, platform, teacher, served_fast, path, route
):
    course = await create_course(client, teacher, title="Виноделие: основы")  # non-ASCII as UTF-8
    [lesson] = await add_lessons(client, teacher, course["id"], 1)
    url = API + path.format(course=course["id"], lesson=lesson)
    first = await client.get(url)  # the stack loads (a lesson's first read learns its course)
    await client.get(url)  # by now the entry is stored
    assert first.status_code == 200

    counted = _requests(route)
    with recorded_statements(platform, "course") as statements:
        fast = await client.get(url, headers={"X-Request-ID": "fast-1"})
    assert fast.status_code == 200
    assert served_fast[-1][1] == uuid.UUID(lesson if path.startswith("/lessons") else course["id"])
    assert statements == []
    assert fast.json() == first.json()
    assert fast.headers["content-type"] == "application/json"
    assert fast.headers["x-request-id"] == "fast-1"
    assert fast.headers["content-security-policy"] == API_CSP
    assert fast.headers["x-content-type-options"] == "nosniff"
    assert int(fast.headers["content-length"]) == len(fast.content)
    assert _requests(route) == counted + 1

    generated = await client.get(url, headers={"X-Request-ID": "bad id with spaces"})
    assert len(generated.headers["x-request-id"]) == 32


async def test_a_write_is_seen_by_the_next_fast_read(client, platform, teacher, served_fast):
    course = await create_course(client, teacher)
    url = f"{API}/courses/{course['id']}"
    await client.get(url)
    assert (await client.get(url)).json()["title"] == "Python basics" and served_fast
    updated = await client.put(url, json={"title": "Python, revised"}, headers=teacher)
    assert updated.status_code == 200
    served_fast.clear()
    assert (await client.get(url)).json()["title"] == "Python, revised"  # a miss: the stack
    assert (await client.get(url)).json()["title"] == "Python, revised"
    assert served_fast == [("course", uuid.UUID(course["id"]))]


async def test_lessons_not_everyone_may_read_are_decided_by_the_stack(client, platform, teacher, served_fast):
    paid = await create_course(client, teacher, is_free=False, price="20.00")
    [lesson] = await add_lessons(client, teacher, paid["id"], 1)
    url = f"{API}/lessons/{lesson}"
    for _ in range(3):
        assert (await client.get(url, headers=teacher)).status_code == 200
        assert (await client.get(url)).status_code == 401
    assert served_fast == []


async def test_credentials_on_a_lesson_go_through_the_stack(client, platform, teacher, served_fast):
    free = await create_course(client, teacher)
    [lesson] = await add_lessons(client, teacher, free["id"], 1)
    url = f"{API}/lessons/{lesson}"
    for _ in range(2):
        assert (await client.get(url)).status_code == 200
    served_fast.clear()
    assert (await client.get(url, headers={"Authorization": "Bearer forged"})).status_code == 401
    assert (await client.get(url, headers=token_headers(platform))).status_code == 200
    assert served_fast == []
    assert (await client.get(url)).status_code == 200
    assert served_fast == [("lesson", uuid.UUID(lesson))]


async def test_cross_origin_requests_get_their_cors_answer(client, platform, teacher, served_fast):
    course = await create_course(client, teacher)
    url = f"{API}/courses/{course['id']}"
    await client.get(url)
    origin = platform.settings.cors_origins[0] if platform.settings.cors_origins else "http://elsewhere"
    answer = await client.get(url, headers={"Origin": origin})
    assert answer.status_code == 200 and served_fast == []
    if platform.settings.cors_origins:
        assert answer.headers["access-control-allow-origin"] == origin


async def test_unknown_and_malformed_ids_get_the_stacks_answers(client, served_fast):
    assert (await client.get(f"{API}/courses/{uuid.uuid4()}")).status_code == 404
    assert (await client.get(f"{API}/courses/{uuid.uuid4()}")).status_code == 404  # never cached
    assert (await client.get(f"{API}/courses/not-an-id")).status_code == 422
    assert (await client.head(f"{API}/courses/{uuid.uuid4()}")).status_code in (404, 405)
    assert served_fast == []
