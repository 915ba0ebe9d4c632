"""Transactional outbox: an event is stored in the same transaction as the change that
causes it, and delivered to its consumer after the commit.

Delivery is attempted right after the commit and again by a periodic sweep, so a crash
or a failing consumer between the commit and the delivery delays the side effect but
never loses it. Consumers must be idempotent on ``event_id`` (a delivery may succeed just
before marking it fails, and a claim that outlives its lease is taken over).

Topics whose consumer is slow or talks to the outside world (sending mail) can be
``deferred``: they are left to the sweep instead of being delivered inside the request.

**Claims.** Every process (each granian worker runs its own sweep) may sweep the same
table, so a worker first *claims* a batch: one statement,
``UPDATE outbox SET next_attempt_at = now + lease WHERE id IN (SELECT id ... WHERE due
ORDER BY next_attempt_at LIMIT n FOR UPDATE SKIP LOCKED) RETURNING ...``. On PostgreSQL
``SKIP LOCKED`` makes a concurrent sweeper pass over rows another one is claiming instead
of waiting for them (and, once that claim commits, the pushed ``next_attempt_at`` keeps
them out), so concurrent sweeps get disjoint batches without blocking each other. SQLite
has no row locks and ignores the clause: its writes are serialised, so the same
``UPDATE ... RETURNING`` is atomic there. A claim is a lease, not a lock held open: a
worker that dies leaves rows whose ``next_attempt_at`` simply comes due when the lease
(``EDU_OUTBOX_LEASE_SECONDS``, 60 s) ends, and another sweep takes them. A sweep hands
events over only during the first three quarters of its lease and gives the rest back,
so it does not deliver what another worker may by then have claimed. The claim needs no
index of its own: PostgreSQL finds the undelivered rows through ``ix_outbox_delivered_at``
(``IS NULL``) and sorts only those (2.5 ms for a batch of 200 beside 200,000 delivered rows).

**The inline attempt** claims its rows as it writes them: an event delivered right after
the commit is inserted with ``next_attempt_at = now + lease``, so no sweep can take it
while the request delivers it (a process that dies in between leaves it to the sweep after
the lease). Deferred events, and events of an outbox nobody subscribed to, are due at once.

**Backoff and cap.** A failed attempt sets ``next_attempt_at = now + base x 2^(failures-1)``
(``EDU_OUTBOX_RETRY_BASE_SECONDS`` 5 s, at most ``EDU_OUTBOX_RETRY_MAX_SECONDS`` 5 min: a
backlog held through an outage moves at most that long after the consumer is back; a
rejected event is parked after about 20 min).
After ``EDU_OUTBOX_MAX_ATTEMPTS`` (10) failures the event is parked: ``dead_at`` is set,
it is no longer tried, logged as an error, counted in ``outbox_events_total{outcome=
"parked"}`` and by ``dead_count()``; ``retry_parked()`` puts parked events back. A failure
that says the consumer is unreachable (connection refused, timeout, broker or database
down) backs off the same way but never parks: an outage delays events, it does not bury them.

**Marking.** The outcomes of a batch are written in one session: the delivered events in
one ``UPDATE``, the failed ones in one more (per-row backoff), the untried ones given back
in a third. Times come from this process's clock (hosts are expected to keep NTP time; the
lease is minutes, skew is milliseconds).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from backend_services.shared.database import Database
from backend_services.shared.metrics import OUTBOX_EVENTS
from backend_services.shared.outbox_policy import DeliveryPolicy
from backend_services.shared.types import UTCDateTime, utcnow

log = logging.getLogger(__name__)

EventHandler = Callable[["Event"], Awaitable[None]]
Clock = Callable[[], datetime]
_NO_SYNC = {"synchronize_session": False}


class OutboxColumns(SQLModel):
    """Columns of a context's ``outbox`` table; each producing context declares
    ``class Outbox(<Ctx>Base, OutboxColumns, table=True)`` in its own metadata."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    topic: str = Field(max_length=64)
    payload: dict[str, Any] = Field(sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)
    # The earliest time a worker may try the event: its creation, the end of a claim's
    # lease, or the end of a backoff.
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Set when the event was parked after its last allowed attempt.
    dead_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, in the past tense (``student_enrolled``)."""

    id: uuid.UUID
    topic: str
    payload: dict[str, Any]


@dataclass
class Transaction:
    """A database transaction that can also publish events atomically with its writes."""

    session: AsyncSession
    _model: type[OutboxColumns]
    events: list[Event] = field(default_factory=list)
    # When a new event's row becomes due: after the inline attempt's lease, or at once.
    _due_at: Callable[[str], datetime] = field(default=lambda _topic: utcnow())

    def publish(self, topic: str, payload: dict[str, Any]) -> Event:
        row = self._model(topic=topic, payload=_jsonable(payload), next_attempt_at=self._due_at(topic))
        self.session.add(row)
        event = Event(id=row.id, topic=topic, payload=row.payload)
        self.events.append(event)
        return event


@dataclass
class _Outcome:
    """What happened to the events of one delivery run."""

    delivered: list[uuid.UUID] = field(default_factory=list)
    failed: dict[uuid.UUID, BaseException] = field(default_factory=dict)
    untried: list[uuid.UUID] = field(default_factory=list)


class Outbox:
    """One context's outbox: opens transactions and relays their events to its handlers."""

    def __init__(
        self,
        db: Database,
        model: type[OutboxColumns],
        *,
        deferred_topics: frozenset[str] = frozenset(),
        policy: DeliveryPolicy | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self.db = db
        self.model = model
        self.deferred_topics = deferred_topics
        self.policy = policy or DeliveryPolicy.from_settings(db.settings)
        self._clock = clock
        self._handlers: dict[str, EventHandler] = {}

    def subscribe(self, handler: EventHandler, *, name: str = "default") -> None:
        """Deliver every event to ``handler``; subscribing again under a name replaces it.

        With several handlers an event counts as delivered once all of them succeeded; a
        failure redelivers it to every handler, so each must be idempotent on ``event.id``.
        """
        self._handlers[name] = handler

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Commit the block's writes and events together, then try to deliver the events
        (all but the deferred ones, which the sweep delivers)."""
        async with self.db.session() as session:
            tx = Transaction(session, self.model, _due_at=self._due_at)
            yield tx
        await self.deliver([event for event in tx.events if self._delivered_inline(event.topic)])

    async def deliver(self, events: list[Event]) -> int:
        """Deliver events now; a failure is recorded and left for the sweep. Returns delivered."""
        if not events:
            return 0
        outcome = _Outcome()
        try:
            await self._hand_over(events, outcome, until=None)
        finally:
            await self._record(outcome)
        return len(outcome.delivered)

    async def sweep(self, *, limit: int = 200) -> int:
        """Claim up to ``limit`` due events (oldest due first) and deliver them. Returns how
        many were delivered."""
        if not self._handlers:
            return 0
        started = time.monotonic()
        events = await self._claim(limit)
        outcome = _Outcome()
        try:
            await self._hand_over(events, outcome, until=started + self.policy.delivery_window_seconds)
        finally:
            await self._record(outcome)
        return len(outcome.delivered)

    async def pending_count(self) -> int:
        """Events still to be delivered (parked ones excluded)."""
        return await self._count(self.model.delivered_at.is_(None), self.model.dead_at.is_(None))  # type: ignore[union-attr]

    async def dead_count(self) -> int:
        """Events parked after their last allowed attempt."""
        return await self._count(self.model.dead_at.is_not(None))  # type: ignore[union-attr]

    async def retry_parked(self) -> int:
        """Put every parked event back, with a fresh count of attempts. Returns how many."""
        m = self.model
        async with self.db.session() as session:
            result = await session.execute(
                update(m)
                .where(m.dead_at.is_not(None), m.delivered_at.is_(None))  # type: ignore[union-attr]
                .values(dead_at=None, attempts=0, next_attempt_at=self._clock())
                .execution_options(**_NO_SYNC)
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def _delivered_inline(self, topic: str) -> bool:
        return topic not in self.deferred_topics and bool(self._handlers)

    def _due_at(self, topic: str) -> datetime:
        now = self._clock()
        return now + self.policy.lease if self._delivered_inline(topic) else now

    async def _claim(self, limit: int) -> list[Event]:
        m = self.model
        now = self._clock()
        due = (
            select(m.id)
            .where(m.delivered_at.is_(None), m.dead_at.is_(None), m.next_attempt_at <= now)  # type: ignore[union-attr]
            .order_by(m.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(m)
            .where(m.id.in_(due))  # type: ignore[attr-defined]
            .values(next_attempt_at=now + self.policy.lease)
            .returning(m.id, m.topic, m.payload, m.created_at)
            .execution_options(**_NO_SYNC)
        )
        async with self.db.session() as session:
            rows = (await session.execute(claim)).all()
        # RETURNING keeps no order: deliver the oldest first.
        oldest_first = sorted(rows, key=lambda r: r.created_at)
        return [Event(id=r.id, topic=r.topic, payload=r.payload) for r in oldest_first]

    async def _hand_over(self, events: Iterable[Event], outcome: _Outcome, *, until: float | None) -> None:
        for event in events:
            if not self._handlers or (until is not None and time.monotonic() >= until):
                outcome.untried.append(event.id)
                continue
            try:
                for handler in list(self._handlers.values()):
                    await handler(event)
            except Exception as exc:  # noqa: BLE001 - any consumer failure is retried later
                log.warning("outbox %s: delivery of %s failed: %s", self.db.context, event.id, exc)
                outcome.failed[event.id] = exc
            else:
                outcome.delivered.append(event.id)

    async def _record(self, outcome: _Outcome) -> None:
        """Write a run's outcomes in one session; a failure to write is only logged (the
        events come due again and are redelivered to idempotent consumers)."""
        if not (outcome.delivered or outcome.failed or outcome.untried):
            return
        m = self.model
        now = self._clock()
        parked: list[uuid.UUID] = []
        try:
            async with self.db.session() as session:
                if outcome.delivered:
                    await session.execute(
                        update(m)
                        .where(m.id.in_(outcome.delivered))  # type: ignore[attr-defined]
                        .values(delivered_at=now, next_attempt_at=now, attempts=m.attempts + 1)
                        .execution_options(**_NO_SYNC)
                    )
                if outcome.failed:
                    parked = await self._record_failures(session, outcome.failed, now)
                if outcome.untried:
                    await session.execute(
                        update(m)
                        .where(m.id.in_(outcome.untried), m.delivered_at.is_(None))  # type: ignore[attr-defined,union-attr]
                        .values(next_attempt_at=now)
                        .execution_options(**_NO_SYNC)
                    )
        except Exception as exc:  # noqa: BLE001 - the sweep will redeliver; consumers are idempotent
            log.warning("outbox %s: could not record a delivery run: %s", self.db.context, exc)
            return
        context = self.db.context
        OUTBOX_EVENTS.labels(context, "delivered").inc(len(outcome.delivered))
        OUTBOX_EVENTS.labels(context, "failed").inc(len(outcome.failed) - len(parked))
        OUTBOX_EVENTS.labels(context, "parked").inc(len(parked))
        for event_id in parked:
            log.error(
                "outbox %s: event %s parked after %d failed attempts: %s",
                context,
                event_id,
                self.policy.max_attempts,
                outcome.failed[event_id],
            )

    async def _record_failures(
        self, session: AsyncSession, failed: dict[uuid.UUID, BaseException], now: datetime
    ) -> list[uuid.UUID]:
        """Back off (or park) each failed event; returns the parked ones."""
        m = self.model
        known = select(m.id, m.attempts).where(m.id.in_(failed))  # type: ignore[attr-defined]
        attempts = dict((await session.execute(known)).tuples().all())
        rows, parked = [], []
        for event_id, error in failed.items():
            failures = attempts.get(event_id, 0) + 1
            park = self.policy.parks(failures, error)
            if park:
                parked.append(event_id)
            rows.append(
                {
                    "event_id": event_id,
                    "failures": failures,
                    "error": str(error)[:500],
                    "dead_at": now if park else None,
                    "due": now if park else now + self.policy.backoff(failures),
                }
            )
        table = m.__table__  # type: ignore[attr-defined]
        backoff = (
            update(table)
            .where(table.c.id == bindparam("event_id"), table.c.delivered_at.is_(None))
            .values(
                attempts=bindparam("failures"),
                last_error=bindparam("error"),
                dead_at=bindparam("dead_at"),
                next_attempt_at=bindparam("due"),
            )
        )
        await session.execute(backoff, rows)  # one executemany
        return parked

    async def _count(self, *conditions: Any) -> int:
        async with self.db.session() as session:
            stmt = select(func.count()).select_from(self.model).where(*conditions)
            return int((await session.execute(stmt)).scalar_one())


def _jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, uuid.UUID | datetime) else v) for k, v in payload.items()}
