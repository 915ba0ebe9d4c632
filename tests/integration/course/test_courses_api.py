"""Course rows of API.md (create, read, edit, my courses), on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from tests.helpers import create_course, register, token_headers, user_id_of, verified_teacher

API = "/api/course"
COURSE_FIELDS = {
    "id",
    "teacher_id",
    "title",
    "description",
    "is_free",
    "price",
    "duration_minutes",
    "level",
    "avg_rating",
    "review_count",
    "created_at",
    "category_id",
}


async def test_verified_teacher_creates_a_paid_course(client, platform):
    headers = await verified_teacher(client, platform)
    body = {
        "title": "  Async Python  ",
        "description": "Event loops",
        "is_free": False,
        "price": 49.99,
        "duration_minutes": 600,
        "level": "advanced",
    }
    response = await client.post(f"{API}/courses", json=body, headers=headers)
    assert response.status_code == 201, response.text
    course = response.json()
    assert set(course) == COURSE_FIELDS
    assert course["teacher_id"] == user_id_of(headers)
    assert course["title"] == "Async Python"
    assert course["price"] == "49.99"
    assert course["is_free"] is False
    assert course["avg_rating"] is None
    assert course["review_count"] == 0
    assert course["created_at"].endswith(("+00:00", "Z"))
    fetched = await client.get(f"{API}/courses/{course['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == course


async def test_free_course_has_null_price_and_price_alone_means_paid(client, teacher):
    free = await create_course(client, teacher, is_free=True, price=None)
    assert (free["is_free"], free["price"]) == (True, None)
    paid = await create_course(client, teacher, price="100")
    assert (paid["is_free"], paid["price"]) == (False, "100.00")
    defaults = await create_course(client, teacher)
    assert (defaults["is_free"], defaults["price"]) == (True, None)


async def test_create_course_needs_a_token(client):
    response = await client.post(f"{API}/courses", json={"title": "x"})
    assert response.status_code == 401


async def test_students_and_unverified_teachers_cannot_create_courses(client, platform):
    student = await register(client)
    response = await client.post(f"{API}/courses", json={"title": "x"}, headers=student)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only teachers can create courses"}
    unverified = await register(client, role="teacher")
    response = await client.post(f"{API}/courses", json={"title": "x"}, headers=unverified)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only verified teachers can create courses"}
    admin = token_headers(platform, role="admin", is_verified=True)
    assert (await client.post(f"{API}/courses", json={"title": "x"}, headers=admin)).status_code == 403


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"title": "   "},
        {"title": "t" * 201},
        {"title": None},
        {"description": "d" * 5001},
        {"level": "expert"},
        {"duration_minutes": -1},
        {"duration_minutes": 100_001},
        {"duration_minutes": "long"},
        {"is_free": False, "price": 0},
        {"is_free": False, "price": -5},
        {"is_free": False, "price": 100_000},
        {"is_free": False, "price": "9.999"},
        {"is_free": False, "price": "NaN"},
        {"is_free": False, "price": "Infinity"},
        {"is_free": False, "price": True},
        {"title": "nul\x00byte"},
    ],
)
async def test_create_course_rejects_invalid_fields_with_422(client, teacher, fields):
    body = {"title": "Valid", "level": "beginner"} | fields
    response = await client.post(f"{API}/courses", json=body, headers=teacher)
    assert response.status_code == 422, response.text


async def test_paid_course_without_price_and_free_course_with_price_are_422(client, teacher):
    paid = await client.post(f"{API}/courses", json={"title": "x", "is_free": False}, headers=teacher)
    assert paid.status_code == 422
    assert paid.json() == {"detail": "A paid course needs a price greater than 0"}
    free = await client.post(
        f"{API}/courses", json={"title": "x", "is_free": True, "price": "10.00"}, headers=teacher
    )
    assert free.status_code == 422
    assert "free course cannot have a price" in free.json()["detail"]


async def test_largest_price_round_trips_exactly(client, teacher):
    course = await create_course(client, teacher, is_free=False, price="99999.99")
    fetched = (await client.get(f"{API}/courses/{course['id']}")).json()
    assert fetched["price"] == "99999.99"


async def test_get_course_unknown_is_404_and_bad_id_is_422(client):
    unknown = await client.get(f"{API}/courses/{uuid.uuid4()}")
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Course not found"}
    assert (await client.get(f"{API}/courses/not-a-uuid")).status_code == 422


async def test_owner_updates_any_subset_of_fields(client, teacher):
    course = await create_course(client, teacher)
    response = await client.put(
        f"{API}/courses/{course['id']}",
        json={"title": "Renamed", "level": "intermediate"},
        headers=teacher,
    )
    assert response.status_code == 200, response.text
    updated = response.json()
    assert (updated["title"], updated["level"]) == ("Renamed", "intermediate")
    assert updated["description"] == course["description"]
    assert (await client.get(f"{API}/courses/{course['id']}")).json() == updated


async def test_update_revalidates_free_and_price_against_the_merged_course(client, teacher):
    course = await create_course(client, teacher)
    url = f"{API}/courses/{course['id']}"
    no_price = await client.put(url, json={"is_free": False}, headers=teacher)
    assert no_price.status_code == 422
    price_on_free = await client.put(url, json={"price": "5.00"}, headers=teacher)
    assert price_on_free.status_code == 422
    to_paid = await client.put(url, json={"is_free": False, "price": 12.5}, headers=teacher)
    assert (to_paid.json()["is_free"], to_paid.json()["price"]) == (False, "12.50")
    new_price = await client.put(url, json={"price": "15"}, headers=teacher)
    assert new_price.json()["price"] == "15.00"
    drop_price = await client.put(url, json={"price": None}, headers=teacher)
    assert drop_price.status_code == 422
    back_to_free = await client.put(url, json={"is_free": True}, headers=teacher)
    assert (back_to_free.json()["is_free"], back_to_free.json()["price"]) == (True, None)


async def test_update_errors(client, platform, teacher):
    course = await create_course(client, teacher)
    url = f"{API}/courses/{course['id']}"
    assert (await client.put(url, json={"title": "x"})).status_code == 401
    other = token_headers(platform, role="teacher", is_verified=True)
    not_owner = await client.put(url, json={"title": "x"}, headers=other)
    assert not_owner.status_code == 403
    assert not_owner.json() == {"detail": "You do not own this course"}
    student = token_headers(platform)
    assert (await client.put(url, json={"title": "x"}, headers=student)).status_code == 403
    unknown = await client.put(f"{API}/courses/{uuid.uuid4()}", json={"title": "x"}, headers=teacher)
    assert unknown.status_code == 404
    for body in ({"title": ""}, {"title": None}, {"level": "pro"}, {"is_free": None}):
        assert (await client.put(url, json=body, headers=teacher)).status_code == 422, body
    assert (await client.put(f"{API}/courses/nope", json={}, headers=teacher)).status_code == 422
    assert (await client.get(url)).json() == course


async def test_my_courses_lists_only_the_teachers_own_newest_first(client, platform, teacher):
    first = await create_course(client, teacher, title="First")
    second = await create_course(client, teacher, title="Second")
    await create_course(client, token_headers(platform, role="teacher", is_verified=True))
    response = await client.get(f"{API}/courses/my", headers=teacher)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert [c["id"] for c in body["items"]] == [second["id"], first["id"]]
    page = (await client.get(f"{API}/courses/my?limit=1&offset=1", headers=teacher)).json()
    assert [c["id"] for c in page["items"]] == [first["id"]]
    assert page["total"] == 2


async def test_my_courses_is_for_teachers(client, platform):
    assert (await client.get(f"{API}/courses/my")).status_code == 401
    response = await client.get(f"{API}/courses/my", headers=token_headers(platform))
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Only teachers can")
    unverified = token_headers(platform, role="teacher")
    assert (await client.get(f"{API}/courses/my", headers=unverified)).json() == {
        "items": [],
        "total": 0,
    }


async def test_ports_for_other_contexts(client, teacher, platform):
    paid = await create_course(client, teacher, title="Paid", price="19.90")
    free = await create_course(client, teacher, title="Free")
    facade = platform.course
    summary = await facade.get_course_summary(uuid.UUID(paid["id"]))
    assert summary is not None
    assert (str(summary.id), str(summary.teacher_id), summary.title) == (
        paid["id"],
        paid["teacher_id"],
        "Paid",
    )
    assert (summary.is_free, summary.price) == (False, Decimal("19.90"))
    assert (await facade.get_course_summary(uuid.UUID(free["id"]))).price is None
    assert await facade.get_course_summary(uuid.uuid4()) is None
    wanted = [uuid.UUID(paid["id"]), uuid.UUID(free["id"]), uuid.uuid4()]
    found = await facade.get_courses(wanted)
    assert set(found) == set(wanted[:2])
    assert found[wanted[0]].model_dump(mode="json") == paid
    assert await facade.get_courses([]) == {}


async def test_malformed_json_and_wrong_types_are_422_not_500(client, teacher):
    malformed = await client.post(
        f"{API}/courses",
        content=b"{not json",
        headers=teacher | {"Content-Type": "application/json"},
    )
    assert malformed.status_code == 422
    for body in ([], "x", {"title": ["x"]}, {"title": "x", "price": {"a": 1}}):
        response = await client.post(f"{API}/courses", json=body, headers=teacher)
        assert response.status_code == 422, body
