"""Business rules of the course context, free of I/O so they are tested in isolation."""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from backend_services.course.schemas import CENT, MAX_PRICE
from backend_services.shared.errors import Forbidden, Unprocessable
from backend_services.shared.security import Principal

NOT_OWNER = "You do not own this course"
LOGIN_TO_READ = "Log in to read this lesson"
ENROLL_TO_READ = "Enroll in this course to read this lesson"
FREE_WITH_PRICE = "A free course cannot have a price: send price null or is_free false"
PAID_WITHOUT_PRICE = "A paid course needs a price greater than 0"


def require_teacher(actor: Principal, action: str) -> None:
    """Only teachers may ``action`` (e.g. "create courses")."""
    if not actor.is_teacher:
        raise Forbidden(f"Only teachers can {action}")


def require_verified_teacher(actor: Principal, action: str) -> None:
    """Only teachers an admin has verified (per their token) may ``action``."""
    require_teacher(actor, action)
    if not actor.is_verified:
        raise Forbidden(f"Only verified teachers can {action}")


def require_owner(actor: Principal, teacher_id: uuid.UUID) -> None:
    """The actor must be the teacher who owns the course."""
    if actor.user_id != teacher_id:
        raise Forbidden(NOT_OWNER)


def lesson_is_public(*, course_is_free: bool, is_preview: bool) -> bool:
    """Lessons of free courses and preview lessons are for everyone."""
    return course_is_free or is_preview


def reads_without_enrollment(actor: Principal, teacher_id: uuid.UUID) -> bool:
    """Admins and the course's own teacher read every lesson of it."""
    return actor.is_admin or actor.user_id == teacher_id


def require_student(actor: Principal) -> None:
    """Only students write reviews."""
    if not actor.is_student:
        raise Forbidden("Only students can review courses")


def check_pricing(is_free: bool, price: Decimal | None) -> None:
    """A free course has no price; a paid one a positive price of at most 99999.99."""
    if is_free:
        if price is not None:
            raise Unprocessable(FREE_WITH_PRICE)
        return
    if price is None or price <= 0:
        raise Unprocessable(PAID_WITHOUT_PRICE)
    if price > MAX_PRICE:
        raise Unprocessable(f"Price must not exceed {MAX_PRICE}")
    if price != price.quantize(CENT):
        raise Unprocessable("Price must have at most 2 decimal places")


def merged_pricing(
    current_is_free: bool, current_price: Decimal | None, changes: dict[str, Any]
) -> tuple[bool, Decimal | None]:
    """The free flag and price after an update; switching to free drops the old price."""
    is_free = changes.get("is_free", current_is_free)
    price = changes.get("price", None if is_free else current_price)
    check_pricing(is_free, price)
    return is_free, price


def next_order(current_max: int | None) -> int:
    """Where a new module or lesson goes when the teacher gives no order: after the last
    (the first one is 1)."""
    return (current_max or 0) + 1


def average_rating(rating_sum: int, review_count: int) -> Decimal | None:
    """The mean rating rounded half-up to 2 places (what the SQL update stores)."""
    if review_count <= 0:
        return None
    return (Decimal(rating_sum) / Decimal(review_count)).quantize(CENT, rounding=ROUND_HALF_UP)
