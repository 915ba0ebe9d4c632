"""Each event topic becomes a human-friendly notification for the right person."""

from __future__ import annotations

import uuid

import pytest

from backend_services.notification.messages import draft_for
from backend_services.shared.outbox import Event


def _event(topic: str, **payload) -> Event:
    return Event(id=uuid.uuid4(), topic=topic, payload=payload)


def test_registration_greets_students_and_tells_teachers_about_verification():
    uid = uuid.uuid4()
    student = draft_for(_event("user_registered", user_id=str(uid), name="Ann", role="student"))
    teacher = draft_for(_event("user_registered", user_id=str(uid), name="Tom", role="teacher"))
    assert student.user_id == uid
    assert student.type == teacher.type == "registration"
    assert "Ann" in student.body
    assert "verify" in teacher.body


@pytest.mark.parametrize(
    "topic, type_, words",
    [
        ("teacher_verified", "teacher_verified", ["verified"]),
        ("payment_completed", "payment", ["49.99", "Rust"]),
        ("student_enrolled", "enrollment", ["Rust"]),
        ("course_completed", "course_completed", ["Rust", "Congratulations"]),
    ],
)
def test_each_topic_has_its_type_and_mentions_what_happened(topic, type_, words):
    uid = uuid.uuid4()
    payload = {
        "user_id": str(uid),
        "student_id": str(uid),
        "name": "Ann",
        "course_title": "Rust",
        "amount": "49.99",
    }
    draft = draft_for(Event(id=uuid.uuid4(), topic=topic, payload=payload))
    assert draft.user_id == uid
    assert draft.type == type_
    text = f"{draft.title} {draft.body}"
    assert all(word in text for word in words)


def test_long_course_titles_fit_the_title_column():
    draft = draft_for(
        _event("student_enrolled", student_id=str(uuid.uuid4()), course_title="x" * 200)
    )
    assert len(draft.title) == 200


def test_unknown_topics_notify_nobody_and_malformed_payloads_raise():
    assert draft_for(_event("course_created", id="x")) is None
    with pytest.raises(KeyError):
        draft_for(_event("student_enrolled", course_title="No student"))
    with pytest.raises(ValueError):
        draft_for(_event("teacher_verified", user_id="not-a-uuid", name="X"))
