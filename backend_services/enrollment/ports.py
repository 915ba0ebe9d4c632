"""What the enrollment context needs from other contexts, as structural types.

The composition root hands in the course and payment facades; unit tests hand in
fakes. Nothing here imports another context.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Protocol


class CourseSummaryLike(Protocol):
    id: uuid.UUID
    teacher_id: uuid.UUID
    title: str
    is_free: bool
    price: Decimal | None


class CoursePort(Protocol):
    async def get_course_summary(self, course_id: uuid.UUID) -> CourseSummaryLike | None: ...

    async def lesson_course_id(self, lesson_id: uuid.UUID) -> uuid.UUID | None: ...

    async def count_lessons(self, course_id: uuid.UUID) -> int: ...

    async def count_lessons_many(self, course_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Lesson count per given id (0 for an unknown course); ``{}`` for no ids."""
        ...

    async def lesson_has_quiz(self, lesson_id: uuid.UUID) -> bool: ...

    async def quiz_for_student(self, lesson_id: uuid.UUID, *, seed: int) -> Any | None:
        """The quiz paper (questions/options without correctness) in the order ``seed`` gives."""
        ...

    async def grade_quiz(self, lesson_id: uuid.UUID, answers: dict[str, list[str]]) -> Any:
        """Score, passed and per-question correctness, computed by the course context."""
        ...

    async def quiz_lesson_ids(self, course_id: uuid.UUID) -> list[uuid.UUID]: ...

    async def get_curriculum(self, course_id: uuid.UUID) -> Any:
        """Modules with lesson outlines (ids, titles) in course order."""
        ...

    async def rating_distribution(self, course_id: uuid.UUID) -> dict[int, int]: ...


class PaymentLike(Protocol):
    id: uuid.UUID


class PaymentPort(Protocol):
    async def find_completed_payment(
        self, student_id: uuid.UUID, course_id: uuid.UUID
    ) -> PaymentLike | None: ...

    async def revenue_for_course(self, course_id: uuid.UUID) -> tuple[Decimal, int]:
        """(total of completed payments, how many) for one course."""
        ...


class PersonLike(Protocol):
    name: str


class PeoplePort(Protocol):
    async def get_users(self, user_ids: list[uuid.UUID]) -> Mapping[uuid.UUID, PersonLike]:
        """Public profiles (names) by id; unknown ids are left out."""
        ...
