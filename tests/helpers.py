"""Small helpers that keep the integration tests about behaviour, not plumbing."""

from __future__ import annotations

import itertools
import uuid

from httpx import AsyncClient

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
        json={"email": email or unique_email(role), "password": PASSWORD, "name": name, "role": role},
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
