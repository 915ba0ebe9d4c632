"""Public API of the enrollment context: the only module other packages import."""

from __future__ import annotations

import uuid
from typing import TypeVar

from backend_services.enrollment import service
from backend_services.enrollment.analytics_facade import CourseReports
from backend_services.enrollment.analytics_schemas import CourseAnalytics
from backend_services.enrollment.certificate_facade import Certificates
from backend_services.enrollment.certificate_schemas import CertificateList, CertificatePublic
from backend_services.enrollment.completion import LessonCompletions
from backend_services.enrollment.models import EnrollmentOutbox, EnrollmentProcessedEvent
from backend_services.enrollment.ports import CoursePort, PaymentPort, PeoplePort
from backend_services.enrollment.quiz_facade import QuizAttempts
from backend_services.enrollment.quiz_schemas import AttemptList, AttemptPaper, AttemptPublic, AttemptResult
from backend_services.enrollment.repository import (
    EnrollmentRepository,
    ProgressRepository,
    StudentCourseReads,
)
from backend_services.enrollment.schemas import (
    CourseStanding,
    CourseStudent,
    CourseStudentList,
    EnrollmentList,
    EnrollmentPublic,
    LessonProgressPublic,
    ProgressPublic,
)
from backend_services.enrollment.watch_facade import Watching
from backend_services.enrollment.watch_schemas import ResumePoint, WatchPositionPublic
from backend_services.shared.broker.inbox import Inbox
from backend_services.shared.database import Database
from backend_services.shared.outbox import Event, Outbox
from backend_services.shared.remote.markers import local_only, read
from backend_services.shared.security import Principal

T = TypeVar("T")


