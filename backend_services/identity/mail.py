"""Outgoing mail: SMTP when ``EDU_SMTP_URL`` is set, otherwise a mailbox folder.

The folder (``<data_dir>/mailbox``, one ``.eml`` file per message) is for development:
nothing leaves the machine and the link is logged so a developer can click it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from backend_services.shared.settings import Settings
from backend_services.shared.types import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    to: str
    subject: str
    text: str
    link: str


class Mailer(Protocol):
    async def send(self, mail: OutgoingMail) -> None: ...


def compose(mail: OutgoingMail, sender: str) -> EmailMessage:
    """The RFC 5322 message for ``mail``."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Message-ID"] = f"<{uuid.uuid4().hex}@eduplatform>"
    message.set_content(mail.text)
    return message


class SmtpMailer:
    """Sends through an SMTP server: ``smtp://[user:password@]host[:port][?starttls=true]``
    (STARTTLS when the server offers it unless ``starttls=false``) or ``smtps://`` (TLS)."""

    def __init__(self, url: str, *, sender: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("EDU_SMTP_URL must look like smtp://user:password@host:587")
        self._sender = sender
        self._timeout = timeout
        self._tls = parts.scheme == "smtps"
        self._host = parts.hostname
        self._port = parts.port or (465 if self._tls else 25)
        self._username = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password) if parts.password else None
        starttls = parse_qs(parts.query).get("starttls", [""])[0].lower()
        self._starttls = {"true": True, "false": False}.get(starttls)

    async def send(self, mail: OutgoingMail) -> None:
        await aiosmtplib.send(
            compose(mail, self._sender),
            hostname=self._host,
            port=self._port,
            username=self._username,
            password=self._password,
            use_tls=self._tls,
            start_tls=None if self._tls else self._starttls,
            timeout=self._timeout,
        )


class FolderMailer:
    """Writes each message to ``folder`` as an ``.eml`` file and logs its link."""

    def __init__(self, folder: Path, *, sender: str) -> None:
        self.folder = folder
        self._sender = sender

    async def send(self, mail: OutgoingMail) -> None:
        name = await asyncio.to_thread(self._write, compose(mail, self._sender))
        # A warning so that it shows at the default log level: the mail went nowhere.
        log.warning("mail to %s not sent (no EDU_SMTP_URL), saved as %s; link: %s", mail.to, name, mail.link)

    def _write(self, message: EmailMessage) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{utcnow():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
        partial = self.folder / f".{name}.part"
        partial.write_bytes(message.as_bytes())
        os.replace(partial, self.folder / name)  # readers never see half a message
        return name


def mailer_from(settings: Settings) -> Mailer:
    """The mailer the settings ask for."""
    if settings.smtp_url:
        return SmtpMailer(settings.smtp_url, sender=settings.mail_from, timeout=settings.smtp_timeout_seconds)
    return FolderMailer(settings.data_dir / "mailbox", sender=settings.mail_from)
