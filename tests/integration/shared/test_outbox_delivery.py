"""Outbox delivery on real databases: concurrent sweepers deliver each event once, the
inline attempt is not raced by a sweep, failures back off and are parked at the cap, and an
expired claim is taken over (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import collections
import logging
import uuid
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import event as sa_event
from sqlalchemy import select

from backend_services.enrollment.models import EnrollmentOutbox
from backend_services.shared.database import Database
from backend_services.shared.outbox import Event, Outbox
from backend_services.shared.outbox_policy import DeliveryPolicy
from backend_services.shared.types import utcnow
from tests.databases import PostgresDatabases


class FakeClock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Recorder:
    """A handler counting its calls per event id; fails with ``error`` while it is set."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.calls: collections.Counter[uuid.UUID] = collections.Counter()
        self.error = error

    async def __call__(self, event: Event) -> None:
        self.calls[event.id] += 1
        await asyncio.sleep(0)  # let a concurrent sweeper run in between
        if self.error is not None:
            raise self.error


@pytest.fixture
async def outboxes(settings, backend):
    """Makes outboxes over one fresh enrollment database, each on its own engine, as
    separate worker processes have."""
    if backend == "postgres":
        await PostgresDatabases.truncate_all(settings)
    made: list[Database] = []

    def make(**options) -> Outbox:
        db = Database("enrollment", settings)
        made.append(db)
        return Outbox(db, EnrollmentOutbox, **options)

    yield make
    for db in made:
        await db.dispose()


async def _publish(outbox: Outbox, count: int) -> list[uuid.UUID]:
    async with outbox.transaction() as tx:
        return [tx.publish("something_happened", {"n": n}).id for n in range(count)]


async def _row(outbox: Outbox, event_id: uuid.UUID) -> EnrollmentOutbox:
    async with outbox.db.session() as session:
        return (
            await session.execute(select(EnrollmentOutbox).where(EnrollmentOutbox.id == event_id))
        ).scalar_one()


async def test_concurrent_sweepers_deliver_each_event_exactly_once(outboxes):
    ids = await _publish(outboxes(), 200)  # nobody subscribed yet: all due at once
    handler = Recorder()
    first, second = outboxes(), outboxes()
    first.subscribe(handler)
    second.subscribe(handler)

    async def drain(outbox: Outbox) -> int:
        delivered = 0
        while swept := await outbox.sweep(limit=25):
            delivered += swept
        return delivered

    delivered = await asyncio.gather(drain(first), drain(second))
    assert set(handler.calls) == set(ids)
    assert max(handler.calls.values()) == 1
    assert sum(delivered) == 200 and min(delivered) > 0  # both took part
    assert await first.pending_count() == 0


