"""The done-when story, purely over HTTP: a student finds a paid course, pays, enrolls,
works through every lesson, reviews it, and is told about each step."""

from __future__ import annotations

from tests.helpers import add_lessons, create_course, register, verified_teacher


async def test_a_student_finds_pays_for_completes_and_reviews_a_course(client, platform):
    teacher = await verified_teacher(client, platform)
    course = await create_course(
        client,
        teacher,
        title="Practical Kubernetes",
        description="Deploy, scale and observe services",
        is_free=False,
        price="49.99",
    )
    await add_lessons(client, teacher, course["id"], 3)

    student = await register(client, name="Sam")
    found = (await client.get("/api/course/courses", params={"q": "kubernetes"})).json()
    assert [c["id"] for c in found["items"]] == [course["id"]]
    course_id = found["items"][0]["id"]
    price = found["items"][0]["price"]
    assert found["items"][0]["avg_rating"] is None

    # A teacher can neither pay nor enroll.
    teacher_pays = await client.post(
        "/api/payment/payments", json={"course_id": course_id, "amount": price}, headers=teacher
    )
    assert teacher_pays.status_code == 403
    teacher_enrolls = await client.post(
        "/api/enrollment/enrollments", json={"course_id": course_id}, headers=teacher
    )
    assert teacher_enrolls.status_code == 403

    # Enrolling before paying is refused; paying then enrolling works.
    early = await client.post("/api/enrollment/enrollments", json={"course_id": course_id}, headers=student)
    assert early.status_code == 402
    payment = await client.post(
        "/api/payment/payments",
        json={"course_id": course_id, "amount": price},
        headers=student | {"Idempotency-Key": "checkout-1"},
    )
    assert payment.status_code == 201
    assert payment.json()["status"] == "completed"
    enrollment = await client.post(
        "/api/enrollment/enrollments",
        json={"course_id": course_id, "payment_id": payment.json()["id"]},
        headers=student,
    )
    assert enrollment.status_code == 201
    assert enrollment.json()["status"] == "enrolled"

    # Work through the curriculum as the student sees it.
    curriculum = (await client.get(f"/api/course/courses/{course_id}/curriculum")).json()
    lesson_ids = [lesson["id"] for m in curriculum["modules"] for lesson in m["lessons"]]
    assert len(lesson_ids) == curriculum["total_lessons"] == 3
    for lesson_id in lesson_ids:
        # Paid content: locked to visitors, open to the enrolled student.
        assert (await client.get(f"/api/course/lessons/{lesson_id}")).status_code == 401
        assert (await client.get(f"/api/course/lessons/{lesson_id}", headers=student)).status_code == 200
        done = await client.post(
            f"/api/enrollment/progress/lessons/{lesson_id}/complete",
            json={"course_id": course_id},
            headers=student,
        )
        assert done.status_code == 201

    progress = (await client.get(f"/api/enrollment/progress/courses/{course_id}", headers=student)).json()
    assert progress == {
        "course_id": course_id,
        "completed_lessons": 3,
        "total_lessons": 3,
        "percentage": 100.0,
    }
    mine = (await client.get("/api/enrollment/enrollments/me", headers=student)).json()
    assert mine["items"][0]["status"] == "completed"

    review = await client.post(
        "/api/course/reviews",
        json={"course_id": course_id, "rating": 5, "comment": "Clear and practical"},
        headers=student,
    )
    assert review.status_code == 201, review.text
    reviewed = (await client.get(f"/api/course/courses/{course_id}")).json()
    assert float(reviewed["avg_rating"]) == 5.0
    assert reviewed["review_count"] == 1

    # The teacher sees the student finished.
    roster = await client.get(f"/api/enrollment/enrollments/course/{course_id}/students", headers=teacher)
    assert roster.json()["items"][0]["percentage"] == 100.0

    notes = await client.get("/api/notification/notifications/me", headers=student)
    types = [n["type"] for n in notes.json()["items"]]
    assert sorted(types[:2]) == ["certificate", "course_completed"]  # a completion issues a certificate
    assert types[2:] == ["enrollment", "payment", "registration"]
    assert notes.json()["unread"] == 5
