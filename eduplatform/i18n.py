"""English and Russian UI strings; the choice is remembered in localStorage."""

from __future__ import annotations

import reflex as rx

from eduplatform.strings import merged

STRINGS: dict[str, tuple[str, str]] = merged()

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
    "courses": (("course", "courses"), ("курс", "курса", "курсов")),
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
    "passwords_differ",
)


def t_error(message: rx.Var) -> rx.Var:
    """A validation code translated, or a server message shown as it is."""
    en = rx.Var.create({code: EN[code] for code in ERROR_CODES})
    ru = rx.Var.create({code: RU[code] for code in ERROR_CODES})
    table = rx.cond(LangState.lang == "ru", ru, en)
    return rx.cond(table.contains(message), table[message], message)
