"""The course details form (create and edit)."""

from __future__ import annotations

import reflex as rx

from eduplatform.components.common import form_alert, form_field
from eduplatform.i18n import t
from eduplatform.states.teacher import CourseFormState

LEVELS = ("beginner", "intermediate", "advanced")
F = CourseFormState


def course_form(submit_label) -> rx.Component:
    return rx.vstack(
        form_alert(F.errors),
        form_field(
            t("title"),
            rx.input(
                value=F.title,
                on_change=lambda v: F.set_field("title", v),
                id="course-title-input",
                width="100%",
            ),
            F.errors,
            "title",
        ),
        form_field(
            t("description"),
            rx.text_area(
                value=F.description,
                rows="4",
                width="100%",
                id="course-description",
                on_change=lambda v: F.set_field("description", v),
            ),
        ),
        rx.flex(
            form_field(
                t("level"),
                rx.select.root(
                    rx.select.trigger(id="course-level"),
                    rx.select.content(
                        *[rx.select.item(t(f"level_{level}"), value=level) for level in LEVELS],
                    ),
                    value=F.level,
                    on_change=lambda v: F.set_field("level", v),
                ),
                label_for="course-level",
            ),
            form_field(
                t("duration"),
                rx.input(
                    value=F.duration,
                    on_change=lambda v: F.set_field("duration", v),
                    type="number",
                    id="course-duration",
                    width="100%",
                ),
                F.errors,
                "duration",
            ),
            spacing="3",
            direction=rx.breakpoints(initial="column", sm="row"),
            width="100%",
        ),
        rx.hstack(
            rx.checkbox(t("is_free"), checked=F.is_free, on_change=F.set_is_free, id="course-free"),
            align="center",
        ),
        rx.cond(
            ~F.is_free,
            form_field(
                t("price"),
                rx.input(
                    value=F.price,
                    placeholder="49.99",
                    id="course-price",
                    on_change=lambda v: F.set_field("price", v),
                ),
                F.errors,
                "price",
            ),
        ),
        rx.button(submit_label, on_click=F.save, loading=F.saving, id="save-course"),
        spacing="3",
        width="100%",
    )
