"""Cached answers of the course reads every visitor makes (docs/ARCHITECTURE.md, "Read cache").

Everything cached about a course lives in one scope, ``course:<id>``: its detail, summary,
curriculum, lesson count, rating distribution, first review pages and its lessons (with
the course's teacher and free flag, which decide who may read them). Any committed write
that touches the course, its modules, lessons or reviews bumps that one scope, so no
answer about a course can outlive a change to it. Categories have their own scope, and
catalog pages share one (``catalog``), bumped by every write that changes a course's
catalog columns (create, edit, a new review); pages live only briefly (see docs/perf/CACHE.md).

Lessons are asked for by id alone. A lesson never moves to another course, so which course
it belongs to is remembered in this process after the first read, and the lesson is then
looked up in its course's scope. Who may read the lesson is never cached: the caller
checks the cached access data (``curriculum.readable_lesson``) on every read.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

from pydantic import TypeAdapter
from pydantic_core import from_json, to_json

from backend_services.course.rules import lesson_is_public
from backend_services.course.schemas import (
    CatalogSearch,
    CategoryPublic,
    CoursePage,
    CoursePublic,
    CourseSummary,
    Curriculum,
    LessonAccess,
    ReviewList,
)
from backend_services.shared.cache import Cache

T = TypeVar("T")
# The reads answered from stored bytes (fast_reads.py).
PublicRead = Literal["course", "curriculum", "lesson"]
Load = Callable[[], Awaitable[T]]

CATEGORIES_SCOPE = "categories"
# Every catalog page: bumped by any change to what a page shows or how it is ordered.
CATALOG_SCOPE = "catalog"
# Only small first pages of reviews are cached: what the course page shows.
MAX_CACHED_REVIEW_PAGE = 20
# Catalog pages many visitors share: the first few (offset paging) or the first keyset page.
# A deep offset or a cursor is one visitor's walk, a key nobody would read again.
MAX_CACHED_CATALOG_OFFSET = 100
_LESSON_COURSES_MAX = 100_000

_COURSE = TypeAdapter(CoursePublic)
_SUMMARY = TypeAdapter(CourseSummary | None)
_CURRICULUM = TypeAdapter(Curriculum)
_LESSON = TypeAdapter(LessonAccess)
_REVIEWS = TypeAdapter(ReviewList)
_RATINGS = TypeAdapter(dict[int, int])
_COUNT = TypeAdapter(int)
_CATEGORIES = TypeAdapter(list[CategoryPublic])
_PAGE = TypeAdapter(CoursePage)


def _public_lesson(stored: bytes) -> bytes | None:
    """A stored ``LessonAccess``'s lesson as ``GET /lessons/{id}`` sends it, if anyone may
    read it (free course or preview lesson), else None."""
    found = from_json(stored)
    lesson = found["lesson"]
    if not lesson_is_public(course_is_free=found["course_is_free"], is_preview=lesson["is_preview"]):
        return None
    return to_json(lesson)


def course_scope(course_id: uuid.UUID) -> str:
    """The scope every cached answer about this course belongs to."""
    return f"course:{course_id}"


class CourseReadCache:
    """The course context's cache keys, scopes and codecs over a shared ``Cache``."""

    def __init__(self, cache: Cache, *, catalog_ttl: float) -> None:
        self.cache = cache
        self._catalog_ttl = catalog_ttl
        # lesson id -> course id; a lesson's course never changes, so this is never stale.
        self._lesson_courses: OrderedDict[uuid.UUID, uuid.UUID] = OrderedDict()

    async def _get(self, scope: str, key: str, adapter: TypeAdapter[T], load: Load[T]) -> T:
        """A cached answer. Hits on unchanged bytes share one parsed object per process
        (``Cache.get_or_load``): what this class returns is read-only for its callers."""
        return await self.cache.get_or_load(
            scope, key, load, dump=adapter.dump_json, parse=adapter.validate_json, shared=True
        )

    async def course(self, course_id: uuid.UUID, load: Load[CoursePublic]) -> CoursePublic:
        return await self._get(course_scope(course_id), f"course:{course_id}", _COURSE, load)

    async def summary(self, course_id: uuid.UUID, load: Load[CourseSummary | None]) -> CourseSummary | None:
        return await self._get(course_scope(course_id), f"summary:{course_id}", _SUMMARY, load)

    async def curriculum(self, course_id: uuid.UUID, load: Load[Curriculum]) -> Curriculum:
        return await self._get(course_scope(course_id), f"curriculum:{course_id}", _CURRICULUM, load)

    async def lesson_count(self, course_id: uuid.UUID, load: Load[int]) -> int:
        return await self._get(course_scope(course_id), f"lesson-count:{course_id}", _COUNT, load)

    async def ratings(self, course_id: uuid.UUID, load: Load[dict[int, int]]) -> dict[int, int]:
        return await self._get(course_scope(course_id), f"ratings:{course_id}", _RATINGS, load)

    async def reviews(
        self, course_id: uuid.UUID, *, limit: int, offset: int, load: Load[ReviewList]
    ) -> ReviewList:
        if offset != 0 or limit > MAX_CACHED_REVIEW_PAGE:
            return await load()
        return await self._get(course_scope(course_id), f"reviews:{course_id}:{limit}", _REVIEWS, load)

    async def catalog_page(self, search: CatalogSearch, load: Load[CoursePage]) -> CoursePage:
        """A catalog page, for a short time (``catalog_ttl``; 0 never caches one): any new,
        edited or newly rated course outdates every page. Only shared first pages."""
        if self._catalog_ttl <= 0 or search.cursor or search.offset > MAX_CACHED_CATALOG_OFFSET:
            return await load()
        digest = hashlib.sha256(search.model_dump_json().encode()).hexdigest()[:32]
        return await self.cache.get_or_load(
            CATALOG_SCOPE,
            f"catalog:{digest}",
            load,
            dump=_PAGE.dump_json,
            parse=_PAGE.validate_json,
            ttl=self._catalog_ttl,
        )

    async def categories(self, load: Load[list[CategoryPublic]]) -> list[CategoryPublic]:
        return await self._get(CATEGORIES_SCOPE, "categories", _CATEGORIES, load)

    async def lesson(self, lesson_id: uuid.UUID, load: Load[LessonAccess]) -> LessonAccess:
        """The lesson and its access data (not an authorisation: the caller decides)."""
        course_id = self._lesson_courses.get(lesson_id)
        if course_id is None or not self.cache.enabled:
            # First read here: the lesson's course (its scope) is not known before loading.
            found = await load()
            self._remember(lesson_id, found.lesson.course_id)
            return found
        return await self._get(course_scope(course_id), f"lesson:{lesson_id}", _LESSON, load)

    async def public_answer(self, read: PublicRead, ident: uuid.UUID) -> bytes | None:
        """The JSON body of a public read as the API sends it, when the cache holds it now;
        None means "ask the usual way" (a miss, Redis trouble, or a lesson that not everyone
        may read: the access decision stays in ``curriculum.readable_lesson``).

        Course details and curricula are stored exactly as their endpoints answer them. A
        lesson is stored with its access data; only a public one (free course or preview) is
        answered here, with the access data cut off."""
        if read == "course":
            return await self.cache.peek(course_scope(ident), f"course:{ident}")
        if read == "curriculum":
            return await self.cache.peek(course_scope(ident), f"curriculum:{ident}")
        course_id = self._lesson_courses.get(ident)
        if course_id is None:
            return None
        return await self.cache.peek(course_scope(course_id), f"lesson:{ident}", _public_lesson)

    def _remember(self, lesson_id: uuid.UUID, course_id: uuid.UUID) -> None:
        if not self.cache.enabled:
            return
        self._lesson_courses[lesson_id] = course_id
        if len(self._lesson_courses) > _LESSON_COURSES_MAX:
            self._lesson_courses.popitem(last=False)

    async def course_changed(self, course_id: uuid.UUID, *, listed: bool = False) -> None:
        """After a committed write: every cached answer about this course is outdated, and
        with ``listed`` (its catalog columns changed) every catalog page too."""
        scopes = (course_scope(course_id), CATALOG_SCOPE) if listed else (course_scope(course_id),)
        await self.cache.invalidate(*scopes)

    async def categories_changed(self) -> None:
        await self.cache.invalidate(CATEGORIES_SCOPE)
