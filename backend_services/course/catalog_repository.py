"""SQL of the public catalog: one page in a sort order (keyset or offset), capped counts,
categories. Which courses match a search text is decided by ``text_match``."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Numeric,
    Select,
    bindparam,
    func,
    literal,
    literal_column,
    select,
    text,
    tuple_,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.sql.util import ClauseAdapter
from sqlmodel import col

from backend_services.course.models import Category, Course
from backend_services.course.repository import COURSE_COLUMNS
from backend_services.shared.types import AnyRow, Condition, sql_column


def _or_zero(column: Decimal | None) -> ColumnElement[Decimal]:
    # A literal 0 (not a bound parameter) so PostgreSQL matches the expression indexes.
    return type_coerce(func.coalesce(column, literal_column("0")), Numeric(10, 2))


def _unindexed(key: ColumnElement[Any]) -> ColumnElement[Any]:
    """The same value as ``key``, as an expression no index of ``courses`` provides."""
    # The implementation type, so type decorators such as UTCDateTime count as timestamps.
    if isinstance(getattr(key.type, "impl", key.type), DateTime):
        return type_coerce(key + literal_column("interval '0 seconds'"), key.type)
    return type_coerce(key + literal_column("0"), key.type)


def _past(
    keys: Sequence[ColumnElement[Any]], order: SortOrder, bound: Sequence[ColumnElement[Any]]
) -> ColumnElement[bool]:
    """The keyset condition: rows whose ``keys`` lie strictly past ``bound`` in ``order``."""
    row, limit = tuple_(*keys), tuple_(*bound)
    return row < limit if order.descending else row > limit


_ADAPTED_KEPT = 4096


@dataclass(frozen=True)
class _WalkShape:
    columns: tuple[ColumnElement[Any], ...]  # the course columns and labelled sort keys
    order_by: tuple[ColumnElement[Any], ...]
    adapt: Callable[[ColumnElement[Any]], ColumnElement[Any]]  # a condition onto the walk
    # id(condition) -> (condition, adapted): adapting clones the whole expression, which
    # costs more Python time than the page itself. The conditions are immutable and made
    # once per distinct query or filter (text_match._postgres_tiers, catalog._filter), so
    # a repeated search finds its adapted conditions here. The entry holds the condition,
    # so its id cannot be reused while it is kept.
    _adapted: dict[int, tuple[ColumnElement[Any], ColumnElement[Any]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def onto(self, condition: ColumnElement[Any]) -> ColumnElement[Any]:
        """``condition`` (written against the table) onto the walk's rows."""
        kept = self._adapted.get(id(condition))
        if kept is not None and kept[0] is condition:
            return kept[1]
        if len(self._adapted) >= _ADAPTED_KEPT:
            self._adapted.clear()
        adapted = self.adapt(condition)
        self._adapted[id(condition)] = (condition, adapted)
        return adapted


@lru_cache(maxsize=16)
def _walk_shape(order: SortOrder, with_after: bool) -> _WalkShape:
    """The fenced walk of ``order``'s index, built once per order (adapting the columns to
    the subquery costs more Python time than PostgreSQL spends on the page).

    The text vectors are generated columns the model does not map. OFFSET is a literal 0,
    so a generic plan of the prepared statement keeps the fence without guessing. The
    subquery is named like the table, so conditions written as SQL text
    ("courses.title_vector") read the walk's rows; column objects are adapted onto it."""
    keys = list(order.keys)
    vectors: list[ColumnElement[Any]] = [
        literal_column(f"courses.{name}").label(name) for name in ("title_vector", "search_vector")
    ]
    walk = select(*COURSE_COLUMNS, *vectors).order_by(*_directed(keys, order)).offset(literal_column("0"))
    if with_after:
        walk = walk.where(
            _past(keys, order, [bindparam(f"walk_after_{i}", type_=key.type) for i, key in enumerate(keys)])
        )
    adapt = ClauseAdapter(walk.subquery("courses")).traverse
    outer_keys = [adapt(key) for key in keys]
    labelled = [key.label(f"sort_key_{i}") for i, key in enumerate(outer_keys)]
    columns = (*(adapt(c) for c in COURSE_COLUMNS), *labelled)
    return _WalkShape(columns, tuple(_directed(outer_keys, order)), adapt)


