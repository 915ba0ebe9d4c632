"""SQL access to the enrollment tables."""

from __future__ import annotations

import uuid

from sqlalchemy import RowMapping, Table, bindparam, func
from sqlalchemy import select as core_select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlmodel import col, select

from backend_services.enrollment.models import Enrollment, LessonProgress

# The per-student reads every course and lesson page makes, built once with bound parameters:
# building a statement cost about as much Python as running it (docs/perf/UI_LOAD.md).
_ENROLLMENTS: Table = Enrollment.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
_PROGRESS: Table = LessonProgress.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
_ONE_STUDENT_COURSE = (
    _ENROLLMENTS.c.student_id == bindparam("student_id"),
    _ENROLLMENTS.c.course_id == bindparam("course_id"),
)
_PROGRESS_OF_STUDENT_COURSE = (
    _PROGRESS.c.student_id == bindparam("student_id"),
    _PROGRESS.c.course_id == bindparam("course_id"),
)
_FIND_ENROLLMENT = core_select(*_ENROLLMENTS.c).where(*_ONE_STUDENT_COURSE)
_ENROLLMENT_EXISTS = core_select(_ENROLLMENTS.c.id).where(*_ONE_STUDENT_COURSE)
_COMPLETED_IDS = (
    core_select(_PROGRESS.c.lesson_id)
    .where(*_PROGRESS_OF_STUDENT_COURSE)
    .order_by(_PROGRESS.c.completed_at, _PROGRESS.c.lesson_id)
)
_COMPLETED_COUNT = core_select(func.count()).select_from(_PROGRESS).where(*_PROGRESS_OF_STUDENT_COURSE)


class StudentCourseReads:
    """One student's standing in one course, read over a Core connection
    (``Database.read_connection``) or a session with the statements built once: no ORM
    objects, rows as mappings."""

    def __init__(self, connection: AsyncConnection | AsyncSession) -> None:
        self.connection = connection

    async def enrollment(self, student_id: uuid.UUID, course_id: uuid.UUID) -> RowMapping | None:
        params = {"student_id": student_id, "course_id": course_id}
        return (await self.connection.execute(_FIND_ENROLLMENT, params)).mappings().first()

    async def is_enrolled(self, student_id: uuid.UUID, course_id: uuid.UUID) -> bool:
        params = {"student_id": student_id, "course_id": course_id}
        return (await self.connection.execute(_ENROLLMENT_EXISTS, params)).first() is not None

    async def completed_lesson_ids(self, student_id: uuid.UUID, course_id: uuid.UUID) -> list[uuid.UUID]:
        params = {"student_id": student_id, "course_id": course_id}
        return list((await self.connection.execute(_COMPLETED_IDS, params)).scalars())

    async def count_completed(self, student_id: uuid.UUID, course_id: uuid.UUID) -> int:
        params = {"student_id": student_id, "course_id": course_id}
        return int((await self.connection.execute(_COMPLETED_COUNT, params)).scalar() or 0)


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
        return await StudentCourseReads(self.session).is_enrolled(student_id, course_id)

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
        return await StudentCourseReads(self.session).count_completed(student_id, course_id)

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
