"""English and Russian UI strings; the choice is remembered in localStorage."""

from __future__ import annotations

import reflex as rx

STRINGS: dict[str, tuple[str, str]] = {
    # header and navigation
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
    # catalog
    "catalog_title": ("Find your next course", "Найдите свой следующий курс"),
    "catalog_subtitle": (
        "Learn at your own pace from verified teachers.",
        "Учитесь в своём темпе у проверенных преподавателей.",
    ),
    "free": ("Free", "Бесплатно"),
    "min": ("min", "мин"),
    "no_rating": ("No ratings yet", "Пока без оценок"),
    "no_courses": ("No courses found", "Курсы не найдены"),
    "no_courses_hint": ("Try another search.", "Попробуйте другой запрос."),
    "prev": ("Previous", "Назад"),
    "next": ("Next", "Далее"),
    "page": ("Page", "Страница"),
    "of": ("of", "из"),
    "level_beginner": ("Beginner", "Начальный"),
    "level_intermediate": ("Intermediate", "Средний"),
    "level_advanced": ("Advanced", "Продвинутый"),
    # course page
    "curriculum": ("Curriculum", "Программа"),
    "no_curriculum": ("The curriculum is not published yet.", "Программа пока не опубликована."),
    "enroll": ("Enroll for free", "Записаться бесплатно"),
    "buy": ("Buy course", "Купить курс"),
    "confirm_purchase": ("Confirm purchase", "Подтвердите покупку"),
    "purchase_text": ("You will be charged (mock payment):", "С вас будет списано (тестовая оплата):"),
    "pay_enroll": ("Pay and enroll", "Оплатить и записаться"),
    "cancel": ("Cancel", "Отмена"),
    "continue": ("Continue learning", "Продолжить обучение"),
    "start": ("Start course", "Начать курс"),
    "completed": ("Completed", "Завершён"),
    "course_completed": ("You have completed this course!", "Вы завершили этот курс!"),
    "progress": ("Progress", "Прогресс"),
    "login_to_enroll": ("Log in to enroll", "Войдите, чтобы записаться"),
    "students_only": ("Only students can enroll.", "Записываться могут только студенты."),
    "reviews_title": ("Reviews", "Отзывы"),
    "no_reviews": ("No reviews yet.", "Отзывов пока нет."),
    "write_review": ("Write a review", "Оставить отзыв"),
    "rating": ("Rating", "Оценка"),
    "comment": ("Comment", "Комментарий"),
    "submit_review": ("Submit review", "Отправить отзыв"),
    "rating_invalid": ("Choose a rating from 1 to 5", "Выберите оценку от 1 до 5"),
    "you_reviewed": ("Thank you for your review!", "Спасибо за отзыв!"),
    "enrolled_ok": ("You are enrolled!", "Вы записаны!"),
    "not_found": ("Not found", "Не найдено"),
    "course": ("Course", "Курс"),
    "lesson": ("Lesson", "Урок"),
    "edit_course": ("Edit course", "Редактирование курса"),
    "page_not_found": ("Page not found", "Страница не найдена"),
    "page_not_found_hint": (
        "The link may be out of date, or the page was removed.",
        "Возможно, ссылка устарела или страница удалена.",
    ),
    # lesson player
    "mark_complete": ("Mark complete", "Отметить как пройденный"),
    "lesson_done": ("Lesson completed", "Урок пройден"),
    "previous_lesson": ("Previous lesson", "Предыдущий урок"),
    "next_lesson": ("Next lesson", "Следующий урок"),
    "show_curriculum": ("Curriculum", "Программа"),
    "back_to_course": ("Back to course", "К курсу"),
    # auth
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
    # student
    "no_enrollments": ("You are not enrolled in any course yet.", "Вы пока не записаны ни на один курс."),
    "browse": ("Browse the catalog", "Перейти в каталог"),
    "mark_read": ("Mark as read", "Прочитано"),
    "mark_all_read": ("Mark all as read", "Прочитать все"),
    "no_notifications": ("No notifications yet.", "Уведомлений пока нет."),
    # teacher
    "not_verified": (
        "Your teacher account is waiting for verification by an administrator. "
        "You can create courses once it is verified.",
        "Ваш аккаунт преподавателя ждёт проверки администратором. Создавать курсы можно после проверки.",
    ),
    "new_course": ("New course", "Новый курс"),
    "no_own_courses": ("You have no courses yet.", "У вас пока нет курсов."),
    "edit": ("Edit", "Редактировать"),
    "students": ("Students", "Студенты"),
    "title": ("Title", "Название"),
    "description": ("Description", "Описание"),
    "level": ("Level", "Уровень"),
    "is_free": ("Free course", "Бесплатный курс"),
    "price": ("Price", "Цена"),
    "duration": ("Duration (minutes)", "Длительность (минут)"),
    "save": ("Save", "Сохранить"),
    "create": ("Create", "Создать"),
    "saved": ("Saved", "Сохранено"),
    "title_required": ("Enter a title", "Введите название"),
    "price_invalid": ("A paid course needs a positive price", "Платному курсу нужна положительная цена"),
    "duration_invalid": ("Enter a whole number of minutes", "Введите целое число минут"),
    "course_details": ("Course details", "О курсе"),
    "modules": ("Modules", "Модули"),
    "add_module": ("Add module", "Добавить модуль"),
    "module_title": ("Module title", "Название модуля"),
    "add_lesson": ("Add lesson", "Добавить урок"),
    "lesson_title": ("Lesson title", "Название урока"),
    "content": ("Content (markdown)", "Содержание (markdown)"),
    "preview": ("Preview", "Предпросмотр"),
    "video_url": ("Video URL (YouTube, Vimeo or .mp4)", "Видео (YouTube, Vimeo или .mp4)"),
    "rename": ("Rename", "Переименовать"),
    "delete": ("Delete", "Удалить"),
    "delete_confirm": ("Delete it? This cannot be undone.", "Удалить? Это действие необратимо."),
    "view_course": ("View as student", "Посмотреть как студент"),
    "no_students": ("No students yet.", "Студентов пока нет."),
    "enrolled_at": ("Enrolled on", "Дата записи"),
    "status": ("Status", "Статус"),
    "status_enrolled": ("Not started", "Не начат"),
    "status_in_progress": ("In progress", "В процессе"),
    "status_completed": ("Completed", "Завершён"),
    "move_up": ("Move up", "Выше"),
    "move_down": ("Move down", "Ниже"),
    "edit_lesson": ("Edit lesson", "Редактировать урок"),
    "delete_lesson": ("Delete lesson", "Удалить урок"),
    "delete_module": ("Delete module", "Удалить модуль"),
    # admin
    "pending_teachers": ("Teachers waiting for verification", "Преподаватели, ожидающие проверки"),
    "verify": ("Verify", "Подтвердить"),
    "no_pending": ("No teachers are waiting.", "Никто не ожидает проверки."),
    # messages from event handlers (toasts)
    "access_denied": ("Access denied", "Доступ запрещён"),
    "enrolled_toast": ("Enrolled", "Вы записаны на курс"),
    "payment_done": ("Payment completed", "Оплата прошла"),
    "verified_toast": ("{name} verified", "{name}: аккаунт подтверждён"),
    "module_title_required": ("Enter a module title", "Введите название модуля"),
}

