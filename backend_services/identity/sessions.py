"""Sessions: a login is a family of refresh tokens; every refresh spends the presented
token and issues its successor, so each token works once.

Presenting a spent token again means two parties hold the same family (a stolen
token): the whole login is revoked. The one exception is a token spent less than
``refresh_reuse_grace_seconds`` ago: that is a client refreshing twice at once (two
tabs), answered 401 without ending the login the winner just renewed.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend_services.identity.models import LoginSession, RefreshToken, User
from backend_services.identity.opaque_tokens import digest, new_token
from backend_services.identity.repository import UserRepository
from backend_services.identity.schemas import TokenPair
from backend_services.identity.token_repository import SessionRepository
from backend_services.shared.database import Database
from backend_services.shared.errors import NotAuthenticated
from backend_services.shared.security import Role, TokenService
from backend_services.shared.settings import Settings
from backend_services.shared.types import utcnow

REFRESH_INVALID = "Invalid or expired refresh token"
REFRESH_REUSED = "This refresh token was already used: please log in again"
# A client that refreshed twice at once (two tabs of one login): the other request won and
# holds the successor; the login goes on. Distinct so a UI can wait for the winner's tokens.
REFRESH_RACED = "This refresh token was just used by another request of the same login"
ACCOUNT_CHANGED = "Your account has changed: please log in again"


class SessionService:
    """Starts, renews and ends logins."""

    def __init__(self, db: Database, tokens: TokenService, settings: Settings) -> None:
        self.db = db
        self._tokens = tokens
        self._refresh_ttl = timedelta(seconds=settings.refresh_ttl_seconds)
        self._reuse_grace = timedelta(seconds=settings.refresh_reuse_grace_seconds)

    def start(self, session: AsyncSession, user: User) -> TokenPair:
        """A new login for ``user``, written in the caller's transaction."""
        login = LoginSession(user_id=user.id, role=user.role, is_verified=user.is_verified)
        SessionRepository(session).add(login)
        return self._pair(session, login, user, utcnow())

    async def refresh(self, refresh_token: str) -> TokenPair:
        """Spend ``refresh_token`` and return the next pair with the user's current claims."""
        async with self.db.session() as session:
            outcome = await self._rotate(session, digest(refresh_token), utcnow())
        # Raised after the block so that a revocation decided inside it is committed.
        if isinstance(outcome, str):
            raise NotAuthenticated(outcome)
        return outcome

    async def logout(self, refresh_token: str) -> None:
        """End the login this token belongs to (it and every successor stop working)."""
        async with self.db.session() as session:
            repo = SessionRepository(session)
            found = await repo.find_refresh(digest(refresh_token))
            if found is not None:
                await repo.revoke(found[1].id, now=utcnow(), reason="logout")
        if found is None:
            raise NotAuthenticated(REFRESH_INVALID)

    async def end_all(self, session: AsyncSession, user_id: uuid.UUID, *, reason: str) -> None:
        """Revoke every login of a user (e.g. after a password reset), in the caller's transaction."""
        await SessionRepository(session).revoke_all_of_user(user_id, now=utcnow(), reason=reason)

    async def _rotate(self, session: AsyncSession, token_hash: str, now: datetime) -> TokenPair | str:
        repo = SessionRepository(session)
        # Spend first: the write lock is taken before anything is read, so concurrent
        # refreshes queue here and exactly one of them finds the token unspent.
        spent_now = await repo.spend(token_hash, now)
        found = await repo.find_refresh(token_hash)
        if found is None:
            return REFRESH_INVALID
        token, login = found
        if not spent_now:
            if token.used_at is not None and now - token.used_at > self._reuse_grace:
                await repo.revoke(login.id, now=now, reason="reuse")
                return REFRESH_REUSED
            if token.used_at is not None and login.revoked_at is None:
                return REFRESH_RACED
            return REFRESH_INVALID  # expired
        if login.revoked_at is not None:
            return REFRESH_INVALID
        user = await UserRepository(session).get(login.user_id)
        if user is None or user.role != login.role or (login.is_verified and not user.is_verified):
            await repo.revoke(login.id, now=now, reason="account_changed")
            return ACCOUNT_CHANGED
        login.is_verified = user.is_verified
        return self._pair(session, login, user, now)

    def _pair(self, session: AsyncSession, login: LoginSession, user: User, now: datetime) -> TokenPair:
        value, token_hash = new_token()
        SessionRepository(session).add(
            RefreshToken(session_id=login.id, token_hash=token_hash, expires_at=now + self._refresh_ttl)
        )
        access = self._tokens.issue(user_id=user.id, role=Role(user.role), is_verified=user.is_verified)
        return TokenPair(access_token=access, refresh_token=value)
