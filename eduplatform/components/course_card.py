"""A course in the catalog grid."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import level_badge
from eduplatform.i18n import t, t_count


def price_tag(course) -> rx.Component:
    return rx.cond(
        course.is_free,
        rx.badge(t("free"), color_scheme="green", size="2", variant="solid"),
        rx.badge(f"${course.price}", color_scheme="indigo", size="2", variant="solid"),
    )


def rating_line(course) -> rx.Component:
    return rx.cond(
        course.avg_rating != "",
        rx.hstack(
            rx.icon("star", size=14, color=rx.color("amber", 9), fill=rx.color("amber", 9)),
            rx.text(course.avg_rating, weight="bold", size="2"),
            rx.text(f"({course.review_count} ", size="2", color_scheme="gray"),
            rx.text(t_count(course.review_count, "reviews"), ")", size="2", color_scheme="gray"),
            spacing="1",
            align="center",
        ),
        rx.text(t("no_rating"), size="2", color_scheme="gray"),
    )


def _title_piece(piece) -> rx.Component:
    """A word the search matched is highlighted; the rest of the title is plain text."""
    return rx.cond(
        piece.hit,
        rx.el.mark(piece.text, class_name="search-hit", background=rx.color("amber", 4), color="inherit"),
        rx.text.span(piece.text),
    )


def course_card(course) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.hstack(level_badge(course.level), rx.spacer(), price_tag(course), width="100%"),
                rx.heading(
                    rx.cond(
                        course.title_pieces.length() > 0,
                        rx.foreach(course.title_pieces, _title_piece),
                        course.title,
                    ),
                    size="4",
                    class_name="course-title",
                ),
                rx.text(course.summary, size="2", color_scheme="gray", flex="1"),
                rx.hstack(
                    rating_line(course),
                    rx.spacer(),
                    rx.hstack(
                        rx.icon("clock", size=14),
                        rx.text(f"{course.duration_minutes} ", t("min"), size="2"),
                        spacing="1",
                        align="center",
                        color=rx.color("gray", 11),
                    ),
                    width="100%",
                    align="center",
                ),
                spacing="3",
                height="100%",
            ),
            height="100%",
            class_name="course-card",
            _hover={"box_shadow": "0 4px 18px rgba(0,0,0,.08)"},
        ),
        href=routes.course(course.id),
        underline="none",
        color="inherit",
    )
