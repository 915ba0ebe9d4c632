"""Paid lesson content stays paid (API.md Extensions, "lesson content is for those who may
see it"), on SQLite and PostgreSQL; the enrollment answer comes from the real context."""

from __future__ import annotations

import pytest

from tests.helpers import (
    add_lessons,
    admin_headers,
    create_course,
    enroll,
    pay,
    register,
    token_headers,
    verified_teacher,
)

API = "/api/course"


@pytest.fixture
async def owner(client, platform) -> dict[str, str]:
    return await verified_teacher(client, platform)


@pytest.fixture
async def paid(client, owner) -> dict:
    course = await create_course(client, owner, is_free=False, price="20.00")
    lessons = await add_lessons(client, owner, course["id"], 2)
    preview = await client.put(f"{API}/lessons/{lessons[1]}", json={"is_preview": True}, headers=owner)
    assert preview.status_code == 200, preview.text
    assert preview.json()["is_preview"] is True
    return {"id": course["id"], "locked": lessons[0], "preview": lessons[1]}


async def _read(client, lesson_id: str, headers: dict[str, str] | None = None):
    return await client.get(f"{API}/lessons/{lesson_id}", headers=headers or {})


async def test_anonymous_visitors_read_free_and_preview_lessons_only(client, owner, paid):
    free = await create_course(client, owner)
    [free_lesson] = await add_lessons(client, owner, free["id"], 1)
    assert (await _read(client, free_lesson)).status_code == 200
    preview = await _read(client, paid["preview"])
    assert preview.status_code == 200
    assert preview.json()["content"]
    locked = await _read(client, paid["locked"])
    assert locked.status_code == 401
    assert locked.json() == {"detail": "Log in to read this lesson"}
    assert "content" not in locked.text


async def test_a_logged_in_user_who_is_not_enrolled_gets_403(client, platform, paid):
    for headers in (
        await register(client),
        token_headers(platform, role="teacher", is_verified=True),  # another course's teacher
    ):
        response = await _read(client, paid["locked"], headers)
        assert response.status_code == 403
        assert response.json() == {"detail": "Enroll in this course to read this lesson"}


async def test_an_invalid_token_is_401_even_for_a_public_lesson(client, paid):
    response = await _read(client, paid["preview"], {"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


async def test_the_enrolled_student_the_owner_and_admins_read_paid_content(client, platform, owner, paid):
    student = await register(client)
    assert (await pay(client, student, paid["id"], "20.00")).status_code == 201
    assert (await enroll(client, student, paid["id"])).status_code == 201
    for headers in (student, owner, await admin_headers(client, platform)):
        response = await _read(client, paid["locked"], headers)
        assert response.status_code == 200, response.text
        assert response.json()["content"] == "# Lesson 1"


async def test_the_curriculum_shows_previews_and_never_content(client, paid):
    curriculum = (await client.get(f"{API}/courses/{paid['id']}/curriculum")).json()
    lessons = curriculum["modules"][0]["lessons"]
    assert [(x["id"], x["is_preview"]) for x in lessons] == [(paid["locked"], False), (paid["preview"], True)]
    assert all("content" not in x for x in lessons)


async def test_only_the_owner_marks_a_preview_and_null_is_refused(client, platform, owner, paid):
    url = f"{API}/lessons/{paid['locked']}"
    other = token_headers(platform, role="teacher", is_verified=True)
    assert (await client.put(url, json={"is_preview": True}, headers=other)).status_code == 403
    assert (await client.put(url, json={"is_preview": None}, headers=owner)).status_code == 422
    module_id = (await _read(client, paid["preview"])).json()["module_id"]
    created = await client.post(
        f"{API}/modules/{module_id}/lessons",
        json={"title": "Sample", "content": "free taste", "is_preview": True},
        headers=owner,
    )
    assert created.status_code == 201
    assert (await _read(client, created.json()["id"])).status_code == 200
