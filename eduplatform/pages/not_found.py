"""The page for an unknown address, in the user's language."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import empty_state
from eduplatform.components.layout import template
from eduplatform.i18n import t


@template(route="404", title="page_not_found")
def not_found_page() -> rx.Component:
    return rx.box(
        empty_state(
            "map-pin-off",
            t("page_not_found"),
            rx.link(rx.button(t("browse")), href=routes.CATALOG),
            hint=t("page_not_found_hint"),
        ),
        id="not-found",
    )
