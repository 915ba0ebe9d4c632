"""The UI's single door to the platform: the wired facades and error wording.

State handlers call the bounded contexts' facades in-process through here; the
UI never issues SQL or HTTP calls back into its own server.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import jwt
import reflex as rx

from backend_services.bootstrap import Platform, get_platform
from backend_services.shared import metrics
from backend_services.shared.client_address import resolve_client_address
from backend_services.shared.errors import NotAuthenticated, NotFound
from backend_services.shared.security import Principal
from eduplatform.error_text import error_text
from eduplatform.i18n import lang_of

UI_SESSIONS_SAMPLE_SECONDS = 1.0


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


def route_uuid(value: str, message: str) -> uuid.UUID:
    """An id taken from the page's URL; a malformed one names nothing, so it is ``NotFound(message)``."""
    parsed = as_uuid(value)
    if parsed is None:
        raise NotFound(message)
    return parsed


async def explain(state: rx.State, exc: Exception) -> str:
    """The error raised by a facade, worded for the user in their language."""
    return error_text(exc, await lang_of(state))


def tab_connected(client_token: str) -> bool:
    """Whether the browser tab with this token still has its websocket on this worker
    (background loops started by a tab stop once it is gone)."""
    from eduplatform.eduplatform import app  # the app module imports the states: import late

    namespace = app.event_namespace
    return namespace is not None and client_token in namespace.token_to_sid


async def count_ui_sessions() -> None:
    """Lifespan task: publish this worker's connected tabs as the ``ui_sessions`` gauge."""
    from eduplatform.eduplatform import app

    while True:
        namespace = app.event_namespace
        metrics.UI_SESSIONS.set(len(namespace.sid_to_token) if namespace is not None else 0)
        await asyncio.sleep(UI_SESSIONS_SAMPLE_SECONDS)
