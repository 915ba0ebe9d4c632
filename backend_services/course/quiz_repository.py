"""SQL access to the quizzes table."""

from __future__ import annotations

import uuid

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.course.models import Quiz
from backend_services.shared.database import rows_matched
from backend_services.shared.types import AnyRow


class QuizRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_lesson(self, lesson_id: uuid.UUID) -> Quiz | None:
        return (
            await self.session.execute(select(Quiz).where(Quiz.lesson_id == lesson_id))
        ).scalar_one_or_none()

    async def content_of(self, lesson_id: uuid.UUID) -> AnyRow | None:
        """Course, pass mark, attempt limit and questions of a lesson's quiz (plain row)."""
        stmt = select(Quiz.course_id, Quiz.pass_mark, Quiz.max_attempts, Quiz.questions).where(
            Quiz.lesson_id == lesson_id
        )
        return (await self.session.execute(stmt)).first()

    async def lessons_with_quiz(self, course_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(Quiz.lesson_id).where(Quiz.course_id == course_id)
        return list((await self.session.execute(stmt)).scalars())

    def add(self, quiz: Quiz) -> None:
        self.session.add(quiz)

    async def delete_for_lesson(self, lesson_id: uuid.UUID) -> bool:
        result = await self.session.execute(delete(Quiz).where(col(Quiz.lesson_id) == lesson_id))
        return bool(rows_matched(result))
