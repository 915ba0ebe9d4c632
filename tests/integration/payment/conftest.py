"""Fixtures of the payment API tests."""

from __future__ import annotations

import pytest

from tests.helpers import create_course, token_headers


@pytest.fixture
def teacher(platform) -> dict[str, str]:
    return token_headers(platform, role="teacher", is_verified=True)


@pytest.fixture
def student(platform) -> dict[str, str]:
    return token_headers(platform, role="student")


@pytest.fixture
async def paid_course(client, teacher) -> dict:
    return await create_course(client, teacher, title="Paid Rust", is_free=False, price="49.99")
