"""Each event topic becomes a human-friendly notification for the right person, readable in
English (stored, unchanged wording) and Russian (rendered from the stored params)."""

from __future__ import annotations

import uuid

import pytest

from backend_services.notification.messages import TITLE_MAX, draft_for, localized
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
    draft = draft_for(_event("student_enrolled", student_id=str(uuid.uuid4()), course_title="x" * 200))
    assert len(draft.title) == 200


def test_unknown_topics_notify_nobody_and_malformed_payloads_raise():
    assert draft_for(_event("course_created", id="x")) is None
    with pytest.raises(KeyError):
        draft_for(_event("student_enrolled", course_title="No student"))
    with pytest.raises(ValueError):
        draft_for(_event("teacher_verified", user_id="not-a-uuid", name="X"))


UID = str(uuid.uuid4())

# Every notification the platform sends: the event, the values kept for rendering, the
# stored English text (clients rely on it word for word) and what the Russian text says.
CASES = {
    "student_registration": (
        _event("user_registered", user_id=UID, name="Ann", role="student"),
        {"name": "Ann", "role": "student"},
        (
            "Welcome to EduPlatform",
            "Hi Ann, your EduPlatform account is ready. "
            "Browse the catalogue and enroll in your first course.",
        ),
        ("Добро пожаловать в EduPlatform", ["Здравствуйте, Ann!", "каталог", "первый курс"]),
    ),
    "teacher_registration": (
        _event("user_registered", user_id=UID, name="Tom", role="teacher"),
        {"name": "Tom", "role": "teacher"},
        (
            "Welcome to EduPlatform",
            "Hi Tom, your EduPlatform account is ready. An administrator will verify "
            "your teacher account before you can publish courses.",
        ),
        ("Добро пожаловать в EduPlatform", ["Здравствуйте, Tom!", "Администратор проверит"]),
    ),
    "teacher_verified": (
        _event("teacher_verified", user_id=UID, name="Tom"),
        {"name": "Tom"},
        (
            "Your teacher account is verified",
            "Congratulations Tom, you can now create and publish courses.",
        ),
        ("Ваш аккаунт преподавателя подтверждён", ["Поздравляем, Tom!", "публиковать курсы"]),
    ),
    "payment": (
        _event(
            "payment_completed",
            payment_id=UID,
            student_id=UID,
            course_id=UID,
            course_title="Rust",
            amount="49.00",
        ),
        {"amount": "49.00", "course_title": "Rust"},
        ("Payment received", "We received your payment of 49.00 for \u201cRust\u201d."),
        ("Оплата получена", ["49.00", "«Rust»"]),
    ),
    "enrollment": (
        _event("student_enrolled", enrollment_id=UID, student_id=UID, course_id=UID, course_title="Rust"),
        {"course_title": "Rust"},
        (
            "You are enrolled in Rust",
            "Welcome to \u201cRust\u201d. Start with the first lesson whenever you like.",
        ),
        ("Вы записаны на курс «Rust»", ["курс «Rust»", "первого урока"]),
    ),
    "course_completed": (
        _event("course_completed", enrollment_id=UID, student_id=UID, course_id=UID, course_title="Rust"),
        {"course_title": "Rust"},
        (
            "You completed Rust",
            "Congratulations! You finished every lesson of \u201cRust\u201d. "
            "Consider leaving a review for other students.",
        ),
        ("Вы завершили курс «Rust»", ["Поздравляем!", "курса «Rust»", "отзыв"]),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_stored_text_is_english_as_always_and_keeps_what_it_was_rendered_from(case):
    event, params, english, _ = case
    draft = draft_for(event)
    assert draft.params == params  # values only, never the ids
    assert (draft.title, draft.body) == english
    assert localized(draft.type, draft.params, draft.title, draft.body, "en") == english


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_every_platform_notification_reads_in_russian(case):
    event, _, english, (russian_title, russian_words) = case
    draft = draft_for(event)
    title, body = localized(draft.type, draft.params, draft.title, draft.body, "ru")
    assert title == russian_title
    assert all(word in body for word in russian_words), body
    assert "\u201c" not in title + body  # Russian quotes course titles «like this»
    assert (title, body) != english


def test_the_language_code_may_carry_a_region_or_capitals():
    draft = draft_for(CASES["enrollment"][0])
    for lang in ("ru", "RU", "ru-RU", "ru_RU"):
        assert localized(draft.type, draft.params, draft.title, draft.body, lang)[0] == (
            "Вы записаны на курс «Rust»"
        )


def test_a_registration_without_a_role_reads_as_a_student_welcome():
    draft = draft_for(_event("user_registered", user_id=UID, name="Ann"))
    assert draft.params == {"name": "Ann"}
    assert "catalogue" in draft.body
    assert "каталог" in localized(draft.type, draft.params, draft.title, draft.body, "ru")[1]


@pytest.mark.parametrize(
    "type_, params, lang",
    [
        ("enrollment", {"course_title": "Rust"}, "en"),
        ("enrollment", {"course_title": "Rust"}, "de"),
        ("enrollment", {"course_title": "Rust"}, ""),
        ("reminder", {"course_title": "Rust"}, "ru"),  # a type users post themselves
        ("enrollment", None, "ru"),  # posted, or stored before params existed
        ("enrollment", {}, "ru"),
        ("payment", {"course_title": "Rust"}, "ru"),  # amount missing
        ("enrollment", {"course_title": 7}, "ru"),
        ("enrollment", ["Rust"], "ru"),
        ("enrollment", "Rust", "ru"),
    ],
)
def test_what_cannot_be_translated_is_shown_as_stored(type_, params, lang):
    assert localized(type_, params, "Stored title", "Stored body", lang) == (
        "Stored title",
        "Stored body",
    )


@pytest.mark.parametrize("topic", ["student_enrolled", "course_completed"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_long_course_titles_fit_the_title_limit_in_both_languages(topic, lang):
    course_title = "x" * 200
    draft = draft_for(_event(topic, student_id=UID, course_title=course_title))
    title, body = localized(draft.type, draft.params, draft.title, draft.body, lang)
    assert len(title) == TITLE_MAX
    assert title.endswith("x\u2026" if lang == "en" else "x\u2026»")
    assert course_title in body  # only the title is shortened


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_course_title_that_just_fits_is_not_shortened(lang):
    prefix = {"en": "You are enrolled in ", "ru": "Вы записаны на курс «"}[lang]
    course_title = "y" * (TITLE_MAX - len(prefix) - (lang == "ru"))
    draft = draft_for(_event("student_enrolled", student_id=UID, course_title=course_title))
    title, _ = localized(draft.type, draft.params, draft.title, draft.body, lang)
    assert len(title) == TITLE_MAX
    assert course_title in title and "\u2026" not in title
