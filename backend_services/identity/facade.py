"""Public API of the identity context: the only module other packages import."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from backend_services.identity import service
from backend_services.identity.abuse import IdentityLimits
from backend_services.identity.account_mail import MAIL_TOPICS, AccountMailSender
from backend_services.identity.accounts import AccountService
from backend_services.identity.mail import Mailer
from backend_services.identity.models import IdentityOutbox, IdentityProcessedEvent
from backend_services.identity.repository import UserRepository, profiles
from backend_services.identity.schemas import PendingTeacher, PendingTeacherList, TokenPair, UserPublic
from backend_services.identity.sessions import REFRESH_RACED, SessionService
from backend_services.shared.broker.inbox import Inbox
from backend_services.shared.database import Database
from backend_services.shared.errors import NotFound
from backend_services.shared.outbox import Event, Outbox
from backend_services.shared.rate_limit import RateLimiter
from backend_services.shared.remote.markers import local_only, read
from backend_services.shared.security import Principal, Role, TokenService
from backend_services.shared.settings import Settings

__all__ = ["REFRESH_RACED", "IdentityFacade"]


class IdentityFacade:
    def __init__(
        self, db: Database, tokens: TokenService, *, settings: Settings, limiter: RateLimiter, mailer: Mailer
    ) -> None:
        self.db = db
        # Mail is sent by the sweep, never inside the request that asked for it.
        self.outbox = Outbox(db, IdentityOutbox, deferred_topics=MAIL_TOPICS)
        self.sessions = SessionService(db, tokens, settings)
        self.accounts = AccountService(self.outbox, self.sessions, IdentityLimits(limiter, settings))
        self.mail = AccountMailSender(db, mailer, settings)
        # Mail events come back through the broker in the five-service topology.
        self.inbox = Inbox(db, IdentityProcessedEvent)

    async def register(
        self, *, email: str, password: str, name: str, role: str = "student", client_address: str
    ) -> TokenPair:
        """Create an account (a verification mail follows) and return its first token pair."""
        return await self.accounts.register(
            email=email, password=password, name=name, role=Role(role), client_address=client_address
        )

    async def login(self, *, email: str, password: str, client_address: str) -> TokenPair:
        """A token pair for the right credentials (400 otherwise, 429 when limited)."""
        return await self.accounts.login(email=email, password=password, client_address=client_address)

    async def refresh(self, refresh_token: str) -> TokenPair:
        """Spend a refresh token for the next pair, with the user's current role and verification."""
        return await self.sessions.refresh(refresh_token)

    async def logout(self, refresh_token: str) -> None:
        """End the login that ``refresh_token`` belongs to."""
        await self.sessions.logout(refresh_token)

    async def verify_email(self, token: str) -> UserPublic:
        """Confirm the address with the token from the verification mail."""
        return UserPublic.model_validate(await self.accounts.verify_email(token))

    async def resend_verification(self, actor: Principal) -> None:
        """Mail the caller a new verification link (nothing when already verified)."""
        await self.accounts.request_verification(actor)

    async def forgot_password(self, *, email: str, client_address: str) -> None:
        """Mail a reset link when the address has an account; never says whether it has."""
        await self.accounts.forgot_password(email=email, client_address=client_address)

    async def reset_password(self, *, token: str, new_password: str, client_address: str) -> None:
        """Set a new password with the mailed token; every login of the account ends."""
        await self.accounts.reset_password(
            token=token, new_password=new_password, client_address=client_address
        )

    @local_only
    async def send_account_mail(self, event: Event) -> None:
        """Outbox consumer of the mail events (verification, password reset)."""
        await self.mail.handle_event(event)

    @read
    async def me(self, actor: Principal) -> UserPublic:
        async with self.db.read_session() as session:
            user = await UserRepository(session).get(actor.user_id)
        if user is None:
            raise NotFound("User not found")
        return UserPublic.model_validate(user)

    @read
    async def list_pending_teachers(
        self, actor: Principal, *, limit: int = 50, offset: int = 0
    ) -> PendingTeacherList:
        service.require_admin(actor)
        async with self.db.read_session() as session:
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
        async with self.db.read_connection() as connection:
            users = await profiles(connection, user_ids)
        return {u.id: UserPublic.model_validate(u) for u in users}

    @local_only
    async def ensure_admin(self, *, email: str, password: str, name: str) -> bool:
        """Create the configured admin account unless it exists. True when created."""
        return await self.ensure_account(email=email, password=password, name=name, role=Role.ADMIN)

    @local_only
    async def ensure_account(self, *, email: str, password: str, name: str, role: Role) -> bool:
        """Create an operator-provisioned, already verified account unless it exists."""
        try:
            async with self.db.session() as session:
                return await service.ensure_account(
                    UserRepository(session), email=email, password=password, name=name, role=role
                )
        except IntegrityError:  # another worker created it at the same moment
            return False
