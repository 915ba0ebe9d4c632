"""Remote adapters end to end over HTTP (in memory): arguments, results and errors cross the
wire intact; reads retry, writes do not; the breaker and the time budget give a clean 503."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from backend_services.shared.errors import Conflict, NotFound, install_error_handlers
from backend_services.shared.middleware import RequestContextMiddleware
from backend_services.shared.remote.client import RemoteContext, RemotePolicy
from backend_services.shared.remote.errors import ServiceUnavailable
from backend_services.shared.remote.markers import local_only, read
from backend_services.shared.remote.proxy import remote_facade
from backend_services.shared.remote.server import internal_router
from backend_services.shared.remote.tokens import ServiceTokens
from backend_services.shared.security import Principal, Role

SECRET = "service-secret-for-unit-tests-0123456789abcdef"


class Widget(BaseModel):
    id: uuid.UUID
    name: str
    owner: uuid.UUID | None = None


class WidgetFacade:
    """A facade shaped like the real ones, with an in-memory store."""

    def __init__(self) -> None:
        self.widgets: dict[uuid.UUID, Widget] = {}
        self.made = 0
        self.request_ids: list[str | None] = []

    @read
    async def get_widget(self, widget_id: uuid.UUID) -> Widget:
        from backend_services.shared.remote.request_id import current_request_id

        self.request_ids.append(current_request_id())
        if widget_id not in self.widgets:
            raise NotFound("Widget not found")
        return self.widgets[widget_id]

    async def make_widget(self, actor: Principal, *, name: str) -> Widget:
        self.made += 1
        if any(w.name == name for w in self.widgets.values()):
            raise Conflict("Widget exists")
        widget = Widget(id=uuid.uuid4(), name=name, owner=actor.user_id)
        self.widgets[widget.id] = widget
        return widget

    @read
    async def counts(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        return {i: (1 if i in self.widgets else 0) for i in ids}

    @local_only
    async def secret_admin_thing(self) -> None:
        raise AssertionError("never called remotely")

    @staticmethod
    def label(widget: Widget) -> str:
        return widget.name.upper()


class Flaky(httpx.AsyncBaseTransport):
    """Wraps the app's transport; fails the next ``fail`` requests the way it is told to."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []
        self.fail = 0
        self.mode = "refuse"

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.fail > 0:
            self.fail -= 1
            if self.mode == "refuse":
                raise httpx.ConnectError("connection refused", request=request)
            if self.mode == "busy":
                return httpx.Response(503, json={"detail": "Service is busy, please retry"})
            if self.mode == "hang":
                await asyncio.sleep(60)
        return await self.inner.handle_async_request(request)


@pytest.fixture
def facade() -> WidgetFacade:
    return WidgetFacade()


@pytest.fixture
def tokens() -> ServiceTokens:
    return ServiceTokens(SECRET, service="test", ttl_seconds=60)


@pytest.fixture
def transport(facade, tokens) -> Flaky:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(internal_router("widgets", WidgetFacade, lambda: facade, lambda: tokens))
    app.add_middleware(RequestContextMiddleware)
    return Flaky(httpx.ASGITransport(app=app))


def make_remote(transport, tokens, **policy) -> WidgetFacade:
    values = {"timeout_seconds": 2.0, "retries": 2, "breaker_failures": 5, "breaker_reset_seconds": 30}
    remote = RemoteContext(
        "widgets", "http://widgets", tokens, RemotePolicy(**values | policy), transport=transport
    )
    return remote_facade(WidgetFacade, remote)


ALICE = Principal(user_id=uuid.uuid4(), role=Role.TEACHER, is_verified=True)


async def test_calls_cross_the_wire_with_the_acting_user(transport, tokens, facade):
    remote = make_remote(transport, tokens)
    made = await remote.make_widget(ALICE, name="gear")
    assert isinstance(made, Widget) and made.owner == ALICE.user_id
    assert await remote.get_widget(made.id) == made
    other = uuid.uuid4()
    assert await remote.counts([made.id, other]) == {made.id: 1, other: 0}
    assert remote.label(made) == "GEAR"  # static: runs here


async def test_domain_errors_come_back_as_themselves(transport, tokens):
    remote = make_remote(transport, tokens)
    with pytest.raises(NotFound, match="^Widget not found$"):
        await remote.get_widget(uuid.uuid4())
    await remote.make_widget(ALICE, name="gear")
    with pytest.raises(Conflict, match="^Widget exists$"):
        await remote.make_widget(ALICE, name="gear")


