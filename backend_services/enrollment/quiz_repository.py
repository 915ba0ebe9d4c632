"""SQL access to quiz attempts."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import case, func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.enrollment.models import QuizAttempt
from backend_services.shared.database import rows_matched
from backend_services.shared.types import utcnow


class AttemptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, attempt: QuizAttempt) -> None:
        self.session.add(attempt)

    async def get(self, attempt_id: uuid.UUID) -> QuizAttempt | None:
        return await self.session.get(QuizAttempt, attempt_id)

    async def open_attempt(self, student_id: uuid.UUID, lesson_id: uuid.UUID) -> QuizAttempt | None:
        """The student's started but unsubmitted attempt at a lesson's quiz, if any."""
        stmt = select(QuizAttempt).where(
            QuizAttempt.student_id == student_id,
            QuizAttempt.lesson_id == lesson_id,
            col(QuizAttempt.submitted_at).is_(None),
        )
        return (await self.session.execute(stmt)).scalars().first()

    async def stats(self, student_id: uuid.UUID, lesson_id: uuid.UUID) -> tuple[int, bool]:
        """(attempts started, whether one passed) for a student and lesson."""
        stmt = select(
            func.count(),
            func.max(case((col(QuizAttempt.passed).is_(True), 1), else_=0)),
        ).where(QuizAttempt.student_id == student_id, QuizAttempt.lesson_id == lesson_id)
        count, passed = (await self.session.execute(stmt)).one()
        return int(count or 0), bool(passed)

    async def has_passed(self, student_id: uuid.UUID, lesson_id: uuid.UUID) -> bool:
        stmt = select(QuizAttempt.id).where(
            QuizAttempt.student_id == student_id,
            QuizAttempt.lesson_id == lesson_id,
            col(QuizAttempt.passed).is_(True),
        )
        return (await self.session.execute(stmt.limit(1))).first() is not None

    async def record_submission(
        self, attempt_id: uuid.UUID, *, answers: dict[str, Any], score: int, passed: bool
    ) -> bool:
        """Store the outcome unless the attempt was already submitted (one result per attempt)."""
        stmt = (
            update(QuizAttempt)
            .where(col(QuizAttempt.id) == attempt_id, col(QuizAttempt.submitted_at).is_(None))
            .values(answers=answers, score=score, passed=passed, submitted_at=utcnow())
        )
        result = await self.session.execute(stmt)
        return rows_matched(result) == 1

    async def list_for_student(self, student_id: uuid.UUID, lesson_id: uuid.UUID) -> list[QuizAttempt]:
        stmt = (
            select(QuizAttempt)
            .where(QuizAttempt.student_id == student_id, QuizAttempt.lesson_id == lesson_id)
            .order_by(col(QuizAttempt.attempt_number))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def list_submitted_for_course(
        self, course_id: uuid.UUID, *, limit: int, offset: int
    ) -> tuple[list[QuizAttempt], int]:
        where = (QuizAttempt.course_id == course_id, col(QuizAttempt.submitted_at).is_not(None))
        total = await self.session.scalar(select(func.count()).select_from(QuizAttempt).where(*where))
        stmt = (
            select(QuizAttempt)
            .where(*where)
            .order_by(col(QuizAttempt.submitted_at).desc(), col(QuizAttempt.id))
            .limit(limit)
            .offset(offset)
        )
        return list((await self.session.execute(stmt)).scalars()), int(total or 0)
