"""SQL access to the identity tables."""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.identity.models import User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def get_many(self, user_ids: list[uuid.UUID]) -> list[User]:
        rows = await self.session.execute(select(User).where(col(User.id).in_(user_ids)))
        return list(rows.scalars())

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
