"""Platform wiring: separate databases, migrations at start, mounts, metrics, docs."""

from __future__ import annotations

import re

from httpx import ASGITransport, AsyncClient
from sqlalchemy import inspect, text

from backend_services.api import create_api
from backend_services.bootstrap import build_platform, set_platform
from backend_services.shared.settings import CONTEXTS, Settings
from tests.databases import base_settings
from tests.helpers import register


async def _tables(platform, context: str) -> set[str]:
    async with platform.databases[context].engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_contexts_use_separate_databases(client, platform):
    urls = {name: platform.settings.database_url(name) for name in CONTEXTS}
    assert len(set(urls.values())) == len(CONTEXTS)

    await register(client, name="Separate")
    identity_tables = await _tables(platform, "identity")
    course_tables = await _tables(platform, "course")
    assert "users" in identity_tables and "courses" not in identity_tables
    assert "courses" in course_tables and "users" not in course_tables

    async with platform.databases["identity"].session() as session:
        users = (
            await session.execute(text("SELECT count(*) FROM users WHERE name = 'Separate'"))
        ).scalar_one()
    assert users == 1
    # each context keeps its own Alembic history
    assert "alembic_version_identity" in identity_tables
    assert "alembic_version_course" in course_tables
    assert "alembic_version_identity" not in course_tables


async def test_migrations_run_when_the_platform_starts(tmp_path):
    settings: Settings = base_settings(data_dir=tmp_path / "fresh", auto_migrate=True)
    platform = build_platform(settings)
    set_platform(platform)
    await platform.start(run_sweeper=False)
    try:
        for name in CONTEXTS:
            assert (tmp_path / "fresh" / f"{name}.db").exists()
        assert {"users", "outbox"} <= await _tables(platform, "identity")
        assert {"courses", "modules", "lessons", "reviews"} <= await _tables(platform, "course")
        # starting again is a no-op, not an error
        await platform.start(run_sweeper=False)
    finally:
        await platform.stop()


async def test_metrics_count_requests_by_route_template(client):
    await client.get("/api/identity/me")
    await client.patch("/api/identity/admin/users/5b0e7a9e-8a4f-4a57-9a5b-2f0f3c1d2e3f/verify")
    body = (await client.get("/metrics")).text
    assert re.search(r'http_requests_total\{method="GET",route="/api/identity/me",status="401"\} [1-9]', body)
    assert 'route="/api/identity/admin/users/{user_id}/verify"' in body
    assert "5b0e7a9e" not in body  # raw ids never become labels
    assert "http_request_duration_seconds_bucket" in body
    assert "http_requests_in_flight" in body
    assert 'db_pool_size{context="identity"}' in body


async def test_unknown_paths_share_one_metrics_label(client):
    assert (await client.get("/api/identity/nope-123")).status_code == 404
    body = (await client.get("/metrics")).text
    assert "nope-123" not in body


async def test_openapi_docs_are_reachable(client):
    schema = (await client.get("/api/openapi.json")).json()
    assert "/api/identity/register" in schema["paths"]
    assert (await client.get("/api/docs")).status_code == 200


async def test_each_context_also_runs_as_a_standalone_app(platform):
    app = create_api(["identity"], standalone=True, with_lifespan=False)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://svc") as http:
        ready = (await http.get("/health/ready")).json()
        assert ready == {"status": "ok", "context": "identity", "dependencies": {"database": "ok"}}
        response = await http.post(
            "/register", json={"email": "standalone@example.com", "password": "password123", "name": "S"}
        )
        assert response.status_code == 200
        assert (await http.get("/docs")).status_code == 200
        assert (await http.get("/api/identity/health/live")).status_code == 404
