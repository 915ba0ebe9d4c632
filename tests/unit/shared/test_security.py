"""JWT issue/verify and password hashing."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest

from backend_services.shared.errors import NotAuthenticated
from backend_services.shared.security import (
    Role,
    TokenService,
    hash_password,
    verify_password,
)
from backend_services.shared.settings import Settings

SECRET = "unit-test-secret-unit-test-secret-0123456789"


@pytest.fixture
def tokens() -> TokenService:
    return TokenService(Settings(_env_file=None, jwt_secret=SECRET, jwt_ttl_seconds=120))


def test_issued_token_round_trips_to_the_same_principal(tokens):
    user_id = uuid.uuid4()
    principal = tokens.verify(tokens.issue(user_id=user_id, role=Role.TEACHER, is_verified=True))
    assert principal.user_id == user_id
    assert principal.role is Role.TEACHER
    assert principal.is_verified and principal.is_teacher and not principal.is_admin


def test_ttl_comes_from_settings(tokens):
    token = tokens.issue(user_id=uuid.uuid4(), role=Role.STUDENT, is_verified=False)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == 120


@pytest.mark.parametrize(
    "claims, algorithm, message",
    [
        ({"exp": -10}, "HS256", "Token has expired"),
        ({"exp": None}, "HS256", "Invalid authentication token"),
        ({"sub": "not-a-uuid"}, "HS256", "Invalid authentication token"),
        ({"role": "root"}, "HS256", "Invalid authentication token"),
        ({}, "HS512", "Invalid authentication token"),
    ],
)
def test_bad_tokens_are_rejected(tokens, claims, algorithm, message):
    now = int(time.time())
    base = {"sub": str(uuid.uuid4()), "iat": now, "exp": 60, "role": "student", "is_verified": False}
    base.update(claims)
    if base["exp"] is not None:
        base["exp"] = now + base["exp"]
    token = jwt.encode({k: v for k, v in base.items() if v is not None}, SECRET, algorithm=algorithm)
    with pytest.raises(NotAuthenticated, match=message):
        tokens.verify(token)


async def test_password_hash_is_argon2id_and_verifies():
    hashed = await hash_password("correct horse")
    assert hashed.startswith("$argon2id$")
    assert await verify_password("correct horse", hashed)
    assert not await verify_password("wrong horse", hashed)


async def test_unknown_user_never_verifies():
    assert not await verify_password("anything", None)


def test_a_verified_token_is_kept_until_it_expires(tokens, monkeypatch):
    token = tokens.issue(user_id=uuid.uuid4(), role=Role.STUDENT, is_verified=False)
    expiry = float(jwt.decode(token, options={"verify_signature": False})["exp"])
    first = tokens.verify(token)

    def no_decoding(*_args, **_kwargs):
        raise AssertionError("a kept token is not decoded again")

    monkeypatch.setattr(jwt, "decode", no_decoding)
    assert tokens.verify(token) is first
    monkeypatch.setattr(time, "time", lambda: expiry)  # expired once exp <= now, as PyJWT
    with pytest.raises(NotAuthenticated, match="Token has expired"):
        tokens.verify(token)
    monkeypatch.setattr(time, "time", lambda: expiry - 1)  # no longer kept: decoded again
    with pytest.raises(AssertionError, match="not decoded again"):
        tokens.verify(token)


def test_only_tokens_that_verified_are_kept(tokens):
    token = tokens.issue(user_id=uuid.uuid4(), role=Role.STUDENT, is_verified=False)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for _ in range(2):
        with pytest.raises(NotAuthenticated, match="Invalid authentication token"):
            tokens.verify(forged)
    other = tokens.issue(user_id=uuid.uuid4(), role=Role.ADMIN, is_verified=True)
    assert tokens.verify(other).is_admin and not tokens.verify(token).is_admin
