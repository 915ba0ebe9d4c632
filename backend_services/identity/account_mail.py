"""Mails with single-use links (verify the address, reset the password), sent by the
identity outbox's consumer so that a request never waits for SMTP and a crash or an
SMTP outage only delays the mail.

The link's token is created when the mail is sent, not when it is requested, so its
value exists only in the mail (the outbox row holds just the user id). The token row
carries the outbox event id: when two sweeps pick up the same event, only one inserts
it and sends; a claim older than ``CLAIM_LEASE`` whose mail never went out (the sender
died) is taken over.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from backend_services.identity.mail import Mailer, OutgoingMail
from backend_services.identity.models import AccountToken, User
from backend_services.identity.opaque_tokens import new_token
from backend_services.identity.repository import UserRepository
from backend_services.identity.token_repository import AccountTokenRepository
from backend_services.shared.database import Database
from backend_services.shared.outbox import Event
from backend_services.shared.settings import Settings
from backend_services.shared.types import utcnow

VERIFICATION_REQUESTED = "verification_requested"
PASSWORD_RESET_REQUESTED = "password_reset_requested"
VERIFY_EMAIL = "verify_email"
RESET_PASSWORD = "reset_password"
PURPOSE_OF_TOPIC = {VERIFICATION_REQUESTED: VERIFY_EMAIL, PASSWORD_RESET_REQUESTED: RESET_PASSWORD}
MAIL_TOPICS = frozenset(PURPOSE_OF_TOPIC)
# UI pages the links open (eduplatform/routes.py).
PAGE_OF_PURPOSE = {VERIFY_EMAIL: "/verify-email", RESET_PASSWORD: "/reset-password"}
CLAIM_LEASE = timedelta(minutes=2)


class MailInProgress(Exception):
    """Another delivery of the same event is sending this mail; the sweep retries later."""


class AccountMailSender:
    """Outbox consumer of ``verification_requested`` and ``password_reset_requested``."""

    def __init__(self, db: Database, mailer: Mailer, settings: Settings) -> None:
        self.db = db
        self.mailer = mailer
        self._settings = settings
        self._ttl = {
            VERIFY_EMAIL: timedelta(seconds=settings.email_verification_ttl_seconds),
            RESET_PASSWORD: timedelta(seconds=settings.password_reset_ttl_seconds),
        }

    async def handle_event(self, event: Event) -> None:
        """Create the link's token and send the mail (at most once per event)."""
        purpose = PURPOSE_OF_TOPIC.get(event.topic)
        if purpose is None:
            return
        claim = await self._claim(event, purpose)
        if claim is None:
            return
        token_id, mail = claim
        try:
            await self.mailer.send(mail)
        except Exception:
            async with self.db.session() as session:  # let the next attempt claim it at once
                await AccountTokenRepository(session).remove(token_id)
            raise
        async with self.db.session() as session:
            await AccountTokenRepository(session).mark_sent(token_id, utcnow())

    async def _claim(self, event: Event, purpose: str) -> tuple[uuid.UUID, OutgoingMail] | None:
        now = utcnow()
        try:
            async with self.db.session() as session:
                tokens = AccountTokenRepository(session)
                user = await UserRepository(session).get(uuid.UUID(str(event.payload["user_id"])))
                if user is None or (purpose == VERIFY_EMAIL and user.email_verified):
                    return None
                existing = await tokens.for_event(event.id)
                if existing is not None:
                    if existing.sent_at is not None:
                        return None
                    if now - existing.created_at < CLAIM_LEASE:
                        raise MailInProgress(f"mail for event {event.id} is being sent")
                    await tokens.remove(existing.id)
                value, token_hash = new_token()
                token = AccountToken(
                    user_id=user.id,
                    purpose=purpose,
                    token_hash=token_hash,
                    expires_at=now + self._ttl[purpose],
                    event_id=event.id,
                )
                tokens.add(token)
                await session.flush()
        except IntegrityError as exc:  # a concurrent delivery inserted the claim first
            raise MailInProgress(f"mail for event {event.id} is being sent") from exc
        return token.id, self._mail(user, purpose, value)

    def _mail(self, user: User, purpose: str, token: str) -> OutgoingMail:
        link = f"{self._settings.public_url.rstrip('/')}{PAGE_OF_PURPOSE[purpose]}?token={token}"
        hours = max(1, int(self._ttl[purpose].total_seconds() // 3600))
        subject, text = TEXTS[purpose]
        return OutgoingMail(
            to=user.email,
            subject=subject,
            text=text.format(name=user.name, link=link, hours=hours),
            link=link,
        )


# The mail goes to someone whose language the server does not know: English, then Russian.
TEXTS = {
    VERIFY_EMAIL: (
        "Confirm your e-mail address / Подтвердите адрес почты",
        "Hello {name},\n\n"
        "please confirm your e-mail address for EduPlatform by opening this link:\n\n{link}\n\n"
        "The link works once, for {hours} hours. If you did not sign up, ignore this message.\n\n"
        "---\n\n"
        "Здравствуйте, {name}!\n\n"
        "Подтвердите адрес почты для EduPlatform, открыв ссылку:\n\n{link}\n\n"
        "Ссылка действует один раз в течение {hours} ч. Если вы не регистрировались, "
        "просто проигнорируйте это письмо.\n",
    ),
    RESET_PASSWORD: (
        "Reset your password / Сброс пароля",
        "Hello {name},\n\n"
        "someone asked to reset your EduPlatform password. To choose a new one, open:\n\n{link}\n\n"
        "The link works once, for {hours} hours. If it was not you, ignore this message: "
        "your password stays as it is.\n\n"
        "---\n\n"
        "Здравствуйте, {name}!\n\n"
        "Кто-то запросил сброс пароля EduPlatform. Чтобы задать новый пароль, откройте ссылку:\n\n"
        "{link}\n\n"
        "Ссылка действует один раз в течение {hours} ч. Если это были не вы, просто "
        "проигнорируйте письмо: пароль останется прежним.\n",
    ),
}
