"""Side effects survive a failure between the commit and the delivery (transactional outbox)."""

from __future__ import annotations

from tests.helpers import NOTIFICATIONS, FailOnce, complete_lesson, enroll, notifications_of, register

API = "/api/enrollment"


async def test_an_enrollment_notification_is_delivered_by_the_sweep_after_a_failure(
    client, platform, free_course
):
    student = await register(client)
    before = (await notifications_of(client, student))["total"]  # the welcome message
    consumer = FailOnce(platform.notification.handle_event)
    platform.enrollment.outbox.subscribe(consumer, name=NOTIFICATIONS)

    response = await enroll(client, student, free_course["id"])
    assert response.status_code == 201  # the enrollment is committed regardless
    assert consumer.failures == 1
    mine = (await client.get(f"{API}/enrollments/me", headers=student)).json()
    assert mine["total"] == 1
    assert (await notifications_of(client, student))["total"] == before
    assert await platform.enrollment.outbox.pending_count() == 1

    assert await platform.enrollment.outbox.sweep() == 1
    page = await notifications_of(client, student)
    assert page["total"] == before + 1
    assert page["items"][0]["type"] == "enrollment"
    assert "Free Python" in page["items"][0]["title"]

    assert await platform.enrollment.outbox.sweep() == 0
    assert (await notifications_of(client, student))["total"] == before + 1
    assert await platform.enrollment.outbox.pending_count() == 0


async def test_redelivering_an_already_delivered_event_does_not_duplicate(client, platform, free_course):
    student = await register(client)
    await enroll(client, student, free_course["id"])
    total = (await notifications_of(client, student))["total"]
    # Simulate "delivered but the mark was lost": deliver the stored event again.
    async with platform.databases["enrollment"].session() as session:
        from sqlalchemy import select, update

        from backend_services.enrollment.models import EnrollmentOutbox
        from backend_services.shared.outbox import Event

        row = (await session.execute(select(EnrollmentOutbox))).scalar_one()
        await session.execute(update(EnrollmentOutbox).values(delivered_at=None))
        event = Event(id=row.id, topic=row.topic, payload=row.payload)
    await platform.notification.handle_event(event)
    assert await platform.enrollment.outbox.sweep() == 1
    assert (await notifications_of(client, student))["total"] == total


async def test_course_completion_notifies_the_student(client, platform, free_course):
    student = await register(client)
    await enroll(client, student, free_course["id"])
    for lesson in free_course["lessons"]:
        await complete_lesson(client, student, lesson, free_course["id"])
    types = [n["type"] for n in (await notifications_of(client, student))["items"]]
    assert types.count("course_completed") == 1
    # The newest two: the completion and the certificate it issued.
    assert sorted(types[:2]) == ["certificate", "course_completed"]
