"""The platform notifies people of what matters, exactly once, even if delivery fails."""

from __future__ import annotations

from tests.helpers import (
    NOTIFICATIONS,
    FailOnce,
    admin_headers,
    create_course,
    login,
    notifications_of,
    pay,
    register,
    token_headers,
    unique_email,
)


async def test_registration_creates_a_welcome_notification(client):
    student = await register(client, name="Ann")
    page = await notifications_of(client, student)
    assert page["total"] == 1
    assert page["unread"] == 1
    welcome = page["items"][0]
    assert welcome["type"] == "registration"
    assert "Ann" in welcome["body"]


async def test_a_verified_teacher_is_told(client, platform):
    email = unique_email("teacher")
    teacher = await register(client, role="teacher", email=email)
    teacher_id = (await client.get("/api/identity/me", headers=teacher)).json()["id"]
    admin = await admin_headers(client, platform)
    await client.patch(f"/api/identity/admin/users/{teacher_id}/verify", headers=admin)
    items = (await notifications_of(client, await login(client, email)))["items"]
    assert [n["type"] for n in items] == ["teacher_verified", "registration"]


async def test_a_failed_registration_delivery_is_retried_by_the_sweep(client, platform):
    consumer = FailOnce(platform.notification.handle_event)
    platform.identity.outbox.subscribe(consumer, name=NOTIFICATIONS)
    student = await register(client)  # the account is created even though delivery failed
    assert consumer.failures == 1
    assert (await notifications_of(client, student))["total"] == 0

    # The retried welcome event, and the verification-mail event the sweep always sends.
    assert await platform.sweep_outboxes() == 2
    page = await notifications_of(client, student)
    assert [n["type"] for n in page["items"]] == ["registration"]
    assert await platform.sweep_outboxes() == 0
    assert (await notifications_of(client, student))["total"] == 1


async def test_a_failed_payment_delivery_is_retried_by_the_sweep(client, platform):
    teacher = token_headers(platform, role="teacher", is_verified=True)
    course = await create_course(client, teacher, title="Rust", price="9.99")
    student = token_headers(platform)
    platform.payment.outbox.subscribe(FailOnce(platform.notification.handle_event), name=NOTIFICATIONS)
    assert (await pay(client, student, course["id"], "9.99")).status_code == 201
    assert (await notifications_of(client, student))["total"] == 0
    await platform.sweep_outboxes()
    await platform.sweep_outboxes()
    assert [n["type"] for n in (await notifications_of(client, student))["items"]] == ["payment"]
