"""Read-only curriculum outline (course page and lesson sidebar)."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.i18n import t


def lesson_row(course_id, lesson, completed_ids: rx.Var, current_id: rx.Var | str = ""):
    done = completed_ids.contains(lesson.id)
    return rx.link(
        rx.hstack(
            rx.cond(
                done,
                rx.icon("circle-check", size=16, color=rx.color("green", 9), class_name="done-mark"),
                rx.icon(
                    rx.cond(lesson.video_url != "", "circle-play", "file-text"),
                    size=16,
                    color=rx.color("gray", 9),
                ),
            ),
            rx.text(lesson.title, size="2", flex="1"),
            rx.cond(
                lesson.is_preview,
                rx.badge(t("lesson_preview"), color_scheme="amber", size="1", class_name="preview-badge"),
            ),
            rx.text(
                f"{lesson.duration_minutes} ", t("min"), size="1", color_scheme="gray", white_space="nowrap"
            ),
            width="100%",
            align="center",
            padding="0.4em 0.6em",
            border_radius="8px",
            background=rx.cond(lesson.id == current_id, rx.color("indigo", 4), "transparent"),
            _hover={"background": rx.color("gray", 4)},
        ),
        href=routes.lesson(course_id, lesson.id),
        underline="none",
        color="inherit",
        width="100%",
        class_name="curriculum-lesson",
    )


def curriculum_outline(
    course_id, modules: rx.Var, completed_ids: rx.Var, current_id: rx.Var | str = ""
) -> rx.Component:
    return rx.vstack(
        rx.foreach(
            modules,
            lambda module, i: rx.box(
                rx.text(f"{i + 1}. ", module.title, weight="bold", size="3", class_name="curriculum-module"),
                rx.vstack(
                    rx.foreach(
                        module.lessons,
                        lambda lesson: lesson_row(course_id, lesson, completed_ids, current_id),
                    ),
                    spacing="0",
                    width="100%",
                    margin_top="0.3em",
                ),
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
