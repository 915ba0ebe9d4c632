"""The payment facade over a real (migrated, throw-away) SQLite file and a fake course port."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest

from backend_services.payment.facade import PaymentFacade
from backend_services.shared.database import Database
from backend_services.shared.security import Principal, Role
from tests.unit.conftest import record_events


@dataclass
class FakeCourse:
    id: uuid.UUID
    teacher_id: uuid.UUID
    title: str
    is_free: bool
    price: Decimal | None


class FakeCourses:
    def __init__(self) -> None:
        self.courses: dict[uuid.UUID, FakeCourse] = {}

    def add(self, price: str | None = "49.99", title: str = "Data Science") -> FakeCourse:
        course = FakeCourse(
            uuid.uuid4(), uuid.uuid4(), title, price is None, Decimal(price) if price else None
        )
        self.courses[course.id] = course
        return course

    async def get_course_summary(self, course_id):
        return self.courses.get(course_id)


class CountingProvider:
    """Records every charge so tests can prove nothing is charged twice."""

    def __init__(self, status: str = "completed") -> None:
        self.status = status
        self.charges: list[tuple[uuid.UUID, uuid.UUID, Decimal]] = []

    async def charge(self, *, student_id, course_id, amount) -> str:
        self.charges.append((student_id, course_id, amount))
        return self.status


def student() -> Principal:
    return Principal(user_id=uuid.uuid4(), role=Role.STUDENT, is_verified=False)


@pytest.fixture
def courses() -> FakeCourses:
    return FakeCourses()


@pytest.fixture
def provider() -> CountingProvider:
    return CountingProvider()


@pytest.fixture
async def payment(sqlite_template, tmp_path, courses, provider, events):
    db = Database("payment", sqlite_template.fresh(tmp_path / "db"))
    facade = PaymentFacade(db, courses=courses, provider=provider)

    record_events(facade.outbox, events)
    yield facade
    await db.dispose()
