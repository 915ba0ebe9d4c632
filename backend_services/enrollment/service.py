"""Enrollment use cases: enroll a student, complete lessons, report progress.

Cross-context questions (does the course exist, is it paid for, how many lessons
has it) are asked through the ports *before* the transaction opens, so no
enrollment row lock is held while another context's database answers.
"""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from backend_services.enrollment.models import Enrollment, LessonProgress
from backend_services.enrollment.ports import CoursePort, CourseSummaryLike, PaymentPort
from backend_services.enrollment.repository import (
    EnrollmentRepository,
    ProgressRepository,
    StudentCourseReads,
)
from backend_services.shared.database import Database, is_unique_violation
from backend_services.shared.errors import Conflict, Forbidden, NotFound, PaymentRequired
from backend_services.shared.outbox import Transaction
from backend_services.shared.security import Principal
from backend_services.shared.types import utcnow

ONLY_STUDENTS = "Only students can enroll"
COURSE_NOT_FOUND = "Course not found"
PAYMENT_REQUIRED = "Payment required for this course"
PAYMENT_MISMATCH = "This payment is not your completed payment for this course"
ALREADY_ENROLLED = "Already enrolled"
NOT_ENROLLED = "You are not enrolled in this course"
LESSON_NOT_IN_COURSE = "Lesson not found in this course"
ALREADY_COMPLETED = "Lesson already completed"
NOT_COURSE_TEACHER = "Only the course's teacher can see its students"

ENROLLED, IN_PROGRESS, COMPLETED = "enrolled", "in_progress", "completed"


def require_student(actor: Principal) -> None:
    if not actor.is_student:
        raise Forbidden(ONLY_STUDENTS)


def percentage(completed: int, total: int) -> float:
    """Share of lessons done, 0..100 with one decimal; 0 for a course without lessons."""
    if total <= 0:
        return 0.0
    return round(min(completed, total) * 100 / total, 1)


def status_after_completion(current: str, completed: int, total: int) -> str:
    """The enrollment status once ``completed`` of ``total`` lessons are done."""
    if current == COMPLETED or (total > 0 and completed >= total):
        # Never regress: lessons a teacher adds later do not un-complete a course.
        return COMPLETED
    return IN_PROGRESS


async def find_course(courses: CoursePort, course_id: uuid.UUID) -> CourseSummaryLike:
    course = await courses.get_course_summary(course_id)
    if course is None:
        raise NotFound(COURSE_NOT_FOUND)
    return course


async def payment_for(
    payments: PaymentPort,
    *,
    student_id: uuid.UUID,
    course: CourseSummaryLike,
    payment_id: uuid.UUID | None,
) -> uuid.UUID | None:
    """The id of the completed payment this enrollment rests on (None for a free course)."""
    if course.is_free:
        return None  # a payment id sent for a free course is simply not needed
    payment = await payments.find_completed_payment(student_id, course.id)
    if payment is None:
        raise PaymentRequired(PAYMENT_REQUIRED)
    if payment_id is not None and payment_id != payment.id:
        raise Conflict(PAYMENT_MISMATCH)
    return payment.id


async def enroll_student(
    tx: Transaction,
    *,
    student_id: uuid.UUID,
    course: CourseSummaryLike,
    payment_id: uuid.UUID | None,
) -> Enrollment:
    """Record the enrollment and publish ``student_enrolled`` in the same transaction."""
    enrollments = EnrollmentRepository(tx.session)
    if await enrollments.exists(student_id, course.id):
        raise Conflict(ALREADY_ENROLLED)
    enrollment = Enrollment(student_id=student_id, course_id=course.id, payment_id=payment_id)
    enrollments.add(enrollment)
    await _flush_or_conflict(tx, ALREADY_ENROLLED)  # a concurrent double-click won the race
    tx.publish(
        "student_enrolled",
        {
            "enrollment_id": enrollment.id,
            "student_id": student_id,
            "course_id": course.id,
            "course_title": course.title,
        },
    )
    return enrollment


async def check_lesson_in_course(courses: CoursePort, *, lesson_id: uuid.UUID, course_id: uuid.UUID) -> None:
    if await courses.lesson_course_id(lesson_id) != course_id:
        raise NotFound(LESSON_NOT_IN_COURSE)


async def require_enrolled_student_in_lesson(
    db: Database, courses: CoursePort, actor: Principal, *, course_id: uuid.UUID, lesson_id: uuid.UUID
) -> None:
    """The caller is a student enrolled in the course, and the lesson belongs to it.

    Enrollment is checked first so a stranger cannot probe a course's lessons.
    """
    require_student(actor)
    async with db.read_connection() as connection:
        enrolled = await StudentCourseReads(connection).is_enrolled(actor.user_id, course_id)
    if not enrolled:
        raise Forbidden(NOT_ENROLLED)
    await check_lesson_in_course(courses, lesson_id=lesson_id, course_id=course_id)


async def complete_lesson_once(
    tx: Transaction,
    *,
    student_id: uuid.UUID,
    lesson_id: uuid.UUID,
    course: CourseSummaryLike,
    total_lessons: int,
) -> LessonProgress | None:
    """Mark a lesson done and move the enrollment along; publishes ``course_completed``.
    None, with nothing written, when the lesson was already done."""
    # Locking the enrollment serialises one student's completions, so two lessons
    # finished at once both see each other when counting towards "completed" (and the
    # "already done" check below sees the other's row instead of failing on the key).
    enrollment = await EnrollmentRepository(tx.session).find_for_update(student_id, course.id)
    if enrollment is None:
        raise Forbidden(NOT_ENROLLED)
    progress_rows = ProgressRepository(tx.session)
    if await progress_rows.find(student_id, lesson_id) is not None:
        return None
    progress = LessonProgress(student_id=student_id, lesson_id=lesson_id, course_id=course.id)
    progress_rows.add(progress)
    await _flush_or_conflict(tx, ALREADY_COMPLETED)
    completed = await progress_rows.count_completed(student_id, course.id)
    new_status = status_after_completion(enrollment.status, completed, total_lessons)
    if new_status == COMPLETED and enrollment.status != COMPLETED:
        enrollment.completed_at = utcnow()
        tx.publish(
            "course_completed",
            {
                "enrollment_id": enrollment.id,
                "student_id": student_id,
                "course_id": course.id,
                "course_title": course.title,
            },
        )
    enrollment.status = new_status
    return progress


def require_course_teacher(actor: Principal, course: CourseSummaryLike) -> None:
    if not (actor.is_admin or (actor.is_teacher and course.teacher_id == actor.user_id)):
        raise Forbidden(NOT_COURSE_TEACHER)


async def _flush_or_conflict(tx: Transaction, message: str) -> None:
    try:
        await tx.session.flush()
    except IntegrityError as exc:
        if is_unique_violation(exc):
            raise Conflict(message) from exc
        raise