async def test_local_only_methods_are_not_on_the_adapter(transport, tokens):
    remote = make_remote(transport, tokens)
    with pytest.raises(AttributeError, match="local-only"):
        remote.secret_admin_thing  # noqa: B018
    response = await httpx.AsyncClient(transport=transport, base_url="http://w").post(
        "/internal/widgets/secret_admin_thing",
        json={},
        headers={"Authorization": f"Bearer {tokens.issue('widgets')}"},
    )
    assert response.status_code == 404


async def test_a_call_that_needs_a_user_is_refused_without_one(transport, tokens):
    async with httpx.AsyncClient(transport=transport, base_url="http://w") as http:
        response = await http.post(
            "/internal/widgets/make_widget",
            json={"name": "x"},
            headers={"Authorization": f"Bearer {tokens.issue('widgets')}"},
        )
        assert response.status_code == 401
        assert response.json()["detail"] == "This call must act for a user"
        no_token = await http.post("/internal/widgets/get_widget", json={"widget_id": str(uuid.uuid4())})
        assert no_token.status_code == 401
        other_audience = await http.post(
            "/internal/widgets/get_widget",
            json={"widget_id": str(uuid.uuid4())},
            headers={"Authorization": f"Bearer {tokens.issue('course')}"},
        )
        assert other_audience.status_code == 401


async def test_bad_arguments_are_a_clean_4xx(transport, tokens):
    headers = {"Authorization": f"Bearer {tokens.issue('widgets')}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://w") as http:
        for body in ({"widget_id": "not-a-uuid"}, {"nope": 1}, {}):
            response = await http.post("/internal/widgets/get_widget", json=body, headers=headers)
            assert response.status_code == 422, body
        response = await http.post("/internal/widgets/get_widget", content=b"[1", headers=headers)
        assert response.status_code == 400


async def test_a_read_is_retried_after_a_refused_connection(transport, tokens, facade):
    remote = make_remote(transport, tokens)
    made = await remote.make_widget(ALICE, name="gear")
    transport.requests.clear()
    transport.fail = 2
    assert await remote.get_widget(made.id) == made
    assert len(transport.requests) == 3


async def test_a_read_gives_up_after_the_bounded_retries(transport, tokens):
    remote = make_remote(transport, tokens, retries=2)
    transport.fail, transport.mode = 10, "busy"
    with pytest.raises(ServiceUnavailable):
        await remote.get_widget(uuid.uuid4())
    assert len(transport.requests) == 3


async def test_a_write_is_never_retried(transport, tokens, facade):
    remote = make_remote(transport, tokens)
    transport.fail, transport.mode = 1, "busy"
    with pytest.raises(ServiceUnavailable):
        await remote.make_widget(ALICE, name="gear")
    assert len(transport.requests) == 1 and facade.made == 0


async def test_a_hanging_service_costs_one_time_budget_then_503(transport, tokens):
    remote = make_remote(transport, tokens, timeout_seconds=0.3)
    transport.fail, transport.mode = 10, "hang"
    with pytest.raises(ServiceUnavailable):
        await asyncio.wait_for(remote.get_widget(uuid.uuid4()), timeout=5)


async def test_the_breaker_opens_and_then_refuses_without_a_request(transport, tokens):
    remote = make_remote(transport, tokens, retries=0, breaker_failures=3)
    transport.fail = 100
    for _ in range(3):
        with pytest.raises(ServiceUnavailable):
            await remote.get_widget(uuid.uuid4())
    sent = len(transport.requests)
    with pytest.raises(ServiceUnavailable) as refused:
        await remote.get_widget(uuid.uuid4())
    assert len(transport.requests) == sent
    assert 0 < refused.value.retry_after <= 30


async def test_domain_errors_do_not_open_the_breaker(transport, tokens):
    remote = make_remote(transport, tokens, breaker_failures=2)
    for _ in range(5):
        with pytest.raises(NotFound):
            await remote.get_widget(uuid.uuid4())
    assert remote.remote.breaker.state == "closed"


async def test_the_request_id_follows_the_call(transport, tokens, facade):
    from backend_services.shared.middleware import request_id_var

    remote = make_remote(transport, tokens)
    made = await remote.make_widget(ALICE, name="gear")
    token = request_id_var.set("req-123")
    try:
        await remote.get_widget(made.id)
    finally:
        request_id_var.reset(token)
    assert facade.request_ids[-1] == "req-123"


async def test_a_user_token_cannot_call_the_internal_api(transport):
    from backend_services.shared.security import TokenService
    from backend_services.shared.settings import Settings

    users = TokenService(Settings(_env_file=None, jwt_secret="x" * 40))
    token = users.issue(user_id=uuid.uuid4(), role=Role.ADMIN, is_verified=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://w") as http:
        response = await http.post(
            "/internal/widgets/get_widget",
            json={"widget_id": str(uuid.uuid4())},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid service token"}
