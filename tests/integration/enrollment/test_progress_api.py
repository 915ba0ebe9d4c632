"""Lesson progress rows of API.md: completion, status, totals from the course context."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.helpers import complete_lesson, enroll, token_headers

API = "/api/enrollment"


async def _my_status(client, headers, course_id) -> str:
    items = (await client.get(f"{API}/enrollments/me", headers=headers)).json()["items"]
    return next(e["status"] for e in items if e["course_id"] == course_id)


async def test_completing_lessons_moves_the_enrollment_to_completed(client, student, free_course):
    course_id, lessons = free_course["id"], free_course["lessons"]
    await enroll(client, student, course_id)
    assert await _my_status(client, student, course_id) == "enrolled"

    first = await complete_lesson(client, student, lessons[0], course_id)
    assert first.status_code == 201, first.text
    assert set(first.json()) == {"id", "lesson_id", "course_id", "completed_at"}
    assert first.json()["lesson_id"] == lessons[0]
    assert await _my_status(client, student, course_id) == "in_progress"

    for lesson in lessons[1:]:
        assert (await complete_lesson(client, student, lesson, course_id)).status_code == 201
    items = (await client.get(f"{API}/enrollments/me", headers=student)).json()["items"]
    assert items[0]["status"] == "completed"
    assert items[0]["completed_at"] is not None


async def test_progress_comes_from_the_course_and_ignores_a_client_total(client, student, free_course):
    course_id = free_course["id"]
    await enroll(client, student, course_id)
    await complete_lesson(client, student, free_course["lessons"][0], course_id)
    response = await client.get(f"{API}/progress/courses/{course_id}?total_lessons=1", headers=student)
    assert response.status_code == 200
    assert response.json() == {
        "course_id": course_id,
        "completed_lessons": 1,
        "total_lessons": 3,
        "percentage": 33.3,
    }
    lessons = await client.get(f"{API}/progress/courses/{course_id}/lessons", headers=student)
    assert lessons.json() == {
        "course_id": course_id,
        "completed_lesson_ids": [free_course["lessons"][0]],
    }


async def test_progress_without_enrollment_or_lessons_is_zero(client, teacher, student):
    from tests.helpers import create_course

    empty = await create_course(client, teacher, title="Empty")
    response = await client.get(f"{API}/progress/courses/{empty['id']}", headers=student)
    assert response.json() == {
        "course_id": empty["id"],
        "completed_lessons": 0,
        "total_lessons": 0,
        "percentage": 0.0,
    }


async def test_progress_endpoints_need_a_token(client, free_course):
    course_id, lesson = free_course["id"], free_course["lessons"][0]
    assert (await client.get(f"{API}/progress/courses/{course_id}")).status_code == 401
    assert (await client.get(f"{API}/progress/courses/{course_id}/lessons")).status_code == 401
    response = await client.post(f"{API}/progress/lessons/{lesson}/complete", json={"course_id": course_id})
    assert response.status_code == 401


async def test_only_an_enrolled_student_completes_a_lesson(client, student, free_course):
    response = await complete_lesson(client, student, free_course["lessons"][0], free_course["id"])
    assert response.status_code == 403
    assert response.json() == {"detail": "You are not enrolled in this course"}


async def test_a_lesson_outside_the_course_is_404(client, teacher, student, free_course):
    from tests.helpers import add_lessons, create_course

    other = await create_course(client, teacher, title="Other")
    foreign = (await add_lessons(client, teacher, other["id"], 1))[0]
    await enroll(client, student, free_course["id"])
    for lesson in (foreign, str(uuid.uuid4())):
        response = await complete_lesson(client, student, lesson, free_course["id"])
        assert response.status_code == 404
        assert response.json() == {"detail": "Lesson not found in this course"}


async def test_completing_a_lesson_twice_is_409(client, student, free_course):
    await enroll(client, student, free_course["id"])
    lesson = free_course["lessons"][0]
    assert (await complete_lesson(client, student, lesson, free_course["id"])).status_code == 201
    again = await complete_lesson(client, student, lesson, free_course["id"])
    assert again.status_code == 409
    assert again.json() == {"detail": "Lesson already completed"}


@pytest.mark.parametrize("body", [{}, {"course_id": "x"}])
async def test_complete_rejects_invalid_input_with_422(client, student, free_course, body):
    response = await client.post(
        f"{API}/progress/lessons/{free_course['lessons'][0]}/complete", json=body, headers=student
    )
    assert response.status_code == 422
    bad_lesson = await client.post(
        f"{API}/progress/lessons/not-a-uuid/complete",
        json={"course_id": free_course["id"]},
        headers=student,
    )
    assert bad_lesson.status_code == 422


async def test_a_double_click_on_complete_stores_one_row(client, student, free_course):
    await enroll(client, student, free_course["id"])
    lesson = free_course["lessons"][0]
    responses = await asyncio.gather(
        *(complete_lesson(client, student, lesson, free_course["id"]) for _ in range(5))
    )
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409]
    progress = await client.get(f"{API}/progress/courses/{free_course['id']}", headers=student)
    assert progress.json()["completed_lessons"] == 1


async def test_completing_every_lesson_at_once_still_completes_the_course(client, student, free_course):
    await enroll(client, student, free_course["id"])
    responses = await asyncio.gather(
        *(complete_lesson(client, student, lesson, free_course["id"]) for lesson in free_course["lessons"])
    )
    assert [r.status_code for r in responses] == [201, 201, 201]
    assert await _my_status(client, student, free_course["id"]) == "completed"


async def test_one_students_progress_is_invisible_to_another(client, platform, free_course):
    a, b = token_headers(platform), token_headers(platform)
    for student in (a, b):
        await enroll(client, student, free_course["id"])
    await complete_lesson(client, a, free_course["lessons"][0], free_course["id"])
    theirs = await client.get(f"{API}/progress/courses/{free_course['id']}", headers=b)
    assert theirs.json()["completed_lessons"] == 0
    ids = await client.get(f"{API}/progress/courses/{free_course['id']}/lessons", headers=b)
    assert ids.json()["completed_lesson_ids"] == []
    # b completing the same lesson is b's own first completion, not a conflict.
    response = await complete_lesson(client, b, free_course["lessons"][0], free_course["id"])
    assert response.status_code == 201
