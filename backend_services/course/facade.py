"""Public API of the course context: the only module other packages import."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from backend_services.course import catalog as catalog_service
from backend_services.course import courses as course_service
from backend_services.course import curriculum as curriculum_service
from backend_services.course import quizzes as quiz_service
from backend_services.course import reviews as review_service
from backend_services.course.catalog_repository import CatalogRepository
from backend_services.course.categories import CATEGORIES, category_id
from backend_services.course.courses import COURSE_NOT_FOUND
from backend_services.course.cursor import CursorCodec
from backend_services.course.models import Category
from backend_services.course.quiz_repository import QuizRepository
from backend_services.course.quiz_schemas import QuizGrade, QuizIn, QuizPaper, QuizTeacherView
from backend_services.course.read_cache import CourseReadCache, PublicRead
from backend_services.course.repository import (
    CourseRepository,
    CurriculumRepository,
    ReviewRepository,
)
from backend_services.course.reviews import IsEnrolled
from backend_services.course.schemas import (
    CatalogSearch,
    CategoryPublic,
    CourseCreate,
    CourseList,
    CoursePage,
    CoursePublic,
    CourseSummary,
    CourseUpdate,
    Curriculum,
    LessonAccess,
    LessonCreate,
    LessonPublic,
    LessonUpdate,
    ModuleCreate,
    ModulePublic,
    ModuleUpdate,
    ReviewCreate,
    ReviewList,
    ReviewPublic,
)
from backend_services.course.search_query import highlight, parse
from backend_services.course.text_match import matcher_for
from backend_services.shared.cache import Cache
from backend_services.shared.database import Database
from backend_services.shared.errors import NotFound
from backend_services.shared.remote.markers import local_only, read
from backend_services.shared.security import Principal
from backend_services.shared.settings import Settings

__all__ = ["CURATED_CATEGORIES", "CourseFacade", "IsEnrolled"]

# (id, slug) of the curated categories, for pages that build their filters up front.
CURATED_CATEGORIES: tuple[tuple[str, str], ...] = tuple(
    (str(category_id(slug)), slug) for slug, _ in CATEGORIES
)


@dataclass(frozen=True, slots=True)
class _Repos:
    courses: CourseRepository
    curriculum: CurriculumRepository
    reviews: ReviewRepository

    @classmethod
    def over(cls, session: AsyncSession) -> _Repos:
        return cls(CourseRepository(session), CurriculumRepository(session), ReviewRepository(session))


class CourseFacade:
    def __init__(
        self, db: Database, *, is_enrolled: IsEnrolled, settings: Settings, cache: Cache | None = None
    ) -> None:
        self.db = db
        # Hot reads are answered from the cache; every write below that changes one of
        # their answers invalidates it after its transaction committed (read_cache.py).
        self._cached = CourseReadCache(cache or Cache(None), catalog_ttl=settings.cache_catalog_ttl_seconds)
        # Asked before a review is accepted and before paid lesson content is handed out;
        # the enrollment context answers (bootstrap.py).
        self._is_enrolled = is_enrolled
        self._matcher = matcher_for(settings.search_mode, is_sqlite=db.is_sqlite)
        self._cursors = CursorCodec(settings.jwt_secret)
        self._count_cap = settings.search_count_cap

    @asynccontextmanager
    async def _unit(self) -> AsyncIterator[_Repos]:
        async with self.db.session() as session:
            yield _Repos.over(session)

    @asynccontextmanager
    async def _read_unit(self) -> AsyncIterator[_Repos]:
        """The repositories for a read (no transaction round trips on PostgreSQL)."""
        async with self.db.read_session() as session:
            yield _Repos.over(session)

    # --- courses -----------------------------------------------------------------------

    @read
    async def search_catalog(self, search: CatalogSearch) -> CoursePage:
        """Public catalog: search, filters, sort order, keyset or offset pages."""

        async def load() -> CoursePage:
            async with self.db.read_connection() as connection:
                catalog = catalog_service.Catalog(
                    CatalogRepository(connection), self._matcher, self._cursors, self._count_cap
                )
                return await catalog_service.search_catalog(catalog, search)

        return await self._cached.catalog_page(search, load)

    @read
    async def search_courses(self, *, q: str | None, limit: int, offset: int) -> CoursePage:
        """The catalog as Phase 0 clients ask for it: text and offset paging."""
        return await self.search_catalog(CatalogSearch(q=q, limit=limit, offset=offset))

    @local_only
    async def ensure_categories(self) -> int:
        """Put back any curated category that is missing (a wiped database); returns how many."""
        curated = [Category(id=category_id(slug), name=name, slug=slug) for slug, name in CATEGORIES]
        async with self.db.session() as session:
            added = await CatalogRepository(session).add_missing_categories(curated)
        if added:
            await self._cached.categories_changed()
        return added

    @read
    async def list_categories(self) -> list[CategoryPublic]:
        """Every category, by name."""

        async def load() -> list[CategoryPublic]:
            async with self.db.read_session() as session:
                rows = await CatalogRepository(session).categories()
            return [CategoryPublic.model_validate(row) for row in rows]

        return await self._cached.categories(load)

    @staticmethod
    def highlight_title(title: str, q: str | None) -> list[tuple[str, bool]]:
        """``title`` in pieces, each marked whether the search ``q`` matched it."""
        return highlight(title, parse(q))

    @read
    async def get_course(self, course_id: uuid.UUID) -> CoursePublic:
        """One course (NotFound when unknown)."""

        async def load() -> CoursePublic:
            async with self._read_unit() as r:
                row = await r.courses.get_public(course_id)
            if row is None:
                raise NotFound(COURSE_NOT_FOUND)
            return CoursePublic.model_validate(row)

        return await self._cached.course(course_id, load)

    @read
    async def get_courses(self, course_ids: list[uuid.UUID]) -> dict[uuid.UUID, CoursePublic]:
        """Courses by id in one query; unknown ids are left out."""
        if not course_ids:
            return {}
        async with self._read_unit() as r:
            rows = await r.courses.get_many_public(list(set(course_ids)))
        return {row.id: CoursePublic.model_validate(row) for row in rows}

    async def create_course(self, actor: Principal, data: CourseCreate) -> CoursePublic:
        """A verified teacher creates a course."""
        async with self._unit() as r:
            course = await course_service.create_course(r.courses, actor, data)
        await self._cached.course_changed(course.id, listed=True)
        return CoursePublic.model_validate(course)

    async def update_course(self, actor: Principal, course_id: uuid.UUID, data: CourseUpdate) -> CoursePublic:
        """The owning verified teacher edits a course."""
        async with self._unit() as r:
            course = await course_service.update_course(r.courses, actor, course_id, data)
        await self._cached.course_changed(course_id, listed=True)
        return CoursePublic.model_validate(course)

    @read
    async def list_my_courses(self, actor: Principal, *, limit: int, offset: int) -> CourseList:
        """The calling teacher's courses, newest first."""
        async with self._read_unit() as r:
            rows, total = await course_service.list_my_courses(r.courses, actor, limit=limit, offset=offset)
        return CourseList(items=[CoursePublic.model_validate(row) for row in rows], total=total)

    # --- curriculum --------------------------------------------------------------------

    @read
    async def get_curriculum(self, course_id: uuid.UUID) -> Curriculum:
        """Modules and lesson outlines (no content) of a course."""

        async def load() -> Curriculum:
            async with self._read_unit() as r:
                return await curriculum_service.get_curriculum(r.courses, r.curriculum, course_id)

        return await self._cached.curriculum(course_id, load)

    @local_only
    async def cached_public_answer(self, read: PublicRead, ident: uuid.UUID) -> bytes | None:
        """The stored JSON answer of ``GET`` course ``ident``, its curriculum or public lesson
        ``ident`` when the read cache holds it, else None: then the request is served the
        usual way (fast_reads.py)."""
        return await self._cached.public_answer(read, ident)

    async def create_module(self, actor: Principal, course_id: uuid.UUID, data: ModuleCreate) -> ModulePublic:
        """Add a module to the actor's course."""
        async with self._unit() as r:
            module = await curriculum_service.create_module(r.courses, r.curriculum, actor, course_id, data)
        await self._cached.course_changed(course_id)
        return ModulePublic.model_validate(module)

    async def update_module(self, actor: Principal, module_id: uuid.UUID, data: ModuleUpdate) -> ModulePublic:
        """Rename or reorder a module of the actor's course."""
        async with self._unit() as r:
            module = await curriculum_service.update_module(r.curriculum, actor, module_id, data)
        await self._cached.course_changed(module.course_id)
        return ModulePublic.model_validate(module)

    async def delete_module(self, actor: Principal, module_id: uuid.UUID) -> None:
        """Delete a module of the actor's course and its lessons."""
        async with self._unit() as r:
            course_id = await curriculum_service.delete_module(r.curriculum, actor, module_id)
        await self._cached.course_changed(course_id)

    async def create_lesson(self, actor: Principal, module_id: uuid.UUID, data: LessonCreate) -> LessonPublic:
        """Add a lesson to a module of the actor's course."""
        async with self._unit() as r:
            lesson = await curriculum_service.create_lesson(r.curriculum, actor, module_id, data)
        await self._cached.course_changed(lesson.course_id)
        return LessonPublic.model_validate(lesson)

    @read
    async def get_lesson(self, actor: Principal | None, lesson_id: uuid.UUID) -> LessonPublic:
        """A lesson with its markdown content, for a caller who may read it (``actor`` None
        is an anonymous visitor): NotAuthenticated / Forbidden otherwise."""

        async def load() -> LessonAccess:
            async with self._read_unit() as r:
                return await curriculum_service.lesson_access(r.curriculum, lesson_id)

        found = await self._cached.lesson(lesson_id, load)
        # Who may read is decided on every read, cached or not; enrollment is asked after
        # the course session closed, so no connection waits on it.
        return await curriculum_service.readable_lesson(found, actor, self._is_enrolled)

    async def update_lesson(self, actor: Principal, lesson_id: uuid.UUID, data: LessonUpdate) -> LessonPublic:
        """Edit a lesson of the actor's course."""
        async with self._unit() as r:
            lesson = await curriculum_service.update_lesson(r.curriculum, actor, lesson_id, data)
        await self._cached.course_changed(lesson.course_id)
        return LessonPublic.model_validate(lesson)

    async def delete_lesson(self, actor: Principal, lesson_id: uuid.UUID) -> None:
        """Delete a lesson of the actor's course."""
        async with self._unit() as r:
            course_id = await curriculum_service.delete_lesson(r.curriculum, actor, lesson_id)
        await self._cached.course_changed(course_id)

    # --- reviews -----------------------------------------------------------------------

    async def create_review(self, actor: Principal, data: ReviewCreate) -> ReviewPublic:
        """An enrolled student reviews a course once; the course's rating follows."""
        async with self._unit() as r:
            review = await review_service.create_review(r.courses, r.reviews, self._is_enrolled, actor, data)
        # The course's rating and review count, its reviews and rating distribution changed.
        await self._cached.course_changed(data.course_id, listed=True)
        return ReviewPublic.model_validate(review)

    @read
    async def list_reviews(self, course_id: uuid.UUID, *, limit: int, offset: int) -> ReviewList:
        """A course's reviews, newest first (NotFound for an unknown course)."""

        async def load() -> ReviewList:
            async with self._read_unit() as r:
                if not await r.courses.exists(course_id):
                    raise NotFound(COURSE_NOT_FOUND)
                rows, total = await r.reviews.list_for_course(course_id, limit=limit, offset=offset)
            return ReviewList(items=[ReviewPublic.model_validate(row) for row in rows], total=total)

        return await self._cached.reviews(course_id, limit=limit, offset=offset, load=load)

    @read
    async def get_review_by(self, student_id: uuid.UUID, course_id: uuid.UUID) -> ReviewPublic | None:
        """This student's review of this course, if any."""
        async with self._read_unit() as r:
            review = await r.reviews.get_by(student_id, course_id)
        return ReviewPublic.model_validate(review) if review else None

    # --- ports for other contexts (no authorisation) -------------------------------------

    @read
    async def get_course_summary(self, course_id: uuid.UUID) -> CourseSummary | None:
        """Owner, title and pricing of a course, or None when it does not exist."""

        async def load() -> CourseSummary | None:
            async with self._read_unit() as r:
                row = await r.courses.get_summary(course_id)
            return CourseSummary.model_validate(row) if row else None

        return await self._cached.summary(course_id, load)

    @read
    async def lesson_course_id(self, lesson_id: uuid.UUID) -> uuid.UUID | None:
        """The course a lesson belongs to, or None when the lesson does not exist."""
        async with self._read_unit() as r:
            return await r.curriculum.lesson_course_id(lesson_id)

    @read
    async def count_lessons(self, course_id: uuid.UUID) -> int:
        """How many lessons a course has (0 for an unknown course)."""

        async def load() -> int:
            async with self._read_unit() as r:
                return await r.curriculum.count_lessons(course_id)

        return await self._cached.lesson_count(course_id, load)

    @read
    async def count_lessons_many(self, course_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Lesson counts of many courses in one grouped query.

        Every given id is a key: 0 for a course without lessons or an unknown id. An empty
        list answers ``{}`` without touching the database.
        """
        wanted = list(dict.fromkeys(course_ids))
        if not wanted:
            return {}
        async with self._read_unit() as r:
            counts = await r.curriculum.count_lessons_many(wanted)
        return {course_id: counts.get(course_id, 0) for course_id in wanted}

    @read
    async def rating_distribution(self, course_id: uuid.UUID) -> dict[int, int]:
        """Port: reviews per rating 1..5 (every rating is a key)."""

        async def load() -> dict[int, int]:
            async with self._read_unit() as r:
                counts = await r.reviews.rating_counts(course_id)
            return {rating: counts.get(rating, 0) for rating in range(1, 6)}

        return await self._cached.ratings(course_id, load)

    # --- quizzes (content here; attempts live in the enrollment context) -------------------

    async def set_quiz(self, actor: Principal, lesson_id: uuid.UUID, data: QuizIn) -> QuizTeacherView:
        """Create or replace a lesson's quiz (the course's verified teacher)."""
        async with self.db.session() as session:
            return await quiz_service.set_quiz(
                CurriculumRepository(session), QuizRepository(session), actor, lesson_id, data
            )

    @read
    async def get_quiz(self, actor: Principal, lesson_id: uuid.UUID) -> QuizTeacherView:
        """A lesson's quiz with its answers (the course's teacher)."""
        async with self.db.read_session() as session:
            return await quiz_service.get_quiz(
                CurriculumRepository(session), QuizRepository(session), actor, lesson_id
            )

    async def delete_quiz(self, actor: Principal, lesson_id: uuid.UUID) -> None:
        """Remove a lesson's quiz (the course's teacher)."""
        async with self.db.session() as session:
            await quiz_service.delete_quiz(
                CurriculumRepository(session), QuizRepository(session), actor, lesson_id
            )

    @read
    async def quiz_for_student(self, lesson_id: uuid.UUID, *, seed: int) -> QuizPaper | None:
        """Port: the lesson's quiz without answers, shuffled by ``seed``; None without a quiz."""
        async with self.db.read_session() as session:
            return await quiz_service.paper_for(QuizRepository(session), lesson_id, seed)

    @read
    async def grade_quiz(self, lesson_id: uuid.UUID, answers: dict[str, list[str]]) -> QuizGrade:
        """Port: grade answers against the lesson's quiz (Unprocessable for foreign answers)."""
        async with self.db.read_session() as session:
            return await quiz_service.grade(QuizRepository(session), lesson_id, answers)

    @read
    async def lesson_has_quiz(self, lesson_id: uuid.UUID) -> bool:
        """Port: does completing this lesson need a passed quiz?"""
        async with self.db.read_session() as session:
            return await QuizRepository(session).content_of(lesson_id) is not None

    @read
    async def quiz_lesson_ids(self, course_id: uuid.UUID) -> list[uuid.UUID]:
        """Port: the lessons of a course that have a quiz."""
        async with self.db.read_session() as session:
            return await QuizRepository(session).lessons_with_quiz(course_id)
