"""Rows of the learning features: quizzes, quiz attempts, watch positions, certificates.

Deterministic like the rest of the seed. A lesson has a quiz when
``(course + position) % QUIZ_EVERY == QUIZ_EVERY - 1`` (a fifth of the lessons); every
completed quiz lesson has a passed attempt (a third of them after a failed one), as the
application requires; every in-progress enrollment is part-way through the video of
its next lesson; every completed enrollment has its certificate.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from loadtest.plan import SEED, Plan, lesson_duration, new_uuid
from loadtest.rows import Row, _nth_completion, course_title, user_name

QUIZ_EVERY = 5
PASS_MARK = 50
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
QUESTIONS = [
    {
        "id": "q1",
        "kind": "single",
        "text": "Which statement sums up this lesson?",
        "options": [
            {"id": "a", "text": "The main idea of the lesson", "correct": True},
            {"id": "b", "text": "Something the lesson never said", "correct": False},
            {"id": "c", "text": "The opposite of the main idea", "correct": False},
        ],
        "accepted_answers": [],
    },
    {"id": "q2", "kind": "text", "text": "Type the word 'done'", "options": [], "accepted_answers": ["done"]},
]
RIGHT, WRONG = {"q1": ["a"], "q2": ["done"]}, {"q1": ["b"], "q2": ["no"]}

QUIZZES = ("id", "lesson_id", "course_id", "pass_mark", "max_attempts", "questions", "updated_at")
ATTEMPTS = (
    "id",
    "student_id",
    "lesson_id",
    "course_id",
    "attempt_number",
    "seed",
    "answers",
    "score",
    "passed",
    "started_at",
    "submitted_at",
)
WATCH = (
    "id",
    "student_id",
    "lesson_id",
    "course_id",
    "position_seconds",
    "duration_seconds",
    "watched_seconds",
    "updated_at",
)
CERTIFICATES = (
    "id",
    "code",
    "enrollment_id",
    "student_id",
    "course_id",
    "student_name",
    "course_title",
    "teacher_name",
    "completed_at",
    "issued_at",
)


def has_quiz(course: int, position: int) -> bool:
    return (course + position) % QUIZ_EVERY == QUIZ_EVERY - 1


def _fails_first(enrollment_index: int, position: int) -> bool:
    return (enrollment_index + position) % 3 == 0


def quiz_count(plan: Plan) -> int:
    return sum(has_quiz(c, p) for c in range(plan.sizes.courses) for p in range(plan.lessons_in(c)))


def quiz_rows(plan: Plan) -> Iterator[Row]:
    rng = random.Random(SEED + 10)
    for c in range(plan.sizes.courses):
        _, lesson_ids = plan.structure_ids(c)
        for position, lesson_id in enumerate(lesson_ids):
            if has_quiz(c, position):
                yield (
                    new_uuid(rng),
                    lesson_id,
                    plan.course_ids[c],
                    PASS_MARK,
                    None,
                    QUESTIONS,
                    plan.course_created[c],
                )


def attempt_count(plan: Plan) -> int:
    return sum(
        1 + _fails_first(i, p)
        for i, e in enumerate(plan.enrollments)
        for p in range(e.completed_lessons)
        if has_quiz(e.course, p)
    )


def attempt_rows(plan: Plan) -> Iterator[Row]:
    """A passed attempt for every completed quiz lesson, some after a failed one."""
    rng = random.Random(SEED + 11)
    for i, e in enumerate(plan.enrollments):
        if not e.completed_lessons:
            continue
        _, lesson_ids = plan.structure_ids(e.course, e.completed_lessons)
        student, course = plan.user_ids[e.student], plan.course_ids[e.course]
        for position, lesson_id in enumerate(lesson_ids):
            if not has_quiz(e.course, position):
                continue
            done = _nth_completion(e.enrolled_at, position)
            tries = [(WRONG, 0, False)] if _fails_first(i, position) else []
            for number, (answers, score, passed) in enumerate([*tries, (RIGHT, 100, True)], start=1):
                at = done - timedelta(minutes=5 * (len(tries) + 1 - number))
                yield (
                    new_uuid(rng),
                    student,
                    lesson_id,
                    course,
                    number,
                    rng.randrange(2**31 - 1),
                    answers,
                ) + (
                    score,
                    passed,
                    at - timedelta(minutes=3),
                    at,
                )


def watch_count(plan: Plan) -> int:
    return sum(
        1
        for e in plan.enrollments
        if e.status == "in_progress" and e.completed_lessons < plan.lessons_in(e.course)
    )


def watch_rows(plan: Plan) -> Iterator[Row]:
    """In-progress students stopped part-way through the video of their next lesson."""
    rng = random.Random(SEED + 12)
    for e in plan.enrollments:
        if e.status != "in_progress" or e.completed_lessons >= plan.lessons_in(e.course):
            continue
        _, lesson_ids = plan.structure_ids(e.course, e.completed_lessons + 1)
        duration = float(lesson_duration(e.course, e.completed_lessons) * 60)
        position = round(duration * rng.random(), 1)
        yield (
            new_uuid(rng),
            plan.user_ids[e.student],
            lesson_ids[-1],
            plan.course_ids[e.course],
            position,
            duration,
            position,
            _nth_completion(e.enrolled_at, e.completed_lessons),
        )


def certificate_count(plan: Plan) -> int:
    return sum(1 for e in plan.enrollments if e.status == "completed")


def certificate_rows(plan: Plan) -> Iterator[Row]:
    rng = random.Random(SEED + 13)
    for e in plan.enrollments:
        if e.status != "completed":
            continue
        chars = "".join(rng.choice(CODE_ALPHABET) for _ in range(12))
        completed_at = _nth_completion(e.enrolled_at, e.completed_lessons - 1)
        yield (
            new_uuid(rng),
            f"{chars[:4]}-{chars[4:8]}-{chars[8:]}",
            e.id,
            plan.user_ids[e.student],
            plan.course_ids[e.course],
            user_name(e.student),
            course_title(plan, e.course),
            user_name(plan.course_teacher[e.course]),
            completed_at,
            completed_at + timedelta(seconds=1),
        )
