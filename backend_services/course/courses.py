"""Course use cases: create, edit and list a teacher's courses."""

from __future__ import annotations

import uuid

from backend_services.course import rules
from backend_services.course.models import Course
from backend_services.course.repository import CourseRepository
from backend_services.course.schemas import CourseCreate, CourseUpdate
from backend_services.shared.errors import NotFound, Unprocessable
from backend_services.shared.security import Principal
from backend_services.shared.types import AnyRow

COURSE_NOT_FOUND = "Course not found"
UNKNOWN_CATEGORY = "Unknown category"


async def _check_category(courses: CourseRepository, category_id: uuid.UUID | None) -> None:
    if category_id is not None and not await courses.category_exists(category_id):
        raise Unprocessable(UNKNOWN_CATEGORY)


async def create_course(courses: CourseRepository, actor: Principal, data: CourseCreate) -> Course:
    """A verified teacher creates a course they own."""
    rules.require_verified_teacher(actor, "create courses")
    is_free = bool(data.is_free)
    rules.check_pricing(is_free, data.price)
    await _check_category(courses, data.category_id)
    course = Course(
        teacher_id=actor.user_id,
        title=data.title,
        description=data.description,
        is_free=is_free,
        price=data.price,
        duration_minutes=data.duration_minutes,
        level=data.level,
        category_id=data.category_id,
    )
    courses.add(course)
    return course


async def update_course(
    courses: CourseRepository, actor: Principal, course_id: uuid.UUID, data: CourseUpdate
) -> Course:
    """The owning verified teacher changes any subset of the fields; pricing is rechecked."""
    rules.require_verified_teacher(actor, "edit courses")
    course = await courses.get_for_update(course_id)
    if course is None:
        raise NotFound(COURSE_NOT_FOUND)
    rules.require_owner(actor, course.teacher_id)
    changes = data.changes()
    course.is_free, course.price = rules.merged_pricing(course.is_free, course.price, changes)
    if "category_id" in changes:
        await _check_category(courses, changes["category_id"])
    for field in ("title", "description", "duration_minutes", "level", "category_id"):
        if field in changes:
            setattr(course, field, changes[field])
    return course


async def list_my_courses(
    courses: CourseRepository, actor: Principal, *, limit: int, offset: int
) -> tuple[list[AnyRow], int]:
    """A teacher's own courses, newest first."""
    rules.require_teacher(actor, "list their courses")
    return await courses.list_by_teacher(actor.user_id, limit=limit, offset=offset)
