"""Review use case against in-memory repositories and a fake enrollment port."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from backend_services.course.reviews import create_review
from backend_services.course.schemas import ReviewCreate
from backend_services.shared.errors import Conflict, Forbidden, NotFound
from tests.unit.course.conftest import principal


def enrolled_in(*course_ids):
    async def is_enrolled(student_id, course_id) -> bool:
        return course_id in course_ids

    return is_enrolled


async def test_review_updates_the_course_rating(courses, reviews, store, course):
    port = enrolled_in(course.id)
    for rating in (5, 4, 4):
        await create_review(
            courses, reviews, port, principal(), ReviewCreate(course_id=course.id, rating=rating)
        )
    assert (course.review_count, course.rating_sum, course.avg_rating) == (3, 13, Decimal("4.33"))
    assert len(store.reviews) == 3


async def test_review_is_stored_for_the_student(courses, reviews, course):
    student = principal()
    data = ReviewCreate(course_id=course.id, rating=3, comment="Fine")
    review = await create_review(courses, reviews, enrolled_in(course.id), student, data)
    assert (review.student_id, review.course_id, review.rating, review.comment) == (
        student.user_id,
        course.id,
        3,
        "Fine",
    )


async def test_review_rules_in_order(courses, reviews, store, course):
    data = ReviewCreate(course_id=course.id, rating=5)
    with pytest.raises(Forbidden, match="Only students can review courses"):
        await create_review(courses, reviews, enrolled_in(course.id), principal("teacher"), data)
    with pytest.raises(NotFound, match="Course not found"):
        missing = ReviewCreate(course_id=uuid.uuid4(), rating=5)
        await create_review(courses, reviews, enrolled_in(missing.course_id), principal(), missing)
    with pytest.raises(Forbidden, match="You must be enrolled in this course to review it"):
        await create_review(courses, reviews, enrolled_in(), principal(), data)
    student = principal()
    await create_review(courses, reviews, enrolled_in(course.id), student, data)
    with pytest.raises(Conflict, match="You have already reviewed this course"):
        await create_review(courses, reviews, enrolled_in(course.id), student, data)
    assert (course.review_count, course.avg_rating) == (1, Decimal("5.00"))
    assert len(store.reviews) == 1
