"""A student's own pages: enrollments with progress, and notifications."""

from __future__ import annotations

import uuid

import reflex as rx

from eduplatform import routes
from eduplatform.backend import explain, platform
from eduplatform.i18n import lang_of
from eduplatform.states.auth import AuthState, require_actor
from eduplatform.states.paging import Paged
from eduplatform.views import EnrollmentView, NotificationView, notification_view, text_of

ENROLLMENTS_PER_PAGE = 12
NOTIFICATIONS_PER_PAGE = 20


class LearningState(Paged, rx.State):
    enrollments: list[EnrollmentView] = []
    certificates: dict[str, str] = {}  # course id -> certificate code
    page_size: int = ENROLLMENTS_PER_PAGE
    error: str = ""

    async def _load_page(self):
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            return redirect
        p = platform()
        try:
            page = await p.enrollment.list_my_enrollments(actor, limit=self.page_size, offset=self.offset)
            course_ids = [e.course_id for e in page.items]
            courses = await p.course.get_courses(course_ids)
            progress = await p.enrollment.progress_for(actor, course_ids)
            self.enrollments = [
                EnrollmentView(
                    course_id=str(e.course_id),
                    title=courses[e.course_id].title if e.course_id in courses else "—",
                    status=text_of(e.status),
                    completed_lessons=progress[e.course_id].completed_lessons,
                    total_lessons=progress[e.course_id].total_lessons,
                    percentage=int(round(progress[e.course_id].percentage)),
                )
                for e in page.items
            ]
            self.total, self.error = page.total, ""
            mine = await p.enrollment.my_certificates(actor)
            self.certificates = {str(c.course_id): c.code for c in mine.items}
        except Exception as exc:  # noqa: BLE001
            self.error = await explain(self, exc)
        self.loading = False
        return None

    def _reset(self) -> None:
        self.error = ""

    @rx.event
    async def download_certificate(self, code: str):
        """The caller's certificate PDF, handed to the browser as a download."""
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            return redirect
        try:
            filename, data = await platform().enrollment.certificate_pdf(actor, code)
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc))
        return rx.download(data=data, filename=filename, mime_type="application/pdf")


class NotificationsState(Paged, rx.State):
    items: list[NotificationView] = []
    page_size: int = NOTIFICATIONS_PER_PAGE
    unread_total: int = 0

    async def _load_page(self):
        actor, redirect = await require_actor(self)
        if actor is None:
            return redirect
        n = platform().notification
        page = await n.list_mine(actor, limit=self.page_size, offset=self.offset)
        lang = await lang_of(self)
        self.items = [notification_view(item, *n.localize(item, lang)) for item in page.items]
        self.total, self.unread_total = page.total, page.unread
        self.loading = False
        return None

    @rx.event
    async def relocalize(self):
        """Re-render the page's notifications after the user switched language."""
        if (self.router.url.path.rstrip("/") or "/") == routes.NOTIFICATIONS:
            return await self._load_page()
        return None

    @rx.event
    async def mark_read(self, notification_id: str):
        actor, redirect = await require_actor(self)
        if actor is None:
            return redirect
        try:
            await platform().notification.mark_read(actor, uuid.UUID(notification_id))
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc), id="error")
        await self._load_page()
        return AuthState.refresh_unread

    @rx.event
    async def mark_all_read(self):
        actor, redirect = await require_actor(self)
        if actor is None:
            return redirect
        await platform().notification.mark_all_read(actor)
        await self._load_page()
        return AuthState.refresh_unread
