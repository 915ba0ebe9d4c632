"""A student finds courses in the catalog by a typo, sees the matched words highlighted,
loads more results along the cursor, filters by price and clears the filters."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_typo_highlight_load_more_and_filters(page: Page, seeder):
    tag = f"w{uuid.uuid4().hex[:8]}"
    teacher = seeder.verified_teacher()
    for n in range(13):
        seeder.course(teacher, title=f"Zymurgy {tag} {n}", price="19.99" if n == 0 else None)

    page.goto("/")
    page.fill("#search", f"zymrugy {tag}")
    cards = page.locator(".course-card")
    expect(cards).to_have_count(12)
    expect(page.locator("#corrected-query")).to_have_text(f"zymurgy {tag}")
    expect(page.locator("#result-count")).to_contain_text("13 courses")
    expect(cards.first.locator("mark.search-hit").first).to_have_text("Zymurgy")

    page.click("#load-more")
    expect(cards).to_have_count(13)
    expect(page.locator("#load-more")).to_have_count(0)

    page.click("#filter-price")
    page.get_by_role("option", name="Paid only").click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(f"Zymurgy {tag} 0")

    page.fill("#search", f"nothingatall{tag}")
    expect(page.locator("#no-results")).to_be_visible()
    page.click("#clear-filters")
    expect(page.locator("#no-results")).to_have_count(0)
    expect(cards.first).to_be_visible()
