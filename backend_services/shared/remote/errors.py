"""Errors across the wire: a domain error raised in one process is raised again, as the same
class with the same message, in the process that called it; an unreachable context is a
clean 503 with ``Retry-After``."""

from __future__ import annotations

import importlib
import math
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from backend_services.shared.errors import DomainError

UNAVAILABLE = "A service is temporarily unavailable, please retry"


class ServiceUnavailable(DomainError):
    """Another context could not answer (down, too slow, or its circuit is open)."""

    status_code = 503

    def __init__(self, message: str = UNAVAILABLE, *, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def retry_after_header(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))


async def service_unavailable_handler(_: Request, exc: Exception) -> JSONResponse:
    """``{"detail"}`` with status 503 and ``Retry-After`` (registered on every API)."""
    assert isinstance(exc, ServiceUnavailable)
    return JSONResponse(
        {"detail": exc.message},
        status_code=503,
        headers={"Retry-After": retry_after_header(exc.retry_after)},
    )


def error_name(exc: DomainError) -> str:
    cls = type(exc)
    return f"{cls.__module__}:{cls.__qualname__}"


def error_body(exc: DomainError) -> dict[str, Any]:
    """The JSON an internal endpoint answers for a domain error."""
    extra = {
        k: v
        for k, v in vars(exc).items()
        if k != "message" and isinstance(v, str | int | float | bool | type(None))
    }
    return {"detail": exc.message, "error": error_name(exc), "extra": extra}


def _by_status(status: int) -> type[DomainError]:
    from backend_services.shared import errors

    for cls in (
        errors.InvalidInput,
        errors.NotAuthenticated,
        errors.PaymentRequired,
        errors.Forbidden,
        errors.NotFound,
        errors.Conflict,
        errors.Unprocessable,
    ):
        if cls.status_code == status:
            return cls
    return ServiceUnavailable if status >= 500 else DomainError


def _resolve(name: str) -> type[DomainError] | None:
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith("backend_services.") or not qualname:
        return None
    try:
        target: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            target = getattr(target, part)
    except (ImportError, AttributeError):
        return None
    return target if isinstance(target, type) and issubclass(target, DomainError) else None


def error_from(status: int, body: Any) -> DomainError:
    """The domain error an internal endpoint's error answer stands for."""
    body = body if isinstance(body, dict) else {}
    detail = body.get("detail")
    message = detail if isinstance(detail, str) else UNAVAILABLE
    cls = _resolve(str(body.get("error", ""))) or _by_status(status)
    try:
        exc = cls(message)
    except TypeError:  # a subclass with another constructor: rebuild it field by field
        exc = cls.__new__(cls)
        DomainError.__init__(exc, message)
    for key, value in (body.get("extra") or {}).items():
        setattr(exc, key, value)
    return exc
