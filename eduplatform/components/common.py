"""Small shared pieces: loading and empty states, rating stars, badges, form fields."""

from __future__ import annotations

import reflex as rx

from eduplatform.i18n import t, t_error


def loading(when: rx.Var, content: rx.Component) -> rx.Component:
    """Show a spinner while ``when`` is true, then the content."""
    return rx.cond(
        when,
        rx.center(rx.hstack(rx.spinner(), rx.text(t("loading"))), padding="3em", width="100%"),
        content,
    )


def empty_state(
    icon: str,
    message: rx.Var | str | rx.Component,
    action: rx.Component | None = None,
    *,
    hint: rx.Var | str | None = None,
):
    """An icon, a message (text, or a component laid out in a <div>, never inside a <p>),
    an optional smaller hint and an optional action."""
    body = (
        rx.box(message, color=rx.color("gray", 11), text_align="center")
        if isinstance(message, rx.Component)
        else rx.text(message, color_scheme="gray", size="3", text_align="center")
    )
    return rx.center(
        rx.vstack(
            rx.icon(icon, size=40, color=rx.color("gray", 8), aria_hidden="true"),
            body,
            rx.text(hint, color_scheme="gray", size="2", text_align="center")
            if hint is not None
            else rx.fragment(),
            action if action is not None else rx.fragment(),
            align="center",
            spacing="3",
        ),
        padding="3em",
        width="100%",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="12px",
        class_name="empty-state",
    )


def stars(rating: rx.Var) -> rx.Component:
    """Five stars, filled up to ``rating`` (an int var)."""
    return rx.hstack(
        *[
            rx.icon(
                "star",
                size=16,
                color=rx.cond(rating >= i, rx.color("amber", 9), rx.color("gray", 6)),
                fill=rx.cond(rating >= i, rx.color("amber", 9), "none"),
            )
            for i in range(1, 6)
        ],
        spacing="0",
    )


def level_badge(level: rx.Var) -> rx.Component:
    return rx.match(
        level,
        ("beginner", rx.badge(t("level_beginner"), color_scheme="green")),
        ("intermediate", rx.badge(t("level_intermediate"), color_scheme="blue")),
        ("advanced", rx.badge(t("level_advanced"), color_scheme="purple")),
        rx.badge(level),
    )


def field_error(errors: rx.Var, name: str) -> rx.Component:
    return rx.cond(
        errors.contains(name),
        rx.text(t_error(errors[name]), color_scheme="red", size="1", class_name=f"error-{name}"),
    )


def form_field(
    label, control: rx.Component, errors: rx.Var | None = None, name: str = "", label_for: str = ""
):
    """A labelled form control with its validation message below it.

    The label is a real ``<label for=...>`` (the control's id, or ``label_for`` when the
    id sits on an inner element such as a select's trigger), so screen readers name it.
    """
    target = label_for or (control.id if isinstance(getattr(control, "id", None), str) else "")
    return rx.vstack(
        rx.el.label(rx.text(label, as_="span", size="2", weight="medium"), html_for=target or None),
        control,
        field_error(errors, name) if errors is not None else rx.fragment(),
        spacing="1",
        width="100%",
    )


def form_alert(errors: rx.Var) -> rx.Component:
    return rx.cond(
        errors.contains("form"),
        rx.callout(
            errors["form"],
            icon="triangle_alert",
            color_scheme="red",
            role="alert",
            width="100%",
            class_name="form-error",
        ),
    )


def progress_bar(percentage: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.progress(value=percentage, max=100, width="100%", aria_label=t("progress")),
        rx.text(f"{percentage}%", size="2", weight="bold", class_name="progress-label", white_space="nowrap"),
        align="center",
        width="100%",
    )


def page_title(text, *extra: rx.Component) -> rx.Component:
    return rx.flex(
        rx.heading(text, size="7"),
        *extra,
        justify="between",
        align="center",
        wrap="wrap",
        spacing="3",
        width="100%",
        margin_bottom="1em",
    )


def pager(state, prefix: str = "") -> rx.Component:
    """Previous / "Page n of m" / Next for a state using the ``Paged`` mixin (hidden for one page)."""
    return rx.cond(
        state.pages > 1,
        rx.hstack(
            rx.button(
                rx.icon("chevron-left", size=16),
                t("prev"),
                variant="soft",
                disabled=~state.has_prev,
                on_click=state.prev_page,
                id=f"{prefix}prev-page",
            ),
            rx.text(
                t("page"), f" {state.page} ", t("of"), f" {state.pages}", size="2", id=f"{prefix}page-label"
            ),
            rx.button(
                t("next"),
                rx.icon("chevron-right", size=16),
                variant="soft",
                disabled=~state.has_next,
                on_click=state.next_page,
                id=f"{prefix}next-page",
            ),
            justify="center",
            align="center",
            width="100%",
            margin_top="1.5em",
            class_name="pager",
        ),
    )


STATUS_COLORS = {"enrolled": "gray", "in_progress": "blue", "completed": "green"}


def status_badge(status: rx.Var) -> rx.Component:
    """An enrollment status (enrolled / in_progress / completed) in the user's language."""
    return rx.match(
        status,
        *[(name, rx.badge(t(f"status_{name}"), color_scheme=color)) for name, color in STATUS_COLORS.items()],
        rx.badge(status),
    )
