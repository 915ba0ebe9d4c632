"""The UI's single door to the platform: the wired facades and error wording.

State handlers call the bounded contexts' facades in-process through here; the
UI never issues SQL or HTTP calls back into its own server.
"""

from __future__ import annotations

import time
import uuid

import jwt
import reflex as rx

from backend_services.bootstrap import Platform, get_platform
from backend_services.shared.client_address import resolve_client_address
from backend_services.shared.errors import NotAuthenticated
from backend_services.shared.security import Principal
from eduplatform.error_text import error_text
from eduplatform.i18n import lang_of


def platform() -> Platform:
    return get_platform()


def principal_from(token: str) -> Principal | None:
    """The caller behind a stored token, or None when it is missing, invalid or expired."""
    if not token:
        return None
    try:
        return platform().tokens.verify(token)
    except NotAuthenticated:
        return None


def seconds_left(token: str) -> float:
    """How long an access token stays valid (0 when unreadable); only schedules renewal,
    ``principal_from`` still checks the signature."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
        return max(0.0, float(claims["exp"]) - time.time())
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return 0.0


def client_address_of(state: rx.State) -> str:
    """The browser's address for abuse limits (X-Forwarded-For only from trusted proxies)."""
    headers = state.router.headers.raw_headers
    peer = headers.get("asgi-scope-client") or state.router.session.client_ip
    return resolve_client_address(peer, headers.get("x-forwarded-for"), platform().settings.trusted_proxies)


def as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        return None


async def explain(state: rx.State, exc: Exception) -> str:
    """The error raised by a facade, worded for the user in their language."""
    return error_text(exc, await lang_of(state))
