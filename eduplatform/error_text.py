"""Errors from the facades, worded for the user in the language they chose.

The bounded contexts speak English (their messages are the REST contract's
``detail``); the UI translates them here. Exact messages are looked up in a
table, messages with a value in them through patterns, and pydantic validation
errors by their error type. Anything unknown is shown as it is rather than
hidden: a tested table (tests/unit/test_error_text.py) keeps this complete.
"""

from __future__ import annotations

import logging
import re

from pydantic import ValidationError

from backend_services.shared.errors import DomainError

log = logging.getLogger(__name__)

GENERIC = {
    "en": "Something went wrong, please try again.",
    "ru": "Что-то пошло не так, попробуйте ещё раз.",
}

# English domain message -> Russian.
DOMAIN_RU: dict[str, str] = {
    # identity
    "Incorrect email or password": "Неверная почта или пароль",
    "Admin access required": "Нужны права администратора",
    "Email already registered": "Этот адрес почты уже зарегистрирован",
    "Teacher is already verified": "Преподаватель уже подтверждён",
    "User is not a teacher": "Пользователь не преподаватель",
    "Admin accounts cannot be self-registered": "Аккаунт администратора нельзя зарегистрировать самому",
    "User not found": "Пользователь не найден",
    "Not authenticated": "Войдите в аккаунт",
    "Invalid authentication token": "Сессия недействительна, войдите снова",
    "Token has expired": "Сессия истекла, войдите снова",
    "Service is busy, please retry": "Сервис перегружен, повторите попытку",
    "Enter a valid e-mail address": "Введите корректный адрес почты",
    "The e-mail address mixes alphabets (e.g. a Cyrillic letter among Latin ones)": (
        "В адресе почты смешаны алфавиты (например, кириллическая буква среди латинских)"
    ),
    "Invalid or expired refresh token": "Сессия истекла, войдите снова",
    "This refresh token was already used: please log in again": (
        "Сессия уже была продлена в другом месте, войдите снова"
    ),
    "Your account has changed: please log in again": "Ваш аккаунт изменился, войдите снова",
    "This link is invalid or has expired": "Ссылка недействительна или устарела",
    "Too many attempts, please try again later": "Слишком много попыток, попробуйте позже",
    # between services (five-service topology)
    "A service is temporarily unavailable, please retry": "Сервис временно недоступен, повторите попытку",
    "Service token required": "Нужен служебный токен",
    "Invalid service token": "Служебный токен недействителен",
    "Service token has expired": "Срок действия служебного токена истёк",
    "This call must act for a user": "Этот вызов должен выполняться от имени пользователя",
    "Service calls are not accepted here": "Служебные вызовы здесь не принимаются",
    "Service temporarily unavailable, please retry": "Сервис временно недоступен, повторите попытку",
    "Internal error": "Внутренняя ошибка",
    "Request body too large": "Слишком большой запрос",
    "Metrics are not available to this client": "Метрики недоступны этому клиенту",
    # course
    "Course not found": "Курс не найден",
    "Module not found": "Модуль не найден",
    "Lesson not found": "Урок не найден",
    "You do not own this course": "Это не ваш курс",
    "Log in to read this lesson": "Войдите, чтобы открыть этот урок",
    "Enroll in this course to read this lesson": "Запишитесь на курс, чтобы открыть этот урок",
    "A free course cannot have a price: send price null or is_free false": (
        "У бесплатного курса не может быть цены"
    ),
    "A paid course needs a price greater than 0": "Платному курсу нужна цена больше 0",
    "Price must have at most 2 decimal places": "В цене не больше двух знаков после запятой",
    "Only students can review courses": "Оставлять отзывы могут только студенты",
    "You must be enrolled in this course to review it": "Отзыв можно оставить только после записи на курс",
    "You have already reviewed this course": "Вы уже оставили отзыв об этом курсе",
    "Unknown category": "Такой категории нет",
    "Invalid cursor: start again from the first page": (
        "Ссылка на страницу устарела, начните с первой страницы"
    ),
    # enrollment
    "Only students can enroll": "Записываться могут только студенты",
    "Payment required for this course": "Этот курс нужно сначала оплатить",
    "This payment is not your completed payment for this course": (
        "Этот платёж не является вашей завершённой оплатой этого курса"
    ),
    "Already enrolled": "Вы уже записаны на этот курс",
    "You are not enrolled in this course": "Вы не записаны на этот курс",
    "Lesson not found in this course": "В этом курсе нет такого урока",
    "Lesson already completed": "Урок уже пройден",
    "Only the course's teacher can see its students": "Список студентов видит только преподаватель курса",
    # quizzes
    "This lesson has no quiz": "У этого урока нет теста",
    "These answers do not belong to this quiz": "Эти ответы не относятся к этому тесту",
    "No attempts left for this quiz": "Попытки пройти этот тест закончились",
    "You have already passed this quiz": "Вы уже сдали этот тест",
    "Quiz attempt not found for this lesson": "Попытка теста для этого урока не найдена",
    "This attempt has already been submitted": "Эта попытка уже отправлена",
    "Pass this lesson's quiz to complete it": "Чтобы завершить урок, сдайте его тест",
    "A single-choice question needs at least two options and exactly one correct": (
        "Вопросу с одним ответом нужны хотя бы два варианта и ровно один верный"
    ),
    "A multiple-choice question needs at least two options and at least one correct": (
        "Вопросу с несколькими ответами нужны хотя бы два варианта и хотя бы один верный"
    ),
    "A text question needs at least one accepted answer and no options": (
        "Вопросу с текстовым ответом нужен хотя бы один верный ответ и никаких вариантов"
    ),
    "Question and option ids must be unique": "Идентификаторы вопросов и вариантов должны быть уникальны",
    # certificates
    "Certificate not found": "Сертификат не найден",
    "This certificate belongs to someone else": "Это не ваш сертификат",
    # payment
    "Only students can pay for courses": "Оплачивать курсы могут только студенты",
    "This course is free": "Этот курс бесплатный",
    "Course already paid": "Курс уже оплачен",
    "Payment not found": "Платёж не найден",
    "Idempotency-Key was already used for a different payment": (
        "Этот ключ уже использован для другого платежа"
    ),
    # notification
    "Notification not found": "Уведомление не найдено",
    "This notification type is reserved for the platform": "Этот тип уведомлений отправляет только платформа",
    # schema validators (pydantic "Value error, ..." messages)
    "title must not be blank": "название не может быть пустым",
    "name must not be blank": "имя не может быть пустым",
    "video_url must be an http(s) URL": "ссылка на видео должна начинаться с http:// или https://",
    "text must not contain control characters": "текст не может содержать управляющие символы",
    "text must be valid Unicode": "текст должен быть в кодировке Unicode",
}

