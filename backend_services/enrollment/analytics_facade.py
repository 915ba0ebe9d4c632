"""The teacher's course report (reached as ``enrollment.analytics``).

Each number comes from the context that owns it: enrollment aggregates here, the
lesson list, quizzes and ratings from course, revenue from payment (batch ports,
one call each), so the report costs the same for 10 or 10,000 students.
"""

from __future__ import annotations

import csv
import io
import uuid

from backend_services.enrollment import analytics, service
from backend_services.enrollment.analytics_schemas import (
    CourseAnalytics,
    DailyCount,
    LessonFunnelRow,
    QuizStats,
    RatingCount,
)
from backend_services.enrollment.ports import CoursePort, PaymentPort
from backend_services.shared.database import Database
from backend_services.shared.security import Principal


class CourseReports:
    def __init__(self, db: Database, *, courses: CoursePort, payments: PaymentPort) -> None:
        self.db = db
        self._courses = courses
        self._payments = payments

    async def course_report(self, actor: Principal, course_id: uuid.UUID) -> CourseAnalytics:
        """Everything the analytics page shows (the course's teacher or an admin)."""
        course = await service.find_course(self._courses, course_id)
        service.require_course_teacher(actor, course)
        async with self.db.read_session() as session:
            students, completed = await analytics.enrollment_totals(session, course_id)
            by_day = await analytics.enrollments_by_day(session, course_id)
            done = await analytics.completed_per_lesson(session, course_id)
            reached = await analytics.reached_per_lesson(session, course_id)
            quizzes = await analytics.quiz_stats(session, course_id)
            certificates = await analytics.certificate_count(session, course_id)
        curriculum = await self._courses.get_curriculum(course_id)
        ratings = await self._courses.rating_distribution(course_id)
        revenue, payments = await self._payments.revenue_for_course(course_id)
        lessons = [(lesson.id, lesson.title) for module in curriculum.modules for lesson in module.lessons]
        return CourseAnalytics(
            course_id=course_id,
            title=course.title,
            is_free=course.is_free,
            students=students,
            completed=completed,
            completion_rate=analytics.percent(completed, students),
            certificates=certificates,
            enrollments_by_day=[DailyCount(day=d, count=n) for d, n in by_day],
            funnel=funnel(lessons, students=students, reached=reached, completed=done),
            quizzes=[
                QuizStats(
                    lesson_id=lesson_id,
                    title=title,
                    students_attempted=quizzes[lesson_id][0],
                    students_passed=quizzes[lesson_id][1],
                    attempts=quizzes[lesson_id][2],
                    pass_rate=analytics.percent(quizzes[lesson_id][1], quizzes[lesson_id][0]),
                )
                for lesson_id, title in lessons
                if lesson_id in quizzes
            ],
            ratings=[RatingCount(rating=r, count=n) for r, n in sorted(ratings.items())],
            revenue=revenue,
            payments=payments,
        )

    async def course_report_csv(self, actor: Principal, course_id: uuid.UUID) -> str:
        """The same report as CSV, for the export button and the API."""
        return report_csv(await self.course_report(actor, course_id))


def funnel(
    lessons: list[tuple[uuid.UUID, str]],
    *,
    students: int,
    reached: dict[uuid.UUID, int],
    completed: dict[uuid.UUID, int],
) -> list[LessonFunnelRow]:
    """Lessons in course order with reached/completed counts and the drop-off before each."""
    rows, before = [], students
    for position, (lesson_id, title) in enumerate(lessons, start=1):
        done = completed.get(lesson_id, 0)
        rows.append(
            LessonFunnelRow(
                lesson_id=lesson_id,
                title=title,
                position=position,
                reached=reached.get(lesson_id, 0),
                completed=done,
                drop_off=max(before - done, 0),
            )
        )
        before = done
    return rows


def report_csv(report: CourseAnalytics) -> str:
    """The report as CSV: one section per table, blank lines between them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["course", report.title])
    writer.writerow(["students", report.students])
    writer.writerow(["completed", report.completed])
    writer.writerow(["completion_rate_percent", report.completion_rate])
    writer.writerow(["certificates", report.certificates])
    writer.writerow(["revenue", f"{report.revenue:.2f}"])
    writer.writerow(["payments", report.payments])
    writer.writerow([])
    writer.writerow(["position", "lesson", "reached", "completed", "drop_off"])
    writer.writerows([r.position, r.title, r.reached, r.completed, r.drop_off] for r in report.funnel)
    writer.writerow([])
    writer.writerow(["quiz_lesson", "students_attempted", "students_passed", "attempts", "pass_rate_percent"])
    writer.writerows(
        [q.title, q.students_attempted, q.students_passed, q.attempts, q.pass_rate] for q in report.quizzes
    )
    writer.writerow([])
    writer.writerow(["rating", "reviews"])
    writer.writerows([r.rating, r.count] for r in report.ratings)
    writer.writerow([])
    writer.writerow(["day", "enrollments"])
    writer.writerows([d.day.isoformat(), d.count] for d in report.enrollments_by_day)
    return out.getvalue()
