"""Public certificate verification page (``/certificates/{code}``)."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.certificate import certificate_card
from eduplatform.components.common import empty_state, loading, page_title
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.certificate import CertificateState


@template(route=routes.CERTIFICATE, title="certificate", on_load=CertificateState.load_page)
def certificate_page() -> rx.Component:
    return rx.vstack(
        page_title(t("certificate")),
        loading(
            CertificateState.loading,
            rx.cond(
                CertificateState.found,
                certificate_card(CertificateState),
                rx.box(empty_state("circle-alert", t("certificate_unknown")), id="certificate-unknown"),
            ),
        ),
        width="100%",
        align="center",
    )
