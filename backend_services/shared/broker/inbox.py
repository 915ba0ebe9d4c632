"""The consumer side's record of handled events, kept in the consuming context's own database.

A broker delivers at least once (a redelivery after a lost ack, a replay from the
dead-letter stream, the same event published twice outside the broker's duplicate
window); the record turns that into one effect per event and consumer.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, select

from backend_services.shared.database import Database, is_unique_violation
from backend_services.shared.outbox import Event
from backend_services.shared.types import UTCDateTime, utcnow


class ProcessedEventColumns(SQLModel):
    """Columns of a consuming context's ``processed_events`` table; the context declares
    ``class ProcessedEvent(<Ctx>Base, ProcessedEventColumns, table=True)`` in its own metadata."""

    consumer: str = Field(primary_key=True, max_length=100)
    event_id: uuid.UUID = Field(primary_key=True)
    topic: str = Field(max_length=64)
    processed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Inbox:
    """Which events each consumer of one context has already handled."""

    def __init__(self, db: Database, model: type[ProcessedEventColumns]) -> None:
        self.db = db
        self.model = model

    async def seen(self, consumer: str, event_id: uuid.UUID) -> bool:
        async with self.db.session() as session:
            stmt = select(self.model.event_id).where(
                self.model.consumer == consumer,
                self.model.event_id == event_id,
            )
            return (await session.execute(stmt)).first() is not None

    async def record(self, consumer: str, event: Event) -> None:
        """Remember that ``consumer`` handled ``event`` (a concurrent record is fine)."""
        try:
            async with self.db.session() as session:
                session.add(self.model(consumer=consumer, event_id=event.id, topic=event.topic))
        except IntegrityError as exc:
            if not is_unique_violation(exc):
                raise