ACTIONS_RU: dict[str, str] = {
    "create courses": "создавать курсы",
    "edit courses": "редактировать курсы",
    "list their courses": "просматривать свои курсы",
    "manage course content": "редактировать программу курса",
}

# Messages that carry a value: (pattern, Russian template using the groups).
PATTERNS_RU: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^Only verified teachers can (?P<action>.+)$"),
        "Только проверенные преподаватели могут {action}",
    ),
    (re.compile(r"^Only teachers can (?P<action>.+)$"), "Только преподаватели могут {action}"),
    (re.compile(r"^Price must not exceed (?P<value>.+)$"), "Цена не может превышать {value}"),
    (re.compile(r"^(?P<field>\w+) must not be null$"), "поле «{field}» не может быть пустым"),
    (
        re.compile(r"^Amount must equal the course price \((?P<value>.+)\)$"),
        "Сумма должна быть равна цене курса ({value})",
    ),
)

# Validator messages that name their field in code terms, reworded for a form; shown
# without the "field: " prefix since they say which field they are about.
VALIDATOR_EN: dict[str, str] = {
    "video_url must be an http(s) URL": "The video link must start with http:// or https://",
}

FIELDS_RU: dict[str, str] = {
    "title": "Название",
    "description": "Описание",
    "content": "Содержание",
    "video_url": "Видео",
    "duration_minutes": "Длительность",
    "price": "Цена",
    "level": "Уровень",
    "comment": "Комментарий",
    "rating": "Оценка",
    "name": "Имя",
    "email": "Эл. почта",
    "password": "Пароль",
    "order": "Порядок",
    "amount": "Сумма",
}

