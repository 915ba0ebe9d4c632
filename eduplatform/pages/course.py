"""The course page: details, curriculum, enrollment or purchase, reviews."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import (
    empty_state,
    field_error,
    form_alert,
    level_badge,
    loading,
    pager,
    progress_bar,
    stars,
)
from eduplatform.components.course_card import price_tag, rating_line
from eduplatform.components.curriculum import curriculum_outline
from eduplatform.components.layout import template
from eduplatform.components.tracked_video import resume_link
from eduplatform.i18n import t, t_count
from eduplatform.states.auth import AuthState
from eduplatform.states.course import CourseState, ReviewsState

S = CourseState
C = CourseState.course


def purchase_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(t("buy"), f" · ${C.price}", size="3", width="100%", id="buy", on_click=S.open_purchase),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("confirm_purchase")),
            rx.alert_dialog.description(t("purchase_text"), f" ${C.price} — ", C.title),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("cancel"), variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button(t("pay_enroll"), on_click=S.buy, id="confirm-buy")),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
    )


def enroll_panel() -> rx.Component:
    enrolled = rx.vstack(
        rx.cond(
            S.status == "completed",
            rx.callout(
                t("course_completed"),
                icon="trophy",
                color_scheme="green",
                id="course-completed",
                width="100%",
            ),
            rx.text(t("progress"), weight="medium"),
        ),
        progress_bar(S.percentage),
        rx.cond(
            S.continue_lesson_id != "",
            rx.link(
                rx.button(
                    rx.cond(
                        S.status == "completed",
                        t("revisit"),
                        rx.cond(S.percentage > 0, t("continue"), t("start")),
                    ),
                    size="3",
                    variant=rx.cond(S.status == "completed", "soft", "solid"),
                    width="100%",
                    id="continue",
                ),
                href=routes.lesson(C.id, S.continue_lesson_id),
                width="100%",
            ),
        ),
        resume_link(C.id),
        width="100%",
    )
    not_enrolled = rx.cond(
        AuthState.role == "student",
        rx.cond(
            C.is_free,
            rx.button(t("enroll"), size="3", width="100%", on_click=S.enroll, loading=S.working, id="enroll"),
            purchase_dialog(),
        ),
        rx.cond(
            AuthState.signed_in,
            rx.text(t("students_only"), color_scheme="gray", size="2"),
            rx.button(
                t("login_to_enroll"), size="3", width="100%", on_click=S.go_login, id="login-to-enroll"
            ),
        ),
    )
    return rx.card(
        rx.vstack(
            rx.hstack(price_tag(C), rx.spacer(), level_badge(C.level), width="100%"),
            rx.hstack(
                rx.icon("clock", size=16),
                rx.text(
                    f"{C.duration_minutes} ",
                    t("min"),
                    " · ",
                    f"{S.total_lessons} ",
                    t_count(S.total_lessons, "lessons"),
                    size="2",
                ),
                align="center",
            ),
            rating_line(C),
            rx.cond(S.enrolled, enrolled, not_enrolled),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="enroll-panel",
    )


def review_form() -> rx.Component:
    return rx.cond(
        S.enrolled & ~S.has_reviewed,
        rx.card(
            rx.form(
                rx.vstack(
                    rx.heading(t("write_review"), size="4"),
                    form_alert(S.review_errors),
                    rx.el.label(rx.text(t("rating"), as_="span", size="2"), html_for="review-rating"),
                    rx.select(
                        ["5", "4", "3", "2", "1"], name="rating", default_value="5", id="review-rating"
                    ),
                    field_error(S.review_errors, "rating"),
                    rx.text_area(
                        name="comment", placeholder=t("comment"), id="review-comment", width="100%", rows="3"
                    ),
                    rx.button(t("submit_review"), type="submit", id="submit-review"),
                    spacing="2",
                    width="100%",
                ),
                on_submit=S.submit_review,
                reset_on_submit=True,
            ),
            width="100%",
        ),
        rx.cond(S.has_reviewed, rx.text(t("you_reviewed"), color_scheme="green", id="reviewed")),
    )


def review_item(review) -> rx.Component:
    return rx.box(
        rx.hstack(
            stars(review.rating),
            rx.text(review.author, weight="bold", size="2"),
            rx.spacer(),
            rx.text(review.created_at, size="1", color_scheme="gray"),
            width="100%",
            align="center",
        ),
        rx.text(review.comment, size="2", margin_top="0.3em"),
        padding_y="0.7em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        width="100%",
        class_name="review",
    )


def reviews() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("reviews_title"), size="5"), rating_line(C), align="center", spacing="4", wrap="wrap"
        ),
        review_form(),
        rx.cond(
            ReviewsState.reviews.length() > 0,
            rx.vstack(
                rx.foreach(ReviewsState.reviews, review_item),
                pager(ReviewsState, "reviews-"),
                spacing="0",
                width="100%",
                id="reviews",
            ),
            rx.text(t("no_reviews"), color_scheme="gray"),
        ),
        width="100%",
        spacing="3",
    )


def details() -> rx.Component:
    main = rx.vstack(
        rx.heading(t("curriculum"), size="5"),
        rx.cond(
            S.modules.length() > 0,
            rx.card(curriculum_outline(C.id, S.modules, S.completed_ids), width="100%", id="curriculum"),
            empty_state("list", t("no_curriculum")),
        ),
        reviews(),
        flex="2",
        spacing="3",
        min_width="0",
        width="100%",
    )
    panel = rx.box(
        enroll_panel(),
        flex="1",
        min_width="260px",
        width="100%",
        position=["static", "static", "sticky"],
        top="80px",
    )
    return rx.vstack(
        rx.heading(C.title, size="8", id="course-title"),
        rx.text(C.description, size="3", white_space="pre-wrap"),
        rx.flex(
            main,
            panel,
            direction=rx.breakpoints(initial="column-reverse", md="row"),
            spacing="5",
            align="start",
            width="100%",
            margin_top="1em",
        ),
        width="100%",
    )


@template(
    route=routes.COURSE,
    title="course",
    on_load=CourseState.load_page,
    live_title=C.title,
)
def course_page() -> rx.Component:
    return loading(
        S.loading,
        rx.cond(S.not_found, empty_state("circle-alert", t("not_found")), details()),
    )
