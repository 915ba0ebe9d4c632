"""Tables of the notification context."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Index, Text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from backend_services.shared.broker.inbox import ProcessedEventColumns
from backend_services.shared.types import UTCDateTime, utcnow


class NotificationBase(SQLModel, registry=registry()):
    """Metadata of the notification database only."""


class Notification(NotificationBase, table=True):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_created", "user_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(index=True)
    type: str = Field(max_length=32)
    title: str = Field(max_length=200)
    body: str = Field(default="", sa_type=Text)
    is_read: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The outbox event that produced it: a redelivered event cannot notify twice.
    source_event_id: uuid.UUID | None = Field(default=None, unique=True)
    # The values a platform notification was rendered from, so it can be shown in
    # another language (messages.localized); None for notifications users post.
    params: dict[str, str] | None = Field(default=None, sa_type=JSON)


class NotificationProcessedEvent(NotificationBase, ProcessedEventColumns, table=True):
    """Events from the broker this context has handled (one effect per event and consumer)."""

    __tablename__ = "processed_events"
