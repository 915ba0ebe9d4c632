"""A bare reference for the hot course reads: Starlette + an asyncpg pool, no framework
layers, no validation, no cache, no auth. It serves the same rows as
``GET /api/course/courses/{id}``, ``/courses/{id}/curriculum`` and ``/lessons/{id}`` (same
JSON shapes), so ``loadtest.bench_reference`` can say what share of this floor the
platform reaches.

    EDU_REFERENCE_DSN=postgresql://postgres@127.0.0.1:5432/eduplatform_course \\
        granian --interface asgi --workers 1 loadtest.reference_app:app
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import json
import os
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

COURSE = """SELECT id, teacher_id, title, description, is_free, price, duration_minutes, level,
                   avg_rating, review_count, created_at, category_id
            FROM courses WHERE id = $1"""
MODULES = (
    'SELECT id, course_id, title, "order", created_at FROM modules WHERE course_id = $1 ORDER BY "order", id'
)
OUTLINES = """SELECT id, module_id, title, video_url, duration_minutes, "order", is_preview, created_at
              FROM lessons WHERE course_id = $1 ORDER BY "order", id"""
LESSON = """SELECT id, module_id, title, video_url, duration_minutes, "order", is_preview, created_at,
                   course_id, content FROM lessons WHERE id = $1"""


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(type(value))


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, default=_plain), status, media_type="application/json")


def _pool(request: Request) -> asyncpg.Pool:
    pool: asyncpg.Pool = request.app.state.pool
    return pool


def _id(request: Request, name: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.path_params[name])
    except ValueError:
        return None


async def course(request: Request) -> Response:
    course_id = _id(request, "course_id")
    row = await _pool(request).fetchrow(COURSE, course_id) if course_id else None
    return _json(dict(row)) if row else _json({"detail": "Course not found"}, 404)


async def curriculum(request: Request) -> Response:
    course_id = _id(request, "course_id")
    async with _pool(request).acquire() as conn:
        row = await conn.fetchrow(COURSE, course_id) if course_id else None
        if row is None:
            return _json({"detail": "Course not found"}, 404)
        modules = [dict(m) | {"lessons": []} for m in await conn.fetch(MODULES, course_id)]
        by_id = {m["id"]: m for m in modules}
        lessons = await conn.fetch(OUTLINES, course_id)
    for lesson in lessons:
        by_id[lesson["module_id"]]["lessons"].append(dict(lesson))
    return _json({"course": dict(row), "modules": modules, "total_lessons": len(lessons)})


async def lesson(request: Request) -> Response:
    lesson_id = _id(request, "lesson_id")
    row = await _pool(request).fetchrow(LESSON, lesson_id) if lesson_id else None
    return _json(dict(row)) if row else _json({"detail": "Lesson not found"}, 404)


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(os.environ["EDU_REFERENCE_DSN"], min_size=5, max_size=10)
    try:
        yield
    finally:
        await app.state.pool.close()


app = Starlette(
    routes=[
        Route("/api/course/courses/{course_id}", course),
        Route("/api/course/courses/{course_id}/curriculum", curriculum),
        Route("/api/course/lessons/{lesson_id}", lesson),
    ],
    lifespan=lifespan,
)
