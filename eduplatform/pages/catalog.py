"""The catalog: hero, search filters, result count, course cards, "load more"."""

from __future__ import annotations

import reflex as rx

from backend_services.course.facade import CURATED_CATEGORIES
from eduplatform import routes
from eduplatform.components.common import empty_state, loading
from eduplatform.components.course_card import course_card
from eduplatform.components.layout import template
from eduplatform.i18n import t, t_count
from eduplatform.states.catalog import ANY, CatalogState

SORTS = ("relevance", "created_at", "avg_rating", "price", "popularity")
LEVELS = ("beginner", "intermediate", "advanced")


def _select(
    name: str, value: rx.Var, options: list[tuple[str, rx.Var]], test_id: str, label: rx.Var
) -> rx.Component:
    return rx.select.root(
        # The trigger shows the chosen value; its accessible name says what is being chosen.
        rx.select.trigger(min_width="150px", id=test_id, aria_label=label),
        rx.select.content(*[rx.select.item(label, value=key) for key, label in options]),
        value=value,
        on_change=lambda chosen: CatalogState.set_filter(name, chosen),
    )


def filters() -> rx.Component:
    categories = [(category_id, t(f"category_{slug}")) for category_id, slug in CURATED_CATEGORIES]
    return rx.flex(
        _select(
            "category",
            CatalogState.category,
            [(ANY, t("any_category")), *categories],
            "filter-category",
            t("filter_category"),
        ),
        _select(
            "level",
            CatalogState.level,
            [(ANY, t("any_level"))] + [(level, t(f"level_{level}")) for level in LEVELS],
            "filter-level",
            t("filter_level"),
        ),
        _select(
            "price",
            CatalogState.price,
            [(ANY, t("any_price")), ("free", t("price_free")), ("paid", t("price_paid"))],
            "filter-price",
            t("filter_price"),
        ),
        rx.spacer(),
        rx.hstack(
            rx.text(t("sort_label"), size="2", color_scheme="gray"),
            _select(
                "sort_by",
                CatalogState.sort_by,
                [(ANY, t("sort_relevance"))] + [(key, t(f"sort_{key}")) for key in SORTS[1:]],
                "sort-by",
                t("sort_label"),
            ),
            align="center",
        ),
        spacing="3",
        wrap="wrap",
        width="100%",
        align="center",
    )


def result_line() -> rx.Component:
    return rx.hstack(
        rx.text(
            CatalogState.count_label,
            " ",
            t_count(CatalogState.total, "courses"),
            " ",
            t("results_found"),
            size="2",
            color_scheme="gray",
            id="result-count",
        ),
        rx.cond(
            CatalogState.corrected_q != "",
            rx.text(
                t("showing_results_for"),
                " ",
                rx.link(CatalogState.corrected_q, on_click=CatalogState.use_correction, id="corrected-query"),
                size="2",
            ),
        ),
        spacing="3",
        wrap="wrap",
    )


def empty() -> rx.Component:
    return rx.cond(
        CatalogState.searching,
        empty_state(
            "search-x",
            rx.vstack(
                t("no_results"), rx.text(t("no_results_hint"), size="2"), align="center", id="no-results"
            ),
            rx.button(
                t("clear_filters"), variant="soft", on_click=CatalogState.clear_filters, id="clear-filters"
            ),
        ),
        empty_state(
            "book-open",
            rx.vstack(
                t("nothing_published"),
                rx.text(t("nothing_published_hint"), size="2"),
                align="center",
                id="empty-catalog",
            ),
        ),
    )


def grid() -> rx.Component:
    return rx.cond(
        CatalogState.courses.length() > 0,
        rx.vstack(
            result_line(),
            rx.grid(
                rx.foreach(CatalogState.courses, course_card),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="4",
                width="100%",
            ),
            rx.cond(
                CatalogState.next_cursor != "",
                rx.center(
                    rx.button(
                        t("load_more"),
                        on_click=CatalogState.load_more,
                        loading=CatalogState.loading_more,
                        variant="soft",
                        size="3",
                        id="load-more",
                    ),
                    width="100%",
                    margin_top="1em",
                ),
            ),
            width="100%",
            spacing="3",
        ),
        empty(),
    )


@template(route=routes.CATALOG, title="catalog", on_load=CatalogState.load_page)
def catalog_page() -> rx.Component:
    return rx.vstack(
        rx.box(
            rx.heading(t("catalog_title"), size="8"),
            rx.text(t("catalog_subtitle"), size="4", color_scheme="gray"),
            padding_y="1em",
        ),
        filters(),
        rx.cond(
            CatalogState.error != "",
            rx.callout(CatalogState.error, color_scheme="red", icon="triangle_alert"),
        ),
        loading(CatalogState.loading, grid()),
        width="100%",
        spacing="4",
    )
