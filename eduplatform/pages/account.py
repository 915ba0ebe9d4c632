"""Pages of the account by e-mail: confirm the address, forgotten and new password."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import form_alert, form_field
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.pages.auth import auth_card
from eduplatform.states.account import AccountState
from eduplatform.states.auth import AuthState

ERRORS = AccountState.form_errors


def _password_input(name: str, element_id: str) -> rx.Component:
    return rx.input(name=name, type="password", id=element_id, width="100%", auto_complete="new-password")


@template(route=routes.VERIFY_EMAIL, title="verify_title", on_load=AccountState.verify_from_link)
def verify_email_page() -> rx.Component:
    outcome = rx.match(
        AccountState.verify_status,
        (
            "done",
            rx.callout(t("verify_done"), icon="circle-check", color_scheme="green", id="verify-done"),
        ),
        (
            "failed",
            rx.vstack(
                rx.callout(t("verify_failed"), icon="triangle_alert", color_scheme="red", id="verify-failed"),
                rx.cond(
                    AuthState.signed_in,
                    rx.button(t("resend_link"), on_click=AuthState.resend_verification, id="verify-resend"),
                ),
                spacing="3",
            ),
        ),
        rx.hstack(rx.spinner(), rx.text(t("verify_checking"))),
    )
    footer = rx.link(t("to_catalog"), href=routes.CATALOG, size="2")
    return auth_card(t("verify_title"), outcome, footer)


@template(route=routes.FORGOT_PASSWORD, title="forgot_title", on_load=AccountState.open_forgot)
def forgot_password_page() -> rx.Component:
    form = rx.form(
        rx.vstack(
            rx.text(t("forgot_hint"), size="2", color_scheme="gray"),
            form_alert(ERRORS),
            form_field(
                t("email"), rx.input(name="email", type="email", id="email", width="100%"), ERRORS, "email"
            ),
            rx.button(t("send_link"), type="submit", width="100%", loading=AccountState.busy, id="submit"),
            spacing="3",
        ),
        on_submit=AccountState.send_reset_link,
        width="100%",
    )
    sent = rx.callout(t("forgot_sent"), icon="mail-check", color_scheme="green", id="forgot-sent")
    footer = rx.link(t("back_to_login"), href=routes.LOGIN, size="2")
    return auth_card(t("forgot_title"), rx.cond(AccountState.forgot_sent, sent, form), footer)


@template(route=routes.RESET_PASSWORD, title="reset_title", on_load=AccountState.open_reset)
def reset_password_page() -> rx.Component:
    form = rx.form(
        rx.vstack(
            form_alert(ERRORS),
            form_field(t("new_password"), _password_input("password", "new-password"), ERRORS, "password"),
            form_field(
                t("confirm_password"), _password_input("confirm", "confirm-password"), ERRORS, "confirm"
            ),
            rx.button(
                t("save_password"), type="submit", width="100%", loading=AccountState.busy, id="submit"
            ),
            spacing="3",
        ),
        on_submit=AccountState.save_password,
        width="100%",
    )
    footer = rx.link(t("forgot_password"), href=routes.FORGOT_PASSWORD, size="2")
    return auth_card(t("reset_title"), form, footer)
