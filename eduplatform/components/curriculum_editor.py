"""The teacher's curriculum editor: modules, lessons, inline lesson form, reordering."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import empty_state
from eduplatform.components.markdown import safe_markdown
from eduplatform.i18n import t, t_error
from eduplatform.states.curriculum import CurriculumState

S = CurriculumState


def _icon_button(icon: str, on_click, label: rx.Var, **props) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=14),
        on_click=on_click,
        size="1",
        variant="ghost",
        aria_label=label,
        title=label,
        **props,
    )


def confirm_delete(on_confirm, label: rx.Var, kind: str) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.icon_button(
                rx.icon("trash-2", size=14),
                size="1",
                variant="ghost",
                color_scheme="red",
                aria_label=label,
                title=label,
                class_name=f"delete-button delete-{kind}",
            ),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("delete")),
            rx.alert_dialog.description(t("delete_confirm")),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button(t("cancel"), variant="soft", color_scheme="gray", class_name="cancel-delete")
                ),
                rx.alert_dialog.action(
                    rx.button(
                        t("delete"), color_scheme="red", on_click=on_confirm, class_name="confirm-delete"
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
    )


def lesson_editor() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.input(
                value=S.l_title,
                placeholder=t("lesson_title"),
                width="100%",
                on_change=lambda v: S.set_field("l_title", v),
                id="lesson-title-input",
            ),
            rx.tabs.root(
                rx.tabs.list(
                    rx.tabs.trigger(t("content"), value="write"),
                    rx.tabs.trigger(t("preview"), value="preview", id="preview-tab"),
                ),
                rx.tabs.content(
                    rx.text_area(
                        value=S.l_content,
                        rows="8",
                        width="100%",
                        on_change=lambda v: S.set_field("l_content", v),
                        id="lesson-content-input",
                        font_family="monospace",
                    ),
                    value="write",
                    padding_top="0.5em",
                ),
                rx.tabs.content(
                    rx.box(safe_markdown(S.l_content), id="lesson-preview"),
                    value="preview",
                    padding_top="0.5em",
                ),
                default_value="write",
                width="100%",
            ),
            rx.input(
                value=S.l_video,
                placeholder=t("video_url"),
                width="100%",
                on_change=lambda v: S.set_field("l_video", v),
                id="lesson-video-input",
            ),
            rx.hstack(
                rx.text(t("duration"), size="2"),
                rx.input(
                    value=S.l_duration,
                    type="number",
                    width="90px",
                    on_change=lambda v: S.set_field("l_duration", v),
                    id="lesson-duration-input",
                ),
                align="center",
            ),
            rx.text(
                rx.flex(
                    rx.checkbox(checked=S.l_preview, on_change=S.set_preview, id="lesson-preview-input"),
                    t("lesson_preview_hint"),
                    spacing="2",
                    align="center",
                ),
                as_="label",
                size="2",
            ),
            rx.cond(S.lesson_error != "", rx.text(t_error(S.lesson_error), color_scheme="red", size="1")),
            rx.hstack(
                rx.button(t("save"), on_click=S.save_lesson, id="save-lesson"),
                rx.button(
                    t("cancel"),
                    variant="soft",
                    color_scheme="gray",
                    on_click=S.cancel_lesson,
                    id="cancel-lesson",
                ),
            ),
            width="100%",
        ),
        width="100%",
        variant="surface",
        class_name="lesson-editor",
    )


def lesson_item(module, lesson) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.icon(rx.cond(lesson.video_url != "", "circle-play", "file-text"), size=14),
            rx.text(lesson.title, size="2", flex="1", class_name="editor-lesson-title"),
            rx.cond(lesson.is_preview, rx.badge(t("lesson_preview"), color_scheme="amber", size="1")),
            _icon_button("arrow-up", S.move_lesson(module.id, lesson.id, -1), t("move_up")),
            _icon_button("arrow-down", S.move_lesson(module.id, lesson.id, 1), t("move_down")),
            _icon_button("pencil", S.edit_lesson(lesson.id), t("edit_lesson"), class_name="edit-lesson"),
            rx.link(
                _icon_button("list-checks", None, t("edit_quiz")),
                href=routes.quiz_editor(S.course_ref, lesson.id),
                class_name="edit-quiz",
            ),
            confirm_delete(S.delete_lesson(lesson.id), t("delete_lesson"), "lesson"),
            width="100%",
            align="center",
            padding_left="0.5em",
        ),
        rx.cond(S.editing == lesson.id, lesson_editor()),
        width="100%",
        spacing="1",
        class_name="editor-lesson",
    )


def module_header(module) -> rx.Component:
    return rx.cond(
        S.renaming_id == module.id,
        rx.hstack(
            rx.input(
                value=S.rename_value,
                on_change=lambda v: S.set_field("rename_value", v),
                width="100%",
                id="rename-input",
            ),
            rx.button(t("save"), size="1", on_click=S.save_rename, id="save-rename"),
            width="100%",
        ),
        rx.hstack(
            rx.text(module.title, weight="bold", flex="1", class_name="editor-module-title"),
            _icon_button("arrow-up", S.move_module(module.id, -1), t("move_up"), class_name="module-up"),
            _icon_button("arrow-down", S.move_module(module.id, 1), t("move_down"), class_name="module-down"),
            _icon_button(
                "pencil", S.start_rename(module.id, module.title), t("rename"), class_name="rename-module"
            ),
            confirm_delete(S.delete_module(module.id), t("delete_module"), "module"),
            width="100%",
            align="center",
        ),
    )


def module_block(module) -> rx.Component:
    return rx.box(
        module_header(module),
        rx.vstack(
            rx.foreach(module.lessons, lambda lesson: lesson_item(module, lesson)),
            width="100%",
            spacing="1",
            margin_top="0.4em",
        ),
        rx.cond(
            S.editing == "new:" + module.id,
            lesson_editor(),
            rx.button(
                rx.icon("plus", size=14),
                t("add_lesson"),
                size="1",
                variant="soft",
                on_click=S.new_lesson(module.id),
                margin_top="0.5em",
                class_name="add-lesson",
            ),
        ),
        padding="0.75em",
        border=f"1px solid {rx.color('gray', 5)}",
        border_radius="10px",
        width="100%",
        class_name="editor-module",
    )


def curriculum_editor() -> rx.Component:
    return rx.vstack(
        rx.heading(t("modules"), size="4"),
        rx.cond(
            S.modules.length() > 0,
            rx.vstack(rx.foreach(S.modules, module_block), width="100%", spacing="3"),
            empty_state("list", t("no_curriculum")),
        ),
        rx.hstack(
            rx.input(
                value=S.new_module_title,
                placeholder=t("module_title"),
                flex="1",
                on_change=lambda v: S.set_field("new_module_title", v),
                id="new-module-title",
            ),
            rx.button(rx.icon("plus", size=14), t("add_module"), on_click=S.add_module, id="add-module"),
            width="100%",
        ),
        width="100%",
        spacing="3",
    )
