"""The teacher's quiz editor page for one lesson."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import loading, page_title
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.quiz_editor import QuizEditorState as Editor

EXAMPLE = "? 2 + 2 =\n- 3\n+ 4\n\n?? Even numbers\n+ 2\n- 3\n+ 4\n\n? Capital of France\n= Paris"


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t("quiz_markup_help"), size="2", color_scheme="gray"),
            rx.text_area(
                name="markup",
                default_value=Editor.markup,
                placeholder=EXAMPLE,
                rows="16",
                width="100%",
                id="quiz-markup",
                font_family="monospace",
            ),
            rx.hstack(
                rx.vstack(
                    rx.text(t("quiz_pass_mark"), " (%)", size="2"),
                    rx.input(
                        name="pass_mark", default_value=Editor.pass_mark, id="quiz-pass-mark", type="number"
                    ),
                ),
                rx.vstack(
                    rx.text(t("quiz_max_attempts"), size="2"),
                    rx.input(
                        name="max_attempts",
                        default_value=Editor.max_attempts,
                        id="quiz-max-attempts",
                        type="number",
                    ),
                ),
                spacing="4",
                wrap="wrap",
            ),
            rx.cond(Editor.error != "", rx.callout(Editor.error, color_scheme="red", id="quiz-error")),
            rx.hstack(
                rx.button(t("save"), type="submit", id="save-quiz"),
                rx.cond(
                    Editor.exists,
                    rx.button(
                        t("quiz_delete"),
                        type="button",
                        color_scheme="red",
                        variant="soft",
                        on_click=Editor.delete,
                    ),
                ),
                rx.link(
                    rx.button(t("cancel"), type="button", variant="outline"),
                    href=routes.edit_course(Editor.course_ref),
                ),
            ),
            width="100%",
        ),
        on_submit=Editor.save,
        reset_on_submit=False,
        width="100%",
        key=Editor.markup,
    )


@template(route=routes.TEACHER_QUIZ, title="quiz_editor_title", on_load=Editor.load_page)
def quiz_editor_page() -> rx.Component:
    return rx.vstack(
        page_title(rx.text(t("quiz_editor_title"), ": ", Editor.lesson_title)),
        loading(Editor.loading, rx.card(_form(), width="100%")),
        width="100%",
        max_width="820px",
    )
