"""The error answers of every route, written into the OpenAPI document.

Routers declare their success models; which errors a route can give follows from what
it is (authenticated, addressed by id, takes a body, writes), so they are added here in
one pass rather than repeated on every decorator. Clients and the schemathesis run
(tests/contract) then see every status the server may send, with its body shape.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from backend_services.shared import http


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorResponse(BaseModel):
    """Every error: ``detail`` is a message, or the list of field problems of a 422."""

    detail: str | list[ValidationIssue]
    request_id: str | None = Field(default=None, description="Sent with 500 and 503 answers")


DESCRIPTIONS = {
    400: "Bad request (e.g. wrong e-mail or password)",
    401: "Missing, invalid or expired token",
    402: "Payment required",
    403: "Not allowed for this user",
    404: "Not found (also someone else's object)",
    409: "Conflict with the current state",
    413: "Request body too large",
    422: "Invalid input",
    429: "Too many attempts; see Retry-After",
    500: "Internal error (request_id identifies it in the log)",
    503: "A dependency (the database) is unavailable; see Retry-After",
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}


def _uses(dependant: Dependant, call: Any) -> bool:
    return any(d.call is call or _uses(d, call) for d in dependant.dependencies)


def _has_input(route: APIRoute) -> bool:
    d = route.dependant
    return bool(d.path_params or d.query_params or d.header_params or d.body_params) or any(
        _has_input_dep(sub) for sub in d.dependencies
    )


def _has_input_dep(dependant: Dependant) -> bool:
    return bool(dependant.query_params or dependant.header_params) or any(
        _has_input_dep(sub) for sub in dependant.dependencies
    )


def _statuses(route: APIRoute) -> set[int]:
    methods = route.methods or set()
    writes = bool(methods & {"POST", "PUT", "PATCH", "DELETE"})
    has_body = route.body_field is not None
    statuses = {500, 503}
    if _has_input(route):
        statuses.add(422)
    if _uses(route.dependant, http.current_principal):
        statuses |= {401, 403}
    if _uses(route.dependant, http.optional_principal):
        statuses |= {401, 403}
    if route.dependant.path_params or has_body:
        statuses.add(404)
    if writes:
        statuses |= {400, 409}
    if has_body:
        statuses.add(413)
    tags = set(route.tags or ())
    if "POST" in methods and "enrollment" in tags:
        statuses.add(402)
    if "POST" in methods and "identity" in tags:
        statuses.add(429)
    return statuses


def describe_errors(app: FastAPI) -> None:
    """Make ``app.openapi()`` list the error answers each route can give."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = original()
        _add_errors(app, document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _add_errors(app: FastAPI, document: dict[str, Any]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error_schema.pop("$defs", {}))
    schemas["ErrorResponse"] = error_schema
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    for route in app.routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = document["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)  # FastAPI's list-only form; replaced below
            statuses = set() if route.path.endswith("/health/live") else _statuses(route)
            for status in sorted(statuses):
                entry: dict[str, Any] = {"description": DESCRIPTIONS[status], "content": content}
                if status in (429, 503):
                    entry["headers"] = RETRY_AFTER
                responses.setdefault(str(status), entry)
