"""A student's own pages: enrollments with progress, and notifications."""

from __future__ import annotations

import uuid

import reflex as rx

from eduplatform.backend import error_message, platform
from eduplatform.states.auth import AuthState, require_actor
from eduplatform.views import EnrollmentView, NotificationView, notification_view, text_of

PAGE_SIZE = 20


class LearningState(rx.State):
    enrollments: list[EnrollmentView] = []
    total: int = 0
    loading: bool = True
    error: str = ""

    @rx.event
    async def load_page(self):
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            yield redirect
            return
        self.loading = True
        yield
        p = platform()
        try:
            page = await p.enrollment.list_my_enrollments(actor, limit=PAGE_SIZE, offset=0)
            courses = await p.course.get_courses([e.course_id for e in page.items])
            views = []
            for e in page.items:
                progress = await p.enrollment.get_progress(actor, e.course_id)
                course = courses.get(e.course_id)
                views.append(
                    EnrollmentView(
                        course_id=str(e.course_id),
                        title=course.title if course else "—",
                        status=text_of(e.status),
                        completed_lessons=progress.completed_lessons,
                        total_lessons=progress.total_lessons,
                        percentage=int(round(progress.percentage)),
                    )
                )
            self.enrollments, self.total, self.error = views, page.total, ""
        except Exception as exc:  # noqa: BLE001
            self.error = error_message(exc)
        self.loading = False


class NotificationsState(rx.State):
    items: list[NotificationView] = []
    total: int = 0
    loading: bool = True

    async def _load(self, actor) -> None:
        page = await platform().notification.list_mine(actor, limit=PAGE_SIZE, offset=0)
        self.items, self.total = [notification_view(n) for n in page.items], page.total

    @rx.event
    async def load_page(self):
        actor, redirect = await require_actor(self)
        if actor is None:
            yield redirect
            return
        self.loading = True
        yield
        await self._load(actor)
        self.loading = False

    @rx.event
    async def mark_read(self, notification_id: str):
        actor, redirect = await require_actor(self)
        if actor is None:
            return redirect
        try:
            await platform().notification.mark_read(actor, uuid.UUID(notification_id))
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(error_message(exc))
        await self._load(actor)
        return AuthState.refresh_unread

    @rx.event
    async def mark_all_read(self):
        actor, redirect = await require_actor(self)
        if actor is None:
            return redirect
        await platform().notification.mark_all_read(actor)
        await self._load(actor)
        return AuthState.refresh_unread