EN = {key: pair[0] for key, pair in STRINGS.items()}
RU = {key: pair[1] for key, pair in STRINGS.items()}


class LangState(rx.State):
    lang: str = rx.LocalStorage("en", name="edu_lang", sync=True)

    @rx.event
    def toggle(self):
        self.lang = "en" if self.lang == "ru" else "ru"


async def lang_of(state: rx.State) -> str:
    """The language the user chose, for text built in an event handler (toasts)."""
    return (await state.get_state(LangState)).lang


def tr(key: str, lang: str, **values: str) -> str:
    """The string for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    text = (RU if lang == "ru" else EN)[key]
    return text.format(**values) if values else text


async def say(state: rx.State, key: str, **values: str) -> str:
    """The string for ``key`` in the language of the user behind ``state``."""
    return tr(key, await lang_of(state), **values)


def t(key: str) -> rx.Var:
    """The string for ``key`` in the language the user chose."""
    return rx.cond(LangState.lang == "ru", RU[key], EN[key])


# Countable nouns: English (one, other), Russian (one, few, many) -
# CLDR plural rules for ru: 1, 21, 31 ... one; 2-4, 22-24 ... few; the rest many.
PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str, str]]] = {
    "lessons": (("lesson", "lessons"), ("урок", "урока", "уроков")),
    "reviews": (("review", "reviews"), ("отзыв", "отзыва", "отзывов")),
}


def t_count(count: rx.Var, key: str) -> rx.Var:
    """``key``'s noun in the form that agrees with ``count`` in the chosen language."""
    (en_one, en_other), (ru_one, ru_few, ru_many) = PLURALS[key]
    n = count.to(int)
    last, last_two = n % 10, n % 100
    ru = rx.cond(
        (last == 1) & (last_two != 11),
        ru_one,
        rx.cond((last >= 2) & (last <= 4) & ((last_two < 12) | (last_two > 14)), ru_few, ru_many),
    )
    return rx.cond(LangState.lang == "ru", ru, rx.cond(n == 1, en_one, en_other))


ERROR_CODES = (
    "email_invalid",
    "password_required",
    "password_short",
    "name_required",
    "role_invalid",
    "title_required",
    "price_invalid",
    "duration_invalid",
    "rating_invalid",
)


def t_error(message: rx.Var) -> rx.Var:
    """A validation code translated, or a server message shown as it is."""
    en = rx.Var.create({code: EN[code] for code in ERROR_CODES})
    ru = rx.Var.create({code: RU[code] for code in ERROR_CODES})
    table = rx.cond(LangState.lang == "ru", ru, en)
    return rx.cond(table.contains(message), table[message], message)
