"""Teacher pages: My courses, new course, edit course, students."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import (
    empty_state,
    level_badge,
    loading,
    page_title,
    pager,
    progress_bar,
    status_badge,
)
from eduplatform.components.course_card import price_tag
from eduplatform.components.course_form import course_form
from eduplatform.components.curriculum_editor import curriculum_editor
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.auth import AuthState
from eduplatform.states.curriculum import CurriculumState
from eduplatform.states.teacher import CourseFormState, StudentsState, TeacherCoursesState


def verification_banner() -> rx.Component:
    return rx.cond(
        (AuthState.role == "teacher") & ~AuthState.is_verified,
        rx.callout(
            t("not_verified"),
            icon="hourglass",
            color_scheme="amber",
            high_contrast=True,
            width="100%",
            id="unverified-banner",
        ),
    )


def own_course_row(c) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    rx.heading(c.title, size="4"),
                    level_badge(c.level),
                    price_tag(c),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(c.summary, size="2", color_scheme="gray"),
                flex="1",
            ),
            rx.hstack(
                rx.link(
                    rx.button(rx.icon("pencil", size=14), t("edit"), variant="soft"),
                    href=routes.edit_course(c.id),
                ),
                rx.link(
                    rx.button(rx.icon("users", size=14), t("students"), variant="soft"),
                    href=routes.course_students(c.id),
                ),
                rx.link(
                    rx.button(rx.icon("chart-column", size=14), t("analytics"), variant="soft"),
                    href=routes.course_analytics(c.id),
                    class_name="course-analytics",
                ),
            ),
            spacing="3",
            align="center",
            direction=rx.breakpoints(initial="column", sm="row"),
            width="100%",
        ),
        width="100%",
        class_name="own-course",
    )


@template(route=routes.TEACHER_COURSES, title="my_courses", on_load=TeacherCoursesState.load_page)
def my_courses_page() -> rx.Component:
    new_button = rx.cond(
        AuthState.is_verified,
        rx.link(
            rx.button(rx.icon("plus", size=16), t("new_course"), id="new-course"),
            href=routes.TEACHER_NEW_COURSE,
        ),
    )
    return rx.vstack(
        page_title(t("my_courses"), new_button),
        verification_banner(),
        loading(
            TeacherCoursesState.loading,
            rx.cond(
                TeacherCoursesState.courses.length() > 0,
                rx.vstack(
                    rx.foreach(TeacherCoursesState.courses, own_course_row),
                    pager(TeacherCoursesState),
                    width="100%",
                ),
                empty_state("book-plus", t("no_own_courses")),
            ),
        ),
        width="100%",
    )


@template(route=routes.TEACHER_NEW_COURSE, title="new_course", on_load=CourseFormState.load_new)
def new_course_page() -> rx.Component:
    return rx.vstack(
        page_title(t("new_course")),
        verification_banner(),
        rx.card(course_form(t("create")), width="100%", max_width="720px"),
        width="100%",
    )


@template(route=routes.TEACHER_EDIT_COURSE, title="edit_course", on_load=CurriculumState.load_page)
def edit_course_page() -> rx.Component:
    return loading(
        CurriculumState.loading,
        rx.cond(
            CurriculumState.not_found,
            empty_state("circle-alert", t("not_found")),
            rx.vstack(
                page_title(
                    CourseFormState.title,
                    rx.link(
                        rx.button(t("view_course"), variant="outline"),
                        href=routes.course(CurriculumState.course_ref),
                    ),
                ),
                verification_banner(),
                rx.flex(
                    rx.card(
                        rx.heading(t("course_details"), size="4", margin_bottom="0.5em"),
                        course_form(t("save")),
                        flex="1",
                        min_width="0",
                        width="100%",
                    ),
                    rx.card(curriculum_editor(), flex="1.4", min_width="0", width="100%"),
                    direction=rx.breakpoints(initial="column", lg="row"),
                    spacing="4",
                    align="start",
                    width="100%",
                ),
                width="100%",
            ),
        ),
    )


def student_row(s) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.text(s.name, weight="bold"), rx.text(s.email, size="1", color_scheme="gray"), spacing="0"
            )
        ),
        rx.table.cell(status_badge(s.status), class_name="hide-mobile"),
        rx.table.cell(s.enrolled_at, class_name="hide-mobile"),
        rx.table.cell(progress_bar(s.percentage), min_width="120px"),
        class_name="student-row",
    )


@template(route=routes.TEACHER_STUDENTS, title="students", on_load=StudentsState.load_page)
def students_page() -> rx.Component:
    return rx.vstack(
        page_title(rx.fragment(t("students"), ": ", StudentsState.course_title)),
        loading(
            StudentsState.loading,
            rx.cond(
                StudentsState.error != "",
                rx.callout(StudentsState.error, color_scheme="red", icon="triangle_alert"),
                rx.cond(
                    StudentsState.students.length() > 0,
                    rx.vstack(
                        rx.table.root(
                            rx.table.header(
                                rx.table.row(
                                    rx.table.column_header_cell(t("name")),
                                    # Narrow screens keep name and progress: a table wider than the
                                    # screen would scroll in a region the keyboard cannot reach.
                                    rx.table.column_header_cell(t("status"), class_name="hide-mobile"),
                                    rx.table.column_header_cell(t("enrolled_at"), class_name="hide-mobile"),
                                    rx.table.column_header_cell(t("progress")),
                                )
                            ),
                            rx.table.body(rx.foreach(StudentsState.students, student_row)),
                            width="100%",
                            variant="surface",
                        ),
                        pager(StudentsState),
                        width="100%",
                    ),
                    empty_state("users", t("no_students")),
                ),
            ),
        ),
        width="100%",
    )
