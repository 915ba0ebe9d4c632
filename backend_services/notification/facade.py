"""Public API of the notification context: the only module other packages import."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy.exc import IntegrityError

from backend_services.notification import messages, service
from backend_services.notification.models import NotificationProcessedEvent
from backend_services.notification.repository import NotificationRepository, unread_count
from backend_services.notification.schemas import NotificationList, NotificationPublic
from backend_services.shared.broker.inbox import Inbox
from backend_services.shared.database import Database, is_unique_violation
from backend_services.shared.outbox import Event, EventHandler
from backend_services.shared.remote.markers import local_only, read
from backend_services.shared.security import Principal

log = logging.getLogger(__name__)


class NotificationFacade:
    def __init__(self, db: Database, *, after_event: EventHandler | None = None) -> None:
        self.db = db
        # Called once an event has been handled (the live-update signal to the user's tabs).
        self._after_event = after_event
        # Events taken from the broker, so a redelivery is not handled twice.
        self.inbox = Inbox(db, NotificationProcessedEvent)

    async def create(self, actor: Principal, *, type: str, title: str, body: str = "") -> NotificationPublic:
        """A notification for the caller themself."""
        async with self.db.session() as session:
            notification = service.create_for_self(
                NotificationRepository(session), actor, type=type, title=title, body=body
            )
        return NotificationPublic.model_validate(notification)

    @read
    async def list_mine(self, actor: Principal, *, limit: int = 20, offset: int = 0) -> NotificationList:
        """The caller's notifications, newest first, with the overall unread count."""
        async with self.db.read_session() as session:
            repo = NotificationRepository(session)
            rows, total = await repo.list_for_user(actor.user_id, limit=limit, offset=offset)
            unread = await repo.unread_count(actor.user_id)
        items = [NotificationPublic.model_validate(r) for r in rows]
        return NotificationList(items=items, total=total, unread=unread)

    @read
    async def unread_count(self, actor: Principal) -> int:
        """How many of the caller's notifications are unread."""
        async with self.db.read_connection() as connection:
            return await unread_count(connection, actor.user_id)

    async def mark_read(self, actor: Principal, notification_id: uuid.UUID) -> NotificationPublic:
        """Mark one of the caller's notifications read (idempotent)."""
        async with self.db.session() as session:
            notification = await service.get_own(NotificationRepository(session), actor, notification_id)
            notification.is_read = True
        return NotificationPublic.model_validate(notification)

    async def mark_all_read(self, actor: Principal) -> int:
        """Mark every unread notification of the caller read; returns how many changed."""
        async with self.db.session() as session:
            return await NotificationRepository(session).mark_all_read(actor.user_id)

    @staticmethod
    def localize(notification: NotificationPublic, lang: str) -> tuple[str, str]:
        """The notification's (title, body) in ``lang`` ("en", "ru"); the stored text otherwise."""
        return messages.localized(
            notification.type, notification.params, notification.title, notification.body, lang
        )

    @local_only
    async def handle_event(self, event: Event) -> None:
        """Turn another context's event into a notification (idempotent on event.id)."""
        try:
            draft = messages.draft_for(event)
        except (KeyError, ValueError, TypeError):
            # Retrying cannot repair a malformed payload; raising would make the
            # outbox redeliver it forever, so it is logged and dropped.
            log.error("notification: dropping malformed %s event %s", event.topic, event.id)
            return
        if draft is not None:
            try:
                async with self.db.session() as session:
                    await service.notify_once(NotificationRepository(session), draft, event_id=event.id)
            except IntegrityError as exc:
                if not is_unique_violation(exc):
                    raise
                log.debug("notification: event %s was delivered concurrently", event.id)
        if self._after_event is not None:
            await self._after_event(event)
