"""Video watch progress: throttled reports are stored clamped, and a student resumes there."""

from __future__ import annotations

import asyncio

import pytest

from tests.helpers import enroll, token_headers

API = "/api/enrollment"


async def report(client, student, course, lesson, position, duration=600.0):
    return await client.put(
        f"{API}/progress/lessons/{lesson}/position",
        json={"course_id": course["id"], "position": position, "duration": duration},
        headers=student,
    )


async def test_positions_are_stored_and_the_course_resumes_at_the_last_one(client, student, free_course):
    await enroll(client, student, free_course["id"])
    first, second = free_course["lessons"][:2]
    assert (await report(client, student, free_course, first, 300)).json()["watched_percentage"] == 50.0
    back = (await report(client, student, free_course, first, 60)).json()
    assert back["position_seconds"] == 60 and back["watched_seconds"] == 300  # furthest point stays
    await report(client, student, free_course, second, 42.5)

    resume = (await client.get(f"{API}/progress/courses/{free_course['id']}/resume", headers=student)).json()
    assert resume["lesson_id"] == second and resume["position_seconds"] == 42.5
    mine = (await client.get(f"{API}/progress/lessons/{first}/position", headers=student)).json()
    assert mine["position_seconds"] == 60


async def test_a_position_past_the_end_is_clamped(client, student, free_course):
    await enroll(client, student, free_course["id"])
    lesson = free_course["lessons"][0]
    stored = (await report(client, student, free_course, lesson, 900, duration=600)).json()
    assert stored["position_seconds"] == 600 and stored["watched_percentage"] == 100.0


@pytest.mark.parametrize(
    ("position", "duration"), [(-1, 600), (10, 0), (10, -5), (10, 10**9), (10**9, 600), ("NaN", 600)]
)
async def test_garbage_positions_are_refused(client, student, free_course, position, duration):
    await enroll(client, student, free_course["id"])
    response = await report(client, student, free_course, free_course["lessons"][0], position, duration)
    assert response.status_code == 422


async def test_only_enrolled_students_report_for_lessons_of_that_course(
    client, platform, student, free_course
):
    lesson = free_course["lessons"][0]
    assert (await report(client, student, free_course, lesson, 5)).status_code == 403
    await enroll(client, student, free_course["id"])
    foreign = {"id": free_course["id"]}
    assert (
        await report(client, student, foreign, "00000000-0000-0000-0000-000000000001", 5)
    ).status_code == 404
    teacher = token_headers(platform, role="teacher", is_verified=True)
    assert (await report(client, teacher, free_course, lesson, 5)).status_code == 403
    nothing = await client.get(f"{API}/progress/courses/{free_course['id']}/resume", headers=student)
    assert nothing.json()["lesson_id"] is None


async def test_racing_first_reports_keep_one_row(client, student, free_course):
    await enroll(client, student, free_course["id"])
    lesson = free_course["lessons"][0]
    for first in (10, 40, 70, 100):  # the first round races inserts, the later ones updates
        positions = (first, first + 10, first + 20)
        responses = await asyncio.gather(
            *(report(client, student, free_course, lesson, p) for p in positions)
        )
        assert [r.status_code for r in responses] == [200, 200, 200]
        mine = (await client.get(f"{API}/progress/lessons/{lesson}/position", headers=student)).json()
        assert mine["watched_seconds"] == first + 20  # no racing report lowered the furthest point
