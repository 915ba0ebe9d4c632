"""Course use cases against in-memory repositories."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from backend_services.course import courses as service
from backend_services.course.schemas import CourseCreate, CourseUpdate
from backend_services.shared.errors import Forbidden, NotFound, Unprocessable
from tests.unit.course.conftest import principal


async def test_create_course_belongs_to_the_teacher(courses, store, teacher):
    data = CourseCreate(title="Go", price=Decimal("20"), level="intermediate")
    course = await service.create_course(courses, teacher, data)
    assert store.courses[course.id] is course
    assert course.teacher_id == teacher.user_id
    assert (course.is_free, course.price) == (False, Decimal("20.00"))
    assert (course.avg_rating, course.review_count, course.rating_sum) == (None, 0, 0)


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        (principal("student"), "Only teachers can create courses"),
        (principal("admin"), "Only teachers can create courses"),
        (principal("teacher", is_verified=False), "Only verified teachers can create courses"),
    ],
)
async def test_only_verified_teachers_create_courses(courses, store, actor, message):
    with pytest.raises(Forbidden, match=message):
        await service.create_course(courses, actor, CourseCreate(title="Go"))
    assert store.courses == {}


async def test_create_rejects_a_free_course_with_a_price(courses, teacher):
    data = CourseCreate(title="Go", is_free=True, price=Decimal("5"))
    with pytest.raises(Unprocessable, match="free course cannot have a price"):
        await service.create_course(courses, teacher, data)


async def test_update_applies_only_the_sent_fields(courses, teacher, course):
    updated = await service.update_course(
        courses, teacher, course.id, CourseUpdate(title="Renamed", duration_minutes=90)
    )
    assert (updated.title, updated.duration_minutes, updated.level) == ("Renamed", 90, "beginner")


async def test_update_switches_between_free_and_paid(courses, teacher, course):
    paid = CourseUpdate(is_free=False, price=Decimal("9.5"))
    await service.update_course(courses, teacher, course.id, paid)
    assert (course.is_free, course.price) == (False, Decimal("9.50"))
    await service.update_course(courses, teacher, course.id, CourseUpdate(is_free=True))
    assert (course.is_free, course.price) == (True, None)
    with pytest.raises(Unprocessable):
        await service.update_course(courses, teacher, course.id, CourseUpdate(is_free=False))
    assert (course.is_free, course.price) == (True, None)


async def test_update_checks_owner_and_existence(courses, course):
    intruder = principal("teacher")
    with pytest.raises(Forbidden, match="You do not own this course"):
        await service.update_course(courses, intruder, course.id, CourseUpdate(title="Mine"))
    assert course.title == "Python"
    with pytest.raises(NotFound):
        await service.update_course(courses, intruder, uuid.uuid4(), CourseUpdate(title="x"))
    with pytest.raises(Forbidden, match="Only teachers"):
        await service.update_course(courses, principal(), course.id, CourseUpdate(title="x"))


async def test_my_courses_are_for_teachers_only(courses, teacher, course):
    assert await service.list_my_courses(courses, teacher, limit=10, offset=0) == ([course], 1)
    with pytest.raises(Forbidden, match="^Only teachers can"):
        await service.list_my_courses(courses, principal(), limit=10, offset=0)
