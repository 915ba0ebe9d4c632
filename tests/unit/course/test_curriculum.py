"""Module and lesson use cases against in-memory repositories."""

from __future__ import annotations

import uuid

import pytest

from backend_services.course import curriculum as service
from backend_services.course.schemas import LessonCreate, LessonUpdate, ModuleCreate, ModuleUpdate
from backend_services.shared.errors import Forbidden, NotFound
from tests.unit.course.conftest import principal


async def _module(courses, curriculum, teacher, course, **fields):
    data = ModuleCreate(title="M", **fields)
    return await service.create_module(courses, curriculum, teacher, course.id, data)


async def _lesson(curriculum, teacher, module, **fields):
    data = LessonCreate(title="L", content="text", **fields)
    return await service.create_lesson(curriculum, teacher, module.id, data)


async def test_orders_default_to_after_the_last(courses, curriculum, teacher, course):
    first = await _module(courses, curriculum, teacher, course)
    placed = await _module(courses, curriculum, teacher, course, order=5)
    after = await _module(courses, curriculum, teacher, course)
    assert (first.order, placed.order, after.order) == (1, 5, 6)
    lessons = [await _lesson(curriculum, teacher, first) for _ in range(3)]
    assert [x.order for x in lessons] == [1, 2, 3]
    assert (await _lesson(curriculum, teacher, placed)).order == 1


async def test_lessons_carry_their_course(courses, curriculum, teacher, course):
    module = await _module(courses, curriculum, teacher, course)
    lesson = await _lesson(curriculum, teacher, module, video_url="https://v.example.com/1")
    assert (lesson.module_id, lesson.course_id) == (module.id, course.id)
    assert lesson.video_url == "https://v.example.com/1"


async def test_only_the_owning_verified_teacher_builds_the_curriculum(
    courses, curriculum, store, teacher, course
):
    with pytest.raises(Forbidden, match="You do not own this course"):
        await _module(courses, curriculum, principal("teacher"), course)
    with pytest.raises(Forbidden, match="Only verified teachers"):
        unverified = principal("teacher", is_verified=False)
        await _module(courses, curriculum, unverified, course)
    with pytest.raises(Forbidden, match="Only teachers"):
        await _module(courses, curriculum, principal("student"), course)
    with pytest.raises(NotFound, match="Course not found"):
        await service.create_module(courses, curriculum, teacher, uuid.uuid4(), ModuleCreate(title="M"))
    module = await _module(courses, curriculum, teacher, course)
    with pytest.raises(Forbidden, match="You do not own this course"):
        await _lesson(curriculum, principal("teacher"), module)
    assert list(store.modules) == [module.id]
    assert store.lessons == {}


async def test_updates_and_deletes_check_the_owner(courses, curriculum, store, teacher, course):
    module = await _module(courses, curriculum, teacher, course)
    lesson = await _lesson(curriculum, teacher, module)
    intruder = principal("teacher")
    for call in (
        service.update_module(curriculum, intruder, module.id, ModuleUpdate(title="x")),
        service.delete_module(curriculum, intruder, module.id),
        service.update_lesson(curriculum, intruder, lesson.id, LessonUpdate(title="x")),
        service.delete_lesson(curriculum, intruder, lesson.id),
    ):
        with pytest.raises(Forbidden, match="You do not own this course"):
            await call
    assert (module.title, lesson.title) == ("M", "L")
    with pytest.raises(NotFound, match="Module not found"):
        await service.delete_module(curriculum, teacher, uuid.uuid4())
    with pytest.raises(NotFound, match="Lesson not found"):
        await service.update_lesson(curriculum, teacher, uuid.uuid4(), LessonUpdate(title="x"))


async def test_updates_change_only_sent_fields(courses, curriculum, teacher, course):
    module = await _module(courses, curriculum, teacher, course)
    await service.update_module(curriculum, teacher, module.id, ModuleUpdate(order=9))
    assert (module.title, module.order) == ("M", 9)
    lesson = await _lesson(curriculum, teacher, module, video_url="https://v.example.com/1")
    await service.update_lesson(curriculum, teacher, lesson.id, LessonUpdate(video_url=None))
    assert (lesson.video_url, lesson.content) == (None, "text")


async def test_deleting_a_module_takes_its_lessons(courses, curriculum, store, teacher, course):
    doomed = await _module(courses, curriculum, teacher, course)
    kept = await _module(courses, curriculum, teacher, course)
    for _ in range(2):
        await _lesson(curriculum, teacher, doomed)
    survivor = await _lesson(curriculum, teacher, kept)
    await service.delete_module(curriculum, teacher, doomed.id)
    assert list(store.modules) == [kept.id]
    assert list(store.lessons) == [survivor.id]


async def test_curriculum_groups_lessons_without_content(courses, curriculum, teacher, course):
    second = await _module(courses, curriculum, teacher, course, order=2)
    first = await _module(courses, curriculum, teacher, course, order=1)
    await _lesson(curriculum, teacher, second)
    await _lesson(curriculum, teacher, first)
    await _lesson(curriculum, teacher, first)
    result = await service.get_curriculum(courses, curriculum, course.id)
    assert [m.id for m in result.modules] == [first.id, second.id]
    assert [len(m.lessons) for m in result.modules] == [2, 1]
    assert result.total_lessons == 3
    assert "content" not in result.modules[0].lessons[0].model_dump()
    with pytest.raises(NotFound):
        await service.get_curriculum(courses, curriculum, uuid.uuid4())
