"""UI strings: header and navigation (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "brand": ("EduPlatform", "EduPlatform"),
    "catalog": ("Catalog", "Каталог"),
    "search_placeholder": ("Search courses…", "Поиск курсов…"),
    "my_learning": ("My learning", "Моё обучение"),
    "my_courses": ("My courses", "Мои курсы"),
    "admin": ("Admin", "Админ"),
    "notifications": ("Notifications", "Уведомления"),
    "log_in": ("Log in", "Войти"),
    "sign_up": ("Sign up", "Регистрация"),
    "log_out": ("Log out", "Выйти"),
    "role_student": ("Student", "Студент"),
    "role_teacher": ("Teacher", "Преподаватель"),
    "role_admin": ("Admin", "Администратор"),
    "language": ("Русский", "English"),
    "loading": ("Loading…", "Загрузка…"),
}
