"""Fixtures of the enrollment API tests: a verified teacher's course with lessons."""

from __future__ import annotations

import pytest

from tests.helpers import add_lessons, create_course, token_headers


@pytest.fixture
def teacher(platform) -> dict[str, str]:
    """A verified teacher's headers (token only: other contexts trust its claims)."""
    return token_headers(platform, role="teacher", is_verified=True)


@pytest.fixture
def student(platform) -> dict[str, str]:
    return token_headers(platform, role="student")


@pytest.fixture
async def free_course(client, teacher) -> dict:
    """A free course with three lessons; ``lessons`` holds their ids in order."""
    course = await create_course(client, teacher, title="Free Python", is_free=True)
    course["lessons"] = await add_lessons(client, teacher, course["id"], 3)
    return course


@pytest.fixture
async def paid_course(client, teacher) -> dict:
    course = await create_course(client, teacher, title="Paid Rust", is_free=False, price="49.99")
    course["lessons"] = await add_lessons(client, teacher, course["id"], 2)
    return course
