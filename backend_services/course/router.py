"""HTTP routes of the course context (API.md, Course)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from backend_services.bootstrap import PlatformDep
from backend_services.course.quiz_schemas import QuizIn, QuizTeacherView
from backend_services.course.schemas import (
    CatalogSearch,
    CategoryPublic,
    CourseCreate,
    CourseList,
    CoursePage,
    CoursePublic,
    CourseUpdate,
    Curriculum,
    LessonCreate,
    LessonPublic,
    LessonUpdate,
    Level,
    ModuleCreate,
    ModulePublic,
    ModuleUpdate,
    ReviewCreate,
    ReviewList,
    ReviewPublic,
    SortBy,
)
from backend_services.shared.http import CurrentUser, MaybeUser, Page
from backend_services.shared.text import Line

router = APIRouter(tags=["course"])

SearchQuery = Annotated[Line | None, Query(max_length=200, description="Search in title and description")]
SortByQuery = Annotated[
    SortBy | None,
    Query(description="relevance (default with q), created_at (default), avg_rating, price, popularity"),
]
CursorQuery = Annotated[
    Line | None,
    Query(max_length=2000, description="Keyset paging: empty for the first page, then next_cursor"),
]


@router.get("/categories", response_model=list[CategoryPublic])
async def list_categories(platform: PlatformDep) -> list[CategoryPublic]:
    return await platform.course.list_categories()


@router.get("/courses", response_model=CoursePage)
async def search_courses(
    platform: PlatformDep,
    page: Page,
    q: SearchQuery = None,
    category_id: uuid.UUID | None = None,
    level: Level | None = None,
    is_free: bool | None = None,
    sort_by: SortByQuery = None,
    cursor: CursorQuery = None,
) -> CoursePage:
    search = CatalogSearch(
        q=q,
        category_id=category_id,
        level=level,
        is_free=is_free,
        sort_by=sort_by,
        limit=page.limit,
        offset=page.offset,
        cursor=cursor,
    )
    return await platform.course.search_catalog(search)


# Declared before /courses/{course_id} so "my" is never read as an id.
@router.get("/courses/my", response_model=CourseList)
async def my_courses(actor: CurrentUser, platform: PlatformDep, page: Page) -> CourseList:
    return await platform.course.list_my_courses(actor, limit=page.limit, offset=page.offset)


@router.get("/courses/{course_id}", response_model=CoursePublic)
async def get_course(course_id: uuid.UUID, platform: PlatformDep) -> CoursePublic:
    return await platform.course.get_course(course_id)


@router.post("/courses", response_model=CoursePublic, status_code=status.HTTP_201_CREATED)
async def create_course(body: CourseCreate, actor: CurrentUser, platform: PlatformDep) -> CoursePublic:
    return await platform.course.create_course(actor, body)


@router.put("/courses/{course_id}", response_model=CoursePublic)
async def update_course(
    course_id: uuid.UUID, body: CourseUpdate, actor: CurrentUser, platform: PlatformDep
) -> CoursePublic:
    return await platform.course.update_course(actor, course_id, body)


@router.get("/courses/{course_id}/curriculum", response_model=Curriculum)
async def get_curriculum(course_id: uuid.UUID, platform: PlatformDep) -> Curriculum:
    return await platform.course.get_curriculum(course_id)


@router.post("/courses/{course_id}/modules", response_model=ModulePublic, status_code=status.HTTP_201_CREATED)
async def create_module(
    course_id: uuid.UUID, body: ModuleCreate, actor: CurrentUser, platform: PlatformDep
) -> ModulePublic:
    return await platform.course.create_module(actor, course_id, body)


@router.put("/modules/{module_id}", response_model=ModulePublic)
async def update_module(
    module_id: uuid.UUID, body: ModuleUpdate, actor: CurrentUser, platform: PlatformDep
) -> ModulePublic:
    return await platform.course.update_module(actor, module_id, body)


@router.delete("/modules/{module_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_module(module_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> Response:
    await platform.course.delete_module(actor, module_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/modules/{module_id}/lessons", response_model=LessonPublic, status_code=status.HTTP_201_CREATED)
async def create_lesson(
    module_id: uuid.UUID, body: LessonCreate, actor: CurrentUser, platform: PlatformDep
) -> LessonPublic:
    return await platform.course.create_lesson(actor, module_id, body)


@router.get("/lessons/{lesson_id}", response_model=LessonPublic)
async def get_lesson(lesson_id: uuid.UUID, actor: MaybeUser, platform: PlatformDep) -> LessonPublic:
    """Free-course and preview lessons for anyone; otherwise the enrolled student, the
    course's teacher or an admin (401 anonymous, 403 not enrolled)."""
    return await platform.course.get_lesson(actor, lesson_id)


@router.put("/lessons/{lesson_id}", response_model=LessonPublic)
async def update_lesson(
    lesson_id: uuid.UUID, body: LessonUpdate, actor: CurrentUser, platform: PlatformDep
) -> LessonPublic:
    return await platform.course.update_lesson(actor, lesson_id, body)


@router.delete("/lessons/{lesson_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_lesson(lesson_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> Response:
    await platform.course.delete_lesson(actor, lesson_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/lessons/{lesson_id}/quiz", response_model=QuizTeacherView)
async def set_quiz(
    lesson_id: uuid.UUID, body: QuizIn, actor: CurrentUser, platform: PlatformDep
) -> QuizTeacherView:
    """Extension: create or replace a lesson's quiz (its course's verified teacher)."""
    return await platform.course.set_quiz(actor, lesson_id, body)


@router.get("/lessons/{lesson_id}/quiz", response_model=QuizTeacherView)
async def get_quiz(lesson_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> QuizTeacherView:
    """Extension: the quiz with its answers, for the course's teacher only."""
    return await platform.course.get_quiz(actor, lesson_id)


@router.delete("/lessons/{lesson_id}/quiz", status_code=status.HTTP_204_NO_CONTENT)
async def delete_quiz(lesson_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> Response:
    await platform.course.delete_quiz(actor, lesson_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/reviews", response_model=ReviewPublic, status_code=status.HTTP_201_CREATED)
async def create_review(body: ReviewCreate, actor: CurrentUser, platform: PlatformDep) -> ReviewPublic:
    return await platform.course.create_review(actor, body)


@router.get("/reviews/course/{course_id}", response_model=ReviewList)
async def list_reviews(course_id: uuid.UUID, platform: PlatformDep, page: Page) -> ReviewList:
    return await platform.course.list_reviews(course_id, limit=page.limit, offset=page.offset)
