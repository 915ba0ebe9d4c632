"""HTTP routes of the payment context (API.md, Payment).

``POST /payments`` with an ``Idempotency-Key`` that was already used by the same
student for the same course and amount answers 201 with the original payment's
body, so a client retrying after a lost response sees exactly what the first
attempt would have shown; nothing is charged again.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, status

from backend_services.bootstrap import PlatformDep
from backend_services.payment.schemas import PaymentList, PaymentPublic, PayRequest
from backend_services.shared.http import CurrentUser, Page

router = APIRouter(tags=["payment"])

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)]


@router.post("/payments", response_model=PaymentPublic, status_code=status.HTTP_201_CREATED)
async def pay(
    body: PayRequest,
    actor: CurrentUser,
    platform: PlatformDep,
    idempotency_key: IdempotencyKey = None,
) -> PaymentPublic:
    return await platform.payment.pay(
        actor, course_id=body.course_id, amount=body.amount, idempotency_key=idempotency_key
    )


# Declared before /payments/{payment_id} so "me" is never parsed as an id.
@router.get("/payments/me", response_model=PaymentList)
async def my_payments(actor: CurrentUser, platform: PlatformDep, page: Page) -> PaymentList:
    return await platform.payment.list_my_payments(actor, limit=page.limit, offset=page.offset)


@router.get("/payments/{payment_id}", response_model=PaymentPublic)
async def get_payment(payment_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> PaymentPublic:
    return await platform.payment.get_payment(actor, payment_id)
