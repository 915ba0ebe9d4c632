"""Certificates: issued once per completed course through the outbox, verified publicly."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from backend_services.enrollment.models import Certificate, EnrollmentOutbox
from backend_services.shared.outbox import Event
from tests.helpers import (
    add_lessons,
    complete_lesson,
    create_course,
    enroll,
    notifications_of,
    register,
    verified_teacher,
)

API = "/api/enrollment"


async def finish_course(client, platform, *, student_name: str = "Анна Иванова"):
    teacher = await verified_teacher(client, platform)
    course = await create_course(client, teacher, title="Основы Python")
    lessons = await add_lessons(client, teacher, course["id"], 2)
    student = await register(client, name=student_name)
    await enroll(client, student, course["id"])
    for lesson in lessons:
        assert (await complete_lesson(client, student, lesson, course["id"])).status_code == 201
    return student, course


async def certificate_count(platform) -> int:
    async with platform.databases["enrollment"].session() as session:
        return int(await session.scalar(select(func.count()).select_from(Certificate)) or 0)


async def test_completing_a_course_issues_one_verifiable_certificate(client, platform):
    student, course = await finish_course(client, platform)
    mine = (await client.get(f"{API}/certificates/me", headers=student)).json()["items"]
    assert len(mine) == 1
    code = mine[0]["code"]
    assert mine[0]["student_name"] == "Анна Иванова" and mine[0]["course_title"] == "Основы Python"
    assert mine[0]["teacher_name"] == "Test User"
    assert mine[0]["verify_url"].endswith(f"/certificates/{code}")

    public = await client.get(f"{API}/certificates/{code}")  # no login
    assert public.status_code == 200 and public.json()["student_name"] == "Анна Иванова"
    assert (await client.get(f"{API}/certificates/{code.lower()}")).status_code == 200

    pdf = await client.get(f"{API}/certificates/{code}/pdf", headers=student)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and code in pdf.headers["content-disposition"]
    kinds = [n["type"] for n in (await notifications_of(client, student))["items"]]
    assert kinds.count("certificate") == 1 and kinds.count("course_completed") == 1


async def test_unknown_codes_and_strangers_get_clean_errors(client, platform):
    student, _ = await finish_course(client, platform)
    code = (await client.get(f"{API}/certificates/me", headers=student)).json()["items"][0]["code"]
    missing = await client.get(f"{API}/certificates/ZZZZ-ZZZZ-ZZZZ")
    assert missing.status_code == 404 and missing.json()["detail"] == "Certificate not found"
    assert (await client.get(f"{API}/certificates/bad%20code")).status_code == 422
    stranger = await register(client)
    assert (await client.get(f"{API}/certificates/{code}/pdf", headers=stranger)).status_code == 403
    assert (await client.get(f"{API}/certificates/{code}/pdf")).status_code == 401


async def test_redelivering_the_completion_event_does_not_issue_twice(client, platform):
    await finish_course(client, platform)
    async with platform.databases["enrollment"].session() as session:
        row = (
            await session.execute(
                select(EnrollmentOutbox).where(EnrollmentOutbox.topic == "course_completed")
            )
        ).scalar_one()
    event = Event(id=row.id, topic=row.topic, payload=row.payload)
    await asyncio.gather(*(platform.enrollment.certificates.handle_event(event) for _ in range(3)))
    await platform.enrollment.outbox.deliver([event])
    assert await certificate_count(platform) == 1


async def test_concurrent_last_lessons_complete_once_and_issue_one_certificate(client, platform):
    teacher = await verified_teacher(client, platform)
    course = await create_course(client, teacher, title="Race")
    lessons = await add_lessons(client, teacher, course["id"], 3)
    student = await register(client)
    await enroll(client, student, course["id"])
    await complete_lesson(client, student, lessons[0], course["id"])
    responses = await asyncio.gather(
        *(complete_lesson(client, student, lesson, course["id"]) for lesson in [lessons[1], lessons[2]] * 2)
    )
    assert sorted(r.status_code for r in responses) == [201, 201, 409, 409]
    await platform.sweep_outboxes()
    assert await certificate_count(platform) == 1
