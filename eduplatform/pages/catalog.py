"""The catalog: hero, searchable grid of course cards, pagination."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import empty_state, loading, pager
from eduplatform.components.course_card import course_card
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.catalog import CatalogState


def grid() -> rx.Component:
    return rx.cond(
        CatalogState.courses.length() > 0,
        rx.grid(
            rx.foreach(CatalogState.courses, course_card),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="4",
            width="100%",
        ),
        empty_state(
            "search-x",
            rx.vstack(
                t("no_courses"), rx.text(t("no_courses_hint"), size="2"), align="center", id="empty-catalog"
            ),
        ),
    )


@template(route=routes.CATALOG, title="catalog", on_load=CatalogState.load_page)
def catalog_page() -> rx.Component:
    return rx.vstack(
        rx.box(
            rx.heading(t("catalog_title"), size="8"),
            rx.text(t("catalog_subtitle"), size="4", color_scheme="gray"),
            padding_y="1em",
        ),
        rx.cond(
            CatalogState.error != "",
            rx.callout(CatalogState.error, color_scheme="red", icon="triangle_alert"),
        ),
        loading(CatalogState.loading, grid()),
        pager(CatalogState),
        width="100%",
        spacing="4",
    )
