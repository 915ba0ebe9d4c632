"""Quiz attempts of the enrollment context: start, submit, list (reached as ``enrollment.quizzes``)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from backend_services.enrollment import quizzes, service
from backend_services.enrollment.completion import LessonCompletions
from backend_services.enrollment.models import QuizAttempt
from backend_services.enrollment.ports import CoursePort
from backend_services.enrollment.quiz_repository import AttemptRepository
from backend_services.enrollment.quiz_schemas import (
    AttemptList,
    AttemptPaper,
    AttemptPublic,
    AttemptResult,
    PaperQuestion,
    QuestionResult,
)
from backend_services.shared.aio import settled
from backend_services.shared.database import Database
from backend_services.shared.errors import Conflict, NotFound
from backend_services.shared.outbox import Outbox
from backend_services.shared.security import Principal


class QuizAttempts:
    def __init__(
        self, db: Database, outbox: Outbox, *, courses: CoursePort, completions: LessonCompletions
    ) -> None:
        self.db = db
        self.outbox = outbox
        self._courses = courses
        self._completions = completions

    async def start_attempt(
        self, actor: Principal, *, course_id: uuid.UUID, lesson_id: uuid.UUID
    ) -> AttemptPaper:
        """The open attempt at a lesson's quiz, or a new one within the attempt limit."""
        await service.require_enrolled_student_in_lesson(
            self.db, self._courses, actor, course_id=course_id, lesson_id=lesson_id
        )
        for _ in range(3):  # a concurrent start may win the attempt number; then resume that one
            async with self.db.session() as session:
                attempt = await AttemptRepository(session).open_attempt(actor.user_id, lesson_id)
            seed = attempt.seed if attempt else quizzes.new_seed()
            paper = await self._courses.quiz_for_student(lesson_id, seed=seed)
            if paper is None:
                raise NotFound(quizzes.NO_QUIZ)
            if attempt is None:
                async with self.db.session() as session:
                    attempt = await quizzes.open_new_attempt(
                        AttemptRepository(session),
                        student_id=actor.user_id,
                        lesson_id=lesson_id,
                        course_id=course_id,
                        max_attempts=paper.max_attempts,
                        seed=seed,
                    )
            if attempt is not None:
                return AttemptPaper(
                    attempt_id=attempt.id,
                    lesson_id=lesson_id,
                    course_id=course_id,
                    attempt_number=attempt.attempt_number,
                    pass_mark=paper.pass_mark,
                    max_attempts=paper.max_attempts,
                    attempts_left=quizzes.attempts_left(paper.max_attempts, attempt.attempt_number),
                    questions=[PaperQuestion.model_validate(q) for q in paper.questions],
                )
        raise Conflict(quizzes.ATTEMPT_SUBMITTED)

    async def submit_attempt(
        self, actor: Principal, *, lesson_id: uuid.UUID, attempt_id: uuid.UUID, answers: dict[str, list[str]]
    ) -> AttemptResult:
        """Grade an open attempt once; a pass completes the lesson (and maybe the course)."""
        service.require_student(actor)
        # The attempt is read and the answers graded at once; the attempt is judged first,
        # so a stranger's attempt id fails the same way as before.
        outcomes: tuple[QuizAttempt | None | BaseException, Any] = await asyncio.gather(
            self._attempt(attempt_id), self._courses.grade_quiz(lesson_id, answers), return_exceptions=True
        )
        found, graded = outcomes
        attempt = quizzes.own_attempt(settled(found), student_id=actor.user_id, lesson_id=lesson_id)
        grade = settled(graded)
        paper_read = self._courses.quiz_for_student(lesson_id, seed=attempt.seed)
        target = None
        if grade.passed:  # a pass completes the lesson: what that needs is read beside the paper
            target_or_error, paper_or_error = await asyncio.gather(
                self._completions.after_passed_quiz(lesson_id=lesson_id, course_id=attempt.course_id),
                paper_read,
                return_exceptions=True,
            )
            target, paper = settled(target_or_error), settled(paper_or_error)
        else:
            paper = await paper_read
        # The grade and the completion it earns commit together (one transaction, not two).
        async with self.outbox.transaction() as tx:
            stored = await AttemptRepository(tx.session).record_submission(
                attempt_id, answers=answers, score=grade.score, passed=grade.passed
            )
            if not stored:  # a concurrent submit of the same attempt got there first
                raise Conflict(quizzes.ATTEMPT_SUBMITTED)
            if target is not None:
                await self._completions.complete_after_passed_quiz(
                    tx, actor, lesson_id=lesson_id, target=target
                )
        max_attempts = paper.max_attempts if paper else None
        return AttemptResult(
            attempt_id=attempt.id,
            attempt_number=attempt.attempt_number,
            score=grade.score,
            passed=grade.passed,
            pass_mark=grade.pass_mark,
            correct_count=grade.correct_count,
            total=grade.total,
            attempts_left=quizzes.attempts_left(max_attempts, attempt.attempt_number),
            lesson_completed=target is not None,
            results=[QuestionResult.model_validate(r) for r in grade.results],
        )

    async def _attempt(self, attempt_id: uuid.UUID) -> QuizAttempt | None:
        async with self.db.read_session() as session:
            return await AttemptRepository(session).get(attempt_id)

    async def my_attempts(self, actor: Principal, lesson_id: uuid.UUID) -> list[AttemptPublic]:
        """The caller's attempts at a lesson's quiz, oldest first."""
        async with self.db.read_session() as session:
            rows = await AttemptRepository(session).list_for_student(actor.user_id, lesson_id)
        return [AttemptPublic.model_validate(r) for r in rows]

    async def course_attempts(
        self, actor: Principal, course_id: uuid.UUID, *, limit: int = 20, offset: int = 0
    ) -> AttemptList:
        """Submitted attempts of a course's students, newest first (its teacher only)."""
        course = await service.find_course(self._courses, course_id)
        service.require_course_teacher(actor, course)
        async with self.db.read_session() as session:
            rows, total = await AttemptRepository(session).list_submitted_for_course(
                course_id, limit=limit, offset=offset
            )
        return AttemptList(items=[AttemptPublic.model_validate(r) for r in rows], total=total)
