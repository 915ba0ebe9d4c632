"""SQL access to the enrollment tables."""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.enrollment.models import Enrollment, LessonProgress


class EnrollmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, enrollment: Enrollment) -> None:
        self.session.add(enrollment)

    async def find(self, student_id: uuid.UUID, course_id: uuid.UUID) -> Enrollment | None:
        stmt = select(Enrollment).where(
            Enrollment.student_id == student_id, Enrollment.course_id == course_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_for_update(self, student_id: uuid.UUID, course_id: uuid.UUID) -> Enrollment | None:
        """The enrollment, row-locked on PostgreSQL so a student's completions serialise."""
        stmt = (
            select(Enrollment)
            .where(Enrollment.student_id == student_id, Enrollment.course_id == course_id)
            .with_for_update()
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def exists(self, student_id: uuid.UUID, course_id: uuid.UUID) -> bool:
        stmt = select(Enrollment.id).where(
            Enrollment.student_id == student_id, Enrollment.course_id == course_id
        )
        return (await self.session.execute(stmt)).first() is not None

    async def list_for_student(
        self, student_id: uuid.UUID, *, limit: int, offset: int
    ) -> tuple[list[Enrollment], int]:
        where = Enrollment.student_id == student_id
        total = await self.session.scalar(select(func.count()).select_from(Enrollment).where(where))
        rows = await self.session.execute(
            select(Enrollment)
            .where(where)
            .order_by(col(Enrollment.enrolled_at).desc(), col(Enrollment.id))
            .limit(limit)
            .offset(offset)
        )
        return list(rows.scalars()), int(total or 0)

    async def list_for_course(
        self, course_id: uuid.UUID, *, limit: int, offset: int
    ) -> tuple[list[Enrollment], int]:
        total = await self.count_for_course(course_id)
        rows = await self.session.execute(
            select(Enrollment)
            .where(Enrollment.course_id == course_id)
            .order_by(col(Enrollment.enrolled_at), col(Enrollment.id))
            .limit(limit)
            .offset(offset)
        )
        return list(rows.scalars()), total

    async def count_for_course(self, course_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(Enrollment).where(Enrollment.course_id == course_id)
        return int(await self.session.scalar(stmt) or 0)


class ProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, progress: LessonProgress) -> None:
        self.session.add(progress)

    async def find(self, student_id: uuid.UUID, lesson_id: uuid.UUID) -> LessonProgress | None:
        stmt = select(LessonProgress).where(
            LessonProgress.student_id == student_id, LessonProgress.lesson_id == lesson_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def count_completed(self, student_id: uuid.UUID, course_id: uuid.UUID) -> int:
        stmt = (
            select(func.count())
            .select_from(LessonProgress)
            .where(LessonProgress.student_id == student_id, LessonProgress.course_id == course_id)
        )
        return int(await self.session.scalar(stmt) or 0)

    async def completed_lesson_ids(self, student_id: uuid.UUID, course_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = (
            select(LessonProgress.lesson_id)
            .where(LessonProgress.student_id == student_id, LessonProgress.course_id == course_id)
            .order_by(col(LessonProgress.completed_at), col(LessonProgress.lesson_id))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def completed_counts(
        self, course_id: uuid.UUID, student_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, int]:
        """Completed lessons per student of one course, in one grouped query (no N+1)."""
        if not student_ids:
            return {}
        stmt = (
            select(LessonProgress.student_id, func.count())
            .where(
                LessonProgress.course_id == course_id,
                col(LessonProgress.student_id).in_(student_ids),
            )
            .group_by(col(LessonProgress.student_id))
        )
        return {student_id: int(n) for student_id, n in (await self.session.execute(stmt)).all()}

    async def completed_counts_by_course(
        self, student_id: uuid.UUID, course_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, int]:
        """One student's completed lessons per course, in one grouped query (no N+1).

        Courses without a completed lesson are left out.
        """
        if not course_ids:
            return {}
        stmt = (
            select(LessonProgress.course_id, func.count())
            .where(
                LessonProgress.student_id == student_id,
                col(LessonProgress.course_id).in_(course_ids),
            )
            .group_by(col(LessonProgress.course_id))
        )
        return {course_id: int(n) for course_id, n in (await self.session.execute(stmt)).all()}
