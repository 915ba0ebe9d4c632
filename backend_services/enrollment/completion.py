"""Marking lessons done: by the student's click (``EnrollmentFacade.complete_lesson``) and by a
passed quiz, which records its grade and the completion in one transaction."""

from __future__ import annotations

import asyncio
import uuid

from backend_services.enrollment import service
from backend_services.enrollment.models import LessonProgress
from backend_services.enrollment.ports import CoursePort, CourseSummaryLike
from backend_services.enrollment.quiz_repository import AttemptRepository
from backend_services.enrollment.quizzes import QUIZ_NOT_PASSED
from backend_services.enrollment.repository import StudentCourseReads
from backend_services.shared.aio import settled
from backend_services.shared.database import Database
from backend_services.shared.errors import Conflict, Forbidden, NotFound
from backend_services.shared.outbox import Outbox, Transaction
from backend_services.shared.security import Principal


class LessonCompletions:
    def __init__(self, db: Database, outbox: Outbox, *, courses: CoursePort) -> None:
        self.db = db
        self.outbox = outbox
        self._courses = courses

    async def complete(
        self, actor: Principal, *, lesson_id: uuid.UUID, course_id: uuid.UUID
    ) -> LessonProgress:
        """Mark a lesson of an enrolled course done; the last one completes the course."""
        # Five independent reads (this context's database and the course port) run at once
        # instead of one after another; their answers are still judged in order, so
        # enrollment comes first and a stranger cannot probe a course's lessons.
        enrolled, lesson_course, has_quiz, course, total = await asyncio.gather(
            self._is_enrolled(actor.user_id, course_id),
            self._courses.lesson_course_id(lesson_id),
            self._courses.lesson_has_quiz(lesson_id),
            self._courses.get_course_summary(course_id),
            self._courses.count_lessons(course_id),
            return_exceptions=True,
        )
        if not settled(enrolled):
            raise Forbidden(service.NOT_ENROLLED)
        if settled(lesson_course) != course_id:
            raise NotFound(service.LESSON_NOT_IN_COURSE)
        # The server decides: a lesson with a quiz is complete only after a passed attempt.
        if settled(has_quiz) and not await self._has_passed(actor.user_id, lesson_id):
            raise Conflict(QUIZ_NOT_PASSED)
        found = _found(settled(course))
        async with self.outbox.transaction() as tx:
            progress = await service.complete_lesson_once(
                tx, student_id=actor.user_id, lesson_id=lesson_id, course=found, total_lessons=settled(total)
            )
        if progress is None:
            raise Conflict(service.ALREADY_COMPLETED)
        return progress

    async def after_passed_quiz(
        self, *, lesson_id: uuid.UUID, course_id: uuid.UUID
    ) -> tuple[CourseSummaryLike, int]:
        """What ``complete_after_passed_quiz`` needs, read before its transaction opens (from
        the course port only: the transaction itself checks the enrollment)."""
        lesson_course, course, total = await asyncio.gather(
            self._courses.lesson_course_id(lesson_id),
            self._courses.get_course_summary(course_id),
            self._courses.count_lessons(course_id),
            return_exceptions=True,
        )
        if settled(lesson_course) != course_id:
            raise NotFound(service.LESSON_NOT_IN_COURSE)
        return _found(settled(course)), settled(total)

    @staticmethod
    async def complete_after_passed_quiz(
        tx: Transaction,
        actor: Principal,
        *,
        lesson_id: uuid.UUID,
        target: tuple[CourseSummaryLike, int],
    ) -> None:
        """Inside the transaction that records the passed attempt: the lesson is done, or
        already was (e.g. the quiz was added after the lesson was completed)."""
        course, total = target
        await service.complete_lesson_once(
            tx, student_id=actor.user_id, lesson_id=lesson_id, course=course, total_lessons=total
        )

    async def _is_enrolled(self, student_id: uuid.UUID, course_id: uuid.UUID) -> bool:
        async with self.db.read_connection() as connection:
            return await StudentCourseReads(connection).is_enrolled(student_id, course_id)

    async def _has_passed(self, student_id: uuid.UUID, lesson_id: uuid.UUID) -> bool:
        async with self.db.read_session() as session:
            return await AttemptRepository(session).has_passed(student_id, lesson_id)


def _found(course: CourseSummaryLike | None) -> CourseSummaryLike:
    if course is None:
        raise NotFound(service.COURSE_NOT_FOUND)
    return course