# pydantic error type -> Russian template (formatted with the error's ctx).
VALIDATION_RU: dict[str, str] = {
    "missing": "обязательное поле",
    "string_too_short": "не короче {min_length} символов",
    "string_too_long": "не длиннее {max_length} символов",
    # Also raised for text checked after a custom validator ran.
    "too_short": "не короче {min_length} символов",
    "too_long": "не длиннее {max_length} символов",
    "greater_than": "должно быть больше {gt}",
    "greater_than_equal": "должно быть не меньше {ge}",
    "less_than": "должно быть меньше {lt}",
    "less_than_equal": "должно быть не больше {le}",
    "int_parsing": "введите целое число",
    "int_from_float": "введите целое число",
    "float_parsing": "введите число",
    "decimal_parsing": "введите число",
    "decimal_max_places": "не больше {decimal_places} знаков после запятой",
    "decimal_max_digits": "не больше {max_digits} цифр",
    "enum": "недопустимое значение",
    "literal_error": "недопустимое значение",
    "string_pattern_mismatch": "недопустимый формат",
    "value_error": "недопустимое значение",
    "url_parsing": "недопустимая ссылка",
    "url_scheme": "недопустимая ссылка",
    "uuid_parsing": "недопустимый идентификатор",
}


# pydantic's English wording where it reads badly in a form ("... items after validation").
VALIDATION_EN: dict[str, str] = {
    "string_too_short": "at least {min_length} characters",
    "string_too_long": "at most {max_length} characters",
    "too_short": "at least {min_length} characters",
    "too_long": "at most {max_length} characters",
}


def domain_text(message: str, lang: str) -> str:
    """A domain message in ``lang``; unknown messages are returned unchanged."""
    if lang != "ru":
        return message
    if message in DOMAIN_RU:
        return DOMAIN_RU[message]
    for pattern, template in PATTERNS_RU:
        match = pattern.match(message)
        if match:
            groups = {k: ACTIONS_RU.get(v, FIELDS_RU.get(v, v)) for k, v in match.groupdict().items()}
            return template.format(**groups)
    return message


def _validation_text(exc: ValidationError, lang: str) -> str:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ()))
    msg = first.get("msg", "")
    error = (first.get("ctx") or {}).get("error")
    if first.get("type") == "value_error" and str(error) in VALIDATOR_EN:
        text = VALIDATOR_EN[str(error)] if lang != "ru" else domain_text(str(error), "ru")
        return text[:1].upper() + text[1:]
    if lang == "ru":
        ctx = first.get("ctx") or {}
        if first.get("type") == "value_error" and error is not None:
            text = domain_text(str(error), "ru")
            msg = text if text != str(error) else VALIDATION_RU["value_error"]
        else:
            template = VALIDATION_RU.get(first.get("type", ""), VALIDATION_RU["value_error"])
            try:
                msg = template.format(**ctx)
            except (KeyError, IndexError):
                msg = VALIDATION_RU["value_error"]
        field = FIELDS_RU.get(field, field)
    elif first.get("type") in VALIDATION_EN:
        msg = VALIDATION_EN[first["type"]].format(**(first.get("ctx") or {}))
    elif first.get("type") == "value_error" and msg.startswith("Value error, "):
        msg = msg.removeprefix("Value error, ")
    return f"{field}: {msg}" if field else msg


def error_text(exc: Exception, lang: str = "en") -> str:
    """A message safe to show to the user for an error raised by a facade."""
    if isinstance(exc, DomainError):
        return domain_text(exc.message, lang)
    if isinstance(exc, ValidationError):
        return _validation_text(exc, lang)
    log.exception("unexpected error in a UI handler", exc_info=exc)
    return GENERIC.get(lang, GENERIC["en"])
