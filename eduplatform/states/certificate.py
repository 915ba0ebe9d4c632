"""The public certificate verification page: anyone may open it, no sign-in."""

from __future__ import annotations

import reflex as rx

from backend_services.shared.errors import NotFound
from eduplatform.backend import platform
from eduplatform.states.auth import page_load
from eduplatform.states.course import route_param


class CertificateState(rx.State):
    code: str = ""
    student_name: str = ""
    course_title: str = ""
    teacher_name: str = ""
    completed_on: str = ""
    found: bool = False
    loading: bool = True

    @rx.event
    @page_load
    async def load_page(self):
        self.loading, self.found = True, False
        code = route_param(self, "code")
        try:
            certificate = await platform().enrollment.verify_certificate(code)
        except NotFound:
            self.loading = False
            return
        self.code, self.student_name = certificate.code, certificate.student_name
        self.course_title, self.teacher_name = certificate.course_title, certificate.teacher_name
        self.completed_on = f"{certificate.completed_at:%Y-%m-%d}"
        self.found, self.loading = True, False
