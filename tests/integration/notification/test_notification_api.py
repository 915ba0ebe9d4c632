"""Every notification row of API.md through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from tests.helpers import token_headers, user_id_of

API = "/api/notification"


async def _post(client, headers, **fields):
    body = {"type": "reminder", "title": "Study time", "body": "Lesson 2 awaits"} | fields
    return await client.post(f"{API}/notifications", json=body, headers=headers)


@pytest.fixture
def user(platform) -> dict[str, str]:
    return token_headers(platform)


async def test_a_user_posts_a_notification_for_themself(client, user):
    response = await _post(client, user, type="study_reminder", user_id=str(uuid.uuid4()))
    assert response.status_code == 201, response.text
    body = response.json()
    fields = {"id", "user_id", "type", "title", "body", "is_read", "created_at", "params"}
    assert set(body) == fields
    assert body["params"] is None  # only platform notifications keep what they were rendered from
    assert body["user_id"] == user_id_of(user)  # a user_id in the body is ignored
    assert (body["type"], body["title"], body["is_read"]) == ("study_reminder", "Study time", False)


async def test_posting_needs_a_token(client):
    body = {"type": "reminder", "title": "t", "body": "b"}
    assert (await client.post(f"{API}/notifications", json=body)).status_code == 401


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "Not A Slug"},
        {"type": ""},
        {"type": "x" * 33},
        {"type": None},
        {"title": ""},
        {"title": "   "},
        {"title": "t" * 201},
        {"body": "b" * 2001},
        {"body": None},
    ],
)
async def test_invalid_notifications_are_422(client, user, fields):
    response = await _post(client, user, **fields)
    assert response.status_code == 422


async def test_missing_type_or_title_is_422(client, user):
    for body in ({"title": "t"}, {"type": "reminder"}, {}):
        response = await client.post(f"{API}/notifications", json=body, headers=user)
        assert response.status_code == 422


async def test_longest_valid_fields_are_accepted(client, user):
    response = await _post(client, user, type="x" * 32, title="t" * 200, body="b" * 2000)
    assert response.status_code == 201


async def test_my_notifications_are_newest_first_with_totals(client, user):
    for n in range(3):
        await _post(client, user, title=f"n{n}")
    response = await client.get(f"{API}/notifications/me?limit=2", headers=user)
    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["unread"]) == (3, 3)
    assert [n["title"] for n in body["items"]] == ["n2", "n1"]
    rest = (await client.get(f"{API}/notifications/me?limit=2&offset=2", headers=user)).json()
    assert [n["title"] for n in rest["items"]] == ["n0"]


async def test_listing_needs_a_token_and_valid_paging(client, user):
    assert (await client.get(f"{API}/notifications/me")).status_code == 401
    for query in ("limit=0", "limit=101", "offset=-1"):
        response = await client.get(f"{API}/notifications/me?{query}", headers=user)
        assert response.status_code == 422


async def test_the_owner_marks_a_notification_read(client, user):
    note = (await _post(client, user)).json()
    response = await client.patch(f"{API}/notifications/{note['id']}/read", headers=user)
    assert response.status_code == 200
    assert response.json() == note | {"is_read": True}
    again = await client.patch(f"{API}/notifications/{note['id']}/read", headers=user)
    assert again.status_code == 200
    listing = (await client.get(f"{API}/notifications/me", headers=user)).json()
    assert listing["unread"] == 0


async def test_nobody_reads_or_marks_anothers_notifications(client, platform, user):
    note = (await _post(client, user)).json()
    other = token_headers(platform)
    response = await client.patch(f"{API}/notifications/{note['id']}/read", headers=other)
    assert response.status_code == 404
    assert response.json() == {"detail": "Notification not found"}
    assert (await client.get(f"{API}/notifications/me", headers=other)).json()["total"] == 0
    still = (await client.get(f"{API}/notifications/me", headers=user)).json()
    assert still["items"][0]["is_read"] is False


async def test_mark_read_errors(client, user):
    note = (await _post(client, user)).json()
    assert (await client.patch(f"{API}/notifications/{note['id']}/read")).status_code == 401
    unknown = await client.patch(f"{API}/notifications/{uuid.uuid4()}/read", headers=user)
    assert unknown.status_code == 404
    bad = await client.patch(f"{API}/notifications/not-a-uuid/read", headers=user)
    assert bad.status_code == 422


async def test_read_all_marks_only_the_callers(client, platform, user):
    other = token_headers(platform)
    for _ in range(2):
        await _post(client, user)
    await _post(client, other)
    response = await client.patch(f"{API}/notifications/read-all", headers=user)
    assert response.status_code == 200
    assert response.json() == {"updated": 2}
    assert (await client.get(f"{API}/notifications/me", headers=user)).json()["unread"] == 0
    assert (await client.get(f"{API}/notifications/me", headers=other)).json()["unread"] == 1
    unread = await client.get(f"{API}/notifications/me/unread-count", headers=other)
    assert unread.json() == {"unread": 1}
    assert (await client.patch(f"{API}/notifications/read-all")).status_code == 401
