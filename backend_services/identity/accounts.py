"""Account use cases: register, log in, verify the e-mail address, reset a forgotten password.

Password hashing (argon2, tens of milliseconds of CPU) never runs while a database
connection is held: login reads the hash, releases the session, then verifies;
registration and reset hash before opening their transaction.
"""

from __future__ import annotations

from backend_services.identity import service
from backend_services.identity.abuse import IdentityLimits
from backend_services.identity.account_mail import (
    PASSWORD_RESET_REQUESTED,
    RESET_PASSWORD,
    VERIFICATION_REQUESTED,
    VERIFY_EMAIL,
)
from backend_services.identity.emails import canonical_email, normalise_email
from backend_services.identity.models import User
from backend_services.identity.opaque_tokens import digest
from backend_services.identity.repository import UserRepository
from backend_services.identity.schemas import TokenPair
from backend_services.identity.sessions import SessionService
from backend_services.identity.token_repository import AccountTokenRepository
from backend_services.shared.errors import InvalidInput, NotAuthenticated
from backend_services.shared.outbox import Outbox
from backend_services.shared.security import Principal, Role, hash_password, verify_password
from backend_services.shared.types import utcnow

LINK_INVALID = "This link is invalid or has expired"


class AccountService:
    def __init__(self, outbox: Outbox, sessions: SessionService, limits: IdentityLimits) -> None:
        self.db = outbox.db
        self.outbox = outbox
        self.sessions = sessions
        self.limits = limits

    async def register(
        self, *, email: str, password: str, name: str, role: Role, client_address: str
    ) -> TokenPair:
        """Create an account, ask for the verification mail and start a login."""
        await self.limits.before_register(client_address)
        service.require_self_registrable(role)
        email = normalise_email(email)
        password_hash = await hash_password(password)
        async with self.outbox.transaction() as tx:
            user = await service.create_user(
                tx, email=email, password_hash=password_hash, name=name, role=role
            )
            tx.publish(VERIFICATION_REQUESTED, {"user_id": user.id})
            pair = self.sessions.start(tx.session, user)
        return pair

    async def login(self, *, email: str, password: str, client_address: str) -> TokenPair:
        """A new login for the right password; the same error for unknown e-mail and wrong password."""
        account = canonical_email(email)
        await self.limits.before_login(account, client_address)
        async with self.db.session() as session:
            user = await service.find_by_email(UserRepository(session), email)
        if not await verify_password(password, user.password_hash if user else None) or user is None:
            await self.limits.login_failed(account)
            raise InvalidInput(service.WRONG_CREDENTIALS)
        await self.limits.trust_address(account, client_address)
        async with self.db.session() as session:
            pair = self.sessions.start(session, user)
        return pair

    async def verify_email(self, token: str) -> User:
        """Mark the address of the mailed token's user verified (the token works once)."""
        now = utcnow()
        async with self.db.session() as session:
            tokens = AccountTokenRepository(session)
            found = await tokens.find_usable(digest(token), VERIFY_EMAIL, now)
            user = await UserRepository(session).get(found.user_id) if found else None
            if found is None or user is None or not await tokens.use(found.id, now):
                raise InvalidInput(LINK_INVALID)
            user.email_verified = True
            await tokens.use_all(user.id, VERIFY_EMAIL, now)
        return user

    async def request_verification(self, actor: Principal) -> None:
        """Mail a new verification link unless the address is already verified."""
        await self.limits.before_resend_verification(str(actor.user_id))
        async with self.outbox.transaction() as tx:
            user = await UserRepository(tx.session).get(actor.user_id)
            if user is None:
                raise NotAuthenticated("Not authenticated")
            if not user.email_verified:
                tx.publish(VERIFICATION_REQUESTED, {"user_id": user.id})

    async def forgot_password(self, *, email: str, client_address: str) -> None:
        """Mail a reset link if the address has an account; says nothing either way."""
        await self.limits.before_forgot_password(client_address)
        await self.limits.before_reset_mail(normalise_email(email))
        async with self.outbox.transaction() as tx:
            user = await service.find_by_email(UserRepository(tx.session), email)
            if user is not None:
                tx.publish(PASSWORD_RESET_REQUESTED, {"user_id": user.id})

    async def reset_password(self, *, token: str, new_password: str, client_address: str) -> None:
        """Set a new password with a mailed token and end every login of the account."""
        async with self.db.session() as session:
            found = await AccountTokenRepository(session).find_usable(digest(token), RESET_PASSWORD, utcnow())
        if found is None:
            raise InvalidInput(LINK_INVALID)
        password_hash = await hash_password(new_password)
        now = utcnow()
        async with self.db.session() as session:
            tokens = AccountTokenRepository(session)
            user = await UserRepository(session).get(found.user_id)
            if user is None or not await tokens.use(found.id, now):
                raise InvalidInput(LINK_INVALID)
            user.password_hash = password_hash
            user.email_verified = True  # the link reached this mailbox
            await tokens.use_all(user.id, RESET_PASSWORD, now)
            await self.sessions.end_all(session, user.id, reason="password_reset")
        await self.limits.trust_address(canonical_email(user.email), client_address)
