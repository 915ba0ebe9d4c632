"""Helpers of the identity tests: an in-process SMTP server and reading the links it got."""

from __future__ import annotations

import email
import re
import socket
from email.message import Message
from email.policy import default

from aiosmtpd.controller import Controller

from tests.helpers import PASSWORD

API = "/api/identity"
LINK = re.compile(r"https?://\S+?/(verify-email|reset-password)\?token=([\w-]+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collect:
    def __init__(self, messages: list[Message]) -> None:
        self.messages = messages

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd in its own thread; ``messages`` holds every mail it accepted."""

    def __init__(self, port: int) -> None:
        self.messages: list[Message] = []
        self.port = port
        self._controller = Controller(_Collect(self.messages), hostname="127.0.0.1", port=port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


def body_of(message: Message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def link_in(message: Message) -> tuple[str, str]:
    """(page, token) of the link in a mail, e.g. ("verify-email", "...")."""
    match = LINK.search(body_of(message))
    assert match, body_of(message)
    return match.group(1), match.group(2)


async def register_pair(client, email: str, *, role: str = "student", password: str = PASSWORD) -> dict:
    """Register and return the token pair."""
    response = await client.post(
        f"{API}/register", json={"email": email, "password": password, "name": "Test User", "role": role}
    )
    assert response.status_code == 200, response.text
    return response.json()


async def login_pair(client, email: str, password: str = PASSWORD) -> dict:
    response = await client.post(f"{API}/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return response.json()
