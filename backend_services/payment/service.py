"""Payment use cases: pay for a course once, replay idempotent retries."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Protocol

from backend_services.payment.models import Payment
from backend_services.payment.provider import PaymentProvider
from backend_services.payment.repository import PaymentRepository
from backend_services.shared.errors import Conflict, Forbidden, NotFound, Unprocessable
from backend_services.shared.outbox import Transaction
from backend_services.shared.security import Principal

ONLY_STUDENTS = "Only students can pay for courses"
COURSE_NOT_FOUND = "Course not found"
COURSE_IS_FREE = "This course is free"
ALREADY_PAID = "Course already paid"
PAYMENT_NOT_FOUND = "Payment not found"
KEY_REUSED = "Idempotency-Key was already used for a different payment"


class CourseSummaryLike(Protocol):
    id: uuid.UUID
    title: str
    is_free: bool
    price: Decimal | None


class CoursePort(Protocol):
    async def get_course_summary(self, course_id: uuid.UUID) -> CourseSummaryLike | None: ...


def require_student(actor: Principal) -> None:
    if not actor.is_student:
        raise Forbidden(ONLY_STUDENTS)


async def find_payable_course(
    courses: CoursePort, course_id: uuid.UUID, amount: Decimal
) -> CourseSummaryLike:
    """The course, if it is paid and ``amount`` is exactly its price (amounts never come
    from the client alone: the course context's price is the truth)."""
    course = await courses.get_course_summary(course_id)
    if course is None:
        raise NotFound(COURSE_NOT_FOUND)
    if course.is_free or course.price is None:
        raise Conflict(COURSE_IS_FREE)
    if amount != course.price:
        raise Unprocessable(f"Amount must equal the course price ({course.price:.2f})")
    return course


def replayable(payment: Payment, *, course_id: uuid.UUID, amount: Decimal) -> Payment:
    """The earlier payment under the same key, if this retry asks for the same thing."""
    if payment.course_id != course_id or payment.amount != amount:
        raise Unprocessable(KEY_REUSED)
    return payment


async def record_payment(
    tx: Transaction,
    provider: PaymentProvider,
    *,
    student_id: uuid.UUID,
    course: CourseSummaryLike,
    amount: Decimal,
    idempotency_key: str | None,
) -> Payment:
    """Charge through the provider and publish ``payment_completed`` with the row.

    Unique violations (same key or a second completed payment racing in) propagate as
    ``IntegrityError`` so the caller can replay the winner after the rollback.
    """
    payments = PaymentRepository(tx.session)
    earlier = await payments.find_completed(student_id, course.id)
    if earlier is not None:
        if idempotency_key and earlier.idempotency_key == idempotency_key:
            # A retry that raced its own original, which committed in the meantime.
            return replayable(earlier, course_id=course.id, amount=amount)
        raise Conflict(ALREADY_PAID)
    payment = Payment(
        student_id=student_id,
        course_id=course.id,
        amount=amount,
        status="pending",
        idempotency_key=idempotency_key,
    )
    payments.add(payment)
    # Claim the idempotency key before charging: a concurrent retry blocks or fails
    # here, so the provider is never asked twice for the same key.
    await tx.session.flush()
    payment.status = await provider.charge(student_id=student_id, course_id=course.id, amount=amount)
    await tx.session.flush()  # the one-completed-payment-per-course index is checked here
    if payment.status == "completed":
        tx.publish(
            "payment_completed",
            {
                "payment_id": payment.id,
                "student_id": student_id,
                "course_id": course.id,
                "course_title": course.title,
                "amount": f"{amount:.2f}",
            },
        )
    return payment


async def get_own_payment(payments: PaymentRepository, actor: Principal, payment_id: uuid.UUID) -> Payment:
    """A payment of the caller; someone else's is reported as missing, not forbidden."""
    payment = await payments.get(payment_id)
    if payment is None or payment.student_id != actor.user_id:
        raise NotFound(PAYMENT_NOT_FOUND)
    return payment
