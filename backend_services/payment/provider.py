"""The payment provider. Only a mock exists: it approves every charge."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Protocol


class PaymentProvider(Protocol):
    async def charge(self, *, student_id: uuid.UUID, course_id: uuid.UUID, amount: Decimal) -> str:
        """Charge the student and return the resulting payment status."""
        ...


class MockPaymentProvider:
    """Completes every payment instantly, with no external call."""

    async def charge(self, *, student_id: uuid.UUID, course_id: uuid.UUID, amount: Decimal) -> str:
        """Approve the charge."""
        return "completed"
