"""Abuse limits: one test per limit, with the counters in Redis and in memory."""

from __future__ import annotations

import uuid

import pytest
import redis

from tests.helpers import PASSWORD, bearer, unique_email
from tests.integration.identity.support import API, link_in, login_pair, register_pair

REDIS_URL = "redis://127.0.0.1:6379/0"
PROXY = "127.0.0.1"  # the test client's address, configured as a trusted proxy


def _redis_unavailable() -> str | None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis not reachable at {REDIS_URL}: {exc}"
    return None


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def storage(request):
    """Settings of the limiter's storage; Redis keys live under a prefix of this test only."""
    if request.param == "memory":
        yield {"redis_url": ""}
        return
    if reason := _redis_unavailable():
        pytest.skip(reason)
    prefix = f"edu-test-{uuid.uuid4().hex}"
    yield {"redis_url": REDIS_URL, "redis_key_prefix": prefix}
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def limited(platform_with, storage):
    """``await limited(**limits)`` -> (platform, client) with rate limits on."""

    async def make(**limits):
        return await platform_with(rate_limits_enabled=True, trusted_proxies=PROXY, **storage, **limits)

    return make


def _from(address: str) -> dict[str, str]:
    return {"X-Forwarded-For": address}


async def _login(client, email: str, password: str, address: str = "203.0.113.1"):
    return await client.post(
        f"{API}/login", json={"email": email, "password": password}, headers=_from(address)
    )


def _assert_limited(response) -> None:
    assert response.status_code == 429, response.text
    assert response.json() == {"detail": "Too many attempts, please try again later"}
    assert 1 <= int(response.headers["Retry-After"]) <= 3600


async def test_logins_per_client_address(limited):
    platform, client = await limited(rate_limit_login_per_address="3/minute")
    email = unique_email()
    await register_pair(client, email)
    for _ in range(3):
        assert (await _login(client, email, "wrong-password", "198.51.100.7")).status_code == 400
    _assert_limited(await _login(client, email, PASSWORD, "198.51.100.7"))
    # Another client address has its own allowance.
    assert (await _login(client, email, PASSWORD, "198.51.100.8")).status_code == 200


async def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(platform_with, storage):
    platform, client = await platform_with(
        rate_limits_enabled=True, rate_limit_login_per_address="2/minute", **storage
    )
    email = unique_email()
    await register_pair(client, email)
    for address in ("198.51.100.1", "198.51.100.2"):
        assert (await _login(client, email, PASSWORD, address)).status_code == 200
    _assert_limited(await _login(client, email, PASSWORD, "198.51.100.3"))  # all count as 127.0.0.1


async def test_failed_logins_per_account_stop_a_distributed_guesser(limited):
    platform, client = await limited(rate_limit_login_failures_per_account="3/minute")
    email = unique_email()
    await register_pair(client, email)
    for n in range(3):
        assert (await _login(client, email, f"guess-{n}", f"192.0.2.{n}")).status_code == 400
    # A new address is refused before its password is checked, even the right one.
    _assert_limited(await _login(client, email, PASSWORD, "192.0.2.99"))
    _assert_limited(await _login(client, email.upper(), "guess-4", "192.0.2.98"))
    # Other accounts are not affected.
    other = unique_email()
    await register_pair(client, other)
    assert (await _login(client, other, PASSWORD, "192.0.2.99")).status_code == 200


async def test_the_owner_is_not_locked_out_from_an_address_they_logged_in_from(limited):
    platform, client = await limited(rate_limit_login_failures_per_account="3/minute")
    email = unique_email()
    await register_pair(client, email)
    home = "198.51.100.50"
    assert (await _login(client, email, PASSWORD, home)).status_code == 200
    for n in range(5):  # an attacker elsewhere exhausts the account's failures
        await _login(client, email, f"guess-{n}", f"192.0.2.{n}")
    _assert_limited(await _login(client, email, PASSWORD, "192.0.2.200"))
    assert (await _login(client, email, PASSWORD, home)).status_code == 200


async def test_a_password_reset_lets_the_owner_in_from_a_new_address(limited, smtp_server):
    platform, client = await limited(
        rate_limit_login_failures_per_account="2/minute", smtp_url=smtp_server.url
    )
    email = unique_email()
    await register_pair(client, email)
    for n in range(3):
        await _login(client, email, f"guess-{n}", f"192.0.2.{n}")
    travelling = "198.51.100.77"
    _assert_limited(await _login(client, email, PASSWORD, travelling))
    await client.post(f"{API}/forgot-password", json={"email": email}, headers=_from(travelling))
    await platform.sweep_outboxes()
    _, token = link_in(smtp_server.to(email)[-1])
    reset = await client.post(
        f"{API}/reset-password",
        json={"token": token, "new_password": "after-the-attack-1"},
        headers=_from(travelling),
    )
    assert reset.status_code == 204
    assert (await _login(client, email, "after-the-attack-1", travelling)).status_code == 200


async def test_registrations_per_client_address(limited):
    platform, client = await limited(rate_limit_register_per_address="2/minute")
    for _ in range(2):
        body = {"email": unique_email(), "password": PASSWORD, "name": "N"}
        assert (
            await client.post(f"{API}/register", json=body, headers=_from("203.0.113.9"))
        ).status_code == 200
    body = {"email": unique_email(), "password": PASSWORD, "name": "N"}
    _assert_limited(await client.post(f"{API}/register", json=body, headers=_from("203.0.113.9")))
    assert (await client.post(f"{API}/register", json=body, headers=_from("203.0.113.10"))).status_code == 200


async def test_forgot_password_per_client_address(limited):
    platform, client = await limited(rate_limit_forgot_password_per_address="2/minute")
    for _ in range(2):
        response = await client.post(
            f"{API}/forgot-password", json={"email": unique_email()}, headers=_from("203.0.113.20")
        )
        assert response.status_code == 204
    _assert_limited(
        await client.post(
            f"{API}/forgot-password", json={"email": unique_email()}, headers=_from("203.0.113.20")
        )
    )


async def test_forgot_password_per_account_stops_mail_bombing(limited):
    platform, client = await limited(rate_limit_forgot_password_per_account="2/hour")
    email = unique_email()
    for n in range(2):
        response = await client.post(
            f"{API}/forgot-password", json={"email": email}, headers=_from(f"192.0.2.{n}")
        )
        assert response.status_code == 204
    response = await client.post(
        f"{API}/forgot-password", json={"email": email.upper()}, headers=_from("192.0.2.77")
    )
    _assert_limited(response)
    assert int(response.headers["Retry-After"]) > 60


async def test_resend_verification_per_account(limited):
    platform, client = await limited(rate_limit_resend_verification_per_account="2/hour")
    headers = bearer((await register_pair(client, unique_email()))["access_token"])
    for _ in range(2):
        assert (await client.post(f"{API}/resend-verification", headers=headers)).status_code == 204
    _assert_limited(await client.post(f"{API}/resend-verification", headers=headers))
    other = bearer((await register_pair(client, unique_email()))["access_token"])
    assert (await client.post(f"{API}/resend-verification", headers=other)).status_code == 204


async def test_limits_switched_off_refuse_nothing(platform_with):
    platform, client = await platform_with(
        rate_limits_enabled=False,
        rate_limit_login_per_address="1/minute",
        rate_limit_login_failures_per_account="1/minute",
    )
    email = unique_email()
    await register_pair(client, email)
    for _ in range(3):
        assert (await _login(client, email, "wrong-password")).status_code == 400
    assert (await login_pair(client, email)).keys() >= {"access_token", "refresh_token"}
