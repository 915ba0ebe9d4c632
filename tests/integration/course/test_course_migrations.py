"""The course migrations match the models and cour0002 (catalog search) goes down and up
again without losing courses, rebuilding the search structures of each database from the
rows already there; on a throw-away SQLite file and a throw-away PostgreSQL database."""

from __future__ import annotations

import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from alembic import command
from backend_services.course.models import SEARCH_INTERNALS, CourseBase
from backend_services.shared.migrations import version_table
from backend_services.shared.types import utcnow
from tests.integration.migrations import migrate, run_on, throwaway_database

BEFORE_SEARCH = "cour0001"


course_url = throwaway_database("course")


def _migrate(url: str, action, revision: str) -> None:
    migrate("course", url, action, revision)


_on = run_on


def _ignore_search_internals(name, _type, _parents) -> bool:
    return not (name or "").startswith(SEARCH_INTERNALS)


def _schema(conn) -> dict:
    db = inspect(conn)
    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "version_table": version_table("course"),
            "include_name": _ignore_search_internals,
        },
    )
    return {
        "tables": set(db.get_table_names()),
        "columns": {c["name"] for c in db.get_columns("courses")},
        "rows": conn.execute(text("SELECT count(*) FROM courses")).scalar_one(),
        "drift": compare_metadata(context, CourseBase.metadata),
    }


def _insert_course(conn) -> None:
    conn.execute(
        CourseBase.metadata.tables["courses"]
        .insert()
        .values(
            id=uuid.uuid4(),
            teacher_id=uuid.uuid4(),
            title="Zymurgy for home brewers",
            description="Fermentation",
            is_free=True,
            duration_minutes=0,
            level="beginner",
            review_count=0,
            rating_sum=0,
            created_at=utcnow(),
        )
    )


def _searchable(conn) -> bool:
    """The course is found through the database's own search structure, typo vocabulary included."""
    if conn.dialect.name == "postgresql":
        query = "SELECT count(*) FROM courses WHERE search_vector @@ to_tsquery('russian', 'zymurgy')"
        words = conn.execute(text("SELECT count(*) FROM course_words WHERE word = 'zymurgy'")).scalar_one()
    else:
        query = "SELECT count(*) FROM course_search WHERE course_search MATCH 'zymurgy'"
        words = conn.execute(
            text("SELECT count(*) FROM course_search_vocab WHERE term = 'zymurgy'")
        ).scalar_one()
    return conn.execute(text(query)).scalar_one() == 1 and words == 1


def test_course_migrations_match_the_models_and_round_trip(course_url):
    _migrate(course_url, command.upgrade, "head")
    head = _on(course_url, _schema)
    assert head["drift"] == []
    assert {"categories", "courses"} <= head["tables"] and "category_id" in head["columns"]
    _on(course_url, _insert_course)
    assert _on(course_url, _searchable)

    _migrate(course_url, command.downgrade, BEFORE_SEARCH)
    before = _on(course_url, _schema)
    assert before["columns"] == head["columns"] - {"category_id", "search_vector", "title_vector"}
    assert not {t for t in before["tables"] if t.startswith(("categories", "course_search", "course_words"))}
    assert before["rows"] == 1

    _migrate(course_url, command.upgrade, "head")
    again = _on(course_url, _schema)
    assert (again["columns"], again["drift"], again["rows"]) == (head["columns"], [], 1)
    assert _on(course_url, _searchable)  # rebuilt from the existing row
