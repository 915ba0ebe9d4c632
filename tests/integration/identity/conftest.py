"""Fixtures of the identity tests: platforms with their own settings, a real SMTP server."""

from __future__ import annotations

import pytest
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from backend_services.bootstrap import build_platform, set_platform
from tests.databases import PostgresDatabases
from tests.integration.identity.support import SmtpServer, free_port


@pytest.fixture
def smtp_server():
    """An SMTP server (aiosmtpd) on a free local port, collecting what it receives."""
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def platform_with(settings, backend):
    """``await platform_with(**setting_overrides)`` -> (platform, HTTP client) on fresh databases."""
    started = []

    async def make(**overrides):
        if backend == "postgres":
            await PostgresDatabases.truncate_all(settings)
        platform = build_platform(settings.model_copy(update=overrides))
        set_platform(platform)
        await platform.start(run_sweeper=False)
        client = AsyncClient(
            transport=ASGITransport(app=create_api(with_lifespan=False)), base_url="http://test"
        )
        started.append((platform, client))
        return platform, client

    yield make
    for platform, client in started:
        await client.aclose()
        await platform.stop()
