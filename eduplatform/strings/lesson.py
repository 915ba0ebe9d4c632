"""UI strings: lesson player (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "mark_complete": ("Mark complete", "Отметить как пройденный"),
    "lesson_done": ("Lesson completed", "Урок пройден"),
    "previous_lesson": ("Previous lesson", "Предыдущий урок"),
    "next_lesson": ("Next lesson", "Следующий урок"),
    "show_curriculum": ("Curriculum", "Программа"),
    "back_to_course": ("Back to course", "К курсу"),
}
