"""Which courses a search text matches, per search mode and database.

A matcher turns a query into SQL conditions: ``tiers`` for relevance order (courses whose
title has every word first, then those that match through the description), or one
condition for any other order; and it proposes typo corrections from the words the
catalog really contains.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    and_,
    column,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlmodel import col

from backend_services.course import search_query
from backend_services.course.models import Course
from backend_services.course.search_query import SearchQuery

TYPO_SIMILARITY = 0.3  # pg_trgm's default threshold, used on both databases


class TextMatcher(Protocol):
    # The sort order inside a relevance tier.
    tier_order: str

    def is_active(self, raw: str, query: SearchQuery) -> bool:
        """Whether this text filters the catalog at all."""
        ...

    def tiers(self, raw: str, query: SearchQuery, *, by_relevance: bool) -> list[ColumnElement[bool]]:
        """Conditions of the relevance tiers, best first (one condition when not by relevance)."""
        ...

    async def corrections(self, session: AsyncSession | AsyncConnection, words: list[str]) -> dict[str, str]:
        """Unknown words mapped to the most similar word of the catalog."""
        ...


class SubstringMatcher:
    """The Phase 0 baseline: title or description contains the text (no index can help),
    one tier, newest first."""

    tier_order = "created_at"

    def is_active(self, raw: str, query: SearchQuery) -> bool:
        return bool(raw)

    def tiers(self, raw: str, query: SearchQuery, *, by_relevance: bool) -> list[ColumnElement[bool]]:
        needle = raw.lower()
        return [
            or_(
                func.lower(Course.title).contains(needle, autoescape=True),
                func.lower(Course.description).contains(needle, autoescape=True),
            )
        ]

    async def corrections(self, session: AsyncSession | AsyncConnection, words: list[str]) -> dict[str, str]:
        return {}


class _FullText:
    # Inside a tier the most reviewed courses come first: an indexed, precomputed signal
    # (docs/perf/SEARCH.md compares it with ranking every match by ts_rank).
    tier_order = "popularity"

    def is_active(self, raw: str, query: SearchQuery) -> bool:
        return not query.is_empty


class PostgresMatcher(_FullText):
    """``search_vector`` / ``title_vector @@ to_tsquery('russian', ...)`` on GIN indexes;
    typos are corrected from ``course_words`` with pg_trgm. (Whether a page walks the sort
    index or collects the matches from the GIN index is decided by the catalog service from
    the count, not left to estimates: ``CatalogRepository.page``.)"""

    def tiers(self, raw: str, query: SearchQuery, *, by_relevance: bool) -> list[ColumnElement[bool]]:
        return list(_postgres_tiers(query, by_relevance))

    async def corrections(self, session: AsyncSession | AsyncConnection, words: list[str]) -> dict[str, str]:
        stmt = text(
            """SELECT typed.word, (SELECT w.word FROM course_words w
                                  WHERE w.word % typed.word
                                  ORDER BY w.word <-> typed.word, w.word LIMIT 1)
               FROM unnest(CAST(:words AS text[])) AS typed(word)
               WHERE NOT EXISTS (SELECT 1 FROM course_words k WHERE k.word = typed.word)"""
        )
        rows = await session.execute(stmt, {"words": words})
        return {typed: found for typed, found in rows if found}


@lru_cache(maxsize=4096)
def _postgres_tiers(query: SearchQuery, by_relevance: bool) -> tuple[ColumnElement[bool], ...]:
    """The tier conditions of a query, built once per distinct query: building the
    expressions costs more Python time than PostgreSQL spends on a common word's page
    (the expressions are immutable and carry the query text as a bound parameter)."""
    everywhere = _tsmatch("search_vector", search_query.to_tsquery(query))
    if not by_relevance:
        return (everywhere,)
    title = _tsmatch("title_vector", search_query.to_tsquery(query, positive_only=True))
    in_title = and_(title, everywhere) if query.excluded else title
    return (in_title, and_(everywhere, not_(title)))


def _tsmatch(vector: str, tsquery_text: str) -> ColumnElement[bool]:
    tsquery = func.to_tsquery(literal_column("'russian'::regconfig"), literal(tsquery_text))
    # SQL text naming "courses": the table, or the walk named like it (CatalogRepository.page).
    column = f"courses.{vector}"
    return literal_column(column).op("@@")(tsquery)


_FTS = table("course_search", column("course_id"))


class SqliteMatcher(_FullText):
    """FTS5 ``course_search MATCH ...``; typos are corrected from its vocabulary."""

    def tiers(self, raw: str, query: SearchQuery, *, by_relevance: bool) -> list[ColumnElement[bool]]:
        everywhere = self._match(query, title_only=False)
        if not by_relevance:
            return [everywhere]
        in_title = self._match(query, title_only=True)
        return [in_title, and_(everywhere, not_(in_title))]

    @staticmethod
    def _match(query: SearchQuery, *, title_only: bool) -> ColumnElement[bool]:
        expression = search_query.to_fts5(query, title_only=title_only)
        matches = literal_column("course_search").op("MATCH")(literal(expression))
        hits = select(_FTS.c.course_id).where(matches)
        return col(Course.id).in_(hits)

    async def corrections(self, session: AsyncSession | AsyncConnection, words: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for word in words:
            rows = await session.execute(
                text("SELECT term FROM course_search_vocab WHERE length(term) BETWEEN :low AND :high"),
                {"low": max(1, len(word) - 3), "high": len(word) + 3},
            )
            vocabulary = [term for (term,) in rows]
            if word in vocabulary:
                continue
            scored = [(search_query.trigram_similarity(word, term), term) for term in vocabulary]
            best = max(scored, key=lambda pair: (pair[0], -len(pair[1])), default=(0.0, ""))
            if best[0] > TYPO_SIMILARITY:
                found[word] = best[1]
        return found


def matcher_for(mode: str, *, is_sqlite: bool) -> TextMatcher:
    """The matcher of a search mode (``fulltext`` or ``substring``) on this database."""
    if mode == "substring":
        return SubstringMatcher()
    return SqliteMatcher() if is_sqlite else PostgresMatcher()
