"""E-mail addresses: look-alikes are the same account or refused; older accounts keep working."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import update

from backend_services.identity.models import User
from tests.helpers import PASSWORD, unique_email
from tests.integration.identity.support import API, login_pair, register_pair


async def _register(client, email: str):
    return await client.post(
        f"{API}/register", json={"email": email, "password": PASSWORD, "name": "Look Alike"}
    )


async def test_full_width_letters_fold_into_the_existing_account(client, platform):
    # "ａｄｍｉｎ@eduplatform.com" in full-width letters is the admin's address.
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "admin") + "@eduplatform.com"
    response = await _register(client, full_width)
    assert response.status_code == 409
    assert response.json() == {"detail": "Email already registered"}
    assert (await login_pair(client, full_width, platform.settings.admin_password))["access_token"]


@pytest.mark.parametrize(
    "email",
    [
        "\u0430dmin@eduplatform.com",  # Cyrillic а in a Latin local part
        "admin@edupl\u0430tform.com",  # ... in a Latin domain label
        "p\u0430ypal@example.com",
        "\u0391lpha@example.com",  # Greek capital alpha
    ],
)
async def test_mixed_script_look_alikes_are_refused_with_422(client, email):
    response = await _register(client, email)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The e-mail address mixes alphabets (e.g. a Cyrillic letter among Latin ones)"
    }


async def test_an_address_in_one_other_alphabet_is_welcome(client):
    email = f"иван{uuid.uuid4().int % 10**8}@пример.рф"
    pair = await register_pair(client, email.upper())
    assert pair["access_token"]
    assert (await login_pair(client, email))["access_token"]


async def test_case_and_compatibility_forms_reach_the_same_account(client):
    email = unique_email("Straße")
    await register_pair(client, email)
    for typed in (email.upper(), email.replace("ß", "ss"), f"  {email}  "):
        assert (await login_pair(client, typed))["access_token"], typed


async def test_an_account_stored_before_folding_still_logs_in(client, platform):
    email = unique_email()
    await register_pair(client, email)
    legacy = email.replace("@", "ß@")  # lower-cased, but not case-folded
    async with platform.databases["identity"].session() as session:
        await session.execute(update(User).where(User.email == email).values(email=legacy))
    typed = "".join(c.upper() if c.isascii() else c for c in legacy)  # as lower() used to match
    assert (await login_pair(client, typed))["access_token"]
