"""The seeded catalog makes the load test's search terms realistic: each one matches
between 1% and 10% of the courses (substring of title or description, any case)."""

from __future__ import annotations

import pytest

from loadtest.journeys import SEARCH_TERMS
from loadtest.plan import build_plan
from loadtest.rows import course_rows

pytestmark = pytest.mark.loadtest


def test_every_search_term_hits_one_to_ten_percent_of_courses():
    courses = [(row[2] + " " + row[3]).lower() for row in course_rows(build_plan(0.05))]
    for term in SEARCH_TERMS:
        share = sum(term in text for text in courses) / len(courses)
        assert 0.01 <= share <= 0.10, f"{term!r} matches {share:.1%} of courses"
