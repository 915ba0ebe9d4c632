"""Every payment row of API.md through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.helpers import create_course, pay, token_headers, user_id_of

API = "/api/payment"


async def test_a_student_pays_the_course_price(client, student, paid_course):
    response = await pay(client, student, paid_course["id"], "49.99")
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"id", "student_id", "course_id", "amount", "status", "created_at"}
    assert body["amount"] == "49.99"  # money is a JSON string
    assert body["status"] == "completed"
    assert body["student_id"] == user_id_of(student)
    assert body["course_id"] == paid_course["id"]
    assert body["created_at"].endswith(("+00:00", "Z"))


async def test_the_amount_may_be_a_json_number(client, student, paid_course):
    response = await pay(client, student, paid_course["id"], 49.99)
    assert response.status_code == 201
    assert response.json()["amount"] == "49.99"


async def test_paying_needs_a_token(client, paid_course):
    body = {"course_id": paid_course["id"], "amount": "49.99"}
    assert (await client.post(f"{API}/payments", json=body)).status_code == 401


@pytest.mark.parametrize("role", ["teacher", "admin"])
async def test_only_students_pay(client, platform, paid_course, role):
    headers = token_headers(platform, role=role, is_verified=True)
    response = await pay(client, headers, paid_course["id"], "49.99")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only students can pay for courses"}


async def test_paying_for_an_unknown_course_is_404(client, student):
    response = await pay(client, student, str(uuid.uuid4()), "49.99")
    assert response.status_code == 404


async def test_a_free_course_cannot_be_paid_for(client, teacher, student):
    free = await create_course(client, teacher, title="Free", is_free=True)
    response = await pay(client, student, free["id"], "49.99")
    assert response.status_code == 409
    assert response.json() == {"detail": "This course is free"}


@pytest.mark.parametrize("amount", ["4.99", "49.98", 50, "0.01"])
async def test_the_amount_must_equal_the_price(client, student, paid_course, amount):
    response = await pay(client, student, paid_course["id"], amount)
    assert response.status_code == 422
    assert response.json() == {"detail": "Amount must equal the course price (49.99)"}


@pytest.mark.parametrize("amount", [0, -5, "-49.99", "49.999", "NaN", "Infinity", "abc", None, True, [1]])
async def test_invalid_amounts_are_422(client, student, paid_course, amount):
    response = await pay(client, student, paid_course["id"], amount)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


async def test_missing_fields_are_422(client, student, paid_course):
    for body in ({}, {"course_id": paid_course["id"]}, {"amount": "49.99"}):
        response = await client.post(f"{API}/payments", json=body, headers=student)
        assert response.status_code == 422


async def test_a_course_is_paid_only_once(client, student, paid_course):
    assert (await pay(client, student, paid_course["id"], "49.99")).status_code == 201
    again = await pay(client, student, paid_course["id"], "49.99")
    assert again.status_code == 409
    assert again.json() == {"detail": "Course already paid"}


async def test_a_retry_with_the_same_key_returns_the_same_payment(client, student, paid_course):
    first = await pay(client, student, paid_course["id"], "49.99", key="order-1")
    retry = await pay(client, student, paid_course["id"], 49.99, key="order-1")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    mine = (await client.get(f"{API}/payments/me", headers=student)).json()
    assert mine["total"] == 1


async def test_a_key_reused_for_another_payment_is_rejected(client, teacher, student, paid_course):
    other = await create_course(client, teacher, title="Go", is_free=False, price="19.99")
    await pay(client, student, paid_course["id"], "49.99", key="k-1")
    response = await pay(client, student, other["id"], "19.99", key="k-1")
    assert response.status_code == 422
    assert response.json() == {"detail": "Idempotency-Key was already used for a different payment"}


async def test_idempotency_keys_are_limited_to_255_characters(client, student, paid_course):
    too_long = await pay(client, student, paid_course["id"], "49.99", key="k" * 256)
    assert too_long.status_code == 422
    longest = await pay(client, student, paid_course["id"], "49.99", key="k" * 255)
    assert longest.status_code == 201


async def test_concurrent_retries_with_one_key_charge_once(client, student, paid_course):
    responses = await asyncio.gather(
        *(pay(client, student, paid_course["id"], "49.99", key="dbl") for _ in range(5))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert (await client.get(f"{API}/payments/me", headers=student)).json()["total"] == 1


async def test_concurrent_payments_without_a_key_store_one(client, student, paid_course):
    responses = await asyncio.gather(*(pay(client, student, paid_course["id"], "49.99") for _ in range(5)))
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409]
    assert (await client.get(f"{API}/payments/me", headers=student)).json()["total"] == 1


async def test_a_payment_is_visible_to_its_payer_only(client, platform, student, paid_course):
    payment = (await pay(client, student, paid_course["id"], "49.99")).json()
    mine = await client.get(f"{API}/payments/{payment['id']}", headers=student)
    assert mine.status_code == 200
    assert mine.json() == payment

    other = token_headers(platform)
    theirs = await client.get(f"{API}/payments/{payment['id']}", headers=other)
    assert theirs.status_code == 404
    assert theirs.json() == {"detail": "Payment not found"}
    assert (await client.get(f"{API}/payments/me", headers=other)).json() == {
        "items": [],
        "total": 0,
    }
    assert (await client.get(f"{API}/payments/{uuid.uuid4()}", headers=student)).status_code == 404
    assert (await client.get(f"{API}/payments/not-a-uuid", headers=student)).status_code == 422
    assert (await client.get(f"{API}/payments/{payment['id']}")).status_code == 401


async def test_my_payments_lists_newest_first_with_paging(client, teacher, student):
    ids = []
    for n in range(3):
        course = await create_course(client, teacher, title=f"P{n}", price=f"{n + 1}.50")
        ids.append((await pay(client, student, course["id"], f"{n + 1}.50")).json()["id"])
    page = (await client.get(f"{API}/payments/me?limit=2", headers=student)).json()
    assert page["total"] == 3
    assert [p["id"] for p in page["items"]] == ids[::-1][:2]
    assert (await client.get(f"{API}/payments/me")).status_code == 401
    assert (await client.get(f"{API}/payments/me?limit=0", headers=student)).status_code == 422


async def test_a_payment_notifies_the_student(client, platform, paid_course):
    from tests.helpers import notifications_of, register

    student = await register(client)
    await pay(client, student, paid_course["id"], "49.99")
    items = (await notifications_of(client, student))["items"]
    assert items[0]["type"] == "payment"
    assert "49.99" in items[0]["body"]
    assert "Paid Rust" in items[0]["body"]
