"""The banner asking a signed-in user to confirm their e-mail address."""

from __future__ import annotations

import reflex as rx

from eduplatform.i18n import t
from eduplatform.states.auth import AuthState


def email_banner() -> rx.Component:
    return rx.cond(
        AuthState.signed_in & ~AuthState.email_verified,
        rx.callout.root(
            rx.flex(
                rx.callout.icon(rx.icon("mail-warning")),
                rx.callout.text(t("verify_banner")),
                rx.button(
                    t("resend_link"),
                    on_click=AuthState.resend_verification,
                    size="1",
                    variant="soft",
                    high_contrast=True,  # amber-on-amber text fails WCAG AA contrast otherwise
                    id="resend-verification",
                ),
                align="center",
                spacing="3",
                wrap="wrap",
            ),
            color_scheme="amber",
            high_contrast=True,
            size="1",
            margin_bottom="1em",
            id="email-banner",
        ),
    )
