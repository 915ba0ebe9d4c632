"""Video watch progress of the enrollment context (reached as ``enrollment.watching``)."""

from __future__ import annotations

import uuid

from backend_services.enrollment import service, watching
from backend_services.enrollment.ports import CoursePort
from backend_services.enrollment.watch_schemas import ResumePoint, WatchPositionPublic
from backend_services.shared.database import Database
from backend_services.shared.security import Principal


class Watching:
    def __init__(self, db: Database, *, courses: CoursePort) -> None:
        self.db = db
        self._courses = courses

    async def report_position(
        self,
        actor: Principal,
        *,
        course_id: uuid.UUID,
        lesson_id: uuid.UUID,
        position: float,
        duration: float,
    ) -> WatchPositionPublic:
        """Store an enrolled student's position in a lesson's video (clamped to [0, duration])."""
        await service.require_enrolled_student_in_lesson(
            self.db, self._courses, actor, course_id=course_id, lesson_id=lesson_id
        )
        async with self.db.session() as session:
            row = await watching.record(
                session,
                student_id=actor.user_id,
                lesson_id=lesson_id,
                course_id=course_id,
                position=position,
                duration=duration,
            )
            return watching.public(row)

    async def position(self, actor: Principal, lesson_id: uuid.UUID) -> WatchPositionPublic | None:
        """The caller's position in a lesson's video, if they watched it."""
        async with self.db.read_connection() as connection:
            row = await watching.for_lesson(connection, actor.user_id, lesson_id)
        return watching.public(row) if row else None

    async def resume_point(self, actor: Principal, course_id: uuid.UUID) -> ResumePoint:
        """The last lesson the caller watched in a course and where they stopped."""
        async with self.db.read_connection() as connection:
            row = await watching.last_in_course(connection, actor.user_id, course_id)
        if row is None:
            return ResumePoint(course_id=course_id, lesson_id=None, position_seconds=0, watched_percentage=0)
        return ResumePoint(
            course_id=course_id,
            lesson_id=row.lesson_id,
            position_seconds=row.position_seconds,
            watched_percentage=watching.watched_percentage(row.watched_seconds, row.duration_seconds),
        )
