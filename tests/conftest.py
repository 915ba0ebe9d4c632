"""Fixtures shared by the whole suite.

``backend`` runs a test against SQLite and PostgreSQL; ``platform`` is the wired
platform over fresh databases; ``client`` is an HTTP client on the real ASGI app.
"""

from __future__ import annotations

import pytest
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from backend_services.bootstrap import Platform, build_platform, set_platform
from backend_services.shared.settings import Settings
from tests.databases import PostgresDatabases, SqliteTemplate, postgres_unavailable_reason


def pytest_report_header(config) -> str:
    reason = postgres_unavailable_reason()
    return f"postgres: {'SKIPPED - ' + reason if reason else 'available'}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgres_databases():
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    databases = PostgresDatabases()
    yield databases
    databases.drop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def settings(backend: str, request, tmp_path) -> Settings:
    if backend == "sqlite":
        return request.getfixturevalue("sqlite_template").fresh(tmp_path / "db")
    # The data folder still holds per-test files (generated secrets, the development mailbox).
    return request.getfixturevalue("postgres_databases").settings(data_dir=tmp_path / "data")


@pytest.fixture
async def platform(settings: Settings, backend: str):
    if backend == "postgres":
        await PostgresDatabases.truncate_all(settings)
    platform = build_platform(settings)
    set_platform(platform)
    await platform.start(run_sweeper=False)
    yield platform
    await platform.stop()


@pytest.fixture
async def client(platform: Platform):
    app = create_api(with_lifespan=False)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as http:
        yield http
