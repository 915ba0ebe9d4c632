"""The error answers of every route, written into the OpenAPI document.

Routers declare their success models; which errors a route can give follows from what
it is (authenticated, addressed by id, takes a body, writes), so they are added here in
one pass rather than repeated on every decorator. Clients and the schemathesis run
(tests/contract) then see every status the server may send, with its body shape.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field


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


def _statuses(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    """The error statuses an operation can answer, from what the document says it is."""
    if path.endswith("/health/live"):
        return set()
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    authenticated = bool(operation.get("security"))
    statuses = {500, 503}
    if parameters or has_body:
        statuses.add(422)
    if authenticated:
        statuses |= {401, 403}
    # Addressed by id, or naming one in the body; an authenticated caller's own account
    # may also be gone (deleted since the token was issued).
    if any(p["in"] == "path" for p in parameters) or has_body or authenticated:
        statuses.add(404)
    if method in ("post", "put", "patch", "delete"):
        statuses |= {400, 409}
    if has_body:
        statuses.add(413)
    tags = set(operation.get("tags", ()))
    if method == "post" and "enrollment" in tags:
        statuses.add(402)
    if method == "post" and "identity" in tags:
        statuses.add(429)
    return statuses


def describe_errors(app: FastAPI) -> None:
    """Make ``app.openapi()`` list the error answers each route can give."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = original()
        _add_errors(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema


def _add_errors(document: dict[str, Any]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error_schema.pop("$defs", {}))
    schemas["ErrorResponse"] = error_schema
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)  # FastAPI's list-only form; replaced below
            for status in sorted(_statuses(method, path, operation)):
                entry: dict[str, Any] = {"description": DESCRIPTIONS[status], "content": content}
                if status in (429, 503):
                    entry["headers"] = RETRY_AFTER
                responses.setdefault(str(status), entry)