def _directed(keys: list[ColumnElement[Any]], order: SortOrder) -> list[ColumnElement[Any]]:
    return [key.desc() if order.descending else key.asc() for key in keys]


@dataclass(frozen=True, eq=False)
class SortOrder:
    """A total order of courses: key expressions ending in the id, one direction for all.

    Compared and hashed by identity (the orders are the constants below): comparing SQL
    expressions with ``==`` builds SQL, not a bool, and ``_walk_shape`` is cached per order."""

    keys: tuple[ColumnElement[Any], ...]
    descending: bool
    parsers: tuple[Callable[[str], Any], ...]

    def dump(self, row: AnyRow) -> tuple[str, ...]:
        """The sort key of a fetched row, as text for a cursor."""
        values = [getattr(row, f"sort_key_{i}") for i in range(len(self.keys))]
        return tuple(v.isoformat() if isinstance(v, datetime) else str(v) for v in values)

    def load(self, after: tuple[str, ...]) -> tuple[Any, ...]:
        """A sort key from a cursor (ValueError when it is not one of this order)."""
        return tuple(parse(value) for parse, value in zip(self.parsers, after, strict=True))


SORT_ORDERS: dict[str, SortOrder] = {
    "created_at": SortOrder(
        (sql_column(Course.created_at), sql_column(Course.id)), True, (datetime.fromisoformat, uuid.UUID)
    ),
    # Popularity is the number of reviews: the one engagement signal the course context owns.
    "popularity": SortOrder((sql_column(Course.review_count), sql_column(Course.id)), True, (int, uuid.UUID)),
    "avg_rating": SortOrder((_or_zero(Course.avg_rating), sql_column(Course.id)), True, (Decimal, uuid.UUID)),
    "price": SortOrder((_or_zero(Course.price), sql_column(Course.id)), False, (Decimal, uuid.UUID)),
}


TRUSTED_SHARE = 0.01  # estimates above this share of the catalog are believed without counting
_SIZE_TTL_SECONDS = 60.0
_catalog_size_cache: dict[str, tuple[float, int]] = {}
# Planner estimates per search (database, key): they change only when the statistics do,
# and asking costs a statement compiled with literal values plus a round trip.
_ESTIMATE_TTL_SECONDS = 60.0
_ESTIMATES_KEPT = 10_000
_estimate_cache: dict[tuple[str, Hashable], tuple[float, int]] = {}


