"""The UI's single door to the platform: the wired facades and error wording.

State handlers call the bounded contexts' facades in-process through here; the
UI never issues SQL or HTTP calls back into its own server.
"""

from __future__ import annotations

import uuid

import reflex as rx

from backend_services.bootstrap import Platform, get_platform
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


def as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        return None


async def explain(state: rx.State, exc: Exception) -> str:
    """The error raised by a facade, worded for the user in their language."""
    return error_text(exc, await lang_of(state))
