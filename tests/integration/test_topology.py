"""Composition by topology: a context served alone builds only itself, reaches the others by
URL, and refuses to start when it could not reach one it needs."""

from __future__ import annotations

import uuid

import pytest
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from backend_services.bootstrap import AbsentContext, build_platform, set_platform
from backend_services.course.facade import CourseFacade
from backend_services.shared.remote.proxy import RemoteFacade
from backend_services.shared.security import Role
from backend_services.shared.topology import Topology, TopologyError
from tests.databases import base_settings
from tests.helpers import bearer

URLS = {
    "identity_service_url": "http://127.0.0.1:1",
    "enrollment_service_url": "http://127.0.0.1:3",
    "payment_service_url": "http://127.0.0.1:4",
    "notification_service_url": "http://127.0.0.1:5",
}


def sqlite_settings(tmp_path, **overrides):
    return base_settings(data_dir=tmp_path, auto_migrate=True, **overrides)


async def test_a_standalone_context_opens_only_its_own_database(tmp_path):
    platform = build_platform(sqlite_settings(tmp_path, **URLS), serve=["course"])
    assert platform.local == ("course",)
    assert isinstance(platform.course, CourseFacade)
    assert isinstance(platform.enrollment, RemoteFacade) and isinstance(platform.payment, RemoteFacade)
    await platform.start(run_sweeper=False)
    try:
        assert await platform.course.count_lessons_many([]) == {}
    finally:
        await platform.stop()
    # The bug this replaces: the other four contexts' SQLite files appeared here.
    assert sorted(p.name for p in tmp_path.glob("*.db")) == ["course.db"]


def test_a_standalone_context_without_the_url_of_a_context_it_calls_refuses_to_start(tmp_path):
    with pytest.raises(TopologyError, match="EDU_ENROLLMENT_SERVICE_URL is not set.*course"):
        build_platform(sqlite_settings(tmp_path), serve=["course"])
    with pytest.raises(TopologyError, match="EDU_COURSE_SERVICE_URL.*enrollment|EDU_PAYMENT_SERVICE_URL"):
        build_platform(sqlite_settings(tmp_path, enrollment_service_url=""), serve=["enrollment"])


def test_contexts_nobody_calls_may_stay_unconfigured(tmp_path):
    platform = build_platform(sqlite_settings(tmp_path, broker_url="nats://127.0.0.1:1"), serve=["identity"])
    assert isinstance(platform.course, AbsentContext)
    with pytest.raises(TopologyError, match="EDU_COURSE_SERVICE_URL"):
        platform.course.get_course  # noqa: B018


def test_a_producer_among_services_needs_the_broker(tmp_path):
    with pytest.raises(TopologyError, match="EDU_BROKER_URL"):
        build_platform(sqlite_settings(tmp_path), serve=["identity"])


def test_serve_contexts_is_checked(tmp_path):
    with pytest.raises(TopologyError, match="unknown context"):
        build_platform(sqlite_settings(tmp_path, serve_contexts="course,billing"))


def test_services_need_their_own_secret(tmp_path):
    settings = sqlite_settings(tmp_path, **URLS)
    with pytest.raises(TopologyError, match="EDU_SERVICE_SECRET must differ"):
        Topology.from_settings(
            settings.model_copy(update={"service_secret": settings.jwt_secret}), ["course"]
        )
    production = settings.model_copy(update={"env": "production"})
    with pytest.raises(TopologyError, match="at least 32 characters"):
        Topology.from_settings(production, ["course"])


def test_without_urls_everything_is_local(tmp_path):
    topology = Topology.from_settings(sqlite_settings(tmp_path))
    assert not topology.is_distributed and topology.remote == {}


async def test_the_one_process_app_has_no_internal_api(client):
    response = await client.post("/internal/course/get_course", json={})
    assert response.status_code == 404


async def test_a_standalone_app_serves_its_internal_api_and_only_with_a_service_token(tmp_path):
    platform = build_platform(sqlite_settings(tmp_path, **URLS), serve=["course"])
    set_platform(platform)
    await platform.start(run_sweeper=False)
    app = create_api(["course"], standalone=True, with_lifespan=False)
    path, body = "/internal/course/count_lessons_many", {"course_ids": []}
    try:
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as http:
            assert (await http.post(path, json=body)).status_code == 401
            user = platform.tokens.issue(user_id=uuid.uuid4(), role=Role.ADMIN, is_verified=True)
            assert (await http.post(path, json=body, headers=bearer(user))).status_code == 401
            ok = await http.post(path, json=body, headers=bearer(platform.service_tokens.issue("course")))
            assert ok.status_code == 200 and ok.json() == {"result": {}}
    finally:
        await platform.stop()
