"""Column types shared by every context's models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Dialect, Row
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend.

    SQLite has no timezone type and hands back naive datetimes; API.md promises
    ISO-8601 *with* timezone, so values are normalised to UTC both ways.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# A fetched row of any shape: what a select of several columns (or of ``*table.c``) yields.
AnyRow = Row[*tuple[Any, ...]]
# A SQL condition, for ``where()``.
Condition = ColumnElement[bool]


def sql_column(attribute: object) -> ColumnElement[Any]:
    """The column expression behind a SQLModel field such as ``Course.created_at``.

    Type checkers see the class attribute as the field's Python value (what it is on an
    instance); this is the same column, typed as the SQL expression it is on the class.
    """
    if not isinstance(attribute, QueryableAttribute):
        raise TypeError(f"not a mapped column attribute: {attribute!r}")
    expression: ColumnElement[Any] = attribute.expression
    return expression
