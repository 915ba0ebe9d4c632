"""The hot public course reads answered from the read cache's bytes, ahead of FastAPI.

``GET`` a course, its curriculum or a public lesson is what every visitor asks for, and
the read cache (read_cache.py) already holds each answer as the JSON the endpoint sends.
Through the full stack a cached answer still pays for routing, dependency injection, five
middlewares, parsing the stored JSON into a model, validating it against the response
model and serialising it again: about two thirds of the request's CPU in a profile
(docs/perf/CAPACITY.md). This outermost middleware sends the stored bytes as they are,
with what the stack would have added: the request id, the API's security headers and the
request metrics under the same route template.

Anything else goes through the stack unchanged, and so does every case this layer does
not decide: a cache miss (the stack loads and fills the entry), Redis trouble, a lesson
not everyone may read or asked for with credentials (the access decision stays with the
facade), a browser's
cross-origin request (CORS), a path that is not a well-formed id (the stack's 404/422),
and a process that does not serve the course context on its own database.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from backend_services.course.read_cache import PublicRead
from backend_services.shared import metrics
from backend_services.shared.middleware import REQUEST_ID_HEADER, valid_request_id

_UUID = r"[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}"
# (path pattern under the prefix, route template under the prefix, which read)
_READS: tuple[tuple[str, str, PublicRead], ...] = (
    (rf"/courses/({_UUID})", "/courses/{course_id}", "course"),
    (rf"/courses/({_UUID})/curriculum", "/courses/{course_id}/curriculum", "curriculum"),
    (rf"/lessons/({_UUID})", "/lessons/{lesson_id}", "lesson"),
)
log = logging.getLogger(__name__)

_JSON = (b"content-type", b"application/json")
_ID_HEADER = REQUEST_ID_HEADER.lower().encode("latin-1")

Answer = Callable[[PublicRead, uuid.UUID], Awaitable[bytes | None]]


async def _stored(answer: Answer, read: PublicRead, ident: uuid.UUID) -> bytes | None:
    """The stored body, or None; a stored value this layer cannot read is left to the stack."""
    try:
        return await answer(read, ident)
    except Exception:
        log.exception("fast read of %s %s failed; served the usual way", read, ident)
        return None


class FastCourseReads:
    """Pure ASGI: answers the hot public course reads from stored bytes (module docstring).

    ``answer(read, id)`` returns the stored body or None (serve it the usual way); None
    for ``answer`` itself means this process does not serve the course context now.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        prefix: str,
        answer: Callable[[], Answer | None],
        security_headers: list[tuple[bytes, bytes]],
    ) -> None:
        self.app = app
        self._answer = answer
        self._paths = [
            (re.compile(re.escape(prefix) + pattern), prefix + template, read)
            for pattern, template, read in _READS
        ]
        self._headers = security_headers
        self._metrics = metrics.RequestMetrics()

    def _match(self, path: str) -> tuple[str, PublicRead, uuid.UUID] | None:
        for pattern, template, read in self._paths:
            found = pattern.fullmatch(path)
            if found is not None:
                return template, read, uuid.UUID(found.group(1))
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        match = self._match(scope["path"])
        answer = self._answer() if match is not None else None
        if match is None or answer is None:
            await self.app(scope, receive, send)
            return
        template, read, ident = match
        request_id = None
        for name, value in scope["headers"]:
            # A browser's cross-origin request (CORS decides), or a caller asking for a
            # lesson with credentials (an invalid token is a 401 even for a public lesson).
            if name == b"origin" or (name == b"authorization" and read == "lesson"):
                await self.app(scope, receive, send)
                return
            if name == _ID_HEADER:
                request_id = value.decode("latin-1")
        start = time.perf_counter()
        metrics.request_started()
        try:
            body = await _stored(answer, read, ident)
            if body is not None:
                await self._send(send, body, request_id)
                self._metrics.observe("GET", template, 200, time.perf_counter() - start)
        finally:
            metrics.request_ended()
        if body is None:
            await self.app(scope, receive, send)  # counted by the stack's own metrics

    async def _send(self, send: Send, body: bytes, request_id: str | None) -> None:
        if request_id is None or not valid_request_id(request_id):
            request_id = uuid.uuid4().hex
        headers = [
            _JSON,
            (b"content-length", str(len(body)).encode()),
            (_ID_HEADER, request_id.encode("latin-1")),
            *self._headers,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
