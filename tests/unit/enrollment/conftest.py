"""The enrollment facade over a real (migrated, throw-away) SQLite file and fake ports."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from backend_services.enrollment.facade import EnrollmentFacade
from backend_services.shared.database import Database
from backend_services.shared.security import Principal, Role
from tests.unit.conftest import record_events


@dataclass
class FakeCourse:
    id: uuid.UUID
    teacher_id: uuid.UUID
    title: str
    is_free: bool = True
    price: Decimal | None = None
    lessons: list[uuid.UUID] = field(default_factory=list)


class FakeCourses:
    """Stands in for the course context's ports."""

    def __init__(self) -> None:
        self.courses: dict[uuid.UUID, FakeCourse] = {}
        self.count_many_calls: list[list[uuid.UUID]] = []

    def add(self, *, lessons: int = 3, price: str | None = None, title: str = "Python 101"):
        course = FakeCourse(
            id=uuid.uuid4(),
            teacher_id=uuid.uuid4(),
            title=title,
            is_free=price is None,
            price=Decimal(price) if price else None,
            lessons=[uuid.uuid4() for _ in range(lessons)],
        )
        self.courses[course.id] = course
        return course

    async def get_course_summary(self, course_id):
        return self.courses.get(course_id)

    async def lesson_course_id(self, lesson_id):
        return next((c.id for c in self.courses.values() if lesson_id in c.lessons), None)

    async def count_lessons(self, course_id):
        course = self.courses.get(course_id)
        return len(course.lessons) if course else 0

    async def count_lessons_many(self, course_ids):
        self.count_many_calls.append(list(course_ids))
        return {course_id: await self.count_lessons(course_id) for course_id in course_ids}

    async def lesson_has_quiz(self, lesson_id):
        return False


@dataclass
class FakePayment:
    id: uuid.UUID


class FakePayments:
    """Stands in for the payment context's port: completed payments by (student, course)."""

    def __init__(self) -> None:
        self.completed: dict[tuple[uuid.UUID, uuid.UUID], FakePayment] = {}

    def pay(self, student_id, course_id) -> FakePayment:
        payment = FakePayment(uuid.uuid4())
        self.completed[(student_id, course_id)] = payment
        return payment

    async def find_completed_payment(self, student_id, course_id):
        return self.completed.get((student_id, course_id))


def principal(role: Role = Role.STUDENT, user_id: uuid.UUID | None = None) -> Principal:
    return Principal(user_id=user_id or uuid.uuid4(), role=role, is_verified=True)


@pytest.fixture
def courses() -> FakeCourses:
    return FakeCourses()


@pytest.fixture
def payments() -> FakePayments:
    return FakePayments()


@pytest.fixture
async def enrollment(sqlite_template, tmp_path, courses, payments, events):
    db = Database("enrollment", sqlite_template.fresh(tmp_path / "db"))
    facade = EnrollmentFacade(db, courses=courses, payments=payments)

    record_events(facade.outbox, events)
    yield facade
    await db.dispose()
