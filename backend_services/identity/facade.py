"""Public API of the identity context: the only module other packages import."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from backend_services.identity import service
from backend_services.identity.models import IdentityOutbox
from backend_services.identity.repository import UserRepository
from backend_services.identity.schemas import PendingTeacher, PendingTeacherList, UserPublic
from backend_services.shared.database import Database
from backend_services.shared.errors import NotFound
from backend_services.shared.outbox import Outbox
from backend_services.shared.remote.markers import local_only, read
from backend_services.shared.security import Principal, Role, TokenService


class IdentityFacade:
    def __init__(self, db: Database, tokens: TokenService) -> None:
        self.db = db
        self.outbox = Outbox(db, IdentityOutbox)
        self._tokens = tokens

    def _token_for(self, user) -> str:
        return self._tokens.issue(user_id=user.id, role=Role(user.role), is_verified=user.is_verified)

    async def register(self, *, email: str, password: str, name: str, role: str = "student") -> str:
        """Create an account and return its access token."""
        async with self.outbox.transaction() as tx:
            user = await service.register_user(tx, email=email, password=password, name=name, role=Role(role))
        return self._token_for(user)

    @read
    async def login(self, *, email: str, password: str) -> str:
        async with self.db.session() as session:
            user = await service.authenticate(UserRepository(session), email=email, password=password)
        return self._token_for(user)

    @read
    async def me(self, actor: Principal) -> UserPublic:
        async with self.db.session() as session:
            user = await UserRepository(session).get(actor.user_id)
        if user is None:
            raise NotFound("User not found")
        return UserPublic.model_validate(user)

    @read
    async def refresh_token(self, actor: Principal) -> str:
        """A fresh token with the user's current role and verification (e.g. after approval)."""
        async with self.db.session() as session:
            user = await UserRepository(session).get(actor.user_id)
        if user is None:
            raise NotFound("User not found")
        return self._token_for(user)

    @read
    async def list_pending_teachers(
        self, actor: Principal, *, limit: int = 50, offset: int = 0
    ) -> PendingTeacherList:
        service.require_admin(actor)
        async with self.db.session() as session:
            users, total = await UserRepository(session).list_pending_teachers(limit=limit, offset=offset)
        return PendingTeacherList(items=[PendingTeacher.model_validate(u) for u in users], total=total)

    async def verify_teacher(self, actor: Principal, user_id: uuid.UUID) -> UserPublic:
        async with self.outbox.transaction() as tx:
            user = await service.verify_teacher(tx, actor, user_id)
        return UserPublic.model_validate(user)

    @read
    async def get_users(self, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, UserPublic]:
        """Public profiles by id (e.g. to show student names to a teacher)."""
        if not user_ids:
            return {}
        async with self.db.session() as session:
            users = await UserRepository(session).get_many(user_ids)
        return {u.id: UserPublic.model_validate(u) for u in users}

    @local_only
    async def ensure_admin(self, *, email: str, password: str, name: str) -> bool:
        try:
            async with self.db.session() as session:
                return await service.ensure_admin(
                    UserRepository(session), email=email, password=password, name=name
                )
        except IntegrityError:  # another worker created it at the same moment
            return False
