"""The request id of the HTTP request being served (set by ``RequestContextMiddleware``),
carried into the calls it makes to other contexts (``X-Request-ID``), so one user action can
be followed across the five services."""

from __future__ import annotations

import uuid

from backend_services.shared.middleware import request_id_var

HEADER = "x-request-id"


def current_request_id() -> str | None:
    """The id of the request being served, or None outside one (a sweep, a consumer)."""
    value = request_id_var.get()
    return None if value == "-" else value


def new_request_id() -> str:
    return uuid.uuid4().hex
