"""Reviews and the course rating (API.md, Course), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.helpers import create_course, register, token_headers, user_id_of

API = "/api/course"


def _exact_mean(ratings: list[int]) -> str:
    mean = Decimal(sum(ratings)) / Decimal(len(ratings))
    return str(mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _enrolled_student(platform, enrolled, course: dict) -> dict[str, str]:
    headers = token_headers(platform)
    enrolled.add((user_id_of(headers), course["id"]))
    return headers


@pytest.fixture
async def course(client, teacher) -> dict:
    return await create_course(client, teacher)


async def test_enrolled_student_reviews_and_the_course_rating_follows(client, platform, enrolled, course):
    student = _enrolled_student(platform, enrolled, course)
    body = {"course_id": course["id"], "rating": 4, "comment": "Clear and practical"}
    response = await client.post(f"{API}/reviews", json=body, headers=student)
    assert response.status_code == 201, response.text
    review = response.json()
    assert set(review) == {"id", "student_id", "course_id", "rating", "comment", "created_at"}
    assert review["student_id"] == user_id_of(student)
    assert (review["course_id"], review["rating"], review["comment"]) == (
        course["id"],
        4,
        body["comment"],
    )
    updated = (await client.get(f"{API}/courses/{course['id']}")).json()
    assert (updated["avg_rating"], updated["review_count"]) == ("4.00", 1)
    found = await platform.course.get_review_by(uuid.UUID(review["student_id"]), uuid.UUID(course["id"]))
    assert found is not None and str(found.id) == review["id"]
    assert await platform.course.get_review_by(uuid.uuid4(), uuid.UUID(course["id"])) is None


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([5, 5, 5, 4, 4, 4, 3, 3], "4.13"),  # 33 / 8 = 4.125
        ([3] * 27 + [2] * 13, "2.68"),  # 107 / 40 = 2.675, not exact in binary floating point
        ([1, 2, 2], "1.67"),
    ],
)
async def test_average_rounds_half_up_to_two_places(client, platform, enrolled, course, ratings, expected):
    for rating in ratings:
        student = _enrolled_student(platform, enrolled, course)
        body = {"course_id": course["id"], "rating": rating}
        assert (await client.post(f"{API}/reviews", json=body, headers=student)).status_code == 201
    updated = (await client.get(f"{API}/courses/{course['id']}")).json()
    assert (updated["avg_rating"], updated["review_count"]) == (expected, len(ratings))


async def test_review_errors(client, platform, enrolled, course):
    body = {"course_id": course["id"], "rating": 5, "comment": ""}
    assert (await client.post(f"{API}/reviews", json=body)).status_code == 401
    for role in ("teacher", "admin"):
        response = await client.post(
            f"{API}/reviews",
            json=body,
            headers=token_headers(platform, role=role, is_verified=True),
        )
        assert response.status_code == 403
        assert response.json() == {"detail": "Only students can review courses"}
    stranger = token_headers(platform)
    not_enrolled = await client.post(f"{API}/reviews", json=body, headers=stranger)
    assert not_enrolled.status_code == 403
    assert not_enrolled.json() == {"detail": "You must be enrolled in this course to review it"}
    unknown = await client.post(
        f"{API}/reviews", json=body | {"course_id": str(uuid.uuid4())}, headers=stranger
    )
    assert unknown.status_code == 404
    student = _enrolled_student(platform, enrolled, course)
    assert (await client.post(f"{API}/reviews", json=body, headers=student)).status_code == 201
    twice = await client.post(f"{API}/reviews", json=body | {"rating": 1}, headers=student)
    assert twice.status_code == 409
    assert twice.json() == {"detail": "You have already reviewed this course"}
    updated = (await client.get(f"{API}/courses/{course['id']}")).json()
    assert (updated["avg_rating"], updated["review_count"]) == ("5.00", 1)


@pytest.mark.parametrize(
    "fields",
    [
        {"rating": 0},
        {"rating": 6},
        {"rating": 4.5},
        {"rating": None},
        {"comment": "c" * 5001},
        {"course_id": "not-a-uuid"},
        {"course_id": None},
    ],
)
async def test_review_fields_are_validated(client, platform, enrolled, course, fields):
    student = _enrolled_student(platform, enrolled, course)
    body = {"course_id": course["id"], "rating": 3, "comment": "ok"} | fields
    assert (await client.post(f"{API}/reviews", json=body, headers=student)).status_code == 422


async def test_reviews_are_listed_newest_first_with_paging(client, platform, enrolled, course):
    ids = []
    for rating in (1, 2, 3):
        student = _enrolled_student(platform, enrolled, course)
        body = {"course_id": course["id"], "rating": rating}
        ids.append((await client.post(f"{API}/reviews", json=body, headers=student)).json()["id"])
    listing = await client.get(f"{API}/reviews/course/{course['id']}")
    assert listing.status_code == 200
    assert listing.json()["total"] == 3
    assert [r["id"] for r in listing.json()["items"]] == ids[::-1]
    page = (await client.get(f"{API}/reviews/course/{course['id']}?limit=1&offset=2")).json()
    assert ([r["id"] for r in page["items"]], page["total"]) == ([ids[0]], 3)
    assert (await client.get(f"{API}/reviews/course/{uuid.uuid4()}")).status_code == 404
    assert (await client.get(f"{API}/reviews/course/x")).status_code == 422
    assert (await client.get(f"{API}/reviews/course/{course['id']}?limit=0")).status_code == 422


async def test_concurrent_reviews_keep_count_and_average_exact(client, platform, enrolled, course):
    ratings = [(i % 5) + 1 for i in range(17)] + [5, 5, 4]  # 20 reviews, mean 3.35
    students = [_enrolled_student(platform, enrolled, course) for _ in ratings]
    responses = await asyncio.gather(
        *(
            client.post(f"{API}/reviews", json={"course_id": course["id"], "rating": r}, headers=s)
            for r, s in zip(ratings, students, strict=True)
        )
    )
    assert [r.status_code for r in responses] == [201] * len(ratings)
    updated = (await client.get(f"{API}/courses/{course['id']}")).json()
    assert updated["review_count"] == len(ratings)
    assert updated["avg_rating"] == _exact_mean(ratings)


async def test_concurrent_duplicate_reviews_give_one_201_and_409s(client, platform, enrolled, course):
    student = _enrolled_student(platform, enrolled, course)
    body = {"course_id": course["id"], "rating": 2}
    responses = await asyncio.gather(
        *(client.post(f"{API}/reviews", json=body, headers=student) for _ in range(5))
    )
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409]
    updated = (await client.get(f"{API}/courses/{course['id']}")).json()
    assert (updated["avg_rating"], updated["review_count"]) == ("2.00", 1)


async def test_a_registered_student_reviews_through_the_real_token(client, platform, enrolled, course):
    student = await register(client)
    enrolled.add((user_id_of(student), course["id"]))
    body = {"course_id": course["id"], "rating": 3}
    assert (await client.post(f"{API}/reviews", json=body, headers=student)).status_code == 201
