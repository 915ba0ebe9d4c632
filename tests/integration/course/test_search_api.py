"""GET /courses in EDU_SEARCH_MODE=substring: the Phase 0 catalogue and its substring search,
kept for before/after measurements; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.helpers import create_course

API = "/api/course"


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"search_mode": "substring"})


async def _search(client, query: str = "") -> dict:
    response = await client.get(f"{API}/courses{query}")
    assert response.status_code == 200, response.text
    return response.json()


async def test_catalogue_lists_every_course_newest_first(client, teacher):
    ids = [(await create_course(client, teacher, title=f"Course {i}"))["id"] for i in range(3)]
    body = await _search(client)
    assert body["total"] == 3
    assert [c["id"] for c in body["items"]] == ids[::-1]


async def test_search_is_case_insensitive_on_title_and_description(client, teacher):
    by_title = await create_course(client, teacher, title="Advanced PyThOn", description="")
    by_text = await create_course(client, teacher, title="Data", description="Uses PYTHON daily")
    await create_course(client, teacher, title="Rust", description="Borrow checker")
    body = await _search(client, "?q=python")
    assert body["total"] == 2
    assert {c["id"] for c in body["items"]} == {by_title["id"], by_text["id"]}
    assert (await _search(client, "?q=BORROW"))["total"] == 1
    assert (await _search(client, "?q=haskell"))["items"] == []


async def test_blank_query_means_no_filter(client, teacher):
    await create_course(client, teacher)
    assert (await _search(client, "?q=")).get("total") == 1
    assert (await _search(client, "?q=%20%20"))["total"] == 1


async def test_search_treats_percent_and_underscore_literally(client, teacher):
    percent = await create_course(client, teacher, title="100% practical")
    underscore = await create_course(client, teacher, title="snake_case names")
    await create_course(client, teacher, title="1000 practical tips", description="snakeXcase")
    hit = await _search(client, "?q=100%25")
    assert [c["id"] for c in hit["items"]] == [percent["id"]]
    hit = await _search(client, "?q=e_c")
    assert [c["id"] for c in hit["items"]] == [underscore["id"]]
    assert (await _search(client, "?q=%25"))["total"] == 1
    assert (await _search(client, "?q=/"))["total"] == 0  # the LIKE escape character


async def test_search_paginates_with_a_total(client, teacher):
    ids = [(await create_course(client, teacher, title=f"Go {i}"))["id"] for i in range(5)]
    await create_course(client, teacher, title="Unrelated")
    page = await _search(client, "?q=go&limit=2&offset=2")
    assert page["total"] == 5
    assert [c["id"] for c in page["items"]] == ids[::-1][2:4]
    beyond = await _search(client, "?q=go&limit=2&offset=10")
    assert (beyond["items"], beyond["total"]) == ([], 5)
    assert len((await _search(client, "?limit=100"))["items"]) == 6


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=101", "offset=-1", "limit=x", "q=" + "a" * 201, "q=a%00b"]
)
async def test_search_rejects_out_of_range_parameters(client, query):
    response = await client.get(f"{API}/courses?{query}")
    assert response.status_code == 422


async def test_search_accepts_the_longest_query_and_unicode(client, teacher):
    await create_course(client, teacher, title="Café au lait")
    assert (await _search(client, "?q=" + "a" * 200))["total"] == 0
    assert (await _search(client, "?q=café"))["total"] == 1
