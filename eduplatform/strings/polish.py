"""UI strings: finishing touches across pages (completed course, video fallback, demo hint)."""

STRINGS: dict[str, tuple[str, str]] = {
    "revisit": ("Review the lessons", "Повторить уроки"),
    "video_unavailable": ("This video can't be played here.", "Это видео не удаётся воспроизвести."),
    "video_open": ("Open the video in a new tab", "Открыть видео в новой вкладке"),
    "video_player": ("Lesson video", "Видео урока"),
    "demo_hint": ("Demo accounts (password {password}):", "Демо-аккаунты (пароль {password}):"),
    "demo_student": ("student", "студент"),
    "demo_teacher": ("teacher", "преподаватель"),
    "logo_alt": ("EduPlatform home", "EduPlatform — на главную"),
}
