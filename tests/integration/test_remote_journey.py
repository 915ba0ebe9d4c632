"""The learning journey through a process that owns no database: every facade it uses is a
remote adapter calling the contexts' internal API over HTTP (in memory here), so every
argument, result and domain error crosses the wire."""

from __future__ import annotations

import uuid

import httpx
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from backend_services.bootstrap import Platform, build_platform, set_platform
from backend_services.shared.errors import Forbidden, NotFound, install_error_handlers
from backend_services.shared.remote.errors import ServiceUnavailable
from backend_services.shared.remote.proxy import RemoteFacade
from backend_services.shared.remote.server import internal_router
from backend_services.shared.security import Principal, Role
from backend_services.shared.settings import CONTEXTS
from backend_services.wiring import FACADES
from tests.helpers import bearer, token_headers
from tests.integration.test_learning_journey import (
    test_a_student_finds_pays_for_completes_and_reviews_a_course as learning_journey,
)


def internal_app(owner: Platform, tokens) -> FastAPI:
    """The internal API of every context of ``owner`` (what five services would serve)."""
    app = FastAPI()
    install_error_handlers(app)
    for name in CONTEXTS:
        app.include_router(
            internal_router(name, FACADES[name], lambda n=name: getattr(owner, n), lambda: tokens)
        )
    return app


@pytest.fixture
async def gateway(platform: Platform):
    """A platform with every context remote, served by ``platform`` over HTTP."""
    urls = {f"{name}_service_url": "http://owner" for name in CONTEXTS}
    settings = platform.settings.model_copy(update=urls)
    gateway = build_platform(settings)
    assert gateway.databases == {}
    transport = ASGITransport(app=internal_app(platform, gateway.service_tokens))
    for remote in gateway.remotes.values():
        remote._transport = transport
    set_platform(gateway)
    await gateway.start(run_sweeper=False)
    yield gateway
    await gateway.stop()
    set_platform(platform)


@pytest.fixture
async def gateway_client(gateway: Platform):
    async with AsyncClient(
        transport=ASGITransport(app=create_api(with_lifespan=False)), base_url="http://t"
    ) as c:
        yield c


async def test_the_whole_journey_runs_through_remote_adapters(gateway, gateway_client):
    assert all(isinstance(f, RemoteFacade) for f in gateway.facades().values())
    await learning_journey(gateway_client, gateway)


async def test_remote_errors_keep_their_class_and_message(gateway, platform):
    with pytest.raises(NotFound, match="^Course not found$"):
        await gateway.course.get_course(uuid.uuid4())
    student = platform.tokens.verify(token_headers(platform)["Authorization"].split()[1])
    with pytest.raises(Forbidden, match="^Only teachers can list their courses$"):
        await gateway.course.list_my_courses(student, limit=5, offset=0)


async def test_the_public_api_answers_503_with_retry_after_when_a_context_is_down(gateway, gateway_client):
    class Down(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            raise httpx.ConnectError("refused", request=request)

    gateway.remotes["course"]._transport = Down()
    gateway.remotes["course"]._client = None
    response = await gateway_client.get("/api/course/courses")
    assert response.status_code == 503
    assert response.json() == {"detail": ServiceUnavailable().message}
    assert int(response.headers["Retry-After"]) >= 1


async def test_the_gateway_is_ready_only_when_the_service_behind_it_is(gateway, gateway_client):
    assert (await gateway_client.get("/api/course/health/live")).status_code == 200
    # The owner's internal app has no /health: the remote context reports not ready.
    ready = await gateway_client.get("/api/course/health/ready")
    assert ready.status_code == 503


async def test_a_service_token_is_refused_on_the_public_api(gateway, gateway_client):
    admin = Principal(user_id=uuid.uuid4(), role=Role.ADMIN, is_verified=True)
    token = gateway.service_tokens.issue("identity", admin)
    response = await gateway_client.get("/api/identity/me", headers=bearer(token))
    assert response.status_code == 401
