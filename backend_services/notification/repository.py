"""SQL access to the notifications table."""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, func, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlmodel import col, select

from backend_services.notification.models import Notification
from backend_services.shared.database import rows_matched


class NotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, notification: Notification) -> None:
        self.session.add(notification)

    async def get(self, notification_id: uuid.UUID) -> Notification | None:
        return await self.session.get(Notification, notification_id)

    async def exists_for_event(self, event_id: uuid.UUID) -> bool:
        stmt = select(Notification.id).where(Notification.source_event_id == event_id)
        return (await self.session.execute(stmt)).first() is not None

    async def list_for_user(
        self, user_id: uuid.UUID, *, limit: int, offset: int
    ) -> tuple[list[Notification], int]:
        where = Notification.user_id == user_id
        total = await self.session.scalar(select(func.count()).select_from(Notification).where(where))
        rows = await self.session.execute(
            select(Notification)
            .where(where)
            .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
            .limit(limit)
            .offset(offset)
        )
        return list(rows.scalars()), int(total or 0)

    async def unread_count(self, user_id: uuid.UUID) -> int:
        return await unread_count(self.session, user_id)

    async def mark_all_read(self, user_id: uuid.UUID) -> int:
        stmt = (
            update(Notification)
            .where(col(Notification.user_id) == user_id, col(Notification.is_read).is_(False))
            .values(is_read=True)
        )
        result = await self.session.execute(stmt)
        return rows_matched(result)


# Every page's header asks for it: built once, run on a Core connection or a session.
_UNREAD_COUNT = (
    select(func.count())
    .select_from(Notification)
    .where(col(Notification.user_id) == bindparam("user_id"), col(Notification.is_read).is_(False))
)


async def unread_count(connection: AsyncConnection | AsyncSession, user_id: uuid.UUID) -> int:
    """How many of a user's notifications are unread."""
    return int((await connection.execute(_UNREAD_COUNT, {"user_id": user_id})).scalar() or 0)
