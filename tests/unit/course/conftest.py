"""Fakes and principals for the course service tests."""

from __future__ import annotations

import uuid

import pytest

from backend_services.course.models import Course
from backend_services.shared.security import Principal, Role
from tests.unit.course.fakes import (
    FakeCourseRepository,
    FakeCurriculumRepository,
    FakeReviewRepository,
    FakeStore,
)


def principal(role: str = "student", *, is_verified: bool = True) -> Principal:
    return Principal(user_id=uuid.uuid4(), role=Role(role), is_verified=is_verified)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def courses(store) -> FakeCourseRepository:
    return FakeCourseRepository(store)


@pytest.fixture
def curriculum(store) -> FakeCurriculumRepository:
    return FakeCurriculumRepository(store)


@pytest.fixture
def reviews(store) -> FakeReviewRepository:
    return FakeReviewRepository(store)


@pytest.fixture
def teacher() -> Principal:
    return principal("teacher")


@pytest.fixture
def course(store, teacher) -> Course:
    """A free course owned by ``teacher``."""
    course = Course(teacher_id=teacher.user_id, title="Python", level="beginner")
    store.courses[course.id] = course
    return course
