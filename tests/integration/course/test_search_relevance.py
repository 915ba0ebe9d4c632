"""Catalog search finds what a student means (full-text mode, the default): expected top
results for exact words, typos, word forms in English and Russian, prefixes and phrases,
title matches above description matches; on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import pytest

from tests.helpers import create_course, token_headers, user_id_of

API = "/api/course"

CATALOG = {
    "ornithopter": ("Ornithopter design", "Build flapping-wing models from paper and balsa."),
    "zymurgy": ("Zymurgy for home brewers", "The science of fermentation: beer, mead and cider."),
    "boosting": ("Gradient boosting trees", "Ensembles of decision trees for tabular data."),
    "tabular": ("Tabular data modelling", "Compare random forests, gradient methods and boosting."),
    "wine": ("Основы виноделия", "Как сделать домашнее вино: сорта винограда, брожение, выдержка."),
    "python": ("Python for data analysis", "Pandas, notebooks and plots."),
    "pipelines": ("Data engineering", "Pipelines in Python and SQL, scheduled and tested."),
    "painting": ("Акварель для начинающих", "Рисуем пейзажи и натюрморты акварелью."),
}


@pytest.fixture
async def catalog(client, platform, teacher, enrolled) -> dict[str, str]:
    """The fixture catalog: key -> course id. "Data engineering" is the most reviewed."""
    ids = {}
    for key, (title, description) in CATALOG.items():
        ids[key] = (await create_course(client, teacher, title=title, description=description))["id"]
    for _ in range(2):
        student = token_headers(platform)
        enrolled.add((user_id_of(student), ids["pipelines"]))
        review = {"course_id": ids["pipelines"], "rating": 5}
        assert (await client.post(f"{API}/reviews", json=review, headers=student)).status_code == 201
    return ids


async def search(client, q: str, **params) -> dict:
    response = await client.get(f"{API}/courses", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()


async def found(client, q: str, **params) -> list[str]:
    body = await search(client, q, **params)
    return [course["title"] for course in body["items"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("zymurgy", ["Zymurgy for home brewers"]),
        ("ZYMURGY", ["Zymurgy for home brewers"]),
        ("  fermentation  ", ["Zymurgy for home brewers"]),
        ("ornitho", ["Ornithopter design"]),  # the word being typed is a prefix
        ("boosted tree", ["Gradient boosting trees"]),  # English word forms
        ("виноделие", ["Основы виноделия"]),  # Russian word form
        ("акварель", ["Акварель для начинающих"]),
        ("брожение вина", ["Основы виноделия"]),
        ('"gradient boosting"', ["Gradient boosting trees"]),  # a phrase: adjacent words only
        ("data -python", ["Tabular data modelling", "Gradient boosting trees"]),
        ("zymurgy or ornithopter", ["Ornithopter design", "Zymurgy for home brewers"]),
    ],
)
async def test_expected_top_results(client, catalog, q, expected):
    titles = await found(client, q)
    assert sorted(titles) == sorted(expected)
    assert titles[: len(expected)] == titles  # nothing else sneaks in


async def test_words_need_not_be_adjacent(client, catalog):
    assert await found(client, "gradient boosting") == ["Gradient boosting trees", "Tabular data modelling"]


async def test_a_title_match_ranks_above_a_description_match(client, catalog):
    # "Data engineering" mentions Python only in its description and has the most reviews.
    assert await found(client, "python") == ["Python for data analysis", "Data engineering"]
    # Reviews order courses within the same tier.
    titles = await found(client, "data")
    assert titles[0] == "Data engineering"
    assert set(titles) == {"Data engineering", "Python for data analysis", "Tabular data modelling"} | {
        "Gradient boosting trees"
    }
    assert titles.index("Gradient boosting trees") == 3  # description only


@pytest.mark.parametrize(
    ("typo", "title", "corrected"),
    [
        ("zymrugy", "Zymurgy for home brewers", "zymurgy"),
        ("ornitopter", "Ornithopter design", "ornithopter"),
        ("zymurgi", "Zymurgy for home brewers", None),  # the stem, no correction needed on PostgreSQL
        ("виноделя", "Основы виноделия", None),  # the Russian stemmer reads it as a word form
        ("ornitopter design", "Ornithopter design", "ornithopter design"),
    ],
)
async def test_typos_still_find_the_course(client, catalog, backend, typo, title, corrected):
    body = await search(client, typo)
    assert [c["title"] for c in body["items"]] == [title]
    if corrected is not None or backend == "postgres":
        assert body["corrected_q"] == corrected


async def test_nothing_similar_finds_nothing_and_corrects_nothing(client, catalog):
    body = await search(client, "quantum chromodynamics")
    assert (body["items"], body["total"], body["corrected_q"], body["next_cursor"]) == ([], 0, None, None)


async def test_new_and_edited_courses_are_searchable_at_once(client, catalog, teacher):
    course = await create_course(client, teacher, title="Beekeeping basics", description="Hives")
    assert await found(client, "beekeeping") == ["Beekeeping basics"]
    assert await found(client, "bekeeping") == ["Beekeeping basics"]  # its words joined the vocabulary
    edited = await client.put(
        f"{API}/courses/{course['id']}", json={"title": "Apiculture basics"}, headers=teacher
    )
    assert edited.status_code == 200
    assert await found(client, "beekeeping") == []
    assert await found(client, "apiculture") == ["Apiculture basics"]


async def test_highlight_marks_the_words_a_query_found(platform):
    pieces = platform.course.highlight_title("Gradient Boosting Trees", "boosted tree")
    assert pieces == [("Gradient ", False), ("Boosting", True), (" ", False), ("Trees", True)]
    assert platform.course.highlight_title("Основы виноделия", "виноделие") == [
        ("Основы ", False),
        ("виноделия", True),
    ]
    assert platform.course.highlight_title("Ornithopter design", "ornitho")[0] == ("Ornithopter", True)
    assert platform.course.highlight_title("Python", "") == [("Python", False)]
