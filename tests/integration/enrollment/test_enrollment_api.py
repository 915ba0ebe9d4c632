"""Every enrollment row of API.md through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.helpers import enroll, pay, token_headers, user_id_of

API = "/api/enrollment"


async def test_a_student_enrolls_in_a_free_course(client, student, free_course):
    response = await enroll(client, student, free_course["id"])
    assert response.status_code == 201, response.text
    body = response.json()
    assert {"id", "student_id", "course_id", "payment_id", "status", "enrolled_at"} <= set(body)
    assert body["student_id"] == user_id_of(student)
    assert body["course_id"] == free_course["id"]
    assert body["payment_id"] is None
    assert body["status"] == "enrolled"
    assert body["enrolled_at"].endswith(("+00:00", "Z"))


async def test_enroll_needs_a_token(client, free_course):
    response = await client.post(f"{API}/enrollments", json={"course_id": free_course["id"]})
    assert response.status_code == 401


@pytest.mark.parametrize("role", ["teacher", "admin"])
async def test_only_students_enroll(client, platform, free_course, role):
    headers = token_headers(platform, role=role, is_verified=True)
    response = await enroll(client, headers, free_course["id"])
    assert response.status_code == 403
    assert response.json() == {"detail": "Only students can enroll"}


async def test_enrolling_in_an_unknown_course_is_404(client, student):
    response = await enroll(client, student, str(uuid.uuid4()))
    assert response.status_code == 404
    assert response.json() == {"detail": "Course not found"}


@pytest.mark.parametrize("body", [{}, {"course_id": "not-a-uuid"}, {"course_id": None}, {"course_id": 7}])
async def test_enroll_rejects_invalid_bodies_with_422(client, student, body):
    response = await client.post(f"{API}/enrollments", json=body, headers=student)
    assert response.status_code == 422


async def test_a_paid_course_needs_a_completed_payment(client, student, paid_course):
    response = await enroll(client, student, paid_course["id"])
    assert response.status_code == 402
    assert response.json() == {"detail": "Payment required for this course"}

    payment = (await pay(client, student, paid_course["id"], "49.99")).json()
    enrolled = await enroll(client, student, paid_course["id"])
    assert enrolled.status_code == 201, enrolled.text
    assert enrolled.json()["payment_id"] == payment["id"]


async def test_the_payment_id_sent_must_be_the_students_payment_for_the_course(
    client, platform, student, paid_course
):
    other = token_headers(platform)
    others_payment = (await pay(client, other, paid_course["id"], "49.99")).json()
    # Someone else's payment does not pay for this student.
    refused = await enroll(client, student, paid_course["id"], payment_id=others_payment["id"])
    assert refused.status_code == 402

    mine = (await pay(client, student, paid_course["id"], "49.99")).json()
    mismatch = await enroll(client, student, paid_course["id"], payment_id=others_payment["id"])
    assert mismatch.status_code == 409
    assert mismatch.json() == {"detail": "This payment is not your completed payment for this course"}
    ok = await enroll(client, student, paid_course["id"], payment_id=mine["id"])
    assert ok.status_code == 201
    assert ok.json()["payment_id"] == mine["id"]


async def test_enrolling_twice_is_409(client, student, free_course):
    assert (await enroll(client, student, free_course["id"])).status_code == 201
    again = await enroll(client, student, free_course["id"])
    assert again.status_code == 409
    assert again.json() == {"detail": "Already enrolled"}


async def test_a_double_click_enrolls_once(client, student, free_course):
    responses = await asyncio.gather(*(enroll(client, student, free_course["id"]) for _ in range(5)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [201, 409, 409, 409, 409]
    count = await client.get(f"{API}/enrollments/course/{free_course['id']}/count")
    assert count.json() == {"course_id": free_course["id"], "count": 1}


async def test_my_enrollments_lists_only_mine_with_paging(client, platform, teacher, student):
    from tests.helpers import create_course

    courses = [await create_course(client, teacher, title=f"C{n}") for n in range(3)]
    for course in courses:
        assert (await enroll(client, student, course["id"])).status_code == 201
    other = token_headers(platform)
    assert (await enroll(client, other, courses[0]["id"])).status_code == 201

    page = (await client.get(f"{API}/enrollments/me?limit=2", headers=student)).json()
    assert page["total"] == 3
    assert len(page["items"]) == 2
    rest = (await client.get(f"{API}/enrollments/me?limit=2&offset=2", headers=student)).json()
    assert len(rest["items"]) == 1
    mine = {e["course_id"] for e in page["items"] + rest["items"]}
    assert mine == {c["id"] for c in courses}
    assert {e["student_id"] for e in page["items"]} == {user_id_of(student)}
    others = (await client.get(f"{API}/enrollments/me", headers=other)).json()
    assert others["total"] == 1


async def test_my_enrollments_needs_a_token_and_valid_paging(client, student):
    assert (await client.get(f"{API}/enrollments/me")).status_code == 401
    for query in ("limit=0", "limit=101", "offset=-1"):
        response = await client.get(f"{API}/enrollments/me?{query}", headers=student)
        assert response.status_code == 422


async def test_enrollment_count_is_public(client, platform, free_course):
    for _ in range(2):
        await enroll(client, token_headers(platform), free_course["id"])
    response = await client.get(f"{API}/enrollments/course/{free_course['id']}/count")
    assert response.status_code == 200
    assert response.json() == {"course_id": free_course["id"], "count": 2}
    unknown = str(uuid.uuid4())
    empty = await client.get(f"{API}/enrollments/course/{unknown}/count")
    assert empty.json() == {"course_id": unknown, "count": 0}


async def test_the_owning_teacher_sees_the_students_and_their_progress(
    client, platform, teacher, free_course
):
    a, b = token_headers(platform), token_headers(platform)
    for student in (a, b):
        await enroll(client, student, free_course["id"])
    await client.post(
        f"{API}/progress/lessons/{free_course['lessons'][0]}/complete",
        json={"course_id": free_course["id"]},
        headers=a,
    )
    response = await client.get(f"{API}/enrollments/course/{free_course['id']}/students", headers=teacher)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    rows = {row["student_id"]: row for row in body["items"]}
    assert rows[user_id_of(a)]["completed_lessons"] == 1
    assert rows[user_id_of(a)]["total_lessons"] == 3
    assert rows[user_id_of(a)]["percentage"] == 33.3
    assert rows[user_id_of(a)]["status"] == "in_progress"
    assert rows[user_id_of(b)]["completed_lessons"] == 0


async def test_nobody_but_the_teacher_sees_the_students(client, platform, student, free_course):
    path = f"{API}/enrollments/course/{free_course['id']}/students"
    assert (await client.get(path)).status_code == 401
    other_teacher = token_headers(platform, role="teacher", is_verified=True)
    for headers in (student, other_teacher):
        assert (await client.get(path, headers=headers)).status_code == 403
    unknown = await client.get(f"{API}/enrollments/course/{uuid.uuid4()}/students", headers=other_teacher)
    assert unknown.status_code == 404
