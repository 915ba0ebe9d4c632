"""Quiz attempt rules: who may start one, how many, and one result per attempt.

The quiz's content and grading belong to the course context (asked through the port);
this module decides about attempts, which are a student's progress.
"""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy.exc import IntegrityError

from backend_services.enrollment.models import QuizAttempt
from backend_services.enrollment.quiz_repository import AttemptRepository
from backend_services.shared.database import is_unique_violation
from backend_services.shared.errors import Conflict, NotFound

NO_QUIZ = "This lesson has no quiz"
NO_ATTEMPTS_LEFT = "No attempts left for this quiz"
ALREADY_PASSED = "You have already passed this quiz"
ATTEMPT_NOT_FOUND = "Quiz attempt not found for this lesson"
ATTEMPT_SUBMITTED = "This attempt has already been submitted"
QUIZ_NOT_PASSED = "Pass this lesson's quiz to complete it"


def new_seed() -> int:
    """A per-attempt seed that fits a 32-bit INTEGER column."""
    return secrets.randbelow(2**31 - 1)


def attempts_left(max_attempts: int | None, started: int) -> int | None:
    """Attempts still allowed (None when unlimited)."""
    return None if max_attempts is None else max(max_attempts - started, 0)


def check_can_start(*, started: int, passed: bool, max_attempts: int | None) -> None:
    """A passed quiz is done; otherwise the attempt limit (if any) must not be reached."""
    if passed:
        raise Conflict(ALREADY_PASSED)
    if max_attempts is not None and started >= max_attempts:
        raise Conflict(NO_ATTEMPTS_LEFT)


async def open_new_attempt(
    attempts: AttemptRepository,
    *,
    student_id: uuid.UUID,
    lesson_id: uuid.UUID,
    course_id: uuid.UUID,
    max_attempts: int | None,
    seed: int,
) -> QuizAttempt | None:
    """Start attempt n+1 within the limit; None when a concurrent request started one first."""
    started, passed = await attempts.stats(student_id, lesson_id)
    check_can_start(started=started, passed=passed, max_attempts=max_attempts)
    attempt = QuizAttempt(
        student_id=student_id,
        lesson_id=lesson_id,
        course_id=course_id,
        attempt_number=started + 1,
        seed=seed,
    )
    attempts.add(attempt)
    try:
        await attempts.session.flush()
    except IntegrityError as exc:
        # The unique (student, lesson, attempt_number) let only one of two racing starts in.
        if is_unique_violation(exc):
            return None
        raise
    return attempt


def own_attempt(attempt: QuizAttempt | None, *, student_id: uuid.UUID, lesson_id: uuid.UUID) -> QuizAttempt:
    """The caller's attempt at this lesson; anything else (another lesson too) is not found."""
    if attempt is None or attempt.student_id != student_id or attempt.lesson_id != lesson_id:
        raise NotFound(ATTEMPT_NOT_FOUND)
    if attempt.submitted_at is not None:
        raise Conflict(ATTEMPT_SUBMITTED)
    return attempt
