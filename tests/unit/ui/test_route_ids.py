"""Ids taken from a page's URL: a malformed one is a page that does not exist."""

from __future__ import annotations

import uuid

import pytest

from backend_services.shared.errors import NotFound
from eduplatform.backend import route_uuid
from eduplatform.error_text import error_text


def test_a_well_formed_id_is_its_uuid() -> None:
    value = uuid.uuid4()
    assert route_uuid(str(value), "Lesson not found") == value


@pytest.mark.parametrize("raw", ["", "42", "not-a-uuid", "../admin"])
def test_a_malformed_id_is_not_found_with_the_given_message(raw: str) -> None:
    with pytest.raises(NotFound) as caught:
        route_uuid(raw, "Lesson not found")
    assert caught.value.message == "Lesson not found"
    assert error_text(caught.value, "ru") == "Урок не найден"
