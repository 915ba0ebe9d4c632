"""UI strings: auth (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "email": ("Email", "Эл. почта"),
    "password": ("Password", "Пароль"),
    "name": ("Name", "Имя"),
    "i_am": ("I want to", "Я хочу"),
    "as_student": ("learn (student)", "учиться (студент)"),
    "as_teacher": ("teach (teacher)", "преподавать (преподаватель)"),
    "create_account": ("Create account", "Создать аккаунт"),
    "have_account": ("Already have an account?", "Уже есть аккаунт?"),
    "no_account": ("No account yet?", "Ещё нет аккаунта?"),
    "email_invalid": ("Enter a valid email address", "Введите корректный адрес почты"),
    "password_required": ("Enter your password", "Введите пароль"),
    "password_short": ("At least 8 characters", "Не менее 8 символов"),
    "name_required": ("Enter your name", "Введите имя"),
    "role_invalid": ("Choose a role", "Выберите роль"),
}
