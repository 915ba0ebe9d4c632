"""UI strings: catalog (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "catalog_title": ("Find your next course", "Найдите свой следующий курс"),
    "catalog_subtitle": (
        "Learn at your own pace from verified teachers.",
        "Учитесь в своём темпе у проверенных преподавателей.",
    ),
    "free": ("Free", "Бесплатно"),
    "min": ("min", "мин"),
    "no_rating": ("No ratings yet", "Пока без оценок"),
    "prev": ("Previous", "Назад"),
    "next": ("Next", "Далее"),
    "page": ("Page", "Страница"),
    "of": ("of", "из"),
    "level_beginner": ("Beginner", "Начальный"),
    "level_intermediate": ("Intermediate", "Средний"),
    "level_advanced": ("Advanced", "Продвинутый"),
}
