"""Notifications: one's own only, newest first, read state, idempotent event handling."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from backend_services.notification.messages import PLATFORM_TYPES
from backend_services.shared.errors import NotFound, Unprocessable
from backend_services.shared.outbox import Event
from tests.unit.notification.conftest import user


def _enrolled(student_id: uuid.UUID) -> Event:
    payload = {"student_id": str(student_id), "course_id": str(uuid.uuid4()), "course_title": "Go"}
    return Event(id=uuid.uuid4(), topic="student_enrolled", payload=payload)


async def test_a_user_creates_and_lists_their_own_newest_first(notifications):
    me, other = user(), user()
    for title in ("first", "second", "third"):
        await notifications.create(me, type="reminder", title=title, body="")
    await notifications.create(other, type="reminder", title="not mine", body="")
    page = await notifications.list_mine(me, limit=2, offset=0)
    assert (page.total, page.unread) == (3, 3)
    assert [n.title for n in page.items] == ["third", "second"]
    assert {n.user_id for n in page.items} == {me.user_id}


async def test_marking_read_is_owner_only_and_idempotent(notifications):
    me, other = user(), user()
    note = await notifications.create(me, type="reminder", title="t", body="b")
    with pytest.raises(NotFound):
        await notifications.mark_read(other, note.id)
    with pytest.raises(NotFound):
        await notifications.mark_read(me, uuid.uuid4())
    assert (await notifications.mark_read(me, note.id)).is_read is True
    assert (await notifications.mark_read(me, note.id)).is_read is True
    assert await notifications.unread_count(me) == 0


async def test_mark_all_read_touches_only_the_callers_unread(notifications):
    me, other = user(), user()
    for _ in range(3):
        await notifications.create(me, type="reminder", title="t", body="")
    await notifications.create(other, type="reminder", title="t", body="")
    assert await notifications.mark_all_read(me) == 3
    assert await notifications.mark_all_read(me) == 0
    assert await notifications.unread_count(other) == 1


async def test_an_event_becomes_one_notification_however_often_it_is_delivered(notifications):
    student = user()
    event = _enrolled(student.user_id)
    await notifications.handle_event(event)
    await notifications.handle_event(event)
    page = await notifications.list_mine(student)
    assert page.total == 1
    assert page.items[0].type == "enrollment"


async def test_racing_deliveries_of_one_event_store_one_notification(notifications):
    student = user()
    event = _enrolled(student.user_id)
    await asyncio.gather(*(notifications.handle_event(event) for _ in range(5)))
    assert (await notifications.list_mine(student)).total == 1


async def test_unknown_and_malformed_events_are_dropped_without_raising(notifications):
    await notifications.handle_event(Event(uuid.uuid4(), "course_created", {"id": "x"}))
    await notifications.handle_event(Event(uuid.uuid4(), "student_enrolled", {"oops": 1}))
    await notifications.handle_event(Event(uuid.uuid4(), "teacher_verified", {"user_id": "x"}))


async def test_an_event_notification_keeps_its_params_and_reads_in_russian(notifications):
    student = user()
    await notifications.handle_event(_enrolled(student.user_id))
    (note,) = (await notifications.list_mine(student)).items
    assert note.params == {"course_title": "Go"}
    assert notifications.localize(note, "en") == (note.title, note.body)
    title, body = notifications.localize(note, "ru")
    assert title == "Вы записаны на курс «Go»"
    assert "«Go»" in body


async def test_a_posted_notification_has_no_params_and_reads_as_written(notifications):
    me = user()
    note = await notifications.create(me, type="reminder", title="Study time", body="Lesson 2")
    assert note.params is None
    assert notifications.localize(note, "ru") == ("Study time", "Lesson 2")


@pytest.mark.parametrize("platform_type", sorted(PLATFORM_TYPES))
async def test_users_cannot_post_notifications_of_platform_types(notifications, platform_type):
    # A "payment" or "teacher_verified" notification a user wrote would read as a real one.
    with pytest.raises(Unprocessable, match="reserved for the platform"):
        await notifications.create(user(), type=platform_type, title="Payment received", body="")
