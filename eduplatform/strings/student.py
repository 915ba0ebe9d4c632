"""UI strings: student (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "no_enrollments": ("You are not enrolled in any course yet.", "Вы пока не записаны ни на один курс."),
    "browse": ("Browse the catalog", "Перейти в каталог"),
    "mark_read": ("Mark as read", "Прочитано"),
    "mark_all_read": ("Mark all as read", "Прочитать все"),
    "no_notifications": ("No notifications yet.", "Уведомлений пока нет."),
}
