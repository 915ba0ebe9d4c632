"""Helpers that give SQLAlchemy results and SQLModel columns their real types."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import ColumnElement, create_engine, select, update
from sqlalchemy.orm import Session

from backend_services.course.models import Category, Course
from backend_services.shared.database import rows_matched
from backend_services.shared.types import sql_column


def test_sql_column_is_the_mapped_column_as_an_expression() -> None:
    column = sql_column(Course.created_at)
    assert isinstance(column, ColumnElement)
    assert column.name == "created_at"
    assert "ORDER BY courses.created_at DESC" in str(select(Course.id).order_by(column.desc()))


def test_sql_column_refuses_what_is_not_a_mapped_column() -> None:
    with pytest.raises(TypeError):
        sql_column("created_at")


def test_rows_matched_counts_the_rows_an_update_changed() -> None:
    engine = create_engine("sqlite://")
    Category.metadata.create_all(engine, tables=[Category.__table__])
    with Session(engine) as session:
        session.add_all([Category(id=uuid.uuid4(), name=f"c{i}", slug=f"c{i}") for i in range(3)])
        session.flush()
        result = session.execute(update(Category).where(Category.slug != "c0").values(name="renamed"))
        assert rows_matched(result) == 2


def test_rows_matched_refuses_the_result_of_an_orm_query() -> None:
    engine = create_engine("sqlite://")
    Category.metadata.create_all(engine, tables=[Category.__table__])
    with Session(engine) as session, pytest.raises(TypeError):
        rows_matched(session.execute(select(Category)))
