"""Every identity row of API.md, through the real ASGI app, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest

from tests.helpers import PASSWORD, admin_headers, bearer, login, register, unique_email

API = "/api/identity"


async def test_register_returns_a_bearer_token_with_the_documented_claims(client, platform):
    response = await client.post(
        f"{API}/register",
        json={"email": unique_email(), "password": PASSWORD, "name": "Ann", "role": "teacher"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    claims = jwt.decode(body["access_token"], platform.settings.jwt_secret, algorithms=["HS256"])
    assert claims["role"] == "teacher"
    assert claims["is_verified"] is False
    assert claims["exp"] - claims["iat"] == platform.settings.jwt_ttl_seconds == 15 * 60
    uuid.UUID(claims["sub"])


async def test_register_defaults_to_student_and_me_shows_the_profile(client):
    email = unique_email()
    response = await client.post(
        f"{API}/register", json={"email": email.upper(), "password": PASSWORD, "name": " Bob "}
    )
    me = await client.get(f"{API}/me", headers=bearer(response.json()["access_token"]))
    assert me.status_code == 200
    profile = me.json()
    assert profile["email"] == email  # e-mails are case-insensitive, stored lower-case
    assert profile["name"] == "Bob"
    assert profile["role"] == "student"
    assert profile["is_verified"] is False
    assert profile["created_at"].endswith(("+00:00", "Z"))


async def test_register_twice_with_the_same_email_is_409(client):
    email = unique_email()
    await register(client, email=email)
    response = await client.post(
        f"{API}/register", json={"email": email, "password": PASSWORD, "name": "Again"}
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "Email already registered"}


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "admin-wannabe@example.com", "password": PASSWORD, "name": "X", "role": "admin"},
        {"email": "x@example.com", "password": PASSWORD, "name": "X", "role": "wizard"},
        {"email": "not-an-email", "password": PASSWORD, "name": "X"},
        {"email": "x@example.com", "password": "short", "name": "X"},
        {"email": "x@example.com", "password": PASSWORD, "name": ""},
        {"email": "x@example.com", "password": PASSWORD, "name": "   "},
        {"email": "x@example.com", "password": PASSWORD, "name": "n" * 101},
        {"email": "x@example.com", "password": "p" * 129, "name": "X"},
        {"email": "x@example.com", "password": PASSWORD},
        {"email": 42, "password": PASSWORD, "name": "X"},
        {},
    ],
)
async def test_register_rejects_invalid_input_with_422(client, payload):
    response = await client.post(f"{API}/register", json=payload)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


async def test_malformed_json_is_422_not_500(client):
    response = await client.post(
        f"{API}/register", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


async def test_login_returns_a_token_for_the_right_password(client):
    email = unique_email()
    await register(client, email=email, name="Cleo")
    headers = await login(client, email)
    assert (await client.get(f"{API}/me", headers=headers)).json()["name"] == "Cleo"


async def test_wrong_password_and_unknown_email_give_the_same_400(client):
    email = unique_email()
    await register(client, email=email)
    wrong_password = await client.post(f"{API}/login", json={"email": email, "password": "nope-nope"})
    unknown_email = await client.post(f"{API}/login", json={"email": unique_email(), "password": PASSWORD})
    assert wrong_password.status_code == unknown_email.status_code == 400
    assert wrong_password.json() == unknown_email.json() == {"detail": "Incorrect email or password"}


async def test_login_with_missing_fields_is_422(client):
    assert (await client.post(f"{API}/login", json={"email": "a@b.c"})).status_code == 422


async def test_me_without_token_is_401(client):
    response = await client.get(f"{API}/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}


def _token(secret: str, **claims) -> str:
    now = int(time.time())
    base = {"sub": str(uuid.uuid4()), "iat": now, "exp": now + 60, "role": "student", "is_verified": False}
    base.update(claims)
    return jwt.encode({k: v for k, v in base.items() if v is not None}, secret, algorithm="HS256")


async def test_expired_forged_unsigned_and_exp_less_tokens_are_401(client, platform):
    secret = platform.settings.jwt_secret
    now = int(time.time())
    unsigned = jwt.encode(
        {"sub": str(uuid.uuid4()), "iat": now, "exp": now + 60, "role": "admin"}, key=None, algorithm="none"
    )
    tokens = {
        "expired": _token(secret, iat=now - 7200, exp=now - 3600),
        "forged": _token("some-other-secret-some-other-secret-0000"),
        "alg none": unsigned,
        "no exp": _token(secret, exp=None),
        "garbage": "not.a.jwt",
        "bad role": _token(secret, role="overlord"),
    }
    for label, token in tokens.items():
        response = await client.get(f"{API}/me", headers=bearer(token))
        assert response.status_code == 401, label
        assert "detail" in response.json()
    expired = await client.get(f"{API}/me", headers=bearer(tokens["expired"]))
    assert expired.json() == {"detail": "Token has expired"}


async def test_admin_account_exists_at_start_up_with_configured_credentials(client, platform):
    headers = await admin_headers(client, platform)
    me = (await client.get(f"{API}/me", headers=headers)).json()
    assert me["role"] == "admin"
    assert me["email"] == platform.settings.admin_email


async def test_pending_teachers_lists_only_unverified_teachers(client, platform):
    teacher_email = unique_email("teacher")
    await register(client, role="teacher", email=teacher_email, name="Tess")
    await register(client, role="student")
    admin = await admin_headers(client, platform)
    response = await client.get(f"{API}/admin/teachers/pending", headers=admin)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert [item["email"] for item in body["items"]] == [teacher_email]
    assert set(body["items"][0]) == {"id", "email", "name", "created_at"}


async def test_pending_teachers_paginates(client, platform):
    for _ in range(3):
        await register(client, role="teacher")
    admin = await admin_headers(client, platform)
    page = (await client.get(f"{API}/admin/teachers/pending?limit=2&offset=2", headers=admin)).json()
    assert page["total"] == 3
    assert len(page["items"]) == 1


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=abc"])
async def test_pending_teachers_rejects_out_of_range_paging(client, platform, query):
    admin = await admin_headers(client, platform)
    response = await client.get(f"{API}/admin/teachers/pending?{query}", headers=admin)
    assert response.status_code == 422


async def test_pending_teachers_needs_an_admin(client):
    assert (await client.get(f"{API}/admin/teachers/pending")).status_code == 401
    for role in ("student", "teacher"):
        headers = await register(client, role=role)
        response = await client.get(f"{API}/admin/teachers/pending", headers=headers)
        assert response.status_code == 403
        assert response.json() == {"detail": "Admin access required"}


async def test_admin_verifies_a_teacher_who_then_gets_a_verified_token(client, platform):
    email = unique_email("teacher")
    teacher = await register(client, role="teacher", email=email)
    teacher_id = (await client.get(f"{API}/me", headers=teacher)).json()["id"]
    admin = await admin_headers(client, platform)

    response = await client.patch(f"{API}/admin/users/{teacher_id}/verify", headers=admin)
    assert response.status_code == 200
    assert response.json()["is_verified"] is True
    assert response.json()["id"] == teacher_id

    pending = (await client.get(f"{API}/admin/teachers/pending", headers=admin)).json()
    assert pending["total"] == 0
    fresh = await login(client, email)
    claims = jwt.decode(fresh["Authorization"].split()[1], options={"verify_signature": False})
    assert claims["is_verified"] is True


async def test_verify_errors(client, platform):
    admin = await admin_headers(client, platform)
    student = await register(client)
    student_id = (await client.get(f"{API}/me", headers=student)).json()["id"]
    teacher = await register(client, role="teacher")
    teacher_id = (await client.get(f"{API}/me", headers=teacher)).json()["id"]

    assert (await client.patch(f"{API}/admin/users/{teacher_id}/verify")).status_code == 401
    forbidden = await client.patch(f"{API}/admin/users/{teacher_id}/verify", headers=teacher)
    assert forbidden.status_code == 403
    unknown = await client.patch(f"{API}/admin/users/{uuid.uuid4()}/verify", headers=admin)
    assert unknown.status_code == 404
    not_teacher = await client.patch(f"{API}/admin/users/{student_id}/verify", headers=admin)
    assert not_teacher.status_code == 409
    assert not_teacher.json() == {"detail": "User is not a teacher"}
    assert (await client.patch(f"{API}/admin/users/{teacher_id}/verify", headers=admin)).status_code == 200
    again = await client.patch(f"{API}/admin/users/{teacher_id}/verify", headers=admin)
    assert again.status_code == 409
    assert again.json() == {"detail": "Teacher is already verified"}
    bad_id = await client.patch(f"{API}/admin/users/not-a-uuid/verify", headers=admin)
    assert bad_id.status_code == 422


async def test_health_endpoints_check_the_context_database(client):
    assert (await client.get(f"{API}/health/live")).json()["status"] == "ok"
    ready = await client.get(f"{API}/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "context": "identity", "dependencies": {"database": "ok"}}
