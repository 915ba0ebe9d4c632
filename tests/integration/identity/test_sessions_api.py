"""Sessions (API.md Extensions): rotated refresh tokens, reuse detection, logout, and a
refresh that re-reads the user, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

import jwt
import pytest
from sqlalchemy import select, update

from backend_services.identity.facade import REFRESH_RACED
from backend_services.identity.models import RefreshToken, User
from tests.helpers import admin_headers, bearer, unique_email
from tests.integration.identity.support import API, login_pair, register_pair


def _claims(pair: dict) -> dict:
    return jwt.decode(pair["access_token"], options={"verify_signature": False})


async def _refresh(client, token: str):
    return await client.post(f"{API}/refresh", json={"refresh_token": token})


async def _set_user(platform, email: str, **values) -> None:
    async with platform.databases["identity"].session() as session:
        await session.execute(update(User).where(User.email == email).values(**values))


async def test_register_and_login_return_an_access_and_a_refresh_token(client, platform):
    email = unique_email()
    registered = await register_pair(client, email)
    logged_in = await login_pair(client, email)
    for pair in (registered, logged_in):
        assert set(pair) == {"access_token", "refresh_token", "token_type"}
        assert pair["token_type"] == "bearer"
        claims = _claims(pair)
        assert claims["exp"] - claims["iat"] == platform.settings.jwt_ttl_seconds
    assert registered["refresh_token"] != logged_in["refresh_token"]
    me = await client.get(f"{API}/me", headers=bearer(logged_in["access_token"]))
    assert me.json()["email_verified"] is False


async def test_refresh_rotates_the_token_and_the_old_one_is_spent(client):
    first = await register_pair(client, unique_email())
    response = await _refresh(client, first["refresh_token"])
    assert response.status_code == 200
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert (await client.get(f"{API}/me", headers=bearer(second["access_token"]))).status_code == 200

    spent = await _refresh(client, first["refresh_token"])
    assert spent.status_code == 401
    assert (await _refresh(client, second["refresh_token"])).status_code == 200


async def test_refresh_tokens_are_stored_only_as_hashes(client, platform):
    pair = await register_pair(client, unique_email())
    async with platform.databases["identity"].session() as session:
        stored = (await session.execute(select(RefreshToken.token_hash))).scalars().all()
    assert len(stored) == 1
    assert pair["refresh_token"] not in stored[0] and len(stored[0]) == 64


async def test_presenting_a_spent_token_again_revokes_the_whole_login(platform_with):
    platform, client = await platform_with(refresh_reuse_grace_seconds=0)
    email = unique_email()
    stolen = (await login_pair(client, await _registered(client, email)))["refresh_token"]
    other_login = (await login_pair(client, email))["refresh_token"]
    current = (await _refresh(client, stolen)).json()["refresh_token"]  # the owner refreshes

    reuse = await _refresh(client, stolen)  # the thief replays the spent token
    assert reuse.status_code == 401
    assert reuse.json() == {"detail": "This refresh token was already used: please log in again"}
    assert (await _refresh(client, current)).status_code == 401  # the family is gone
    assert (await _refresh(client, other_login)).status_code == 200  # other logins are not


async def _registered(client, email: str) -> str:
    await register_pair(client, email)
    return email


async def test_a_spent_token_replayed_within_the_grace_period_does_not_end_the_login(client):
    pair = await register_pair(client, unique_email())
    renewed = (await _refresh(client, pair["refresh_token"])).json()
    raced = await _refresh(client, pair["refresh_token"])  # a second tab, same moment
    assert raced.status_code == 401
    assert raced.json()["detail"] == REFRESH_RACED  # not "log in again": the winner's tokens are coming
    assert (await _refresh(client, renewed["refresh_token"])).status_code == 200


async def test_logout_ends_that_login_only(client):
    email = unique_email()
    first = await register_pair(client, email)
    second = await login_pair(client, email)
    renewed = (await _refresh(client, first["refresh_token"])).json()

    response = await client.post(f"{API}/logout", json={"refresh_token": renewed["refresh_token"]})
    assert response.status_code == 204
    assert (await _refresh(client, renewed["refresh_token"])).status_code == 401
    assert (await _refresh(client, second["refresh_token"])).status_code == 200


@pytest.mark.parametrize("token", ["unknown-token", "x" * 200])
async def test_unknown_refresh_tokens_are_401(client, token):
    for path in ("refresh", "logout"):
        response = await client.post(f"{API}/{path}", json={"refresh_token": token})
        assert response.status_code == 401
        assert response.json() == {"detail": "Invalid or expired refresh token"}


@pytest.mark.parametrize(
    "body", [{}, {"refresh_token": ""}, {"refresh_token": "x" * 201}, {"refresh_token": 5}]
)
async def test_malformed_refresh_bodies_are_422(client, body):
    assert (await client.post(f"{API}/refresh", json=body)).status_code == 422
    assert (await client.post(f"{API}/logout", json=body)).status_code == 422


async def test_an_expired_refresh_token_is_401(platform_with):
    platform, client = await platform_with(refresh_ttl_seconds=60)
    pair = await register_pair(client, unique_email())
    async with platform.databases["identity"].session() as session:
        await session.execute(update(RefreshToken).values(expires_at=RefreshToken.created_at))
    assert (await _refresh(client, pair["refresh_token"])).status_code == 401


async def test_a_deleted_user_cannot_refresh(client, platform):
    email = unique_email()
    pair = await register_pair(client, email)
    async with platform.databases["identity"].session() as session:
        user = (await session.execute(select(User).where(User.email == email))).scalar_one()
        await session.delete(user)
    response = await _refresh(client, pair["refresh_token"])
    assert response.status_code == 401
    assert response.json() == {"detail": "Your account has changed: please log in again"}


async def test_a_demoted_or_unverified_teacher_cannot_refresh(client, platform):
    admin = await admin_headers(client, platform)
    demoted, unverified = unique_email("teacher"), unique_email("teacher")
    pairs = {}
    for email in (demoted, unverified):
        await register_pair(client, email, role="teacher")
        user_id = _claims(await login_pair(client, email))["sub"]
        assert (await client.patch(f"{API}/admin/users/{user_id}/verify", headers=admin)).status_code == 200
        pairs[email] = await login_pair(client, email)
        assert _claims(pairs[email])["is_verified"] is True
    await _set_user(platform, demoted, role="student")
    await _set_user(platform, unverified, is_verified=False)
    for email in (demoted, unverified):
        response = await _refresh(client, pairs[email]["refresh_token"])
        assert response.status_code == 401, email
    # Logging in again gives the account's current claims.
    assert _claims(await login_pair(client, demoted))["role"] == "student"
    assert _claims(await login_pair(client, unverified))["is_verified"] is False


async def test_a_refresh_after_approval_carries_the_verified_claim(client, platform):
    email = unique_email("teacher")
    pair = await register_pair(client, email, role="teacher")
    admin = await admin_headers(client, platform)
    user_id = _claims(pair)["sub"]
    await client.patch(f"{API}/admin/users/{user_id}/verify", headers=admin)
    renewed = (await _refresh(client, pair["refresh_token"])).json()
    assert _claims(renewed)["is_verified"] is True
    course = await client.post(
        "/api/course/courses",
        json={"title": "Fresh claims", "description": "", "level": "beginner", "is_free": True},
        headers=bearer(renewed["access_token"]),
    )
    assert course.status_code == 201


@pytest.mark.postgres
async def test_concurrent_refreshes_with_one_token_have_exactly_one_winner(platform_with, backend):
    if backend != "postgres":
        pytest.skip("row-level concurrency is what PostgreSQL deployments rely on")
    platform, client = await platform_with(refresh_reuse_grace_seconds=30, db_pool_size=10)
    for _ in range(5):
        pair = await register_pair(client, unique_email())
        responses = await asyncio.gather(*(_refresh(client, pair["refresh_token"]) for _ in range(8)))
        winners = [r for r in responses if r.status_code == 200]
        assert len(winners) == 1, [r.status_code for r in responses]
        assert {r.status_code for r in responses} == {200, 401}
        assert (await _refresh(client, winners[0].json()["refresh_token"])).status_code == 200


async def test_a_forged_refresh_never_mints_tokens_for_another_user(client):
    pair = await register_pair(client, unique_email())
    forged = pair["refresh_token"][:-4] + "AAAA"
    assert (await _refresh(client, forged)).status_code == 401
    assert uuid.UUID(_claims(pair)["sub"])
