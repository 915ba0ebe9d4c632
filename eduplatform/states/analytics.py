"""The teacher's analytics page of one course: numbers, chart data and the CSV export."""

from __future__ import annotations

import uuid
from typing import Any

import reflex as rx

from eduplatform.backend import explain, platform, route_uuid
from eduplatform.states.auth import page_load, require_actor
from eduplatform.states.course import route_param
from eduplatform.views import money, when

RECENT_ATTEMPTS = 20


class AnalyticsState(rx.State):
    course_ref: str = ""
    title: str = ""
    students: int = 0
    completion_rate: float = 0.0
    certificates: int = 0
    revenue: str = ""
    is_free: bool = True
    by_day: list[dict[str, Any]] = []
    funnel: list[dict[str, Any]] = []
    quizzes: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    attempts: list[dict[str, Any]] = []  # the newest submitted quiz attempts
    error: str = ""
    loading: bool = True

    @rx.event
    @page_load
    async def load_page(self):
        actor, redirect = await require_actor(self, "teacher", "admin")
        if actor is None:
            return redirect
        self.loading, self.error = True, ""
        self.course_ref = route_param(self, "course_id")
        try:
            report = await platform().enrollment.course_report(
                actor, route_uuid(self.course_ref, "Course not found")
            )
        except Exception as exc:  # noqa: BLE001
            self.error, self.loading = await explain(self, exc), False
            return None
        self.title, self.students, self.is_free = report.title, report.students, report.is_free
        self.completion_rate, self.certificates = report.completion_rate, report.certificates
        self.revenue = money(report.revenue)
        self.by_day = [{"day": d.day.isoformat(), "count": d.count} for d in report.enrollments_by_day]
        self.funnel = [
            {
                "lesson": f"{r.position}. {r.title}",
                "reached": r.reached,
                "completed": r.completed,
                "drop": r.drop_off,
            }
            for r in report.funnel
        ]
        self.quizzes = [
            {
                "lesson": q.title,
                "attempted": q.students_attempted,
                "passed": q.students_passed,
                "attempts": q.attempts,
                "rate": q.pass_rate,
            }
            for q in report.quizzes
        ]
        self.ratings = [{"rating": f"{r.rating}★", "count": r.count} for r in report.ratings]
        await self._load_attempts(actor, report)
        self.loading = False
        return None

    async def _load_attempts(self, actor, report) -> None:
        p = platform()
        page = await p.enrollment.course_quiz_attempts(actor, report.course_id, limit=RECENT_ATTEMPTS)
        names = await p.identity.get_users(list({a.student_id for a in page.items}))
        titles = {row.lesson_id: row.title for row in report.funnel}
        self.attempts = [
            {
                "student": names[a.student_id].name if a.student_id in names else "—",
                "lesson": titles.get(a.lesson_id, "—"),
                "number": a.attempt_number,
                "score": a.score or 0,
                "passed": a.passed,
                "when": when(a.submitted_at),
            }
            for a in page.items
        ]

    @rx.event
    async def export_csv(self):
        actor, redirect = await require_actor(self, "teacher", "admin")
        if actor is None:
            return redirect
        course_id = uuid.UUID(self.course_ref)
        try:
            data = await platform().enrollment.course_report_csv(actor, course_id)
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc))
        return rx.download(data=data, filename=f"course-{course_id}-analytics.csv", mime_type="text/csv")
