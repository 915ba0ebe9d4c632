"""Failures answer in JSON: request ids, 500 without a traceback, 503 when the database is
gone, 413 before a big body is parsed, readiness without driver text (SQLite and PostgreSQL)."""

from __future__ import annotations

import logging

import pytest
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from tests.helpers import token_headers


@pytest.fixture
async def app(platform):
    app = create_api(with_lifespan=False)

    @app.get("/api/test/boom")
    async def boom():
        raise RuntimeError("secret detail that must stay in the log")

    return app


@pytest.fixture
async def http(app):
    # raise_app_exceptions=False: the client sees what a real server would send.
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_a_request_id_is_echoed_or_generated(http):
    mine = await http.get("/api/course/courses", headers={"X-Request-ID": "abc-123"})
    assert mine.headers["x-request-id"] == "abc-123"
    generated = await http.get("/api/course/courses")
    assert len(generated.headers["x-request-id"]) == 32
    # A header that could forge log lines is replaced, not echoed.
    forged = await http.get("/api/course/courses", headers={"X-Request-ID": "x" * 300})
    assert forged.headers["x-request-id"] != "x" * 300


async def test_an_unexpected_exception_is_a_json_500_with_the_traceback_only_in_the_log(http, caplog):
    caplog.set_level(logging.ERROR)
    response = await http.get("/api/test/boom", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal error", "request_id": "req-500"}
    assert "secret detail" not in response.text
    logged = [r for r in caplog.records if "req-500" in r.getMessage()]
    assert logged and logged[0].exc_info is not None


async def test_database_unavailable_is_a_json_503_with_retry_after(http, platform, monkeypatch):
    async def refused(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connect call failed ('10.0.0.1', 5432)")

    # Every way into the database: the catalog reads through read_connection().
    for way in ("session", "read_session", "read_connection"):
        monkeypatch.setattr(platform.course.db, way, _failing_session(refused))
    response = await http.get("/api/course/courses")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.json()["detail"] == "Service temporarily unavailable, please retry"
    assert "5432" not in response.text


def _failing_session(fail):
    import contextlib

    @contextlib.asynccontextmanager
    async def session():
        await fail()
        yield None

    return session


async def test_readiness_names_the_dependency_without_driver_text(http, platform, monkeypatch):
    async def broken():
        raise OSError("could not connect to server: postgresql://admin:pw@db:5432 SELECT 1")

    monkeypatch.setattr(platform.databases["course"], "ping", broken)
    ready = await http.get("/api/course/health/ready")
    assert ready.status_code == 503
    assert ready.json() == {
        "status": "unavailable",
        "context": "course",
        "dependencies": {"database": "unavailable"},
    }
    assert (await http.get("/api/identity/health/ready")).status_code == 200


async def test_a_declared_big_body_is_refused_before_it_is_read(http, platform):
    headers = token_headers(platform, role="teacher", is_verified=True)
    limit = platform.settings.max_request_bytes
    body = b'{"title": "' + b"x" * limit + b'"}'
    response = await http.post("/api/course/courses", content=body, headers=headers)
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large"}


async def test_a_streamed_body_without_length_is_cut_off_at_the_limit(http, platform):
    headers = token_headers(platform, role="teacher", is_verified=True)
    limit = platform.settings.max_request_bytes
    sent = 0

    async def chunks():
        nonlocal sent
        yield b'{"title": "'
        for _ in range(limit // 65536 + 10):
            sent += 65536
            yield b"x" * 65536
        yield b'"}'

    response = await http.post("/api/course/courses", content=chunks(), headers=headers)
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large"}


async def test_unknown_routes_and_methods_answer_json(http):
    missing = await http.get("/api/course/nowhere")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not Found"})
    wrong = await http.request("BREW", "/api/course/courses")
    assert wrong.status_code == 405
    assert wrong.json() == {"detail": "Method Not Allowed"}