class EnrollmentFacade:
    def __init__(
        self,
        db: Database,
        *,
        courses: CoursePort,
        payments: PaymentPort,
        people: PeoplePort | None = None,
        public_base_url: str = "",
    ) -> None:
        self.db = db
        self.outbox = Outbox(db, EnrollmentOutbox)
        self._courses = courses
        self._payments = payments
        self.completions = LessonCompletions(db, self.outbox, courses=courses)
        self.quizzes = QuizAttempts(db, self.outbox, courses=courses, completions=self.completions)
        self.watching = Watching(db, courses=courses)
        self.analytics = CourseReports(db, courses=courses, payments=payments)
        self.certificates = Certificates(
            db, self.outbox, courses=courses, people=people, base_url=public_base_url
        )
        # Events taken from the broker, so a redelivery is not handled twice.
        self.inbox = Inbox(db, EnrollmentProcessedEvent)

    @local_only
    async def issue_certificate(self, event: Event) -> None:
        """Event consumer: a completed course gets its certificate, once (wiring.py)."""
        await self.certificates.handle_event(event)

    async def enroll(
        self, actor: Principal, *, course_id: uuid.UUID, payment_id: uuid.UUID | None = None
    ) -> EnrollmentPublic:
        """Enroll a student; a paid course needs their completed payment for it."""
        service.require_student(actor)
        course = await service.find_course(self._courses, course_id)
        paid_with = await service.payment_for(
            self._payments, student_id=actor.user_id, course=course, payment_id=payment_id
        )
        async with self.outbox.transaction() as tx:
            enrollment = await service.enroll_student(
                tx, student_id=actor.user_id, course=course, payment_id=paid_with
            )
        return EnrollmentPublic.model_validate(enrollment)

    @read
    async def list_my_enrollments(
        self, actor: Principal, *, limit: int = 20, offset: int = 0
    ) -> EnrollmentList:
        """The caller's enrollments, newest first."""
        async with self.db.read_session() as session:
            rows, total = await EnrollmentRepository(session).list_for_student(
                actor.user_id, limit=limit, offset=offset
            )
        return EnrollmentList(items=[EnrollmentPublic.model_validate(r) for r in rows], total=total)

    @read
    async def get_my_enrollment(self, actor: Principal, course_id: uuid.UUID) -> EnrollmentPublic | None:
        """The caller's enrollment in a course, if any."""
        async with self.db.read_session() as session:
            row = await EnrollmentRepository(session).find(actor.user_id, course_id)
        return EnrollmentPublic.model_validate(row) if row else None

    @read
    async def count_for_course(self, course_id: uuid.UUID) -> int:
        """How many students are enrolled in a course (public)."""
        async with self.db.read_session() as session:
            return await EnrollmentRepository(session).count_for_course(course_id)

    @read
    async def is_enrolled(self, student_id: uuid.UUID, course_id: uuid.UUID) -> bool:
        """Port for the course context (may a student review this course?)."""
        async with self.db.read_connection() as connection:
            return await StudentCourseReads(connection).is_enrolled(student_id, course_id)

    async def complete_lesson(
        self, actor: Principal, *, lesson_id: uuid.UUID, course_id: uuid.UUID
    ) -> LessonProgressPublic:
        """Mark a lesson of an enrolled course done; the last one completes the course."""
        progress = await self.completions.complete(actor, lesson_id=lesson_id, course_id=course_id)
        return LessonProgressPublic.model_validate(progress)

    @read
    async def get_progress(self, actor: Principal, course_id: uuid.UUID) -> ProgressPublic:
        """Completed lessons against the course's real lesson count."""
        async with self.db.read_connection() as connection:
            completed = await StudentCourseReads(connection).count_completed(actor.user_id, course_id)
        total = await self._courses.count_lessons(course_id)
        return ProgressPublic(
            course_id=course_id,
            completed_lessons=completed,
            total_lessons=total,
            percentage=service.percentage(completed, total),
        )

    @read
    async def progress_for(
        self, actor: Principal, course_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, ProgressPublic]:
        """``get_progress`` for many courses: one grouped query here, one call to the course port.

        Every distinct given id is a key, with exactly what ``get_progress`` would answer:
        a course the caller is not enrolled in shows 0 completed against its real lesson
        count, an unknown course 0 of 0. An empty list answers ``{}`` without any query.
        """
        wanted = list(dict.fromkeys(course_ids))
        if not wanted:
            return {}
        async with self.db.read_session() as session:
            done = await ProgressRepository(session).completed_counts_by_course(actor.user_id, wanted)
        totals = await self._courses.count_lessons_many(wanted)
        result: dict[uuid.UUID, ProgressPublic] = {}
        for course_id in wanted:
            completed, total = done.get(course_id, 0), totals.get(course_id, 0)
            result[course_id] = ProgressPublic(
                course_id=course_id,
                completed_lessons=completed,
                total_lessons=total,
                percentage=service.percentage(completed, total),
            )
        return result

    @read
    async def my_standing(self, actor: Principal, course_id: uuid.UUID) -> CourseStanding:
        """``get_my_enrollment`` + ``completed_lesson_ids`` + ``get_progress`` on one connection
        (two statements; none past the first when the caller is not enrolled)."""
        async with self.db.read_connection() as connection:
            reads = StudentCourseReads(connection)
            row = await reads.enrollment(actor.user_id, course_id)
            if row is None:
                return CourseStanding()
            enrollment = EnrollmentPublic.model_validate(dict(row))
            done = await reads.completed_lesson_ids(actor.user_id, course_id)
        total = await self._courses.count_lessons(course_id)
        progress = ProgressPublic(
            course_id=course_id,
            completed_lessons=len(done),
            total_lessons=total,
            percentage=service.percentage(len(done), total),
        )
        return CourseStanding(enrollment=enrollment, completed_lesson_ids=done, progress=progress)

    @read
    async def completed_lesson_ids(self, actor: Principal, course_id: uuid.UUID) -> list[uuid.UUID]:
        """Ids of the lessons the caller has completed in a course."""
        async with self.db.read_connection() as connection:
            return await StudentCourseReads(connection).completed_lesson_ids(actor.user_id, course_id)

    @read
    async def list_course_students(
        self, actor: Principal, course_id: uuid.UUID, *, limit: int = 20, offset: int = 0
    ) -> CourseStudentList:
        """A course's students with their progress (its teacher only)."""
        course = await service.find_course(self._courses, course_id)
        service.require_course_teacher(actor, course)
        async with self.db.read_session() as session:
            rows, total = await EnrollmentRepository(session).list_for_course(
                course_id, limit=limit, offset=offset
            )
            done = await ProgressRepository(session).completed_counts(course_id, [r.student_id for r in rows])
        lessons = await self._courses.count_lessons(course_id)
        items = [
            # Validated: the row's status is a plain string column.
            CourseStudent.model_validate(
                {
                    "student_id": r.student_id,
                    "status": r.status,
                    "enrolled_at": r.enrolled_at,
                    "completed_lessons": done.get(r.student_id, 0),
                    "total_lessons": lessons,
                    "percentage": service.percentage(done.get(r.student_id, 0), lessons),
                }
            )
            for r in rows
        ]
        return CourseStudentList(items=items, total=total)

    # --- learning features: one flat surface, the sub-facades hold the work ------------
    # (Every public method sits on the facade itself, so a remote adapter of the facade
    # exposes them the same way as the methods above.)

    async def start_quiz_attempt(
        self, actor: Principal, *, course_id: uuid.UUID, lesson_id: uuid.UUID
    ) -> AttemptPaper:
        """The open attempt at a lesson's quiz (same order on every call) or a new one."""
        return await self.quizzes.start_attempt(actor, course_id=course_id, lesson_id=lesson_id)

    async def submit_quiz_attempt(
        self, actor: Principal, *, lesson_id: uuid.UUID, attempt_id: uuid.UUID, answers: dict[str, list[str]]
    ) -> AttemptResult:
        """Grade an open attempt once; a pass completes the lesson."""
        return await self.quizzes.submit_attempt(
            actor, lesson_id=lesson_id, attempt_id=attempt_id, answers=answers
        )

    @read
    async def my_quiz_attempts(self, actor: Principal, lesson_id: uuid.UUID) -> list[AttemptPublic]:
        """The caller's attempts at a lesson's quiz, oldest first."""
        return await self.quizzes.my_attempts(actor, lesson_id)

    @read
    async def course_quiz_attempts(
        self, actor: Principal, course_id: uuid.UUID, *, limit: int = 20, offset: int = 0
    ) -> AttemptList:
        """Submitted attempts of a course's students, newest first (its teacher)."""
        return await self.quizzes.course_attempts(actor, course_id, limit=limit, offset=offset)

    @read
    async def verify_certificate(self, code: str) -> CertificatePublic:
        """Public: the certificate behind a code (NotFound for an unknown code)."""
        return await self.certificates.verify(code)

    @local_only  # bytes: the PDF is served by the enrollment service itself
    async def certificate_pdf(self, actor: Principal, code: str) -> tuple[str, bytes]:
        """The owner's certificate as (file name, PDF bytes)."""
        return await self.certificates.pdf(actor, code)

    @read
    async def my_certificates(self, actor: Principal) -> CertificateList:
        """The caller's certificates, newest first."""
        return await self.certificates.mine(actor)

    async def report_watch_position(
        self,
        actor: Principal,
        *,
        course_id: uuid.UUID,
        lesson_id: uuid.UUID,
        position: float,
        duration: float,
    ) -> WatchPositionPublic:
        """Store an enrolled student's position in a lesson's video (clamped to [0, duration])."""
        return await self.watching.report_position(
            actor, course_id=course_id, lesson_id=lesson_id, position=position, duration=duration
        )

    @read
    async def watch_position(self, actor: Principal, lesson_id: uuid.UUID) -> WatchPositionPublic | None:
        """The caller's position in a lesson's video, if they watched it."""
        return await self.watching.position(actor, lesson_id)

    @read
    async def resume_point(self, actor: Principal, course_id: uuid.UUID) -> ResumePoint:
        """Continue where you left off: the last lesson watched in a course and where."""
        return await self.watching.resume_point(actor, course_id)

    @read
    async def course_report(self, actor: Principal, course_id: uuid.UUID) -> CourseAnalytics:
        """The teacher's analytics of a course."""
        return await self.analytics.course_report(actor, course_id)

    @read
    async def course_report_csv(self, actor: Principal, course_id: uuid.UUID) -> str:
        """The same report as CSV."""
        return await self.analytics.course_report_csv(actor, course_id)
