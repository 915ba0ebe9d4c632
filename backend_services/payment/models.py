"""Tables of the payment context."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, Numeric, UniqueConstraint, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from backend_services.shared.outbox import OutboxColumns
from backend_services.shared.types import UTCDateTime, utcnow


class PaymentBase(SQLModel, registry=registry()):
    """Metadata of the payment database only."""


class Payment(PaymentBase, table=True):
    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("student_id", "idempotency_key", name="uq_payments_student_idempotency_key"),
        # A student pays for a course once: concurrent double-clicks cannot charge twice.
        Index(
            "uq_payments_completed_student_course",
            "student_id",
            "course_id",
            unique=True,
            sqlite_where=text("status = 'completed'"),
            postgresql_where=text("status = 'completed'"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    student_id: uuid.UUID = Field(index=True)
    course_id: uuid.UUID = Field(index=True)
    amount: Decimal = Field(sa_type=Numeric(10, 2))
    status: str = Field(default="pending", max_length=16)
    idempotency_key: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class PaymentOutbox(PaymentBase, OutboxColumns, table=True):
    __tablename__ = "outbox"
