"""UI strings: locked (paid) lessons and preview lessons (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "lesson_locked_title": ("This lesson is part of a paid course", "Этот урок входит в платный курс"),
    "lesson_locked_text": (
        "Enroll in the course to read it. Lessons marked “Preview” are open to everyone.",
        "Запишитесь на курс, чтобы открыть урок. Уроки с пометкой «Превью» открыты всем.",
    ),
    "lesson_locked_action": ("Go to the course and enroll", "Перейти к курсу и записаться"),
    "lesson_preview": ("Preview", "Превью"),
    "lesson_preview_hint": (
        "Preview: anyone may read this lesson, also without enrolling",
        "Превью: урок могут читать все, даже без записи на курс",
    ),
}
