"""Video watch progress: remember where a student is, so they resume there."""

from __future__ import annotations

import uuid

from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from backend_services.enrollment.models import WatchPosition
from backend_services.enrollment.watch_schemas import WatchPositionPublic
from backend_services.shared.types import utcnow


def clamp(position: float, duration: float) -> float:
    """A position inside the video: [0, duration]."""
    return min(max(position, 0.0), duration)


def watched_percentage(watched: float, duration: float) -> float:
    return round(min(watched, duration) * 100 / duration, 1) if duration > 0 else 0.0


def public(row: WatchPosition) -> WatchPositionPublic:
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


async def last_in_course(
    session: AsyncSession, student_id: uuid.UUID, course_id: uuid.UUID
) -> WatchPosition | None:
    stmt = (
        select(WatchPosition)
        .where(WatchPosition.student_id == student_id, WatchPosition.course_id == course_id)
        .order_by(col(WatchPosition.updated_at).desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def for_lesson(
    session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID
) -> WatchPosition | None:
    stmt = select(WatchPosition).where(
        WatchPosition.student_id == student_id, WatchPosition.lesson_id == lesson_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()
