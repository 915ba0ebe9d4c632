"""Quiz use cases: the owning teacher writes a lesson's quiz; students get a paper; grading.

Correct answers never leave this context before an attempt is submitted: other contexts
get a ``QuizPaper`` (no correctness) and hand answers back to ``grade``.
"""

from __future__ import annotations

import uuid

from backend_services.course import quiz_rules
from backend_services.course.curriculum import owned_lesson
from backend_services.course.models import Quiz
from backend_services.course.quiz_repository import QuizRepository
from backend_services.course.quiz_schemas import QuizGrade, QuizIn, QuizPaper, QuizTeacherView
from backend_services.course.repository import CurriculumRepository
from backend_services.shared.errors import NotFound
from backend_services.shared.security import Principal
from backend_services.shared.types import utcnow

NO_QUIZ = "This lesson has no quiz"


def _teacher_view(quiz: Quiz) -> QuizTeacherView:
    return QuizTeacherView(
        lesson_id=quiz.lesson_id,
        course_id=quiz.course_id,
        pass_mark=quiz.pass_mark,
        max_attempts=quiz.max_attempts,
        questions=quiz_rules.teacher_questions(quiz.questions),
    )


async def set_quiz(
    curriculum: CurriculumRepository,
    quizzes: QuizRepository,
    actor: Principal,
    lesson_id: uuid.UUID,
    data: QuizIn,
) -> QuizTeacherView:
    """Create or replace the quiz of a lesson of the actor's course (one quiz per lesson)."""
    lesson = await owned_lesson(curriculum, actor, lesson_id, verified=True)
    questions = quiz_rules.stored_questions(data)
    quiz = await quizzes.for_lesson(lesson_id)
    if quiz is None:
        quiz = Quiz(lesson_id=lesson.id, course_id=lesson.course_id)
        quizzes.add(quiz)
    quiz.pass_mark, quiz.max_attempts = data.pass_mark, data.max_attempts
    quiz.questions, quiz.updated_at = questions, utcnow()
    return _teacher_view(quiz)


async def get_quiz(
    curriculum: CurriculumRepository, quizzes: QuizRepository, actor: Principal, lesson_id: uuid.UUID
) -> QuizTeacherView:
    """The quiz with its answers, for the course's teacher."""
    await owned_lesson(curriculum, actor, lesson_id)
    quiz = await quizzes.for_lesson(lesson_id)
    if quiz is None:
        raise NotFound(NO_QUIZ)
    return _teacher_view(quiz)


async def delete_quiz(
    curriculum: CurriculumRepository, quizzes: QuizRepository, actor: Principal, lesson_id: uuid.UUID
) -> None:
    """Remove a lesson's quiz (attempts already taken stay in the enrollment context)."""
    await owned_lesson(curriculum, actor, lesson_id)
    if not await quizzes.delete_for_lesson(lesson_id):
        raise NotFound(NO_QUIZ)


async def paper_for(quizzes: QuizRepository, lesson_id: uuid.UUID, seed: int) -> QuizPaper | None:
    """The student's paper in the order ``seed`` gives, or None when the lesson has no quiz."""
    row = await quizzes.content_of(lesson_id)
    if row is None:
        return None
    return QuizPaper(
        lesson_id=lesson_id,
        course_id=row.course_id,
        pass_mark=row.pass_mark,
        max_attempts=row.max_attempts,
        questions=quiz_rules.paper_questions(row.questions, seed),
    )


async def grade(quizzes: QuizRepository, lesson_id: uuid.UUID, answers: dict[str, list[str]]) -> QuizGrade:
    """Grade answers against the lesson's quiz (NotFound when it has none)."""
    row = await quizzes.content_of(lesson_id)
    if row is None:
        raise NotFound(NO_QUIZ)
    return quiz_rules.grade(row.questions, row.pass_mark, answers)
