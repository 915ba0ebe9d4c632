"""Admin: verify teachers."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import empty_state, loading, page_title, pager
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.admin import AdminState


def pending_row(person) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.text(person.name, weight="bold"),
                rx.text(person.email, size="2", color_scheme="gray"),
                rx.text(person.created_at, size="1", color_scheme="gray"),
                spacing="0",
                flex="1",
            ),
            rx.button(
                rx.icon("badge-check", size=16),
                t("verify"),
                on_click=AdminState.verify(person.id),
                class_name="verify",
            ),
            align="center",
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="pending-teacher",
    )


@template(route=routes.ADMIN, title="admin", on_load=AdminState.load_page)
def admin_page() -> rx.Component:
    return rx.vstack(
        page_title(
            t("pending_teachers"),
            rx.link(
                rx.button(rx.icon("activity", size=16), t("ops"), variant="soft"),
                href=routes.ADMIN_OPS,
                id="open-ops",
            ),
        ),
        loading(
            AdminState.loading,
            rx.cond(
                AdminState.pending.length() > 0,
                rx.vstack(rx.foreach(AdminState.pending, pending_row), pager(AdminState), width="100%"),
                empty_state("user-check", t("no_pending")),
            ),
        ),
        width="100%",
        max_width="760px",
    )
