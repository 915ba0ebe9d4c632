"""Catalog use case: search, filter, sort and page the public catalog.

Relevance order walks tiers (every word in the title, then matches through the
description); inside a tier, and in every other order, courses follow an indexed sort key
ending in the id, so a page is a short index walk from where the previous one stopped
(keyset) and new courses never shift pages already seen. The total is counted once, on the
first page, and no further than a cap; later pages carry it in their cursor.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import TypeAdapter
from sqlmodel import col

from backend_services.course.catalog_repository import SORT_ORDERS, CatalogRepository, SortOrder
from backend_services.course.cursor import INVALID_CURSOR, CursorCodec, CursorState, fingerprint
from backend_services.course.models import Course
from backend_services.course.repository import COURSE_COLUMNS
from backend_services.course.schemas import CatalogSearch, CoursePage, CoursePublic
from backend_services.course.search_query import SearchQuery, parse
from backend_services.course.text_match import TextMatcher
from backend_services.shared.errors import Unprocessable
from backend_services.shared.types import AnyRow, Condition


@dataclass(frozen=True)
class Catalog:
    """The catalog's collaborators: SQL, text matching, cursors and the count cap."""

    repository: CatalogRepository
    matcher: TextMatcher
    cursors: CursorCodec
    count_cap: int


async def search_catalog(catalog: Catalog, request: CatalogSearch) -> CoursePage:
    """One page of the catalog for ``request`` (see API.md, Course: catalog search)."""
    raw = (request.q or "").strip()
    query = parse(raw)
    searching = catalog.matcher.is_active(raw, query)
    sort = request.sort_by or ("relevance" if searching else "created_at")
    if sort == "relevance" and not searching:
        sort = "created_at"  # nothing to be relevant to: newest first
    filters = _filters(request)
    print_ = fingerprint(raw, request.category_id, request.level, request.is_free, sort)
    state = catalog.cursors.decode(request.cursor, print_) if request.cursor else None

    corrected = state.corrected_q if state else None
    if corrected:
        query = parse(corrected)
    if state is None:
        filter_key = (request.category_id, request.level, request.is_free)
        total, query, corrected = await _count(catalog, raw, query, filters, filter_key, searching)
        capped = total > catalog.count_cap
        total = min(total, catalog.count_cap)
    else:
        total, capped = state.total, state.total_capped

    order = SORT_ORDERS[catalog.matcher.tier_order if sort == "relevance" else sort]
    if total == 0:
        return CoursePage(items=[], total=0)
    few = (not capped) if (searching or filters) else None
    tiers: Sequence[Condition | None] = [None]
    if searching:
        tiers = catalog.matcher.tiers(raw, query, by_relevance=sort == "relevance")
    rows = await _walk(
        catalog.repository, tiers, filters, order, state, request.limit + 1, request.offset, few
    )
    page, more = rows[: request.limit], len(rows) > request.limit
    if state is None and not more and request.offset == 0:
        total, capped = len(page), False  # the whole result is on this page: an exact total
    next_cursor = None
    if more and page:
        tier, last = page[-1]
        next_state = CursorState(tier, order.dump(last), total, capped, corrected)
        next_cursor = catalog.cursors.encode(next_state, print_)
    return CoursePage(
        items=_courses(row for _, row in page),
        total=total,
        total_capped=capped,
        next_cursor=next_cursor,
        corrected_q=corrected,
    )


_COURSE_FIELDS = tuple(column.key for column in COURSE_COLUMNS)
_COURSE_LIST = TypeAdapter(list[CoursePublic])


def _courses(rows: Iterable[AnyRow]) -> list[CoursePublic]:
    """A page's rows as courses. Every page row starts with the course columns, so they
    are paired with their names by position: reading a row's values by attribute, one
    field at a time, cost 2-3x more (about 5 us a course)."""
    return _COURSE_LIST.validate_python([dict(zip(_COURSE_FIELDS, row, strict=False)) for row in rows])


def _filters(request: CatalogSearch) -> list[Condition]:
    filters: list[Condition] = []
    if request.category_id is not None:
        filters.append(_filter("category_id", request.category_id))
    if request.level is not None:
        filters.append(_filter("level", request.level))
    if request.is_free is not None:
        filters.append(_filter("is_free", request.is_free))
    return filters


@lru_cache(maxsize=256)
def _filter(column: str, value: Hashable) -> Condition:
    """One filter condition, made once per column and value: the same object every time,
    so the walk's adapted copy of it is reused (CatalogRepository._walk_page)."""
    return col(getattr(Course, column)) == value


async def _count(
    catalog: Catalog,
    raw: str,
    query: SearchQuery,
    filters: list[Condition],
    filter_key: Hashable,
    searching: bool,
) -> tuple[int, SearchQuery, str | None]:
    """(matches up to the cap, the query to page with, its text when a typo was corrected).

    ``filter_key`` identifies ``filters``: with the query it keys the planner's estimate."""
    repository, cap = catalog.repository, catalog.count_cap
    if not searching:
        return await repository.count(filters, cap=cap, estimate_key=(filter_key,)), query, None
    key = (filter_key, type(catalog.matcher).__name__, raw.lower(), query)
    total = await repository.count(filters + _everywhere(catalog, raw, query), cap=cap, estimate_key=key)
    if total:
        return total, query, None
    words = sorted({w for term in query.terms for w in term.words})
    fixes = await catalog.matcher.corrections(repository.session, words)
    if not fixes:
        return 0, query, None
    fixed = query.replace_words(fixes)
    key = (filter_key, type(catalog.matcher).__name__, raw.lower(), fixed)
    total = await repository.count(filters + _everywhere(catalog, raw, fixed), cap=cap, estimate_key=key)
    return (total, fixed, fixed.text()) if total else (0, query, None)


def _everywhere(catalog: Catalog, raw: str, query: SearchQuery) -> list[Condition]:
    return catalog.matcher.tiers(raw, query, by_relevance=False)


async def _walk(
    repository: CatalogRepository,
    tiers: Sequence[Condition | None],
    filters: list[Condition],
    order: SortOrder,
    state: CursorState | None,
    want: int,
    offset: int,
    few_matches: bool | None,
) -> list[tuple[int, AnyRow]]:
    """Up to ``want`` (tier, row) pairs: from the cursor's position, or skipping ``offset``."""
    first_tier, after = 0, None
    if state is not None:
        if not 0 <= state.tier < len(tiers):
            raise Unprocessable(INVALID_CURSOR)
        first_tier, offset = state.tier, 0
        try:
            after = order.load(state.after)
        except (ValueError, ArithmeticError) as exc:
            raise Unprocessable(INVALID_CURSOR) from exc
    found: list[tuple[int, AnyRow]] = []
    for tier in range(first_tier, len(tiers)):
        condition = tiers[tier]
        where = filters + ([condition] if condition is not None else [])
        rows = await repository.page(
            where,
            order,
            after=after if tier == first_tier else None,
            limit=want - len(found),
            offset=offset,
            few_matches=few_matches,
        )
        found += [(tier, row) for row in rows]
        if len(found) >= want:
            break
        if offset:  # an old client's offset reaches past this tier: skip the whole tier
            offset = 0 if rows else offset - await repository.count(where, cap=offset)
    return found