async def test_a_sweep_marks_its_batch_in_one_statement(outboxes):
    await _publish(outboxes(), 50)
    outbox = outboxes()
    outbox.subscribe(Recorder())
    updates: list[str] = []

    def count_updates(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("UPDATE"):
            updates.append(statement)

    sa_event.listen(outbox.db.engine.sync_engine, "before_cursor_execute", count_updates)
    assert await outbox.sweep() == 50
    assert len(updates) == 2  # the claim and the delivered mark


async def test_a_sweep_does_not_take_events_being_delivered_inline(outboxes):
    gate, entered = asyncio.Event(), asyncio.Event()
    inline_calls, swept = Recorder(), Recorder()

    async def slow(event: Event) -> None:
        await inline_calls(event)
        entered.set()
        await gate.wait()

    request, worker = outboxes(), outboxes()
    request.subscribe(slow)
    worker.subscribe(swept)
    delivering = asyncio.create_task(_publish(request, 1))
    await asyncio.wait_for(entered.wait(), 10)
    assert await worker.sweep() == 0  # committed, but claimed by the inline attempt
    gate.set()
    [event_id] = await delivering
    assert await worker.sweep() == 0 and await worker.pending_count() == 0
    assert inline_calls.calls == {event_id: 1} and swept.calls == {}


async def test_a_failing_event_backs_off_then_is_parked_after_the_cap(outboxes, caplog):
    clock = FakeClock()
    policy = DeliveryPolicy(lease_seconds=60, max_attempts=3, retry_base_seconds=10, retry_max_seconds=15)
    outbox = outboxes(policy=policy, clock=clock)
    handler = Recorder(ValueError("the consumer rejects it"))
    outbox.subscribe(handler)
    parked_before = (
        REGISTRY.get_sample_value("outbox_events_total", {"context": "enrollment", "outcome": "parked"})
        or 0.0
    )

    [event_id] = await _publish(outbox, 1)  # the inline attempt fails: attempt 1
    row = await _row(outbox, event_id)
    assert (row.attempts, row.next_attempt_at) == (1, clock.now + timedelta(seconds=10))
    clock.advance(9.9)
    assert await outbox.sweep() == 0 and handler.calls[event_id] == 1  # not yet due

    clock.advance(0.2)
    assert await outbox.sweep() == 0 and handler.calls[event_id] == 2
    row = await _row(outbox, event_id)
    # 10 x 2 would be 20 s: the ceiling is 15 s.
    assert (row.attempts, row.next_attempt_at) == (2, clock.now + timedelta(seconds=15))
    assert row.last_error == "the consumer rejects it"
    clock.advance(14.9)
    assert await outbox.sweep() == 0 and handler.calls[event_id] == 2

    clock.advance(0.2)
    with caplog.at_level(logging.ERROR, logger="backend_services.shared.outbox"):
        assert await outbox.sweep() == 0
    assert handler.calls[event_id] == 3
    assert (await outbox.pending_count(), await outbox.dead_count()) == (0, 1)
    assert f"event {event_id} parked after 3 failed attempts" in caplog.text
    parked_after = REGISTRY.get_sample_value(
        "outbox_events_total", {"context": "enrollment", "outcome": "parked"}
    )
    assert parked_after == parked_before + 1

    clock.advance(86400)
    assert await outbox.sweep() == 0 and handler.calls[event_id] == 3  # parked: never tried again

    handler.error = None
    assert await outbox.retry_parked() == 1
    assert await outbox.sweep() == 1
    assert (await outbox.pending_count(), await outbox.dead_count()) == (0, 0)


async def test_an_unreachable_consumer_delays_events_but_never_parks_them(outboxes):
    clock = FakeClock()
    outbox = outboxes(policy=DeliveryPolicy(max_attempts=2, retry_base_seconds=1), clock=clock)
    handler = Recorder(ConnectionRefusedError("nothing listens there"))
    outbox.subscribe(handler)
    [event_id] = await _publish(outbox, 1)
    for _ in range(4):
        clock.advance(3600)
        await outbox.sweep()
    row = await _row(outbox, event_id)
    assert handler.calls[event_id] == 5 and row.attempts == 5 and row.dead_at is None
    assert row.next_attempt_at == clock.now + timedelta(seconds=16)
    assert await outbox.pending_count() == 1


async def test_an_expired_claim_is_taken_over_by_another_sweeper(outboxes):
    [event_id] = await _publish(outboxes(), 1)
    clock, policy = FakeClock(), DeliveryPolicy(lease_seconds=60)
    stuck, entered = outboxes(policy=policy, clock=clock), asyncio.Event()

    async def hangs(_event: Event) -> None:
        entered.set()
        await asyncio.Event().wait()  # a worker that froze holding its claim

    stuck.subscribe(hangs)
    frozen = asyncio.create_task(stuck.sweep())
    await asyncio.wait_for(entered.wait(), 10)
    other, handler = outboxes(policy=policy, clock=clock), Recorder()
    other.subscribe(handler)
    try:
        clock.advance(59)
        assert await other.sweep() == 0  # still claimed
        clock.advance(2)
        assert await other.sweep() == 1  # the lease ran out
        assert handler.calls == {event_id: 1}
        assert await other.pending_count() == 0
    finally:
        frozen.cancel()
        with pytest.raises(asyncio.CancelledError):
            await frozen


async def test_a_sweep_gives_back_what_it_could_not_hand_over_within_its_lease(outboxes):
    await _publish(outboxes(), 6)
    outbox = outboxes(policy=DeliveryPolicy(lease_seconds=1.0))  # hands over for 0.75 s

    async def slow(_event: Event) -> None:
        await asyncio.sleep(0.3)

    outbox.subscribe(slow)
    first = await outbox.sweep()
    assert 1 <= first < 6
    assert await outbox.pending_count() == 6 - first
    # The rest were given back, not left claimed until the lease ends: due again at once.
    assert await outbox.sweep() >= 1
