"""Fixtures of the course API tests."""

from __future__ import annotations

import uuid

import pytest

from tests.helpers import token_headers


@pytest.fixture
async def teacher(client, platform) -> dict[str, str]:
    """A verified teacher's headers (token only: the course context trusts its claims)."""
    return token_headers(platform, role="teacher", is_verified=True)


@pytest.fixture
def enrolled(platform, monkeypatch) -> set[tuple[str, str]]:
    """(student_id, course_id) pairs the enrollment port answers True for.

    Replaces the port the facade was given, so these tests do not depend on the
    enrollment context."""
    pairs: set[tuple[str, str]] = set()

    async def is_enrolled(student_id: uuid.UUID, course_id: uuid.UUID) -> bool:
        return (str(student_id), str(course_id)) in pairs

    monkeypatch.setattr(platform.course, "_is_enrolled", is_enrolled)
    return pairs
