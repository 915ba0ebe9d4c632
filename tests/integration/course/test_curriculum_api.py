"""Modules, lessons and the curriculum (API.md, Course), on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from tests.helpers import create_course, recorded_statements, token_headers

API = "/api/course"
LESSON = {"title": "Intro", "content": "# Hello\n\nSome *markdown*."}


async def _module(client, headers, course_id, **fields) -> dict:
    body = {"title": "Module"} | fields
    response = await client.post(f"{API}/courses/{course_id}/modules", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def _lesson(client, headers, module_id, **fields) -> dict:
    body = LESSON | fields
    response = await client.post(f"{API}/modules/{module_id}/lessons", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
async def course(client, teacher) -> dict:
    return await create_course(client, teacher)


async def test_modules_and_lessons_default_to_the_end_of_the_list(client, teacher, course):
    first = await _module(client, teacher, course["id"])
    second = await _module(client, teacher, course["id"], title="Second")
    assert set(first) == {"id", "course_id", "title", "order", "created_at"}
    assert (first["order"], second["order"]) == (1, 2)
    placed = await _module(client, teacher, course["id"], order=10)
    assert placed["order"] == 10
    assert (await _module(client, teacher, course["id"]))["order"] == 11
    lessons = [await _lesson(client, teacher, first["id"]) for _ in range(2)]
    assert [lesson["order"] for lesson in lessons] == [1, 2]
    other_module_lesson = await _lesson(client, teacher, second["id"])
    assert other_module_lesson["order"] == 1


async def test_lesson_round_trips_with_content(client, teacher, course):
    module = await _module(client, teacher, course["id"])
    lesson = await _lesson(
        client, teacher, module["id"], video_url="https://video.example.com/1", duration_minutes=15
    )
    assert lesson["module_id"] == module["id"]
    assert lesson["course_id"] == course["id"]
    assert lesson["content"] == LESSON["content"]
    fetched = await client.get(f"{API}/lessons/{lesson['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == lesson
    assert (await client.get(f"{API}/lessons/{uuid.uuid4()}")).status_code == 404
    assert (await client.get(f"{API}/lessons/123")).status_code == 422


async def test_curriculum_is_ordered_and_has_no_lesson_content(client, teacher, course):
    late = await _module(client, teacher, course["id"], title="Late", order=5)
    early = await _module(client, teacher, course["id"], title="Early", order=1)
    b = await _lesson(client, teacher, early["id"], title="B", order=2)
    a = await _lesson(client, teacher, early["id"], title="A", order=1)
    c = await _lesson(client, teacher, late["id"], title="C")
    response = await client.get(f"{API}/courses/{course['id']}/curriculum")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"course", "modules", "total_lessons"}
    assert body["course"] == course
    assert body["total_lessons"] == 3
    assert [m["id"] for m in body["modules"]] == [early["id"], late["id"]]
    assert [x["id"] for x in body["modules"][0]["lessons"]] == [a["id"], b["id"]]
    assert [x["id"] for x in body["modules"][1]["lessons"]] == [c["id"]]
    assert set(body["modules"][0]) == {"id", "course_id", "title", "order", "created_at", "lessons"}
    assert set(body["modules"][0]["lessons"][0]) == {
        "id",
        "module_id",
        "title",
        "video_url",
        "duration_minutes",
        "order",
        "is_preview",
        "created_at",
    }


async def test_curriculum_of_an_empty_or_unknown_course(client, course):
    empty = (await client.get(f"{API}/courses/{course['id']}/curriculum")).json()
    assert (empty["modules"], empty["total_lessons"]) == ([], 0)
    assert (await client.get(f"{API}/courses/{uuid.uuid4()}/curriculum")).status_code == 404


async def test_deleting_a_module_deletes_its_lessons(client, platform, teacher, course):
    doomed = await _module(client, teacher, course["id"])
    kept = await _module(client, teacher, course["id"])
    gone = [await _lesson(client, teacher, doomed["id"]) for _ in range(2)]
    await _lesson(client, teacher, kept["id"])
    response = await client.delete(f"{API}/modules/{doomed['id']}", headers=teacher)
    assert response.status_code == 204
    assert response.content == b""
    for lesson in gone:
        assert (await client.get(f"{API}/lessons/{lesson['id']}")).status_code == 404
    curriculum = (await client.get(f"{API}/courses/{course['id']}/curriculum")).json()
    assert [m["id"] for m in curriculum["modules"]] == [kept["id"]]
    assert curriculum["total_lessons"] == 1
    assert await platform.course.count_lessons(uuid.UUID(course["id"])) == 1
    again = await client.delete(f"{API}/modules/{doomed['id']}", headers=teacher)
    assert again.status_code == 404


async def test_owner_updates_and_deletes_modules_and_lessons(client, teacher, course):
    module = await _module(client, teacher, course["id"])
    renamed = await client.put(f"{API}/modules/{module['id']}", json={"title": "New"}, headers=teacher)
    assert renamed.status_code == 200
    assert (renamed.json()["title"], renamed.json()["order"]) == ("New", module["order"])
    lesson = await _lesson(client, teacher, module["id"], video_url="http://v.example.com/x")
    url = f"{API}/lessons/{lesson['id']}"
    edited = await client.put(url, json={"content": "changed", "video_url": None}, headers=teacher)
    assert edited.status_code == 200
    assert (edited.json()["content"], edited.json()["video_url"]) == ("changed", None)
    assert edited.json()["title"] == lesson["title"]
    assert (await client.delete(url, headers=teacher)).status_code == 204
    assert (await client.get(url)).status_code == 404


async def test_curriculum_writes_check_the_caller(client, platform, teacher, course):
    module = await _module(client, teacher, course["id"])
    lesson = await _lesson(client, teacher, module["id"])
    other = token_headers(platform, role="teacher", is_verified=True)
    student = token_headers(platform)
    unverified = token_headers(platform, role="teacher")
    writes = [
        ("POST", f"{API}/courses/{course['id']}/modules", {"title": "x"}),
        ("PUT", f"{API}/modules/{module['id']}", {"title": "x"}),
        ("DELETE", f"{API}/modules/{module['id']}", None),
        ("POST", f"{API}/modules/{module['id']}/lessons", LESSON),
        ("PUT", f"{API}/lessons/{lesson['id']}", {"title": "x"}),
        ("DELETE", f"{API}/lessons/{lesson['id']}", None),
    ]
    for method, url, body in writes:
        assert (await client.request(method, url, json=body)).status_code == 401, url
        for who in (other, student):
            response = await client.request(method, url, json=body, headers=who)
            assert response.status_code == 403, (method, url)
        not_owner = await client.request(method, url, json=body, headers=other)
        assert not_owner.json() == {"detail": "You do not own this course"}
    for url, body in ((writes[0][1], writes[0][2]), (writes[3][1], writes[3][2])):
        response = await client.post(url, json=body, headers=unverified)
        assert response.json() == {"detail": "Only verified teachers can manage course content"}
    curriculum = (await client.get(f"{API}/courses/{course['id']}/curriculum")).json()
    assert curriculum["total_lessons"] == 1
    assert curriculum["modules"][0]["title"] == module["title"]


async def test_curriculum_writes_on_unknown_ids_are_404(client, teacher):
    missing = uuid.uuid4()
    cases = [
        ("POST", f"{API}/courses/{missing}/modules", {"title": "x"}),
        ("PUT", f"{API}/modules/{missing}", {"title": "x"}),
        ("DELETE", f"{API}/modules/{missing}", None),
        ("POST", f"{API}/modules/{missing}/lessons", LESSON),
        ("PUT", f"{API}/lessons/{missing}", {"title": "x"}),
        ("DELETE", f"{API}/lessons/{missing}", None),
    ]
    for method, url, body in cases:
        response = await client.request(method, url, json=body, headers=teacher)
        assert response.status_code == 404, (method, url)
        bad_id = url.replace(str(missing), "zzz")
        assert (await client.request(method, bad_id, json=body, headers=teacher)).status_code == 422


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"title": "t" * 201},
        {"content": "c" * 100_001},
        {"content": None},
        {"video_url": "ftp://files.example.com/v"},
        {"video_url": "not a url"},
        {"video_url": "https://example.com/" + "v" * 490},
        {"duration_minutes": -1},
        {"duration_minutes": 1441},
        {"order": -1},
        {"order": 2**40},
    ],
)
async def test_lesson_fields_are_validated(client, teacher, course, fields):
    module = await _module(client, teacher, course["id"])
    body = LESSON | fields
    created = await client.post(f"{API}/modules/{module['id']}/lessons", json=body, headers=teacher)
    assert created.status_code == 422, created.text
    lesson = await _lesson(client, teacher, module["id"])
    edited = await client.put(f"{API}/lessons/{lesson['id']}", json=fields, headers=teacher)
    assert edited.status_code == 422, edited.text


@pytest.mark.parametrize("fields", [{"title": ""}, {"title": None}, {"order": -1}, {"order": 2**40}])
async def test_module_fields_are_validated(client, teacher, course, fields):
    url = f"{API}/courses/{course['id']}/modules"
    assert (await client.post(url, json={"title": "ok"} | fields, headers=teacher)).status_code == 422
    module = await _module(client, teacher, course["id"])
    edited = await client.put(f"{API}/modules/{module['id']}", json=fields, headers=teacher)
    assert edited.status_code == 422


async def test_lesson_ports_for_other_contexts(client, platform, teacher, course):
    module = await _module(client, teacher, course["id"])
    lesson = await _lesson(client, teacher, module["id"])
    facade = platform.course
    assert str(await facade.lesson_course_id(uuid.UUID(lesson["id"]))) == course["id"]
    assert await facade.lesson_course_id(uuid.uuid4()) is None
    assert await facade.count_lessons(uuid.UUID(course["id"])) == 1
    assert await facade.count_lessons(uuid.uuid4()) == 0


async def test_count_lessons_many_is_one_grouped_query(client, platform, teacher, course):
    module = await _module(client, teacher, course["id"])
    for _ in range(3):
        await _lesson(client, teacher, module["id"])
    other = await create_course(client, teacher, title="Other")
    await _lesson(client, teacher, (await _module(client, teacher, other["id"]))["id"])
    empty = await create_course(client, teacher, title="Empty")
    three, one, none, unknown = (
        uuid.UUID(c) for c in (course["id"], other["id"], empty["id"], str(uuid.uuid4()))
    )
    facade = platform.course
    with recorded_statements(platform, "course") as statements:
        counts = await facade.count_lessons_many([three, one, none, unknown, three])
        assert len(statements) == 1, statements
        assert await facade.count_lessons_many([]) == {}
        assert len(statements) == 1, statements  # an empty list asks nothing
    assert counts == {three: 3, one: 1, none: 0, unknown: 0}
    for course_id, n in counts.items():
        assert await facade.count_lessons(course_id) == n


async def test_curriculum_takes_three_queries_whatever_its_size(client, platform, teacher, course):
    for _ in range(3):
        module = await _module(client, teacher, course["id"])
        for _ in range(3):
            await _lesson(client, teacher, module["id"])
    with recorded_statements(platform, "course") as statements:
        body = (await client.get(f"{API}/courses/{course['id']}/curriculum")).json()
    assert body["total_lessons"] == 9
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 3, selects
    assert not any("content" in s for s in selects if "lessons" in s)
