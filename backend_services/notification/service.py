"""Notification use cases: notify a user (once per source event), read, mark read."""

from __future__ import annotations

import uuid

from backend_services.notification.messages import PLATFORM_TYPES, NotificationDraft
from backend_services.notification.models import Notification
from backend_services.notification.repository import NotificationRepository
from backend_services.shared.errors import NotFound, Unprocessable
from backend_services.shared.security import Principal

NOT_FOUND = "Notification not found"
RESERVED_TYPE = "This notification type is reserved for the platform"


def create_for_self(
    notifications: NotificationRepository, actor: Principal, *, type: str, title: str, body: str
) -> Notification:
    """A notification the caller writes for themself (never for someone else, never of a
    type the platform itself sends)."""
    if type in PLATFORM_TYPES:
        raise Unprocessable(RESERVED_TYPE)
    notification = Notification(user_id=actor.user_id, type=type, title=title, body=body)
    notifications.add(notification)
    return notification


async def notify_once(
    notifications: NotificationRepository, draft: NotificationDraft, *, event_id: uuid.UUID
) -> bool:
    """Store the notification for an event unless it already exists. True when stored.

    The check makes redelivery cheap; the unique ``source_event_id`` still guards two
    deliveries racing past it (the caller treats that violation as "already done").
    """
    if await notifications.exists_for_event(event_id):
        return False
    notifications.add(
        Notification(
            user_id=draft.user_id,
            type=draft.type,
            title=draft.title,
            body=draft.body,
            source_event_id=event_id,
            params=draft.params or None,
        )
    )
    await notifications.session.flush()
    return True


async def get_own(
    notifications: NotificationRepository, actor: Principal, notification_id: uuid.UUID
) -> Notification:
    """One of the caller's notifications; anyone else's is reported as missing."""
    notification = await notifications.get(notification_id)
    if notification is None or notification.user_id != actor.user_id:
        raise NotFound(NOT_FOUND)
    return notification
