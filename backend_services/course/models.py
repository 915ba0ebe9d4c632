"""Tables of the course context: categories, courses, modules, lessons, reviews,
quizzes.

Search internals live only in the migration (``cour0002``) because they differ per
database: on PostgreSQL generated ``courses.search_vector`` and ``title_vector`` with GIN indexes and the
``course_words`` vocabulary (pg_trgm) for typo correction; on SQLite the FTS5 table
``course_search`` kept in step by triggers. ``SEARCH_INTERNALS`` names them so Alembic's
model comparison leaves them alone.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Numeric, Text, UniqueConstraint, Uuid, false, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from backend_services.shared.types import UTCDateTime, utcnow


class CourseBase(SQLModel, registry=registry()):
    """Metadata of the course database only."""


SEARCH_INTERNALS = (
    "search_vector",
    "title_vector",
    "ix_courses_search_vector",
    "ix_courses_title_vector",
    "course_words",
    "ix_course_words",
    "course_search",
)


class Category(CourseBase, table=True):
    __tablename__ = "categories"

    id: uuid.UUID = Field(primary_key=True)
    name: str = Field(max_length=100)
    slug: str = Field(max_length=100, unique=True)


class Course(CourseBase, table=True):
    __tablename__ = "courses"
    # One index per catalog sort order, each ending in the id so keyset pages are exact.
    __table_args__ = (
        Index("ix_courses_newest", "created_at", "id"),
        Index("ix_courses_popularity", "review_count", "id"),
        Index("ix_courses_rating", text("coalesce(avg_rating, 0)"), "id"),
        Index("ix_courses_price", text("coalesce(price, 0)"), "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    teacher_id: uuid.UUID = Field(index=True)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    is_free: bool = Field(default=True)
    price: Decimal | None = Field(default=None, sa_type=Numeric(10, 2))
    duration_minutes: int = Field(default=0)
    level: str = Field(max_length=16)
    # rating_sum/review_count are updated atomically in SQL; avg_rating is derived
    # from them in the same statement, so it stays exact under concurrent reviews.
    avg_rating: Decimal | None = Field(default=None, sa_type=Numeric(3, 2))
    review_count: int = Field(default=0)
    rating_sum: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    category_id: uuid.UUID | None = Field(
        default=None,
        sa_column=Column(Uuid, ForeignKey("categories.id", ondelete="SET NULL"), nullable=True, index=True),
    )


class Module(CourseBase, table=True):
    __tablename__ = "modules"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    course_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    title: str = Field(max_length=200)
    order: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Lesson(CourseBase, table=True):
    __tablename__ = "lessons"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    module_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("modules.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    # Denormalised from the module so "is this lesson in that course" and
    # "how many lessons has the course" are one indexed lookup each.
    course_id: uuid.UUID = Field(index=True)
    title: str = Field(max_length=200)
    content: str = Field(default="", sa_type=Text)
    video_url: str | None = Field(default=None, max_length=500)
    duration_minutes: int = Field(default=0)
    order: int = Field(default=0)
    # A preview lesson of a paid course is readable by anyone (the teacher's free sample).
    is_preview: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Review(CourseBase, table=True):
    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("student_id", "course_id", name="uq_reviews_student_course"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    student_id: uuid.UUID = Field(index=True)
    course_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    rating: int
    comment: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Quiz(CourseBase, table=True):
    """A lesson's quiz: its questions (with the correct answers) live only in this context."""

    __tablename__ = "quizzes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    lesson_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("lessons.id", ondelete="CASCADE"), nullable=False, unique=True)
    )
    course_id: uuid.UUID = Field(index=True)
    pass_mark: int = Field(default=70)
    max_attempts: int | None = Field(default=None)
    # One JSON document per quiz: questions are always read and written together.
    questions: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
