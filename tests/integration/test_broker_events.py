"""Events through a real NATS JetStream server (the test's own): relay from the outbox,
durable idempotent consumer, retries, the dead-letter stream and its replay command."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import func, select

from backend_services.bootstrap import Platform, build_platform, set_platform
from backend_services.notification.models import Notification, NotificationProcessedEvent
from backend_services.shared.broker import dlq
from backend_services.shared.broker.bus import MSG_ID, encode_event
from backend_services.shared.outbox import Event
from backend_services.shared.security import Principal
from tests.nats_server import NatsServer, nats_unavailable_reason

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(nats_unavailable_reason() is not None, reason=str(nats_unavailable_reason())),
]


@pytest.fixture
def nats(tmp_path):
    server = NatsServer(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


def broker_settings(sqlite_template, tmp_path, nats: NatsServer, **overrides):
    run = uuid.uuid4().hex[:8]
    values = {
        "broker_url": nats.url,
        "broker_stream": f"T{run}",
        "broker_subject_prefix": f"t{run}",
        "broker_max_attempts": 2,
        "broker_backoff_seconds": 0.1,
    }
    return sqlite_template.fresh(tmp_path / "db", **(values | overrides))


@pytest.fixture
async def bus_platform(sqlite_template, tmp_path, nats):
    platform = build_platform(broker_settings(sqlite_template, tmp_path, nats))
    set_platform(platform)
    await platform.start()
    await asyncio.wait_for(platform.events.bus.wait_ready(), 20)
    yield platform
    await platform.stop()


async def notifications_of(platform: Platform, user_id: uuid.UUID) -> list[Notification]:
    async with platform.databases["notification"].session() as session:
        rows = await session.execute(select(Notification).where(Notification.user_id == user_id))
        return list(rows.scalars())


async def eventually(check, within: float = 20.0):
    """Poll ``check`` (async, returns a truthy value when done) until it holds."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = await check()
        if result or asyncio.get_running_loop().time() > deadline:
            return result
        await asyncio.sleep(0.1)


async def register(platform: Platform, name: str = "Ada") -> Principal:
    pair = await platform.identity.register(
        email=f"{uuid.uuid4().hex[:10]}@example.com",
        password="password123",
        name=name,
        client_address="127.0.0.1",
    )
    return platform.tokens.verify(pair.access_token)


async def test_an_event_goes_out_through_the_broker_and_becomes_one_notification(bus_platform):
    assert bus_platform.events.bus is not None and bus_platform.events.consumers
    user = await register(bus_platform)

    async def arrived():
        return await notifications_of(bus_platform, user.user_id)

    notes = await eventually(arrived)
    assert [n.type for n in notes] == ["registration"]

    # The verification mail is deferred to the sweep: it leaves the outbox shortly after.
    async def relayed():
        return await bus_platform.identity.outbox.pending_count() == 0

    assert await eventually(relayed)


async def test_the_same_event_twice_is_handled_once(bus_platform):
    event = Event(
        id=uuid.uuid4(), topic="user_registered", payload={"user_id": str(uuid.uuid4()), "name": "Bo"}
    )
    bus = bus_platform.events.bus
    # Different message ids, so the broker's own duplicate detection does not hide the repeat.
    for copy in range(2):
        await bus.publish_raw(bus.subjects.event(event.topic), encode_event(event), {MSG_ID: f"copy-{copy}"})

    async def handled():
        async with bus_platform.databases["notification"].session() as session:
            stmt = select(func.count()).select_from(NotificationProcessedEvent)
            return (await session.execute(stmt)).scalar_one() >= 1

    assert await eventually(handled)
    await asyncio.sleep(1.0)  # room for the second copy to be (not) handled
    notes = await notifications_of(bus_platform, uuid.UUID(event.payload["user_id"]))
    assert len(notes) == 1


async def test_a_failing_event_is_retried_then_dead_lettered_and_replayed_on_demand(bus_platform, capsys):
    consumer = bus_platform.events.consumers[0]
    real_handler, calls = consumer.handler, []

    async def failing(event: Event) -> None:
        if event.topic == "user_registered":  # notification also sees identity's mail events
            calls.append(event.id)
        raise RuntimeError("mail server on fire")

    consumer.handler = failing
    user = await register(bus_platform, name="Cy")
    settings = bus_platform.settings

    async def dead():
        await dlq.main(["list"], settings)
        return "mail server on fire" in capsys.readouterr().out

    assert await eventually(dead)
    assert len(calls) == settings.broker_max_attempts  # retried, then parked: no endless loop
    assert await notifications_of(bus_platform, user.user_id) == []

    consumer.handler = real_handler
    assert await dlq.main(["replay", "--all"], settings) == 0

    async def replayed():
        return await notifications_of(bus_platform, user.user_id)

    assert [n.type for n in await eventually(replayed)] == ["registration"]
    await dlq.main(["list"], settings)
    assert "0 dead letter(s)" in capsys.readouterr().out


async def test_a_service_started_while_the_broker_is_down_delivers_once_it_is_up(sqlite_template, tmp_path):
    later = NatsServer(tmp_path / "later")
    platform = build_platform(broker_settings(sqlite_template, tmp_path, later))
    set_platform(platform)
    await platform.start()
    try:
        user = await register(platform)
        # the welcome event and the verification-mail event are kept, not lost
        assert await platform.identity.outbox.pending_count() == 2
        later.start()

        async def arrived():
            return await notifications_of(platform, user.user_id)

        assert [n.type for n in await eventually(arrived, within=30)] == ["registration"]
    finally:
        await platform.stop()
        later.stop()
