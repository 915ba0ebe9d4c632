"""Password hashing (argon2, tens of ms of CPU) never holds a database connection."""

from __future__ import annotations

import pytest

from backend_services.identity import accounts
from backend_services.identity.mail import SmtpMailer
from tests.helpers import PASSWORD, unique_email
from tests.integration.identity.support import API, link_in, login_pair, register_pair


@pytest.fixture
def connections_during_hashing(platform, monkeypatch):
    """The identity pool's checked-out connections seen each time a password is hashed or checked."""
    if platform.databases["identity"].is_sqlite:
        pytest.skip("SQLite has no connection pool to hold")
    seen: list[int] = []
    pool = platform.databases["identity"].engine.sync_engine.pool
    real_hash, real_verify = accounts.hash_password, accounts.verify_password

    async def hash_password(password):
        seen.append(pool.checkedout())
        return await real_hash(password)

    async def verify_password(password, password_hash):
        seen.append(pool.checkedout())
        return await real_verify(password, password_hash)

    monkeypatch.setattr(accounts, "hash_password", hash_password)
    monkeypatch.setattr(accounts, "verify_password", verify_password)
    return seen


@pytest.mark.postgres
async def test_register_login_and_reset_hash_with_no_connection_checked_out(
    client, platform, connections_during_hashing, smtp_server
):
    email = unique_email()
    await register_pair(client, email)
    await login_pair(client, email)
    assert (
        await client.post(f"{API}/login", json={"email": email, "password": "wrong-one"})
    ).status_code == 400
    platform.identity.mail.mailer = SmtpMailer(smtp_server.url, sender="x@y.z", timeout=10)
    await client.post(f"{API}/forgot-password", json={"email": email})
    await platform.sweep_outboxes()
    _, token = link_in(smtp_server.to(email)[-1])
    reset = await client.post(f"{API}/reset-password", json={"token": token, "new_password": PASSWORD + "2"})
    assert reset.status_code == 204
    assert connections_during_hashing == [0, 0, 0, 0]
