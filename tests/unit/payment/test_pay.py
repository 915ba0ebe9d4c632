"""Paying for a course: price rules, one payment per course, idempotent retries."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

import pytest

from backend_services.shared.errors import Conflict, Forbidden, NotFound, Unprocessable
from backend_services.shared.security import Principal, Role
from tests.unit.payment.conftest import CountingProvider, student


async def test_a_student_pays_the_price_and_the_event_is_published(payment, courses, provider, events):
    course = courses.add("49.99", title="Data Science")
    actor = student()
    paid = await payment.pay(actor, course_id=course.id, amount=Decimal("49.99"))
    assert paid.status == "completed"
    assert paid.model_dump(mode="json")["amount"] == "49.99"
    assert len(provider.charges) == 1
    assert [e.topic for e in events] == ["payment_completed"]
    assert events[0].payload == {
        "payment_id": str(paid.id),
        "student_id": str(actor.user_id),
        "course_id": str(course.id),
        "course_title": "Data Science",
        "amount": "49.99",
    }
    found = await payment.find_completed_payment(actor.user_id, course.id)
    assert found is not None and found.id == paid.id


async def test_whole_amounts_serialise_with_two_places(payment, courses):
    course = courses.add("50")
    paid = await payment.pay(student(), course_id=course.id, amount=Decimal("50.0"))
    assert paid.model_dump(mode="json")["amount"] == "50.00"


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
async def test_only_students_pay(payment, courses, role):
    actor = Principal(user_id=uuid.uuid4(), role=role, is_verified=True)
    with pytest.raises(Forbidden):
        await payment.pay(actor, course_id=courses.add().id, amount=Decimal("49.99"))


async def test_course_rules(payment, courses, provider):
    with pytest.raises(NotFound):
        await payment.pay(student(), course_id=uuid.uuid4(), amount=Decimal("1"))
    with pytest.raises(Conflict, match="This course is free"):
        await payment.pay(student(), course_id=courses.add(None).id, amount=Decimal("1"))
    with pytest.raises(Unprocessable, match=r"Amount must equal the course price \(49\.99\)"):
        await payment.pay(student(), course_id=courses.add("49.99").id, amount=Decimal("4.99"))
    assert provider.charges == []


async def test_a_course_is_paid_once(payment, courses, provider, events):
    course = courses.add()
    actor = student()
    await payment.pay(actor, course_id=course.id, amount=Decimal("49.99"))
    with pytest.raises(Conflict, match="Course already paid"):
        await payment.pay(actor, course_id=course.id, amount=Decimal("49.99"), idempotency_key="k")
    assert len(provider.charges) == 1
    assert len(events) == 1


async def test_the_same_idempotency_key_replays_the_payment(payment, courses, provider, events):
    course = courses.add()
    actor = student()
    first = await payment.pay(actor, course_id=course.id, amount=Decimal("49.99"), idempotency_key="a")
    again = await payment.pay(actor, course_id=course.id, amount=Decimal("49.990"), idempotency_key="a")
    assert again == first
    assert len(provider.charges) == 1
    assert len(events) == 1
    assert (await payment.list_my_payments(actor)).total == 1


async def test_a_reused_key_for_a_different_payment_is_rejected(payment, courses):
    course, other = courses.add("49.99"), courses.add("19.99")
    actor = student()
    await payment.pay(actor, course_id=course.id, amount=Decimal("49.99"), idempotency_key="k")
    with pytest.raises(Unprocessable, match="Idempotency-Key was already used"):
        await payment.pay(actor, course_id=other.id, amount=Decimal("19.99"), idempotency_key="k")


async def test_keys_belong_to_one_student(payment, courses, provider):
    course = courses.add()
    a, b = student(), student()
    first = await payment.pay(a, course_id=course.id, amount=Decimal("49.99"), idempotency_key="k")
    second = await payment.pay(b, course_id=course.id, amount=Decimal("49.99"), idempotency_key="k")
    assert first.id != second.id
    assert len(provider.charges) == 2


async def test_concurrent_identical_requests_with_a_key_charge_once(payment, courses, provider):
    course = courses.add()
    actor = student()
    results = await asyncio.gather(
        *(
            payment.pay(actor, course_id=course.id, amount=Decimal("49.99"), idempotency_key="dbl")
            for _ in range(5)
        )
    )
    assert len({r.id for r in results}) == 1
    assert len(provider.charges) == 1


async def test_concurrent_identical_requests_without_a_key_store_one_payment(payment, courses):
    course = courses.add()
    actor = student()
    results = await asyncio.gather(
        *(payment.pay(actor, course_id=course.id, amount=Decimal("49.99")) for _ in range(5)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, Exception))
    assert (await payment.list_my_payments(actor)).total == 1


async def test_a_payment_is_visible_to_its_payer_only(payment, courses):
    actor = student()
    paid = await payment.pay(actor, course_id=courses.add().id, amount=Decimal("49.99"))
    assert (await payment.get_payment(actor, paid.id)).id == paid.id
    with pytest.raises(NotFound):
        await payment.get_payment(student(), paid.id)
    with pytest.raises(NotFound):
        await payment.get_payment(actor, uuid.uuid4())
    assert (await payment.list_my_payments(student())).total == 0


async def test_a_declined_charge_is_stored_but_not_announced(sqlite_template, tmp_path, courses, events):
    from backend_services.payment.facade import PaymentFacade
    from backend_services.shared.database import Database

    db = Database("payment", sqlite_template.fresh(tmp_path / "declined"))
    facade = PaymentFacade(db, courses=courses, provider=CountingProvider("failed"))
    facade.outbox.subscribe(lambda e: asyncio.sleep(0, events.append(e)))
    actor = student()
    course = courses.add()
    declined = await facade.pay(actor, course_id=course.id, amount=Decimal("49.99"))
    assert declined.status == "failed"
    assert events == []
    assert await facade.find_completed_payment(actor.user_id, course.id) is None
    await db.dispose()
