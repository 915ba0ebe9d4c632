"""Small helpers that keep the integration tests about behaviour, not plumbing."""

from __future__ import annotations

import contextlib
import itertools
import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy import event

from backend_services.shared.broker.subscriptions import Subscription

_counter = itertools.count()
PASSWORD = "password123"


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}{next(_counter)}-{uuid.uuid4().hex[:8]}@example.com"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def register(
    client: AsyncClient, *, role: str = "student", name: str = "Test User", email: str | None = None
) -> dict[str, str]:
    """Register a user and return Authorization headers for them."""
    response = await client.post(
        "/api/identity/register",
        json={
            "email": email or unique_email(role),
            "password": PASSWORD,
            "name": name,
            "role": role,
        },
    )
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def login(client: AsyncClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    response = await client.post("/api/identity/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def admin_headers(client: AsyncClient, platform) -> dict[str, str]:
    s = platform.settings
    return await login(client, s.admin_email, s.admin_password)


async def verified_teacher(client: AsyncClient, platform) -> dict[str, str]:
    """A teacher approved by the admin, with a token that carries is_verified=true."""
    email = unique_email("teacher")
    headers = await register(client, role="teacher", email=email)
    me = (await client.get("/api/identity/me", headers=headers)).json()
    admin = await admin_headers(client, platform)
    response = await client.patch(f"/api/identity/admin/users/{me['id']}/verify", headers=admin)
    assert response.status_code == 200, response.text
    return await login(client, email)


def token_headers(platform, *, role: str = "student", is_verified: bool = False) -> dict[str, str]:
    """Headers for a fresh user id with a valid token but no identity account: contexts
    other than identity trust the token alone, so this skips registration (and hashing)."""
    from backend_services.shared.security import Role

    token = platform.tokens.issue(user_id=uuid.uuid4(), role=Role(role), is_verified=is_verified)
    return bearer(token)


def user_id_of(headers: dict[str, str]) -> str:
    """The user id (``sub``) carried by Authorization headers."""
    import jwt

    token = headers["Authorization"].split()[1]
    return jwt.decode(token, options={"verify_signature": False})["sub"]


async def create_course(client: AsyncClient, headers: dict[str, str], **fields) -> dict:
    """Create a course through the API (a free beginner course unless told otherwise)."""
    body = {"title": "Python basics", "description": "Learn Python", "level": "beginner"} | fields
    response = await client.post("/api/course/courses", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def add_lessons(client: AsyncClient, headers: dict[str, str], course_id: str, count: int) -> list[str]:
    """Give a course one module with ``count`` lessons; returns the lesson ids in order."""
    module = await client.post(
        f"/api/course/courses/{course_id}/modules", json={"title": "Module 1"}, headers=headers
    )
    assert module.status_code == 201, module.text
    lesson_ids = []
    for n in range(count):
        lesson = await client.post(
            f"/api/course/modules/{module.json()['id']}/lessons",
            json={"title": f"Lesson {n + 1}", "content": f"# Lesson {n + 1}", "order": n},
            headers=headers,
        )
        assert lesson.status_code == 201, lesson.text
        lesson_ids.append(lesson.json()["id"])
    return lesson_ids


async def enroll(client: AsyncClient, headers: dict[str, str], course_id: str, **extra):
    """POST /api/enrollment/enrollments; returns the response (the caller asserts)."""
    body = {"course_id": course_id} | extra
    return await client.post("/api/enrollment/enrollments", json=body, headers=headers)


async def pay(client: AsyncClient, headers: dict[str, str], course_id: str, amount, key: str | None = None):
    """POST /api/payment/payments, optionally with an Idempotency-Key."""
    if key is not None:
        headers = headers | {"Idempotency-Key": key}
    body = {"course_id": course_id, "amount": amount}
    return await client.post("/api/payment/payments", json=body, headers=headers)


async def complete_lesson(client: AsyncClient, headers: dict[str, str], lesson_id: str, course_id):
    """POST /api/enrollment/progress/lessons/{id}/complete; returns the response."""
    return await client.post(
        f"/api/enrollment/progress/lessons/{lesson_id}/complete",
        json={"course_id": course_id},
        headers=headers,
    )


async def notifications_of(client: AsyncClient, headers: dict[str, str]) -> dict:
    """The caller's notifications page (newest first)."""
    response = await client.get("/api/notification/notifications/me?limit=100", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


class FailOnce:
    """An outbox consumer that fails its first delivery, then passes events on: the
    'process died between the commit and the delivery' case, without killing anything."""

    def __init__(self, handler) -> None:
        self.handler = handler
        self.failures = 0

    async def __call__(self, event) -> None:
        if self.failures == 0:
            self.failures += 1
            raise RuntimeError("notification service unavailable")
        await self.handler(event)


@contextlib.contextmanager
def recorded_statements(platform, context: str):
    """Every SQL statement one context's database runs inside the block."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = platform.databases[context].engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


# The name the composition root subscribes notification's consumer under, so a test can
# swap it for a failing one (backend_services/wiring.py).
NOTIFICATIONS = Subscription("notification", "handle_event").key


async def redis_available(url: str) -> bool:
    """Whether a Redis answers at ``url`` (tests that need one skip otherwise)."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        return bool(await client.ping())
    except Exception:  # noqa: BLE001 - unreachable, refused, timed out: all mean "no"
        return False
    finally:
        await client.aclose()


CACHE_REDIS_URL = "redis://127.0.0.1:6379/0"


@contextlib.asynccontextmanager
async def cache_settings(settings, kind: str, monkeypatch):
    """``settings`` with the read cache on, in this process (``memory``) or in Redis under a
    fresh prefix that is cleared afterwards (``redis``; skips without a Redis)."""
    import redis.asyncio as aioredis

    for name in ("GRANIAN_WORKERS", "WEB_CONCURRENCY"):  # one process here, whatever runs the suite
        monkeypatch.delenv(name, raising=False)
    if kind == "memory":
        yield settings.model_copy(update={"cache_enabled": True, "cache_redis_url": ""})
        return
    if not await redis_available(CACHE_REDIS_URL):
        pytest.skip(f"no Redis at {CACHE_REDIS_URL}")
    prefix = f"edu-test-{uuid.uuid4().hex[:8]}"
    try:
        yield settings.model_copy(
            update={"cache_enabled": True, "cache_redis_url": CACHE_REDIS_URL, "redis_key_prefix": prefix}
        )
    finally:
        client = aioredis.Redis.from_url(CACHE_REDIS_URL)
        keys = [key async for key in client.scan_iter(f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


@pytest.fixture(params=["memory", "redis"], name="settings")
async def settings_with_cache(settings, request, monkeypatch):
    """Overrides ``settings`` in a module that imports it: the read cache on, in this
    process and in Redis."""
    async with cache_settings(settings, request.param, monkeypatch) as cached:
        yield cached
