"""Request and response models of the payment API (API.md, Payment)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

# Two decimal places, positive; a JSON number (49.99) or string ("49.99") both parse.
Money = Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2)]
PaymentStatus = Literal["pending", "completed", "failed", "refunded"]


class PayRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    course_id: uuid.UUID
    amount: Money


class PaymentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    student_id: uuid.UUID
    course_id: uuid.UUID
    amount: Decimal
    status: PaymentStatus
    created_at: datetime

    @field_serializer("amount")
    def _money(self, amount: Decimal) -> str:
        # Always two places ("50.00"), whatever scale the database driver hands back.
        return f"{amount:.2f}"


class PaymentList(BaseModel):
    items: list[PaymentPublic]
    total: int
