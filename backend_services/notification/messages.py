"""What another context's event means to a person: the notification it becomes."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from backend_services.shared.outbox import Event

TITLE_MAX = 200


@dataclass(frozen=True, slots=True)
class NotificationDraft:
    user_id: uuid.UUID
    type: str
    title: str
    body: str


def _registered(p: dict[str, Any]) -> NotificationDraft:
    body = f"Hi {p['name']}, your EduPlatform account is ready."
    if p.get("role") == "teacher":
        body += " An administrator will verify your teacher account before you can publish courses."
    else:
        body += " Browse the catalogue and enroll in your first course."
    return NotificationDraft(p["user_id"], "registration", "Welcome to EduPlatform", body)


def _teacher_verified(p: dict[str, Any]) -> NotificationDraft:
    return NotificationDraft(
        p["user_id"],
        "teacher_verified",
        "Your teacher account is verified",
        f"Congratulations {p['name']}, you can now create and publish courses.",
    )


def _payment(p: dict[str, Any]) -> NotificationDraft:
    return NotificationDraft(
        p["student_id"],
        "payment",
        "Payment received",
        f"We received your payment of {p['amount']} for \u201c{p['course_title']}\u201d.",
    )


def _enrolled(p: dict[str, Any]) -> NotificationDraft:
    return NotificationDraft(
        p["student_id"],
        "enrollment",
        _title(f"You are enrolled in {p['course_title']}"),
        f"Welcome to \u201c{p['course_title']}\u201d. "
        "Start with the first lesson whenever you like.",
    )


def _completed(p: dict[str, Any]) -> NotificationDraft:
    return NotificationDraft(
        p["student_id"],
        "course_completed",
        _title(f"You completed {p['course_title']}"),
        f"Congratulations! You finished every lesson of \u201c{p['course_title']}\u201d. "
        "Consider leaving a review for other students.",
    )


def _title(text: str) -> str:
    # Course titles may be 200 characters themselves; the column holds 200.
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "\u2026"


RENDERERS: dict[str, Callable[[dict[str, Any]], NotificationDraft]] = {
    "user_registered": _registered,
    "teacher_verified": _teacher_verified,
    "payment_completed": _payment,
    "student_enrolled": _enrolled,
    "course_completed": _completed,
}


def draft_for(event: Event) -> NotificationDraft | None:
    """The notification for an event, or None for topics nobody is notified about.

    Raises ``KeyError``/``ValueError`` for a malformed payload.
    """
    render = RENDERERS.get(event.topic)
    if render is None:
        return None
    draft = render(event.payload)
    return NotificationDraft(uuid.UUID(str(draft.user_id)), draft.type, draft.title, draft.body)
