"""SQL access to the payments table."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.payment.models import Payment

COMPLETED = "completed"


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, payment: Payment) -> None:
        self.session.add(payment)

    async def get(self, payment_id: uuid.UUID) -> Payment | None:
        return await self.session.get(Payment, payment_id)

    async def find_by_key(self, student_id: uuid.UUID, idempotency_key: str) -> Payment | None:
        stmt = select(Payment).where(
            Payment.student_id == student_id, Payment.idempotency_key == idempotency_key
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_completed(self, student_id: uuid.UUID, course_id: uuid.UUID) -> Payment | None:
        stmt = select(Payment).where(
            Payment.student_id == student_id,
            Payment.course_id == course_id,
            Payment.status == COMPLETED,
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_for_student(
        self, student_id: uuid.UUID, *, limit: int, offset: int
    ) -> tuple[list[Payment], int]:
        where = Payment.student_id == student_id
        total = await self.session.scalar(select(func.count()).select_from(Payment).where(where))
        rows = await self.session.execute(
            select(Payment)
            .where(where)
            .order_by(col(Payment.created_at).desc(), col(Payment.id))
            .limit(limit)
            .offset(offset)
        )
        return list(rows.scalars()), int(total or 0)

    async def revenue_for_course(self, course_id: uuid.UUID) -> tuple[Decimal, int]:
        """(sum of completed payments, how many) for one course, in one aggregate query."""
        stmt = select(func.coalesce(func.sum(Payment.amount), 0), func.count()).where(
            Payment.course_id == course_id, Payment.status == COMPLETED
        )
        total, count = (await self.session.execute(stmt)).one()
        return Decimal(str(total)), int(count)
