"""SQL access to login sessions, refresh tokens and mailed account tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.identity.models import AccountToken, LoginSession, RefreshToken
from backend_services.shared.database import rows_matched
from backend_services.shared.types import Condition


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, row: LoginSession | RefreshToken) -> None:
        self.session.add(row)

    async def find_refresh(self, token_hash: str) -> tuple[RefreshToken, LoginSession] | None:
        stmt = (
            select(RefreshToken, LoginSession)
            .join(LoginSession, col(LoginSession.id) == RefreshToken.session_id)
            .where(RefreshToken.token_hash == token_hash)
        )
        row = (await self.session.execute(stmt)).first()
        return (row[0], row[1]) if row else None

    async def spend(self, token_hash: str, now: datetime) -> bool:
        """Mark an unexpired refresh token used; False when unknown, expired or already spent.

        The ``used_at IS NULL`` condition is re-checked under the row lock, so of two
        concurrent refreshes with the same token exactly one updates the row."""
        stmt = (
            update(RefreshToken)
            .where(
                col(RefreshToken.token_hash) == token_hash,
                col(RefreshToken.used_at).is_(None),
                col(RefreshToken.expires_at) > now,
            )
            .values(used_at=now)
        )
        return rows_matched(await self.session.execute(stmt)) == 1

    async def revoke(self, session_id: uuid.UUID, *, now: datetime, reason: str) -> None:
        await self._revoke(col(LoginSession.id) == session_id, now=now, reason=reason)

    async def revoke_all_of_user(self, user_id: uuid.UUID, *, now: datetime, reason: str) -> None:
        await self._revoke(col(LoginSession.user_id) == user_id, now=now, reason=reason)

    async def _revoke(self, which: Condition, *, now: datetime, reason: str) -> None:
        """Revoke the matching logins that are still active (the first reason is kept)."""
        stmt = (
            update(LoginSession)
            .where(which, col(LoginSession.revoked_at).is_(None))
            .values(revoked_at=now, revoked_reason=reason)
        )
        await self.session.execute(stmt)


class AccountTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, token: AccountToken) -> None:
        self.session.add(token)

    async def for_event(self, event_id: uuid.UUID) -> AccountToken | None:
        stmt = select(AccountToken).where(AccountToken.event_id == event_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_usable(self, token_hash: str, purpose: str, now: datetime) -> AccountToken | None:
        stmt = select(AccountToken).where(
            AccountToken.token_hash == token_hash,
            AccountToken.purpose == purpose,
            col(AccountToken.used_at).is_(None),
            AccountToken.expires_at > now,
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def use(self, token_id: uuid.UUID, now: datetime) -> bool:
        """Spend a token; False when it was already spent (single use under concurrency)."""
        stmt = (
            update(AccountToken)
            .where(col(AccountToken.id) == token_id, col(AccountToken.used_at).is_(None))
            .values(used_at=now)
        )
        return rows_matched(await self.session.execute(stmt)) == 1

    async def use_all(self, user_id: uuid.UUID, purpose: str, now: datetime) -> None:
        """Spend every outstanding token of one purpose (e.g. older reset links)."""
        stmt = (
            update(AccountToken)
            .where(
                col(AccountToken.user_id) == user_id,
                col(AccountToken.purpose) == purpose,
                col(AccountToken.used_at).is_(None),
            )
            .values(used_at=now)
        )
        await self.session.execute(stmt)

    async def mark_sent(self, token_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(AccountToken).where(col(AccountToken.id) == token_id).values(sent_at=now)
        )

    async def remove(self, token_id: uuid.UUID) -> None:
        await self.session.execute(delete(AccountToken).where(col(AccountToken.id) == token_id))
