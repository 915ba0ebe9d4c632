"""Public profiles by id (``IdentityFacade.get_users``): the public columns only, unknown ids
left out, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from tests.helpers import register


async def test_profiles_by_id_show_public_columns_and_skip_unknown_ids(client, platform):
    teacher = await register(client, role="teacher", name="Ada Teacher")
    student = await register(client, name="Bo Student")
    ids = [
        uuid.UUID((await client.get("/api/identity/me", headers=headers)).json()["id"])
        for headers in (teacher, student)
    ]

    found = await platform.identity.get_users([*ids, uuid.uuid4()])

    assert set(found) == set(ids)
    assert (found[ids[0]].name, found[ids[0]].role, found[ids[0]].is_verified) == (
        "Ada Teacher",
        "teacher",
        False,
    )
    assert (found[ids[1]].name, found[ids[1]].role) == ("Bo Student", "student")
    assert found[ids[1]].created_at.tzinfo is not None
    assert "password" not in found[ids[1]].model_dump_json()
    assert await platform.identity.get_users([]) == {}
