"""What another context's event means to a person: the notification it becomes.

The stored title and body are English (API clients rely on that wording); the values
they were rendered from are stored too (``params``), so a reader can have the same
notification in Russian (``localized``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from backend_services.shared.outbox import Event

TITLE_MAX = 200
DEFAULT_LANG = "en"

Texts = Callable[[dict[str, str]], tuple[str, str]]


@dataclass(frozen=True, slots=True)
class NotificationDraft:
    user_id: uuid.UUID
    type: str
    title: str
    body: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Topic:
    """How an event topic becomes a notification: its type, who is told, from what values."""

    type: str
    recipient: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


TOPICS: dict[str, _Topic] = {
    "user_registered": _Topic("registration", "user_id", ("name",), ("role",)),
    "teacher_verified": _Topic("teacher_verified", "user_id", ("name",)),
    "payment_completed": _Topic("payment", "student_id", ("amount", "course_title")),
    "student_enrolled": _Topic("enrollment", "student_id", ("course_title",)),
    "course_completed": _Topic("course_completed", "student_id", ("course_title",)),
    "certificate_issued": _Topic("certificate", "student_id", ("course_title", "code")),
}

# Types only the platform writes; a user posting one could fake a payment receipt or a
# teacher verification in their own feed, so POST /notifications refuses them.
PLATFORM_TYPES: frozenset[str] = frozenset(topic.type for topic in TOPICS.values())


def _title(prefix: str, course_title: str, suffix: str = "") -> str:
    # Course titles may be 200 characters themselves; the column holds 200. The course
    # title is shortened, not the frame, so a closing quote survives.
    room = TITLE_MAX - len(prefix) - len(suffix)
    if len(course_title) > room:
        course_title = course_title[: room - 1] + "\u2026"
    return prefix + course_title + suffix


# English: exactly the wording API clients have always received.


def _registration_en(p: dict[str, str]) -> tuple[str, str]:
    body = f"Hi {p['name']}, your EduPlatform account is ready."
    if p.get("role") == "teacher":
        body += " An administrator will verify your teacher account before you can publish courses."
    else:
        body += " Browse the catalogue and enroll in your first course."
    return "Welcome to EduPlatform", body


def _teacher_verified_en(p: dict[str, str]) -> tuple[str, str]:
    return (
        "Your teacher account is verified",
        f"Congratulations {p['name']}, you can now create and publish courses.",
    )


def _payment_en(p: dict[str, str]) -> tuple[str, str]:
    return (
        "Payment received",
        f"We received your payment of {p['amount']} for \u201c{p['course_title']}\u201d.",
    )


def _enrollment_en(p: dict[str, str]) -> tuple[str, str]:
    return (
        _title("You are enrolled in ", p["course_title"]),
        f"Welcome to \u201c{p['course_title']}\u201d. Start with the first lesson whenever you like.",
    )


def _course_completed_en(p: dict[str, str]) -> tuple[str, str]:
    return (
        _title("You completed ", p["course_title"]),
        f"Congratulations! You finished every lesson of \u201c{p['course_title']}\u201d. "
        "Consider leaving a review for other students.",
    )


def _certificate_en(p: dict[str, str]) -> tuple[str, str]:
    return (
        _title("Your certificate for ", p["course_title"], " is ready"),
        f"Download it from My learning. Anyone can verify it with the code {p['code']}.",
    )


# Russian: the product addresses the reader politely («вы»).


def _registration_ru(p: dict[str, str]) -> tuple[str, str]:
    body = f"Здравствуйте, {p['name']}! Ваш аккаунт EduPlatform готов."
    if p.get("role") == "teacher":
        body += " Администратор проверит ваш аккаунт преподавателя, после чего вы сможете публиковать курсы."
    else:
        body += " Загляните в каталог и запишитесь на свой первый курс."
    return "Добро пожаловать в EduPlatform", body


def _teacher_verified_ru(p: dict[str, str]) -> tuple[str, str]:
    return (
        "Ваш аккаунт преподавателя подтверждён",
        f"Поздравляем, {p['name']}! Теперь вы можете создавать и публиковать курсы.",
    )


def _payment_ru(p: dict[str, str]) -> tuple[str, str]:
    return (
        "Оплата получена",
        f"Мы получили ваш платёж на сумму {p['amount']} за курс «{p['course_title']}».",
    )


def _enrollment_ru(p: dict[str, str]) -> tuple[str, str]:
    return (
        _title("Вы записаны на курс «", p["course_title"], "»"),
        f"Добро пожаловать на курс «{p['course_title']}»! Начните с первого урока, когда вам будет удобно.",
    )


def _course_completed_ru(p: dict[str, str]) -> tuple[str, str]:
    return (
        _title("Вы завершили курс «", p["course_title"], "»"),
        f"Поздравляем! Вы прошли все уроки курса «{p['course_title']}». "
        "Оставьте, пожалуйста, отзыв \u2014 он поможет другим студентам.",
    )


def _certificate_ru(p: dict[str, str]) -> tuple[str, str]:
    return (
        _title("Сертификат за курс «", p["course_title"], "» готов"),
        f"Скачайте его в разделе «Моё обучение». Любой может проверить его по коду {p['code']}.",
    )


TEMPLATES: dict[str, dict[str, Texts]] = {
    "registration": {"en": _registration_en, "ru": _registration_ru},
    "teacher_verified": {"en": _teacher_verified_en, "ru": _teacher_verified_ru},
    "payment": {"en": _payment_en, "ru": _payment_ru},
    "enrollment": {"en": _enrollment_en, "ru": _enrollment_ru},
    "course_completed": {"en": _course_completed_en, "ru": _course_completed_ru},
    "certificate": {"en": _certificate_en, "ru": _certificate_ru},
}


def draft_for(event: Event) -> NotificationDraft | None:
    """The notification for an event, or None for topics nobody is notified about.

    Raises ``KeyError``/``ValueError`` for a malformed payload.
    """
    topic = TOPICS.get(event.topic)
    if topic is None:
        return None
    payload: dict[str, Any] = event.payload
    user_id = uuid.UUID(str(payload[topic.recipient]))
    params = {key: str(payload[key]) for key in topic.required}
    params |= {key: str(payload[key]) for key in topic.optional if payload.get(key) is not None}
    title, body = TEMPLATES[topic.type][DEFAULT_LANG](params)
    return NotificationDraft(user_id, topic.type, title, body, params)


def localized(type: str, params: dict[str, str] | None, title: str, body: str, lang: str) -> tuple[str, str]:
    """The notification's (title, body) in ``lang``; the stored text when it cannot be rendered.

    English, unknown languages and types, and missing or malformed ``params`` (a
    notification a user posted, or one stored before ``params`` existed) all give the
    stored ``title`` and ``body`` unchanged.
    """
    language = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    render = TEMPLATES.get(type, {}).get(language)
    if language == DEFAULT_LANG or render is None or not _well_formed(params):
        return title, body
    try:
        return render(params)  # type: ignore[arg-type]  # checked by _well_formed
    except KeyError:
        return title, body


def _well_formed(params: Any) -> bool:
    return isinstance(params, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in params.items()
    )
