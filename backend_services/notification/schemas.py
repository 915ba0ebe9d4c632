"""Request and response models of the notification API (API.md, Notification)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from backend_services.notification.messages import PLATFORM_TYPES
from backend_services.shared.text import Text, VisibleTitle

# Known types: registration, teacher_verified, payment, enrollment, course_completed;
# clients may use any other short slug so the list can grow without a deploy.
TYPE_PATTERN = r"^[a-z_]{1,32}$"
_RESERVED_TYPES: list[JsonValue] = [*sorted(PLATFORM_TYPES)]


class NotificationCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    # The platform's own types are refused by the service (422); documented here.
    type: str = Field(pattern=TYPE_PATTERN, json_schema_extra={"not": {"enum": _RESERVED_TYPES}})
    title: VisibleTitle = Field(min_length=1, max_length=200)
    body: Text = Field(default="", max_length=2000)


class NotificationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID
    type: str
    title: str
    body: str
    is_read: bool
    created_at: datetime
    # Extension: what a platform notification was rendered from (null for posted ones).
    params: dict[str, str] | None = None


class NotificationList(BaseModel):
    items: list[NotificationPublic]
    total: int
    # Extension: unread notifications of the user overall (not just this page).
    unread: int


class UnreadCount(BaseModel):
    unread: int


class MarkedRead(BaseModel):
    updated: int
