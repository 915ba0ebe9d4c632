"""Video watch progress: remember where a student is, so they resume there."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, Table, bindparam, case
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from backend_services.enrollment.models import WatchPosition
from backend_services.enrollment.watch_schemas import WatchPositionPublic
from backend_services.shared.types import utcnow


def clamp(position: float, duration: float) -> float:
    """A position inside the video: [0, duration]."""
    return min(max(position, 0.0), duration)


def watched_percentage(watched: float, duration: float) -> float:
    return round(min(watched, duration) * 100 / duration, 1) if duration > 0 else 0.0


def public(row: WatchPosition | Row[Any]) -> WatchPositionPublic:
    view = WatchPositionPublic.model_validate(row)
    view.watched_percentage = watched_percentage(row.watched_seconds, row.duration_seconds)
    return view


async def record(
    session: AsyncSession,
    *,
    student_id: uuid.UUID,
    lesson_id: uuid.UUID,
    course_id: uuid.UUID,
    position: float,
    duration: float,
) -> WatchPosition:
    """Upsert the position in one statement; the furthest point watched only grows.

    A read-modify-write would lose updates when a player's reports race (two requests
    read 10 s, one writes 30 s, the other 20 s); ``INSERT .. ON CONFLICT DO UPDATE``
    compares against the row as it is when the update lands, on PostgreSQL and SQLite.
    """
    position = clamp(position, duration)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(WatchPosition).values(
        id=uuid.uuid4(),
        student_id=student_id,
        lesson_id=lesson_id,
        course_id=course_id,
        position_seconds=position,
        duration_seconds=duration,
        watched_seconds=position,
        updated_at=utcnow(),
    )
    new = stmt.excluded
    furthest = case(
        (WatchPosition.watched_seconds > new.position_seconds, WatchPosition.watched_seconds),
        else_=new.position_seconds,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["student_id", "lesson_id"],
        set_={
            "position_seconds": new.position_seconds,
            "duration_seconds": new.duration_seconds,
            "watched_seconds": case((furthest > new.duration_seconds, new.duration_seconds), else_=furthest),
            "updated_at": new.updated_at,
        },
    )
    # The row as the statement left it, in the same round trip; populate_existing replaces
    # an older copy the session may already hold.
    returning = stmt.returning(WatchPosition)
    return (await session.scalars(returning, execution_options={"populate_existing": True})).one()


# A student's positions as the course and lesson pages read them: statements built once,
# run on a Core connection (rows, no ORM objects) or a session.
_POSITIONS: Table = WatchPosition.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
_OF_STUDENT = _POSITIONS.c.student_id == bindparam("student_id")
_LAST_IN_COURSE = (
    core_select(*_POSITIONS.c)
    .where(_OF_STUDENT, _POSITIONS.c.course_id == bindparam("course_id"))
    .order_by(_POSITIONS.c.updated_at.desc())
    .limit(1)
)
_FOR_LESSON = core_select(*_POSITIONS.c).where(_OF_STUDENT, _POSITIONS.c.lesson_id == bindparam("lesson_id"))


async def last_in_course(
    reader: AsyncConnection | AsyncSession, student_id: uuid.UUID, course_id: uuid.UUID
) -> Row[Any] | None:
    params = {"student_id": student_id, "course_id": course_id}
    return (await reader.execute(_LAST_IN_COURSE, params)).first()


async def for_lesson(
    reader: AsyncConnection | AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID
) -> Row[Any] | None:
    params = {"student_id": student_id, "lesson_id": lesson_id}
    return (await reader.execute(_FOR_LESSON, params)).first()
