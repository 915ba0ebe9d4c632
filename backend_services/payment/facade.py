"""Public API of the payment context: the only module other packages import."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy.exc import IntegrityError

from backend_services.payment import service
from backend_services.payment.models import PaymentOutbox
from backend_services.payment.provider import MockPaymentProvider, PaymentProvider
from backend_services.payment.repository import PaymentRepository
from backend_services.payment.schemas import PaymentList, PaymentPublic
from backend_services.shared.database import Database, is_unique_violation
from backend_services.shared.errors import Conflict
from backend_services.shared.outbox import Outbox
from backend_services.shared.remote.markers import read
from backend_services.shared.security import Principal


class PaymentFacade:
    def __init__(
        self,
        db: Database,
        *,
        courses: service.CoursePort,
        provider: PaymentProvider | None = None,
    ) -> None:
        self.db = db
        self.outbox = Outbox(db, PaymentOutbox)
        self._courses = courses
        self._provider = provider or MockPaymentProvider()

    async def pay(
        self,
        actor: Principal,
        *,
        course_id: uuid.UUID,
        amount: Decimal,
        idempotency_key: str | None = None,
    ) -> PaymentPublic:
        """Pay a course's exact price once; a retried key returns the original payment."""
        service.require_student(actor)
        if idempotency_key and (replay := await self._replay(actor, idempotency_key, course_id, amount)):
            return replay
        course = await service.find_payable_course(self._courses, course_id, amount)
        try:
            async with self.outbox.transaction() as tx:
                payment = await service.record_payment(
                    tx,
                    self._provider,
                    student_id=actor.user_id,
                    course=course,
                    amount=amount,
                    idempotency_key=idempotency_key,
                )
        except IntegrityError as exc:
            if not is_unique_violation(exc):
                raise
            # A concurrent request committed first: the same key replays its payment,
            # anything else means the course is already paid for.
            if idempotency_key and (replay := await self._replay(actor, idempotency_key, course_id, amount)):
                return replay
            raise Conflict(service.ALREADY_PAID) from exc
        return PaymentPublic.model_validate(payment)

    async def _replay(
        self, actor: Principal, key: str, course_id: uuid.UUID, amount: Decimal
    ) -> PaymentPublic | None:
        async with self.db.session() as session:
            earlier = await PaymentRepository(session).find_by_key(actor.user_id, key)
        if earlier is None:
            return None
        return PaymentPublic.model_validate(service.replayable(earlier, course_id=course_id, amount=amount))

    @read
    async def get_payment(self, actor: Principal, payment_id: uuid.UUID) -> PaymentPublic:
        """One of the caller's payments (404 for anyone else's)."""
        async with self.db.read_session() as session:
            payment = await service.get_own_payment(PaymentRepository(session), actor, payment_id)
        return PaymentPublic.model_validate(payment)

    @read
    async def list_my_payments(self, actor: Principal, *, limit: int = 20, offset: int = 0) -> PaymentList:
        """The caller's payments, newest first."""
        async with self.db.read_session() as session:
            rows, total = await PaymentRepository(session).list_for_student(
                actor.user_id, limit=limit, offset=offset
            )
        return PaymentList(items=[PaymentPublic.model_validate(r) for r in rows], total=total)

    @read
    async def find_completed_payment(
        self, student_id: uuid.UUID, course_id: uuid.UUID
    ) -> PaymentPublic | None:
        """Port for the enrollment context: this student's completed payment for a course."""
        async with self.db.read_session() as session:
            payment = await PaymentRepository(session).find_completed(student_id, course_id)
        return PaymentPublic.model_validate(payment) if payment else None

    @read
    async def revenue_for_course(self, course_id: uuid.UUID) -> tuple[Decimal, int]:
        """Port: completed payments for a course as (total amount, count)."""
        async with self.db.read_session() as session:
            return await PaymentRepository(session).revenue_for_course(course_id)
