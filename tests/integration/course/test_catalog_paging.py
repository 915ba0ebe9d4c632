"""GET /courses filters, sort orders, keyset cursors and capped totals, GET /categories, and
bad input (never a 500); on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import event as sqlalchemy_event

from backend_services.course.categories import CATEGORIES, category_id
from tests.helpers import create_course

API = "/api/course"
PROGRAMMING, DESIGN = category_id("programming"), category_id("design")


async def get(client, **params) -> dict:
    response = await client.get(f"{API}/courses", params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def walk(client, **params) -> tuple[list[str], list[dict]]:
    """Every page of a keyset walk: (ids in order, the pages)."""
    pages, cursor = [], ""
    while cursor is not None:
        page = await get(client, cursor=cursor, **params)
        pages.append(page)
        cursor = page["next_cursor"]
        assert len(pages) < 50
    return [c["id"] for page in pages for c in page["items"]], pages


@pytest.fixture
async def shelf(client, teacher) -> list[dict]:
    """Seven courses, oldest first, across levels, prices and two categories."""
    specs = [
        ("Python basics", "beginner", None, PROGRAMMING),
        ("Python web apps", "intermediate", "29.99", PROGRAMMING),
        ("Colour theory", "beginner", "9.99", DESIGN),
        ("Advanced Python internals", "advanced", "49.99", PROGRAMMING),
        ("Typography", "intermediate", None, DESIGN),
        ("Python for designers", "beginner", "19.99", DESIGN),
        ("Uncategorised notes", "advanced", None, None),
    ]
    courses = []
    for title, level, price, category in specs:
        fields = {"title": title, "description": "A short course.", "level": level}
        fields["category_id"] = str(category) if category else None
        if price:
            fields |= {"is_free": False, "price": price}
        courses.append(await create_course(client, teacher, **fields))
    return courses


async def test_categories_are_listed_and_assigned(client, teacher, shelf):
    response = await client.get(f"{API}/categories")
    assert response.status_code == 200
    assert {(c["slug"], c["name"]) for c in response.json()} == set(CATEGORIES)
    assert shelf[0]["category_id"] == str(PROGRAMMING)
    assert shelf[-1]["category_id"] is None
    moved = await client.put(
        f"{API}/courses/{shelf[0]['id']}", json={"category_id": str(DESIGN)}, headers=teacher
    )
    assert moved.json()["category_id"] == str(DESIGN)
    cleared = await client.put(f"{API}/courses/{shelf[0]['id']}", json={"category_id": None}, headers=teacher)
    assert cleared.json()["category_id"] is None


async def test_an_unknown_category_is_refused(client, teacher):
    body = {"title": "X", "category_id": str(uuid.uuid4())}
    response = await client.post(f"{API}/courses", json=body, headers=teacher)
    assert (response.status_code, response.json()["detail"]) == (422, "Unknown category")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category_id": str(DESIGN)}, {"Colour theory", "Typography", "Python for designers"}),
        ({"level": "advanced"}, {"Advanced Python internals", "Uncategorised notes"}),
        ({"is_free": "true"}, {"Python basics", "Typography", "Uncategorised notes"}),
        (
            {"q": "python", "is_free": "false"},
            {"Python web apps", "Advanced Python internals"} | {"Python for designers"},
        ),
        ({"q": "python", "category_id": str(DESIGN), "level": "beginner"}, {"Python for designers"}),
        ({"q": "python", "category_id": str(uuid.uuid4())}, set()),
    ],
)
async def test_filters_combine_with_each_other_and_with_q(client, shelf, params, expected):
    body = await get(client, **params)
    assert {c["title"] for c in body["items"]} == expected
    assert (body["total"], body["total_capped"]) == (len(expected), False)


@pytest.mark.parametrize(
    ("sort_by", "expected"),
    [
        (None, [6, 5, 4, 3, 2, 1, 0]),  # newest first
        ("created_at", [6, 5, 4, 3, 2, 1, 0]),
        ("price", [6, 4, 0, 2, 5, 1, 3]),  # free first (newest id order among equals), then cheapest
        ("relevance", [6, 5, 4, 3, 2, 1, 0]),  # without q: newest first
    ],
)
async def test_sort_orders(client, shelf, sort_by, expected):
    params = {"sort_by": sort_by} if sort_by else {}
    body = await get(client, **params)
    titles = [c["title"] for c in body["items"]]
    if sort_by == "price":
        prices = [c["price"] for c in body["items"]]
        assert prices[:3] == [None, None, None] and prices[3:] == ["9.99", "19.99", "29.99", "49.99"]
    else:
        assert titles == [shelf[i]["title"] for i in expected]


async def test_rating_and_popularity_orders(client, platform, shelf, enrolled):
    from tests.helpers import token_headers, user_id_of

    for course, ratings in ((shelf[2], [3, 3, 3]), (shelf[4], [5])):
        for rating in ratings:
            student = token_headers(platform)
            enrolled.add((user_id_of(student), course["id"]))
            body = {"course_id": course["id"], "rating": rating}
            assert (await client.post(f"{API}/reviews", json=body, headers=student)).status_code == 201
    by_rating = [c["title"] for c in (await get(client, sort_by="avg_rating"))["items"]]
    assert by_rating[:2] == ["Typography", "Colour theory"]
    by_popularity = [c["title"] for c in (await get(client, sort_by="popularity"))["items"]]
    assert by_popularity[:2] == ["Colour theory", "Typography"]
    ids, _ = await walk(client, sort_by="avg_rating", limit=2)
    assert sorted(ids) == sorted(c["id"] for c in shelf)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "python"},
        {"q": "python", "sort_by": "price"},
        {"sort_by": "avg_rating"},
        {"sort_by": "popularity"},
        {"q": "python or typography", "sort_by": "relevance"},
    ],
)
async def test_a_cursor_walk_visits_every_match_once(client, shelf, params):
    everything = await get(client, limit=100, **params)
    ids, pages = await walk(client, limit=2, **params)
    assert ids == [c["id"] for c in everything["items"]]  # same order as one big page
    assert len(set(ids)) == len(ids) == everything["total"]
    assert pages[-1]["next_cursor"] is None
    assert {page["total"] for page in pages} == {everything["total"]}


async def test_a_cursor_walk_is_stable_under_inserts(client, teacher, shelf):
    first = await get(client, cursor="", limit=3)
    newer = await create_course(client, teacher, title="Brand new course")
    rest, _ = await walk_from(client, first["next_cursor"], limit=3)
    seen = [c["id"] for c in first["items"]] + rest
    assert newer["id"] not in seen  # it lands before the pages already read
    assert sorted(seen) == sorted(c["id"] for c in shelf)


async def walk_from(client, cursor: str, **params) -> tuple[list[str], int]:
    ids, pages = [], 0
    while cursor is not None:
        page = await get(client, cursor=cursor, **params)
        ids += [c["id"] for c in page["items"]]
        cursor, pages = page["next_cursor"], pages + 1
    return ids, pages


async def test_offset_paging_still_works_for_old_clients(client, shelf):
    pages = [await get(client, q="python", limit=2, offset=offset) for offset in (0, 2, 4)]
    ids = [c["id"] for page in pages for c in page["items"]]
    assert len(ids) == len(set(ids)) == 4
    assert ids == [c["id"] for c in (await get(client, q="python", limit=100))["items"]]


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"search_count_cap": 10})


async def test_totals_beyond_the_cap_are_capped_and_say_so(client, teacher):
    for i in range(12):
        await create_course(client, teacher, title=f"Rust {i}")
    body = await get(client, q="rust", limit=5)
    assert (body["total"], body["total_capped"]) == (10, True)
    ids, pages = await walk(client, q="rust", limit=5)
    assert len(set(ids)) == 12 and [p["total_capped"] for p in pages] == [True] * 3
    few = await get(client, q="rust 3")
    assert (few["total"], few["total_capped"]) == (1, False)


@pytest.mark.parametrize(
    "q",
    ["%", "_", "\\", "'", '"', "-", '" -', "--", "or", "🐍", "🐍🐍 python", "a&b|c", "!(x)", ":*", "x:*A"],
)
async def test_odd_input_gives_results_not_errors(client, shelf, q):
    body = await get(client, q=q)
    assert isinstance(body["items"], list)


async def test_blank_or_operator_only_queries_are_the_whole_catalog(client, shelf):
    for q in ["", "   ", "-", '"', "%", "🐍"]:
        assert (await get(client, q=q))["total"] == len(shelf)
    assert (await get(client, q="python -web"))["total"] == 3


@pytest.mark.parametrize(
    "params",
    [
        {"sort_by": "cheapest"},
        {"cursor": "not-a-cursor"},
        {"cursor": "eyJ0IjowfQ.AAAA"},
        {"level": "expert"},
        {"category_id": "nope"},
        {"is_free": "maybe"},
        {"q": "x" * 300},
        {"limit": 0},
    ],
)
async def test_bad_parameters_give_422(client, params):
    response = await client.get(f"{API}/courses", params=params)
    assert response.status_code == 422, response.text
    assert "detail" in response.json()


async def test_a_tampered_or_foreign_cursor_gives_422(client, shelf):
    cursor = (await get(client, q="python", limit=1))["next_cursor"]
    body, tag = cursor.split(".")
    tampered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + tag
    for bad, params in (
        (tampered, {"q": "python"}),
        (cursor, {"q": "design"}),
        (cursor, {"q": "python", "sort_by": "price"}),
    ):
        response = await client.get(f"{API}/courses", params={"cursor": bad, "limit": 1, **params})
        assert response.status_code == 422, response.text
        assert response.json()["detail"] == "Invalid cursor: start again from the first page"


@pytest.mark.postgres
async def test_a_repeated_search_asks_the_planner_once(client, platform, shelf, backend):
    """The planner's estimate of a search is reused (it changes with statistics, not rows);
    the count and the page are read again every time."""
    if backend != "postgres":
        pytest.skip("estimates are a PostgreSQL plan")
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = platform.databases["course"].engine.sync_engine
    sqlalchemy_event.listen(engine, "before_cursor_execute", record)
    try:
        # Different page sizes: different responses, so the read cache cannot answer.
        first = await get(client, q="python", level="beginner", limit=20)
        second = await get(client, q="python", level="beginner", limit=19)
        other = await get(client, q="python", level="advanced")
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", record)
    assert first["items"] == second["items"] and first["total"] == 2 and other["total"] == 1
    explains = [s for s in statements if s.lstrip().startswith("EXPLAIN")]
    assert len(explains) == 2  # one per distinct search, not per request
