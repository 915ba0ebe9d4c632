"""The operations view reads the app's own request metrics and the outbox backlogs;
only admins may read them."""

from __future__ import annotations

import uuid

import pytest

from backend_services.shared.errors import Forbidden
from backend_services.shared.security import Principal, Role


async def _admin(platform) -> Principal:
    pair = await platform.identity.login(
        email=platform.settings.admin_email,
        password=platform.settings.admin_password,
        client_address="127.0.0.1",
    )
    return platform.tokens.verify(pair.access_token)


async def test_requests_between_two_snapshots_are_counted_per_route(platform, client):
    admin = await _admin(platform)
    before = await platform.ops.snapshot(admin)
    for _ in range(3):
        assert (await client.get("/api/course/courses", params={"limit": 1})).status_code == 200
    assert (await client.get("/api/course/courses/not-a-uuid")).status_code == 422
    now = await platform.ops.snapshot(admin)

    rates = {r.route: r for r in platform.ops.rates(before, now)}
    courses = rates["/api/course/courses"]
    assert courses.rps > 0 and courses.error_rate == 0.0
    assert courses.p99_ms is not None and courses.p99_ms > 0
    assert (
        now.reading.requests["/api/course/courses"] - before.reading.requests.get("/api/course/courses", 0)
        == 3
    )
    assert "/api/course/courses/{course_id}" in rates


async def test_outbox_backlog_counts_undelivered_events(platform):
    admin = await _admin(platform)
    assert (await platform.ops.snapshot(admin)).outbox_backlog == {
        "identity": 0,
        "enrollment": 0,
        "payment": 0,
    }

    async def consumer_down(event) -> None:
        raise RuntimeError("consumer unavailable")

    platform.payment.outbox.subscribe(consumer_down)
    async with platform.payment.outbox.transaction() as tx:
        tx.publish("payment_completed", {"payment_id": "x"})
    assert (await platform.ops.snapshot(admin)).outbox_backlog["payment"] == 1


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER])
async def test_only_admins_read_operations(platform, role):
    with pytest.raises(Forbidden):
        await platform.ops.snapshot(Principal(user_id=uuid.uuid4(), role=role, is_verified=True))
