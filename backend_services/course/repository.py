"""SQL access to the course tables.

Read paths select plain columns (rows, not ORM objects): ORM loading is the first cap
on hot reads (DESIGN.md). Writes use ORM objects or single atomic UPDATE statements.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Integer, delete, func, literal, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.course.models import Category, Course, Lesson, Module, Review
from backend_services.shared.database import is_unique_violation, rows_matched
from backend_services.shared.types import AnyRow, Condition

# Every column of the public course object (rating_sum stays internal).
COURSE_COLUMNS = tuple(c for c in Course.__table__.c if c.name != "rating_sum")  # type: ignore[attr-defined]  # SQLModel declares no __table__
SUMMARY_COLUMNS = (Course.id, Course.teacher_id, Course.title, Course.is_free, Course.price)
OUTLINE_COLUMNS = tuple(c for c in Lesson.__table__.c if c.name != "content")  # type: ignore[attr-defined]  # SQLModel declares no __table__
LESSON_COLUMNS = tuple(Lesson.__table__.c)  # type: ignore[attr-defined]  # SQLModel declares no __table__
NEWEST_FIRST = (Course.created_at.desc(), Course.id)  # type: ignore[attr-defined]  # SQLModel column typed as its value


class CourseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def search(self, q: str | None, *, limit: int, offset: int) -> tuple[list[AnyRow], int]:
        """Courses whose title or description contains ``q`` (any case), newest first.

        A deliberate baseline: an unindexed substring scan. It is the one place a faster
        search (trigram or full-text index) replaces.
        """
        where = []
        if q:
            needle = q.lower()
            where.append(
                or_(
                    func.lower(Course.title).contains(needle, autoescape=True),
                    func.lower(Course.description).contains(needle, autoescape=True),
                )
            )
        return await self._page(where, limit=limit, offset=offset)

    async def list_by_teacher(
        self, teacher_id: uuid.UUID, *, limit: int, offset: int
    ) -> tuple[list[AnyRow], int]:
        return await self._page([Course.teacher_id == teacher_id], limit=limit, offset=offset)

    async def _page(self, where: list[Condition], *, limit: int, offset: int) -> tuple[list[AnyRow], int]:
        total = await self.session.scalar(select(func.count()).select_from(Course).where(*where))
        rows = await self.session.execute(
            select(*COURSE_COLUMNS).where(*where).order_by(*NEWEST_FIRST).limit(limit).offset(offset)
        )
        return list(rows), int(total or 0)

    async def get_public(self, course_id: uuid.UUID) -> AnyRow | None:
        stmt = select(*COURSE_COLUMNS).where(Course.id == course_id)
        return (await self.session.execute(stmt)).first()

    async def get_many_public(self, course_ids: list[uuid.UUID]) -> list[AnyRow]:
        stmt = select(*COURSE_COLUMNS).where(Course.id.in_(course_ids))  # type: ignore[attr-defined]  # SQLModel column typed as its value
        return list(await self.session.execute(stmt))

    async def get_summary(self, course_id: uuid.UUID) -> AnyRow | None:
        stmt = select(*SUMMARY_COLUMNS).where(Course.id == course_id)
        return (await self.session.execute(stmt)).first()

    async def get_for_update(self, course_id: uuid.UUID) -> Course | None:
        """The course, locked until commit so a merged update sees no concurrent change."""
        stmt = select(Course).where(Course.id == course_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def teacher_id(self, course_id: uuid.UUID) -> uuid.UUID | None:
        """The owner of a course, or None when it does not exist."""
        return await self.session.scalar(select(Course.teacher_id).where(Course.id == course_id))

    async def exists(self, course_id: uuid.UUID) -> bool:
        return await self.teacher_id(course_id) is not None

    def add(self, course: Course) -> None:
        self.session.add(course)

    async def category_exists(self, category_id: uuid.UUID) -> bool:
        return await self.session.scalar(select(Category.id).where(Category.id == category_id)) is not None

    async def record_rating(self, course_id: uuid.UUID, rating: int) -> bool:
        """Add one rating in a single UPDATE, so concurrent reviews never lose a count.

        The new average is computed in integer arithmetic as hundredths rounded half-up,
        ``(200*sum + n) div (2*n)``: identical on SQLite (float division would round
        2.675 down) and PostgreSQL. Returns False when the course does not exist.
        """
        new_sum = Course.rating_sum + literal(rating, Integer)
        new_count = Course.review_count + 1
        hundredths = (200 * new_sum + new_count) // (2 * new_count)
        stmt = (
            update(Course)
            .where(Course.id == course_id)
            .values(
                rating_sum=new_sum,
                review_count=new_count,
                avg_rating=hundredths / 100.0,
            )
        )
        result = await self.session.execute(stmt)
        return rows_matched(result) == 1


class CurriculumRepository:
    """Modules and lessons; their course's owner comes along for authorisation."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def modules_of(self, course_id: uuid.UUID) -> list[AnyRow]:
        stmt = (
            select(*Module.__table__.c)  # type: ignore[attr-defined]  # SQLModel declares no __table__
            .where(Module.course_id == course_id)
            .order_by(Module.order, Module.created_at, Module.id)
        )
        return list(await self.session.execute(stmt))

    async def lesson_outlines_of(self, course_id: uuid.UUID) -> list[AnyRow]:
        """Every lesson of a course without its content, in display order."""
        stmt = (
            select(*OUTLINE_COLUMNS)
            .where(Lesson.course_id == course_id)
            .order_by(Lesson.order, Lesson.created_at, Lesson.id)
        )
        return list(await self.session.execute(stmt))

    async def module_with_owner(self, module_id: uuid.UUID) -> tuple[Module, uuid.UUID] | None:
        stmt = (
            select(Module, Course.teacher_id)
            .join(Course, Course.id == Module.course_id)
            .where(Module.id == module_id)
        )
        row = (await self.session.execute(stmt)).first()
        return (row[0], row[1]) if row else None

    async def lesson_with_owner(self, lesson_id: uuid.UUID) -> tuple[Lesson, uuid.UUID] | None:
        stmt = (
            select(Lesson, Course.teacher_id)
            .join(Course, Course.id == Lesson.course_id)
            .where(Lesson.id == lesson_id)
        )
        row = (await self.session.execute(stmt)).first()
        return (row[0], row[1]) if row else None

    async def lesson_with_access(self, lesson_id: uuid.UUID) -> AnyRow | None:
        """A lesson's columns with what decides who may read it: its course's
        ``teacher_id`` and ``course_is_free`` (a row, no ORM object: a hot read)."""
        stmt = (
            select(*LESSON_COLUMNS, col(Course.teacher_id), col(Course.is_free).label("course_is_free"))
            .join(Course, col(Course.id) == col(Lesson.course_id))
            .where(col(Lesson.id) == lesson_id)
        )
        return (await self.session.execute(stmt)).first()

    async def max_module_order(self, course_id: uuid.UUID) -> int | None:
        stmt = select(func.max(Module.order)).where(Module.course_id == course_id)
        return await self.session.scalar(stmt)

    async def max_lesson_order(self, module_id: uuid.UUID) -> int | None:
        stmt = select(func.max(Lesson.order)).where(Lesson.module_id == module_id)
        return await self.session.scalar(stmt)

    async def lesson_course_id(self, lesson_id: uuid.UUID) -> uuid.UUID | None:
        return await self.session.scalar(select(Lesson.course_id).where(Lesson.id == lesson_id))

    async def count_lessons(self, course_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(Lesson).where(Lesson.course_id == course_id)
        return int(await self.session.scalar(stmt) or 0)

    async def count_lessons_many(self, course_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Lessons per course in one grouped query; courses without lessons are left out."""
        stmt = (
            select(Lesson.course_id, func.count())
            .where(Lesson.course_id.in_(course_ids))  # type: ignore[attr-defined]  # SQLModel column typed as its value
            .group_by(Lesson.course_id)
        )
        return {course_id: int(n) for course_id, n in (await self.session.execute(stmt)).all()}

    def add(self, item: Module | Lesson) -> None:
        self.session.add(item)

    async def flush(self) -> None:
        await self.session.flush()

    async def delete_module(self, module: Module) -> None:
        """Delete a module and its lessons (explicitly: the FK cascade is a second line)."""
        await self.session.execute(delete(Lesson).where(Lesson.module_id == module.id))
        await self.session.delete(module)

    async def delete_lesson(self, lesson: Lesson) -> None:
        await self.session.delete(lesson)


class ReviewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, review: Review) -> bool:
        """Insert a review now; False when this student already reviewed this course."""
        self.session.add(review)
        try:
            await self.session.flush()
        except IntegrityError as exc:
            if is_unique_violation(exc):
                return False
            raise
        return True

    async def get_by(self, student_id: uuid.UUID, course_id: uuid.UUID) -> Review | None:
        stmt = select(Review).where(Review.student_id == student_id, Review.course_id == course_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def rating_counts(self, course_id: uuid.UUID) -> dict[int, int]:
        """How many reviews gave each rating (1-5; missing ratings are left out)."""
        stmt = (
            select(Review.rating, func.count()).where(Review.course_id == course_id).group_by(Review.rating)
        )
        return {int(rating): int(n) for rating, n in (await self.session.execute(stmt)).all()}

    async def list_for_course(
        self, course_id: uuid.UUID, *, limit: int, offset: int
    ) -> tuple[list[Any], int]:
        where = Review.course_id == course_id
        total = await self.session.scalar(select(func.count()).select_from(Review).where(where))
        stmt = (
            select(*Review.__table__.c)  # type: ignore[attr-defined]  # SQLModel declares no __table__
            .where(where)
            .order_by(Review.created_at.desc(), Review.id)  # type: ignore[attr-defined]  # SQLModel column typed as its value
            .limit(limit)
            .offset(offset)
        )
        return list(await self.session.execute(stmt)), int(total or 0)
