"""catalog search: categories, sort indexes, full-text search per database

Revision ID: cour0002
Revises: cour0001
Create Date: 2026-11-26 17:30:00

PostgreSQL: ``courses.search_vector`` (generated: title weight A, description weight B,
``russian`` configuration, which stems Cyrillic words with the Russian and Latin words
with the English Snowball stemmer) and ``courses.title_vector`` (the title alone, so the
planner has statistics for "matches in the title"), GIN indexes on both, and
``course_words`` (every word
of every title and description, trigram-indexed with pg_trgm) for typo correction, kept
up to date by statement-level triggers.
SQLite: an FTS5 table ``course_search`` kept in step with ``courses`` by triggers, and an
``fts5vocab`` view of its words for typo correction.
"""

import uuid
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401

from alembic import op

revision: str = "cour0002"
down_revision: Union[str, Sequence[str], None] = "cour0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Frozen copy of backend_services.course.categories at this revision.
_NAMESPACE = uuid.UUID("6f1d2c55-3a9e-4c1b-9a57-1c7e0d9f4b21")
_CATEGORIES = (
    ("programming", "Programming"),
    ("data-science", "Data Science"),
    ("design", "Design"),
    ("business", "Business"),
    ("it-and-cloud", "IT & Cloud"),
    ("arts", "Arts & Photography"),
    ("languages", "Languages"),
    ("personal-development", "Personal Development"),
)

_PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE courses ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') ||
         setweight(to_tsvector('russian'::regconfig, coalesce(description, '')), 'B')
       ) STORED""",
    """ALTER TABLE courses ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
         to_tsvector('russian'::regconfig, coalesce(title, ''))
       ) STORED""",
    "CREATE INDEX ix_courses_search_vector ON courses USING gin (search_vector)",
    "CREATE INDEX ix_courses_title_vector ON courses USING gin (title_vector)",
    "CREATE TABLE course_words (word text PRIMARY KEY)",
    "CREATE INDEX ix_course_words_trgm ON course_words USING gin (word gin_trgm_ops)",
    # Words of new or edited courses join the vocabulary. Statement-level with transition
    # tables, so a bulk COPY adds its words in one INSERT and a rating update (title and
    # description unchanged) costs a one-row join; sorted, so two concurrent inserts take
    # the same locks in the same order.
    """CREATE FUNCTION course_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO course_words (word)
           SELECT DISTINCT w.lexeme FROM changed_courses c,
             unnest(to_tsvector('simple'::regconfig, c.title || ' ' || c.description)) AS w
           WHERE length(w.lexeme) BETWEEN 3 AND 40 AND w.lexeme !~ '[0-9_]'
           ORDER BY 1
           ON CONFLICT DO NOTHING;
         ELSE
           INSERT INTO course_words (word)
           SELECT DISTINCT w.lexeme FROM changed_courses c
             JOIN previous_courses p ON p.id = c.id
               AND (p.title, p.description) IS DISTINCT FROM (c.title, c.description),
             unnest(to_tsvector('simple'::regconfig, c.title || ' ' || c.description)) AS w
           WHERE length(w.lexeme) BETWEEN 3 AND 40 AND w.lexeme !~ '[0-9_]'
           ORDER BY 1
           ON CONFLICT DO NOTHING;
         END IF;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER courses_words_insert AFTER INSERT ON courses
       REFERENCING NEW TABLE AS changed_courses
       FOR EACH STATEMENT EXECUTE FUNCTION course_words_collect()""",
    """CREATE TRIGGER courses_words_update AFTER UPDATE ON courses
       REFERENCING OLD TABLE AS previous_courses NEW TABLE AS changed_courses
       FOR EACH STATEMENT EXECUTE FUNCTION course_words_collect()""",
    """INSERT INTO course_words (word)
       SELECT DISTINCT w.lexeme FROM courses c,
         unnest(to_tsvector('simple'::regconfig, c.title || ' ' || c.description)) AS w
       WHERE length(w.lexeme) BETWEEN 3 AND 40 AND w.lexeme !~ '[0-9_]'
       ON CONFLICT DO NOTHING""",
]
_PG_DOWN = [
    "DROP TRIGGER IF EXISTS courses_words_update ON courses",
    "DROP TRIGGER IF EXISTS courses_words_insert ON courses",
    "DROP FUNCTION IF EXISTS course_words_collect()",
    "DROP TABLE IF EXISTS course_words",
    "DROP INDEX IF EXISTS ix_courses_title_vector",
    "DROP INDEX IF EXISTS ix_courses_search_vector",
    "ALTER TABLE courses DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE courses DROP COLUMN IF EXISTS search_vector",
]

_SQLITE_UP = [
    """CREATE VIRTUAL TABLE course_search USING fts5(
         course_id UNINDEXED, title, description,
         tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    "CREATE VIRTUAL TABLE course_search_vocab USING fts5vocab(course_search, 'row')",
    """CREATE TRIGGER course_search_insert AFTER INSERT ON courses BEGIN
         INSERT INTO course_search (course_id, title, description)
         VALUES (new.id, new.title, new.description);
       END""",
    """CREATE TRIGGER course_search_update AFTER UPDATE OF title, description ON courses BEGIN
         DELETE FROM course_search WHERE course_id = old.id;
         INSERT INTO course_search (course_id, title, description)
         VALUES (new.id, new.title, new.description);
       END""",
    """CREATE TRIGGER course_search_delete AFTER DELETE ON courses BEGIN
         DELETE FROM course_search WHERE course_id = old.id;
       END""",
    "INSERT INTO course_search (course_id, title, description) SELECT id, title, description FROM courses",
]
_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS course_search_delete",
    "DROP TRIGGER IF EXISTS course_search_update",
    "DROP TRIGGER IF EXISTS course_search_insert",
    "DROP TABLE IF EXISTS course_search_vocab",
    "DROP TABLE IF EXISTS course_search",
]


def _is_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    categories = op.create_table(
        "categories",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.bulk_insert(
        categories, [{"id": uuid.uuid5(_NAMESPACE, slug), "name": name, "slug": slug} for slug, name in _CATEGORIES]
    )
    # Triggers on courses go in after the batch operation: on SQLite it rebuilds the table.
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("category_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            "fk_courses_category_id", "categories", ["category_id"], ["id"], ondelete="SET NULL"
        )
    op.create_index("ix_courses_category_id", "courses", ["category_id"], unique=False)
    op.create_index("ix_courses_newest", "courses", ["created_at", "id"], unique=False)
    op.create_index("ix_courses_popularity", "courses", ["review_count", "id"], unique=False)
    op.create_index("ix_courses_rating", "courses", [sa.text("coalesce(avg_rating, 0)"), "id"], unique=False)
    op.create_index("ix_courses_price", "courses", [sa.text("coalesce(price, 0)"), "id"], unique=False)
    for statement in _PG_UP if _is_postgres() else _SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    # pg_trgm stays: other objects may use it, and keeping an extension is harmless.
    for statement in _PG_DOWN if _is_postgres() else _SQLITE_DOWN:
        op.execute(statement)
    for index in ("price", "rating", "popularity", "newest", "category_id"):
        op.drop_index(f"ix_courses_{index}", table_name="courses")
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.drop_constraint("fk_courses_category_id", type_="foreignkey")
        batch_op.drop_column("category_id")
    op.drop_table("categories")
