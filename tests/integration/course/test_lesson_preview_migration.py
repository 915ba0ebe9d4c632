"""cour0003 (lessons.is_preview) keeps existing lessons locked, and
goes down and up again without losing rows; on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from backend_services.course.models import SEARCH_INTERNALS, CourseBase
from backend_services.shared.migrations import version_table
from backend_services.shared.types import utcnow
from tests.integration.migrations import downgrade, migrate, run_on, throwaway_database, upgrade

BEFORE_PREVIEW = "cour0002"
course_url = throwaway_database("course")


def _state(conn) -> dict:
    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "version_table": version_table("course"),
            # Search structures the models do not describe (FTS tables, vocabulary, triggers).
            "include_name": lambda name, _type, _parents: not (name or "").startswith(SEARCH_INTERNALS),
        },
    )
    return {
        "columns": {c["name"] for c in inspect(conn).get_columns("lessons")},
        "lessons": conn.execute(text("SELECT count(*) FROM lessons")).scalar_one(),
        "drift": compare_metadata(context, CourseBase.metadata),
    }


def _insert_lesson_without_preview_flag(conn) -> None:
    tables = CourseBase.metadata.tables
    course_id, module_id, now = uuid.uuid4(), uuid.uuid4(), utcnow()
    conn.execute(
        tables["courses"]
        .insert()
        .values(
            id=course_id,
            teacher_id=uuid.uuid4(),
            title="Go",
            description="",
            is_free=False,
            price=10,
            duration_minutes=0,
            level="beginner",
            review_count=0,
            rating_sum=0,
            created_at=now,
        )
    )
    conn.execute(
        tables["modules"]
        .insert()
        .values(id=module_id, course_id=course_id, title="M", order=1, created_at=now)
    )
    # Written as a pre-cour0003 row: no is_preview column in the statement.
    conn.execute(
        text(
            'INSERT INTO lessons (id, module_id, course_id, title, content, duration_minutes, "order", '
            "created_at) VALUES (:id, :module_id, :course_id, 'L', 'paid text', 0, 1, :now)"
        ),
        {
            "id": _db_uuid(conn, uuid.uuid4()),
            "module_id": _db_uuid(conn, module_id),
            "course_id": _db_uuid(conn, course_id),
            "now": now,
        },
    )


def _db_uuid(conn, value: uuid.UUID):
    # SQLAlchemy's Uuid type stores 32 hex digits on SQLite; PostgreSQL takes the UUID.
    return value.hex if conn.dialect.name == "sqlite" else value


def _preview_flags(conn) -> list:
    return [bool(v) for (v,) in conn.execute(text("SELECT is_preview FROM lessons"))]


def test_is_preview_migration_round_trips_and_keeps_lessons_locked(course_url):
    migrate("course", course_url, upgrade, BEFORE_PREVIEW)
    run_on(course_url, _insert_lesson_without_preview_flag)

    migrate("course", course_url, upgrade, "head")
    head = run_on(course_url, _state)
    assert head["drift"] == []  # models == migrations
    assert "is_preview" in head["columns"]
    assert run_on(course_url, _preview_flags) == [False]  # existing content stays paid

    migrate("course", course_url, downgrade, BEFORE_PREVIEW)
    before = run_on(course_url, _state)
    assert before["columns"] == head["columns"] - {"is_preview"}
    assert before["lessons"] == 1

    migrate("course", course_url, upgrade, "head")
    assert run_on(course_url, _state)["drift"] == []
    assert run_on(course_url, _preview_flags) == [False]
