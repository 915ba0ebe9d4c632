"""SQL access to the identity tables."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, Table, bindparam, func
from sqlalchemy import select as core_select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlmodel import col, select

from backend_services.identity.models import User

_USERS: Table = User.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
# Public profiles by id (a course page shows its teacher's name): built once, no password hash.
_PUBLIC_COLUMNS = ("id", "email", "name", "role", "is_verified", "email_verified", "created_at")
_PROFILES = core_select(*(_USERS.c[name] for name in _PUBLIC_COLUMNS)).where(
    _USERS.c.id.in_(bindparam("ids", expanding=True))
)


async def profiles(reader: AsyncConnection | AsyncSession, user_ids: list[uuid.UUID]) -> list[Row[Any]]:
    """The public columns of these users, over a Core connection or a session."""
    return list((await reader.execute(_PROFILES, {"ids": user_ids})).all())


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def get_for_update(self, user_id: uuid.UUID) -> User | None:
        stmt = select(User).where(User.id == user_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_by_email(self, email: str) -> User | None:
        """The user stored with exactly this (already normalised) address."""
        stmt = select(User).where(User.email == email)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def add(self, user: User) -> None:
        self.session.add(user)

    async def list_pending_teachers(self, *, limit: int, offset: int) -> tuple[list[User], int]:
        where = (User.role == "teacher", col(User.is_verified).is_(False))
        total = (
            await self.session.execute(select(func.count()).select_from(User).where(*where))
        ).scalar_one()
        rows = await self.session.execute(
            select(User)
            .where(*where)
            .order_by(col(User.created_at), col(User.id))
            .limit(limit)
            .offset(offset)
        )
        return list(rows.scalars()), int(total)
