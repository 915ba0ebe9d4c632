"""The log-in page's hint with the demo accounts, in development builds with demo content."""

from __future__ import annotations

import reflex as rx

from backend_services.demo import demo_enabled
from backend_services.demo.content import DEMO_PASSWORD, DEMO_STUDENT, DEMO_TEACHER
from backend_services.shared.settings import get_settings
from eduplatform.i18n import EN, RU, LangState, t


def demo_hint() -> rx.Component:
    """Decided when the page is compiled: a production build never carries the accounts."""
    if not demo_enabled(get_settings()):
        return rx.fragment()
    intro = rx.cond(
        LangState.lang == "ru",
        RU["demo_hint"].format(password=DEMO_PASSWORD),
        EN["demo_hint"].format(password=DEMO_PASSWORD),
    )
    return rx.callout.root(
        rx.callout.icon(rx.icon("info")),
        rx.callout.text(
            intro,
            rx.el.br(),
            rx.code(DEMO_STUDENT[0]),
            " (",
            t("demo_student"),
            ")",
            rx.el.br(),
            rx.code(DEMO_TEACHER[0]),
            " (",
            t("demo_teacher"),
            ")",
        ),
        size="1",
        color_scheme="blue",
        width="100%",
        id="demo-accounts",
    )
