"""Enrolling: who may, what a paid course needs, and that it happens once."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from backend_services.shared.errors import Conflict, Forbidden, NotFound, PaymentRequired
from backend_services.shared.security import Role
from tests.unit.enrollment.conftest import principal


async def test_a_student_enrolls_in_a_free_course_and_the_event_is_published(enrollment, courses, events):
    course = courses.add(title="Free Python")
    student = principal()
    result = await enrollment.enroll(student, course_id=course.id)
    assert result.status == "enrolled"
    assert result.payment_id is None
    assert result.student_id == student.user_id
    assert [e.topic for e in events] == ["student_enrolled"]
    assert events[0].payload == {
        "enrollment_id": str(result.id),
        "student_id": str(student.user_id),
        "course_id": str(course.id),
        "course_title": "Free Python",
    }
    assert await enrollment.is_enrolled(student.user_id, course.id)
    assert await enrollment.count_for_course(course.id) == 1


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
async def test_only_students_enroll(enrollment, courses, role):
    course = courses.add()
    with pytest.raises(Forbidden, match="Only students can enroll"):
        await enrollment.enroll(principal(role), course_id=course.id)


async def test_an_unknown_course_is_not_found(enrollment):
    with pytest.raises(NotFound):
        await enrollment.enroll(principal(), course_id=uuid.uuid4())


async def test_a_paid_course_needs_the_students_completed_payment(enrollment, courses, payments):
    course = courses.add(price="49.99")
    student = principal()
    with pytest.raises(PaymentRequired, match="Payment required for this course"):
        await enrollment.enroll(student, course_id=course.id)
    payments.pay(uuid.uuid4(), course.id)  # somebody else's payment does not count
    with pytest.raises(PaymentRequired):
        await enrollment.enroll(student, course_id=course.id)
    payment = payments.pay(student.user_id, course.id)
    result = await enrollment.enroll(student, course_id=course.id)
    assert result.payment_id == payment.id


async def test_a_payment_id_that_is_not_this_students_payment_is_a_conflict(enrollment, courses, payments):
    course = courses.add(price="10.00")
    student = principal()
    payments.pay(student.user_id, course.id)
    with pytest.raises(Conflict, match="not your completed payment"):
        await enrollment.enroll(student, course_id=course.id, payment_id=uuid.uuid4())
    assert not await enrollment.is_enrolled(student.user_id, course.id)


async def test_enrolling_twice_is_a_conflict(enrollment, courses, events):
    course = courses.add()
    student = principal()
    await enrollment.enroll(student, course_id=course.id)
    with pytest.raises(Conflict, match="Already enrolled"):
        await enrollment.enroll(student, course_id=course.id)
    assert len(events) == 1


async def test_concurrent_enrollments_create_one_row(enrollment, courses, events):
    course = courses.add()
    student = principal()
    results = await asyncio.gather(
        *(enrollment.enroll(student, course_id=course.id) for _ in range(5)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, Exception))
    assert await enrollment.count_for_course(course.id) == 1
    assert len(events) == 1


async def test_my_enrollments_are_mine_only_and_paginated(enrollment, courses):
    student, other = principal(), principal()
    for _ in range(3):
        await enrollment.enroll(student, course_id=courses.add().id)
    await enrollment.enroll(other, course_id=courses.add().id)
    page = await enrollment.list_my_enrollments(student, limit=2, offset=0)
    assert page.total == 3
    assert len(page.items) == 2
    assert {e.student_id for e in page.items} == {student.user_id}
    assert (await enrollment.list_my_enrollments(student, limit=2, offset=2)).items[0]
    assert await enrollment.get_my_enrollment(other, page.items[0].course_id) is None
