"""Review use cases: a student enrolled in a course rates it once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from backend_services.course import rules
from backend_services.course.courses import COURSE_NOT_FOUND
from backend_services.course.models import Review
from backend_services.course.repository import CourseRepository, ReviewRepository
from backend_services.course.schemas import ReviewCreate
from backend_services.shared.errors import Conflict, Forbidden, NotFound
from backend_services.shared.security import Principal

IsEnrolled = Callable[[UUID, UUID], Awaitable[bool]]

NOT_ENROLLED = "You must be enrolled in this course to review it"
ALREADY_REVIEWED = "You have already reviewed this course"


async def create_review(
    courses: CourseRepository,
    reviews: ReviewRepository,
    is_enrolled: IsEnrolled,
    actor: Principal,
    data: ReviewCreate,
) -> Review:
    """Store the review and fold its rating into the course in the same transaction."""
    rules.require_student(actor)
    if not await courses.exists(data.course_id):
        raise NotFound(COURSE_NOT_FOUND)
    if not await is_enrolled(actor.user_id, data.course_id):
        raise Forbidden(NOT_ENROLLED)
    review = Review(
        student_id=actor.user_id, course_id=data.course_id, rating=data.rating, comment=data.comment
    )
    # The unique (student, course) constraint decides a race between two submissions.
    if not await reviews.add(review):
        raise Conflict(ALREADY_REVIEWED)
    if not await courses.record_rating(data.course_id, data.rating):
        raise NotFound(COURSE_NOT_FOUND)
    return review
