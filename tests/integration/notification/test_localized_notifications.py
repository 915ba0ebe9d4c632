"""Platform notifications keep what they were rendered from, so they can be read in Russian;
on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from backend_services.notification.models import Notification
from backend_services.notification.schemas import NotificationPublic
from backend_services.shared.outbox import Event
from tests.helpers import create_course, notifications_of, pay, register, token_headers

COURSE = "Python для начинающих: «с нуля» до \u201cпродакшена\u201d"


async def test_a_delivered_event_stores_its_params_and_reads_in_russian(platform):
    student_id = uuid.uuid4()
    payload = {
        "enrollment_id": str(uuid.uuid4()),
        "student_id": str(student_id),
        "course_id": str(uuid.uuid4()),
        "course_title": COURSE,
    }
    await platform.notification.handle_event(Event(uuid.uuid4(), "student_enrolled", payload))

    async with platform.databases["notification"].session() as session:
        row = (await session.execute(select(Notification))).scalar_one()
    assert row.params == {"course_title": COURSE}
    assert row.title == f"You are enrolled in {COURSE}"  # the stored text stays English

    stored = NotificationPublic.model_validate(row)
    title, body = platform.notification.localize(stored, "ru")
    assert title == f"Вы записаны на курс «{COURSE}»"
    assert COURSE in body
    assert platform.notification.localize(stored, "en") == (row.title, row.body)


async def test_clients_receive_the_params_of_platform_notifications_only(client, platform):
    student = await register(client, name="Анна")
    teacher = token_headers(platform, role="teacher", is_verified=True)
    course = await create_course(client, teacher, title=COURSE, price="9.99")
    assert (await pay(client, student, course["id"], "9.99")).status_code == 201
    posted = {"type": "reminder", "title": "Study time", "body": ""}
    response = await client.post("/api/notification/notifications", json=posted, headers=student)
    assert response.status_code == 201

    items = (await notifications_of(client, student))["items"]
    by_type = {n["type"]: n for n in items}
    assert set(by_type) == {"reminder", "payment", "registration"}
    assert by_type["reminder"]["params"] is None
    assert by_type["registration"]["params"] == {"name": "Анна", "role": "student"}
    payment = by_type["payment"]
    assert payment["params"] == {"amount": "9.99", "course_title": COURSE}
    assert payment["body"] == f"We received your payment of 9.99 for \u201c{COURSE}\u201d."

    title, body = platform.notification.localize(NotificationPublic.model_validate(payment), "ru")
    assert title == "Оплата получена"
    assert f"«{COURSE}»" in body and "9.99" in body
