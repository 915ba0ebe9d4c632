"""Aggregates of one course over the enrollment tables: a handful of grouped queries,
whatever the number of students (no per-student work)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import case, func, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.enrollment.models import (
    Certificate,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    WatchPosition,
)


def percent(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


async def enrollment_totals(session: AsyncSession, course_id: uuid.UUID) -> tuple[int, int]:
    """(students enrolled, students who completed)."""
    stmt = select(
        func.count(), func.coalesce(func.sum(case((col(Enrollment.status) == "completed", 1), else_=0)), 0)
    )
    total, completed = (await session.execute(stmt.where(Enrollment.course_id == course_id))).one()
    return int(total), int(completed)


async def enrollments_by_day(session: AsyncSession, course_id: uuid.UUID) -> list[tuple[date, int]]:
    day = func.date(Enrollment.enrolled_at)
    stmt = select(day, func.count()).where(Enrollment.course_id == course_id).group_by(day).order_by(day)
    rows = (await session.execute(stmt)).all()
    return [(d if isinstance(d, date) else date.fromisoformat(str(d)), int(n)) for d, n in rows]


async def completed_per_lesson(session: AsyncSession, course_id: uuid.UUID) -> dict[uuid.UUID, int]:
    stmt = (
        select(LessonProgress.lesson_id, func.count())
        .where(LessonProgress.course_id == course_id)
        .group_by(col(LessonProgress.lesson_id))
    )
    return {lesson: int(n) for lesson, n in (await session.execute(stmt)).all()}


async def reached_per_lesson(session: AsyncSession, course_id: uuid.UUID) -> dict[uuid.UUID, int]:
    """Distinct students who touched each lesson: completed it, watched it, or tried its quiz."""
    touched = union(
        select(LessonProgress.student_id, LessonProgress.lesson_id).where(
            LessonProgress.course_id == course_id
        ),
        select(WatchPosition.student_id, WatchPosition.lesson_id).where(WatchPosition.course_id == course_id),
        select(QuizAttempt.student_id, QuizAttempt.lesson_id).where(QuizAttempt.course_id == course_id),
    ).subquery()
    stmt = select(touched.c.lesson_id, func.count()).group_by(touched.c.lesson_id)
    return {lesson: int(n) for lesson, n in (await session.execute(stmt)).all()}


async def quiz_stats(session: AsyncSession, course_id: uuid.UUID) -> dict[uuid.UUID, tuple[int, int, int]]:
    """Per quiz lesson: (students who submitted, students who passed, submitted attempts)."""
    passed_student = case((col(QuizAttempt.passed).is_(True), QuizAttempt.student_id))
    stmt = (
        select(
            QuizAttempt.lesson_id,
            func.count(func.distinct(QuizAttempt.student_id)),
            func.count(func.distinct(passed_student)),
            func.count(),
        )
        .where(QuizAttempt.course_id == course_id, col(QuizAttempt.submitted_at).is_not(None))
        .group_by(col(QuizAttempt.lesson_id))
    )
    return {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in (await session.execute(stmt)).all()}


async def certificate_count(session: AsyncSession, course_id: uuid.UUID) -> int:
    stmt = select(func.count()).select_from(Certificate).where(Certificate.course_id == course_id)
    return int(await session.scalar(stmt) or 0)
