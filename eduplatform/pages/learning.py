"""Student pages: My learning and notifications."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.certificate import certificate_actions
from eduplatform.components.common import empty_state, loading, page_title, pager, progress_bar, status_badge
from eduplatform.components.layout import template
from eduplatform.i18n import t, t_count
from eduplatform.states.learning import LearningState, NotificationsState


def enrollment_card(e) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.link(
                    rx.heading(e.title, size="4", class_name="enrollment-title"),
                    href=routes.course(e.course_id),
                ),
                rx.spacer(),
                rx.cond(
                    e.status == "completed",
                    rx.badge(rx.icon("trophy", size=12), t("completed"), color_scheme="green"),
                    status_badge(e.status),
                ),
                width="100%",
                align="center",
            ),
            progress_bar(e.percentage),
            rx.text(
                f"{e.completed_lessons} / {e.total_lessons} ",
                t_count(e.total_lessons, "lessons"),
                size="1",
                color_scheme="gray",
            ),
            certificate_actions(LearningState.certificates, e.course_id),
            width="100%",
        ),
        width="100%",
        class_name="enrollment",
    )


@template(route=routes.MY_LEARNING, title="my_learning", on_load=LearningState.load_page)
def my_learning_page() -> rx.Component:
    return rx.vstack(
        page_title(t("my_learning")),
        loading(
            LearningState.loading,
            rx.cond(
                LearningState.error != "",
                rx.callout(LearningState.error, color_scheme="red", icon="triangle_alert"),
                rx.cond(
                    LearningState.enrollments.length() > 0,
                    rx.vstack(
                        rx.grid(
                            rx.foreach(LearningState.enrollments, enrollment_card),
                            columns=rx.breakpoints(initial="1", md="2"),
                            spacing="4",
                            width="100%",
                        ),
                        pager(LearningState),
                        width="100%",
                    ),
                    empty_state(
                        "book-open",
                        t("no_enrollments"),
                        rx.link(rx.button(t("browse")), href=routes.CATALOG),
                    ),
                ),
            ),
        ),
        width="100%",
    )


def notification_row(n) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    rx.cond(
                        ~n.is_read,
                        rx.box(
                            width="8px", height="8px", border_radius="50%", background=rx.color("indigo", 9)
                        ),
                    ),
                    rx.text(n.title, weight=rx.cond(n.is_read, "regular", "bold")),
                    align="center",
                ),
                rx.text(n.body, size="2", color_scheme="gray"),
                rx.text(n.created_at, size="1", color_scheme="gray"),
                spacing="1",
                flex="1",
            ),
            rx.cond(
                ~n.is_read,
                rx.button(
                    t("mark_read"),
                    size="1",
                    variant="soft",
                    on_click=NotificationsState.mark_read(n.id),
                    class_name="mark-read",
                ),
            ),
            spacing="3",
            align="center",
            width="100%",
        ),
        width="100%",
        class_name=rx.cond(n.is_read, "notification read", "notification unread"),
    )


@template(route=routes.NOTIFICATIONS, title="notifications", on_load=NotificationsState.load_page)
def notifications_page() -> rx.Component:
    return rx.vstack(
        page_title(
            t("notifications"),
            rx.button(
                t("mark_all_read"),
                variant="soft",
                id="mark-all-read",
                disabled=NotificationsState.unread_total == 0,
                on_click=NotificationsState.mark_all_read,
            ),
        ),
        loading(
            NotificationsState.loading,
            rx.cond(
                NotificationsState.items.length() > 0,
                rx.vstack(
                    rx.foreach(NotificationsState.items, notification_row),
                    pager(NotificationsState),
                    width="100%",
                ),
                empty_state("bell-off", t("no_notifications")),
            ),
        ),
        width="100%",
        max_width="760px",
    )
