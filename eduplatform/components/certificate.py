"""Certificate pieces: the download/verify buttons on My learning, the public verification card."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.i18n import t
from eduplatform.states.learning import LearningState


def certificate_actions(codes: rx.Var, course_id: rx.Var) -> rx.Component:
    """Download and verification links for a completed course that has its certificate."""
    code = codes[course_id].to(str)
    return rx.cond(
        codes.contains(course_id),
        rx.hstack(
            rx.button(
                rx.icon("award", size=14),
                t("download_certificate"),
                size="1",
                on_click=LearningState.download_certificate(code),
                class_name="download-certificate",
            ),
            rx.link(
                t("verify_certificate"), href=routes.certificate(code), size="1", class_name="verify-link"
            ),
            align="center",
            spacing="3",
        ),
    )


def _row(label: str, value: rx.Var, id: str) -> rx.Component:
    return rx.hstack(
        rx.text(t(label), color_scheme="gray", size="2", min_width="11em"),
        rx.text(value, weight="medium", id=id),
        align="baseline",
        wrap="wrap",
    )


def certificate_card(state) -> rx.Component:
    """The public proof of a certificate (state: CertificateState)."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("badge-check", size=28, color=rx.color("green", 10)),
                rx.heading(t("certificate_valid"), size="6", id="certificate-valid"),
                align="center",
            ),
            _row("certificate_awarded_to", state.student_name, "certificate-student"),
            _row("certificate_course", state.course_title, "certificate-course"),
            _row("certificate_teacher", state.teacher_name, "certificate-teacher"),
            _row("certificate_date", state.completed_on, "certificate-date"),
            _row("certificate_code", state.code, "certificate-code"),
            spacing="3",
        ),
        width="100%",
        max_width="640px",
    )
