"""The UI's single door to the platform: the wired facades and error wording.

State handlers call the bounded contexts' facades in-process through here; the
UI never issues SQL or HTTP calls back into its own server.
"""

from __future__ import annotations

import logging
import uuid

from pydantic import ValidationError

from backend_services.bootstrap import Platform, get_platform
from backend_services.shared.errors import DomainError, NotAuthenticated
from backend_services.shared.security import Principal

log = logging.getLogger(__name__)


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


def error_message(exc: Exception) -> str:
    """A message safe to show to the user for an error raised by a facade."""
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ()))
        return f"{field}: {first.get('msg', 'invalid value')}" if field else first.get("msg", "")
    log.exception("unexpected error in a UI handler", exc_info=exc)
    return "Something went wrong, please try again."
