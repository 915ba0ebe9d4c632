"""Transactional outbox: an event is stored in the same transaction as the change that
causes it, and delivered to its consumer after the commit.

Delivery is attempted right after the commit and again by a periodic sweep, so a crash
or a failing consumer between the commit and the delivery delays the side effect but
never loses it. Consumers must be idempotent on ``event_id`` (the sweep and the inline
attempt may race, and a delivery may succeed just before marking fails).

Topics whose consumer is slow or talks to the outside world (sending mail) can be
``deferred``: they are left to the sweep instead of being delivered inside the request.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from backend_services.shared.database import Database
from backend_services.shared.types import UTCDateTime, utcnow

log = logging.getLogger(__name__)

EventHandler = Callable[["Event"], Awaitable[None]]


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

    def publish(self, topic: str, payload: dict[str, Any]) -> Event:
        row = self._model(topic=topic, payload=_jsonable(payload))
        self.session.add(row)
        event = Event(id=row.id, topic=topic, payload=row.payload)
        self.events.append(event)
        return event


class Outbox:
    """One context's outbox: opens transactions and relays their events to its handlers."""

    def __init__(
        self, db: Database, model: type[OutboxColumns], *, deferred_topics: frozenset[str] = frozenset()
    ) -> None:
        self.db = db
        self.model = model
        self.deferred_topics = deferred_topics
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
            tx = Transaction(session, self.model)
            yield tx
        await self.deliver([event for event in tx.events if event.topic not in self.deferred_topics])

    async def deliver(self, events: list[Event]) -> int:
        """Deliver events now; a failure is recorded and left for the sweep. Returns delivered."""
        delivered = 0
        for event in events:
            if await self._deliver_one(event):
                delivered += 1
        return delivered

    async def sweep(self, *, limit: int = 200) -> int:
        """Deliver everything still pending (oldest first). Returns how many were delivered."""
        async with self.db.session() as session:
            rows = (
                await session.execute(
                    select(self.model.id, self.model.topic, self.model.payload)
                    .where(self.model.delivered_at.is_(None))  # type: ignore[union-attr]  # SQLModel column typed as its value
                    .order_by(self.model.created_at)
                    .limit(limit)
                )
            ).all()
        return await self.deliver([Event(id=r.id, topic=r.topic, payload=r.payload) for r in rows])

    async def pending_count(self) -> int:
        async with self.db.session() as session:
            stmt = (
                select(func.count())
                .select_from(self.model)
                .where(
                    self.model.delivered_at.is_(None)  # type: ignore[union-attr]  # SQLModel column typed as its value
                )
            )
            return int((await session.execute(stmt)).scalar_one())

    async def _deliver_one(self, event: Event) -> bool:
        if not self._handlers:
            return False
        try:
            for handler in list(self._handlers.values()):
                await handler(event)
        except Exception as exc:  # noqa: BLE001 - any consumer failure is retried later
            log.warning("outbox %s: delivery of %s failed: %s", self.db.context, event.id, exc)
            await self._mark(event.id, error=str(exc)[:500])
            return False
        await self._mark(event.id, error=None)
        return True

    async def _mark(self, event_id: uuid.UUID, *, error: str | None) -> None:
        values: dict[str, Any] = {"attempts": self.model.attempts + 1}
        if error is None:
            values["delivered_at"] = utcnow()
        else:
            values["last_error"] = error
        try:
            async with self.db.session() as session:
                await session.execute(update(self.model).where(self.model.id == event_id).values(**values))
        except Exception as exc:  # noqa: BLE001 - the sweep will redeliver; consumers are idempotent
            log.warning("outbox %s: could not mark %s: %s", self.db.context, event_id, exc)


def _jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, uuid.UUID | datetime) else v) for k, v in payload.items()}