class CatalogRepository:
    """Catalog reads over a Core connection (``Database.read_connection``: rows, no ORM
    session) or a session; the categories' writes need a session."""

    def __init__(self, session: AsyncSession | AsyncConnection) -> None:
        self.session = session
        bind = session.get_bind() if isinstance(session, AsyncSession) else session.sync_connection
        assert bind is not None  # an AsyncConnection handed out by connect() has its own
        self._dialect = bind.dialect
        self._postgres = bind.dialect.name == "postgresql"
        self._url = str(bind.engine.url)

    async def count(self, where: list[Condition], *, cap: int, estimate_key: Hashable | None = None) -> int:
        """How many courses match, up to ``cap + 1``; any number above ``cap`` means "more".

        On PostgreSQL a filter the planner expects to match more than ``cap`` courses is not
        counted at all: its estimate (index statistics, no rows read) is the answer. Counting
        even the first thousand matches of a common word costs more than the page itself.
        ``estimate_key`` names ``where`` (equal keys, equal conditions) so its estimate can
        be reused for a minute; the count itself is never cached.
        """
        if where and self._postgres:
            estimate = await self._cached_estimate(where, estimate_key)
            # Only a clear "many" is trusted: a word missing from the statistics (a rare one)
            # is still estimated at ~0.4 % of the catalog, above the cap at 1M courses.
            # Anything below 1 % of the catalog is counted, from the GIN index.
            if estimate > max(cap, await self._catalog_size() * TRUSTED_SHARE):
                return estimate
        matches = select(literal(1)).select_from(Course).where(*where).limit(cap + 1).subquery()
        return int(await self.session.scalar(select(func.count()).select_from(matches)) or 0)

    async def _catalog_size(self) -> int:
        """The planner's row count of courses, re-read at most once a minute per database."""
        url = self._url
        read_at, size = _catalog_size_cache.get(url, (0.0, 0))
        if time.monotonic() - read_at > _SIZE_TTL_SECONDS:
            size = int(
                await self.session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'courses'"))
            )
            _catalog_size_cache[url] = (time.monotonic(), max(size, 0))
        return size

    async def _cached_estimate(self, where: list[Condition], key: Hashable | None) -> int:
        cache_key = (self._url, key)
        hit = _estimate_cache.get(cache_key) if key is not None else None
        if hit is not None and time.monotonic() - hit[0] < _ESTIMATE_TTL_SECONDS:
            return hit[1]
        estimate = await self._estimate(select(literal(1)).select_from(Course).where(*where))
        if key is not None:
            if len(_estimate_cache) >= _ESTIMATES_KEPT:
                _estimate_cache.clear()
            _estimate_cache[cache_key] = (time.monotonic(), estimate)
        return estimate

    async def _estimate(self, stmt: Select[*tuple[Any, ...]]) -> int:
        sql = stmt.compile(dialect=self._dialect, compile_kwargs={"literal_binds": True})
        plan = await self.session.scalar(text(f"EXPLAIN (FORMAT JSON) {sql}"))
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])

    async def page(
        self,
        where: list[Condition],
        order: SortOrder,
        *,
        after: tuple[Any, ...] | None,
        limit: int,
        offset: int = 0,
        few_matches: bool | None = None,
    ) -> list[AnyRow]:
        """Up to ``limit`` matching courses in ``order``, after the key ``after`` (keyset)
        or after skipping ``offset`` (old clients).

        ``few_matches`` (known from the count) fixes the plan on PostgreSQL: few matches are
        collected from the GIN index and sorted (cost grows with the matches, at most the
        count cap); many are found by walking the sort order's index and testing each course
        until the page is full (cost grows with limit / share of matches). Left to itself the
        planner guesses from word statistics: a rare word it has no statistics for, or two
        words that usually come together ("machine learning", estimated at 95 titles, found
        in 4,738), made it walk the whole catalog or sort every match (10-60 ms instead of 2).

        The plan is fixed by the statement's shape, not by planner settings (which would
        need a transaction and a round trip of their own): for few matches the sort key is
        an expression no index provides (``key + 0``), so the rows must be collected first;
        for many the ordered walk is a subquery behind ``OFFSET 0``, a fence the text and
        filter conditions cannot be pushed through, so its only plan is the sort index read
        from the cursor's position, with the conditions tested on the rows it yields."""
        postgres = self._postgres
        if postgres and few_matches is False:
            return await self._walk_page(where, order, after=after, limit=limit, offset=offset)
        keys = list(order.keys)
        if few_matches and postgres:
            keys[0] = _unindexed(keys[0])
        conditions = list(where)
        if after is not None:
            bound = [literal(v, key.type) for v, key in zip(after, order.keys, strict=True)]
            conditions.append(_past(keys, order, bound))
        labelled = [key.label(f"sort_key_{i}") for i, key in enumerate(keys)]
        stmt = (
            select(*COURSE_COLUMNS, *labelled)
            .where(*conditions)
            .order_by(*_directed(keys, order))
            .limit(limit)
        )
        if offset:
            stmt = stmt.offset(offset)
        return list(await self.session.execute(stmt))

    async def _walk_page(
        self,
        where: list[Condition],
        order: SortOrder,
        *,
        after: tuple[Any, ...] | None,
        limit: int,
        offset: int,
    ) -> list[AnyRow]:
        """``page`` for many matches on PostgreSQL: the fenced walk of the sort index."""
        shape = _walk_shape(order, after is not None)
        stmt = (
            select(*shape.columns)
            .where(*(shape.onto(condition) for condition in where))
            .order_by(*shape.order_by)
            .limit(limit)
        )
        if offset:
            stmt = stmt.offset(offset)
        params = {f"walk_after_{i}": value for i, value in enumerate(after or ())}
        return list(await self.session.execute(stmt, params))

    async def add_missing_categories(self, categories: list[Category]) -> int:
        """Insert the given categories whose id is not there yet; returns how many."""
        if not isinstance(self.session, AsyncSession):
            raise TypeError("adding categories needs a session")
        present = set((await self.session.execute(select(col(Category.id)))).scalars())
        missing = [category for category in categories if category.id not in present]
        self.session.add_all(missing)
        return len(missing)

    async def categories(self) -> list[AnyRow]:
        stmt = select(col(Category.id), col(Category.name), col(Category.slug)).order_by(col(Category.name))
        return list(await self.session.execute(stmt))
