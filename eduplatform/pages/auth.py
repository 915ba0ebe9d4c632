"""Log in and sign up."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import form_alert, form_field
from eduplatform.components.demo_hint import demo_hint
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.auth import AuthState

E = AuthState.form_errors


def auth_card(title, form: rx.Component, footer: rx.Component) -> rx.Component:
    """A narrow centred card: heading, form, links below."""
    return rx.center(
        rx.card(
            rx.vstack(rx.heading(title, size="6"), form, footer, spacing="4", width="100%"),
            width="100%",
            max_width="420px",
            padding="1.5em",
        ),
        padding_y="2em",
        width="100%",
    )


@template(route=routes.LOGIN, title="log_in")
def login_page() -> rx.Component:
    form = rx.form(
        rx.vstack(
            form_alert(E),
            form_field(
                t("email"), rx.input(name="email", type="email", id="email", width="100%"), E, "email"
            ),
            form_field(
                t("password"),
                rx.input(name="password", type="password", id="password", width="100%"),
                E,
                "password",
            ),
            rx.button(t("log_in"), type="submit", width="100%", loading=AuthState.busy, id="submit"),
            spacing="3",
        ),
        on_submit=AuthState.login,
        width="100%",
    )
    footer = rx.vstack(
        rx.text(t("no_account"), " ", rx.link(t("sign_up"), href=routes.SIGNUP), size="2"),
        rx.link(t("forgot_password"), href=routes.FORGOT_PASSWORD, size="2", id="forgot-link"),
        spacing="2",
    )
    return auth_card(t("log_in"), rx.vstack(demo_hint(), form, spacing="3", width="100%"), footer)


@template(route=routes.SIGNUP, title="sign_up")
def signup_page() -> rx.Component:
    form = rx.form(
        rx.vstack(
            form_alert(E),
            form_field(t("name"), rx.input(name="name", id="name", width="100%"), E, "name"),
            form_field(
                t("email"), rx.input(name="email", type="email", id="email", width="100%"), E, "email"
            ),
            form_field(
                t("password"),
                rx.input(name="password", type="password", id="password", width="100%"),
                E,
                "password",
            ),
            form_field(
                t("i_am"),
                rx.radio_group.root(
                    rx.vstack(
                        rx.text(
                            rx.radio_group.item(value="student", id="role-student"),
                            " ",
                            t("as_student"),
                            as_="label",
                            size="2",
                        ),
                        rx.text(
                            rx.radio_group.item(value="teacher", id="role-teacher"),
                            " ",
                            t("as_teacher"),
                            as_="label",
                            size="2",
                        ),
                        spacing="2",
                    ),
                    name="role",
                    default_value="student",
                ),
                E,
                "role",
            ),
            rx.button(t("create_account"), type="submit", width="100%", loading=AuthState.busy, id="submit"),
            spacing="3",
        ),
        on_submit=AuthState.signup,
        width="100%",
    )
    footer = rx.text(t("have_account"), " ", rx.link(t("log_in"), href=routes.LOGIN), size="2")
    return auth_card(t("sign_up"), form, footer)
