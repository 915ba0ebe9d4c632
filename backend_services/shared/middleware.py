"""Pure ASGI middleware around the whole app: request ids, last-resort error answers,
request body limit and security headers.

Pure ASGI (no ``BaseHTTPMiddleware``) so streaming responses and the Reflex websocket
pass through untouched; each class handles ``http`` scopes only.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend_services.shared.database import is_database_unavailable

log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
INTERNAL_ERROR = "Internal error"
UNAVAILABLE = "Service temporarily unavailable, please retry"
TOO_LARGE = "Request body too large"
RETRY_AFTER_SECONDS = 2

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    """The id of the request being served (``-`` outside one), for log lines."""
    return request_id_var.get()


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            text: str = value.decode("latin-1")
            return text
    return None


def valid_request_id(value: str) -> bool:
    """Whether a client's ``X-Request-ID`` may be echoed and logged as it is."""
    return _VALID_REQUEST_ID.match(value) is not None


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> None:
    """A complete JSON response in two ASGI messages."""
    payload = json.dumps(body).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


class RequestContextMiddleware:
    """Gives every request an id (a sane ``X-Request-ID`` from the client, else a new one),
    echoes it in the response and the logs, and turns any exception that escaped the app
    into JSON: 503 + ``Retry-After`` when the database is unreachable, otherwise 500
    ``{"detail": "Internal error", "request_id": ...}`` with the traceback only in the log.

    The exception is not re-raised: the server would otherwise drop the keep-alive
    connection after the response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = _header(scope, b"x-request-id")
        request_id = supplied if supplied and valid_request_id(supplied) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if started:
                raise  # nothing sensible can be sent any more
            await self._answer(exc, scope, request_id, send_with_id)
        finally:
            request_id_var.reset(token)

    @staticmethod
    async def _answer(exc: Exception, scope: Scope, request_id: str, send: Send) -> None:
        where = f"{scope.get('method')} {scope.get('path')} [request_id={request_id}]"
        if isinstance(exc, HTTPException) and exc.status_code == 413:
            await send_json(send, 413, {"detail": TOO_LARGE})
        elif is_database_unavailable(exc):
            log.warning("database unavailable: %s: %s", where, type(exc).__name__)
            await send_json(
                send,
                503,
                {"detail": UNAVAILABLE, "request_id": request_id},
                {"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        else:
            log.error("unhandled error: %s", where, exc_info=exc)
            await send_json(send, 500, {"detail": INTERNAL_ERROR, "request_id": request_id})


class RequestTooLarge(HTTPException):
    """Raised from ``receive`` once a body passes the limit (FastAPI re-raises
    HTTPExceptions met while reading a body, so it becomes the 413 answer)."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail=TOO_LARGE)


class BodySizeLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with 413 before the app parses them.

    A declared ``Content-Length`` over the limit is refused without reading anything; a
    body without one (chunked) is counted as it streams in and cut off at the limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: Callable[[], int]) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes()
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await send_json(send, 413, {"detail": TOO_LARGE})
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise RequestTooLarge()
            return message

        await self.app(scope, counting_receive, send)


class SecurityHeadersMiddleware:
    """Adds the security headers chosen per path (API JSON vs. UI pages) to every response,
    without overriding a header the app set itself."""

    def __init__(self, app: ASGIApp, *, headers_for: Callable[[str], list[tuple[bytes, bytes]]]) -> None:
        self.app = app
        self.headers_for = headers_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
