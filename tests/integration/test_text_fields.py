"""Every text field of every request body and query refuses NUL and other control
characters with a 422 (not a 500 on PostgreSQL); titles and names refuse being invisible.

The fields come from the OpenAPI document, so a new route or field is covered (and one
that does not use the shared text types fails ``test_every_text_field_is_constrained``).
"""

from __future__ import annotations

from typing import Any

import pytest

from backend_services.api import create_api
from backend_services.shared.text import VISIBLE_LINE_PATTERN
from tests.helpers import token_headers

CONTROL_SAMPLES = ["a\x00b", "a\x1bb", "a\x7fb", "a\x85b"]
INVISIBLE_SAMPLES = ["\u200b\u200c\u200d", " \u202e\u2066 ", "\u3164", "\ufeff\u00ad"]


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _string_schemas(document: dict, schema: dict) -> list[dict]:
    """The string alternatives of a (possibly nullable) property schema."""
    schema = _resolve(document, schema)
    options = [_resolve(document, o) for o in schema.get("anyOf") or [schema]]
    if any(o.get("type") == "number" for o in options):
        return []  # a decimal written as a string: parsed as a number, not stored as text
    return [o for o in options if o.get("type") == "string"]


def _text_fields() -> list[tuple[str, str, str, str, dict]]:
    """(method, path, "body"|"query", field, string schema) for every text input."""
    document = create_api(with_lifespan=False).openapi()
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                for schema in _string_schemas(document, param["schema"]):
                    if param["in"] == "query":
                        found.append((method, path, "query", param["name"], schema))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                model = _resolve(document, body["schema"])
                for name, prop in model.get("properties", {}).items():
                    for schema in _string_schemas(document, prop):
                        found.append((method, path, "body", name, schema))
    return found


def _free_text() -> list[tuple[str, str, str, str, dict]]:
    """Text inputs other than enums and ids (built after the test's platform is set)."""
    return [f for f in _text_fields() if "enum" not in f[4] and f[4].get("format") not in ("uuid", "uri")]


def _id(field) -> str:
    return f"{field[0].upper()} {field[1]} {field[2]}.{field[3]}"


@pytest.fixture
def free_text(platform) -> list[tuple[str, str, str, str, dict]]:
    return _free_text()


async def test_every_text_field_is_constrained(free_text):
    names = {(f[2], f[3]) for f in free_text}
    assert {("body", "title"), ("body", "name"), ("body", "email"), ("query", "q")} <= names
    # A new text field must use backend_services.shared.text (or another pattern/format).
    loose = [_id(f) for f in free_text if "pattern" not in f[4] and f[4].get("format") != "email"]
    assert loose == []


async def _send(client, headers, method, path, where, name, value) -> Any:
    url = path.format(**{k: "00000000-0000-4000-8000-000000000000" for k in _params(path)})
    if where == "query":
        return await client.request(method.upper(), url, params={name: value}, headers=headers)
    return await client.request(method.upper(), url, json={name: value}, headers=headers)


def _params(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def _refused(response, where: str, name: str) -> bool:
    if response.status_code != 422:
        return False
    detail = response.json()["detail"]
    return isinstance(detail, list) and any(e["loc"][:1] == [where] and e["loc"][-1] == name for e in detail)


async def test_control_characters_are_refused_everywhere(client, platform, free_text):
    headers = token_headers(platform, role="teacher", is_verified=True)
    failures = []
    for method, path, where, name, _ in free_text:
        for sample in CONTROL_SAMPLES:
            response = await _send(client, headers, method, path, where, name, sample)
            if not _refused(response, where, name):
                failures.append((method, path, name, repr(sample), response.status_code, response.text[:200]))
    assert failures == []


async def test_titles_and_names_made_of_invisible_characters_are_refused(client, platform, free_text):
    headers = token_headers(platform, role="teacher", is_verified=True)
    visible_fields = [f for f in free_text if f[4].get("pattern") == VISIBLE_LINE_PATTERN]
    assert {f[3] for f in visible_fields} >= {"title", "name"}
    failures = []
    for method, path, where, name, _ in visible_fields:
        for sample in INVISIBLE_SAMPLES:
            response = await _send(client, headers, method, path, where, name, sample)
            if not _refused(response, where, name):
                failures.append((method, path, name, repr(sample), response.status_code))
    assert failures == []
