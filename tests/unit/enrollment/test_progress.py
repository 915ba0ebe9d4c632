"""Completing lessons, progress from the course's real lesson count, a teacher's roster."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from backend_services.shared.errors import Conflict, Forbidden, NotFound
from backend_services.shared.security import Role
from tests.unit.enrollment.conftest import principal


async def _enrolled(enrollment, courses, *, lessons=3):
    course = courses.add(lessons=lessons, title="Async Python")
    student = principal()
    await enrollment.enroll(student, course_id=course.id)
    return course, student


async def test_completing_every_lesson_completes_the_course_once(enrollment, courses, events):
    course, student = await _enrolled(enrollment, courses, lessons=2)
    first = await enrollment.complete_lesson(student, lesson_id=course.lessons[0], course_id=course.id)
    assert first.lesson_id == course.lessons[0]
    mine = await enrollment.get_my_enrollment(student, course.id)
    assert mine.status == "in_progress"
    assert mine.completed_at is None

    await enrollment.complete_lesson(student, lesson_id=course.lessons[1], course_id=course.id)
    mine = await enrollment.get_my_enrollment(student, course.id)
    assert mine.status == "completed"
    assert mine.completed_at is not None
    assert [e.topic for e in events] == ["student_enrolled", "course_completed"]
    assert events[1].payload["course_title"] == "Async Python"
    assert events[1].payload["enrollment_id"] == str(mine.id)

    progress = await enrollment.get_progress(student, course.id)
    assert (progress.completed_lessons, progress.total_lessons, progress.percentage) == (2, 2, 100)


async def test_progress_uses_the_course_total_and_rounds(enrollment, courses):
    course, student = await _enrolled(enrollment, courses, lessons=3)
    await enrollment.complete_lesson(student, lesson_id=course.lessons[0], course_id=course.id)
    progress = await enrollment.get_progress(student, course.id)
    assert progress.model_dump() == {
        "course_id": course.id,
        "completed_lessons": 1,
        "total_lessons": 3,
        "percentage": 33.3,
    }
    assert await enrollment.completed_lesson_ids(student, course.id) == [course.lessons[0]]


async def test_progress_of_a_course_without_lessons_is_zero(enrollment, courses):
    course, student = await _enrolled(enrollment, courses, lessons=0)
    progress = await enrollment.get_progress(student, course.id)
    assert (progress.total_lessons, progress.percentage) == (0, 0.0)


async def test_progress_for_many_courses_matches_one_at_a_time(enrollment, courses):
    student = principal()
    done, started, untouched = (courses.add(lessons=n) for n in (2, 3, 4))
    for course in (done, started, untouched):
        await enrollment.enroll(student, course_id=course.id)
    for lesson in done.lessons:
        await enrollment.complete_lesson(student, lesson_id=lesson, course_id=done.id)
    await enrollment.complete_lesson(student, lesson_id=started.lessons[0], course_id=started.id)
    not_mine, unknown = courses.add(lessons=5), uuid.uuid4()
    ids = [done.id, started.id, untouched.id, not_mine.id, unknown, done.id]

    batch = await enrollment.progress_for(student, ids)

    assert list(batch) == ids[:-1]  # every distinct id, in the order asked
    for course_id in ids:
        assert batch[course_id] == await enrollment.get_progress(student, course_id)
    assert (batch[started.id].completed_lessons, batch[started.id].percentage) == (1, 33.3)
    assert (batch[not_mine.id].completed_lessons, batch[not_mine.id].total_lessons) == (0, 5)
    assert (batch[unknown].total_lessons, batch[unknown].percentage) == (0, 0.0)
    assert courses.count_many_calls == [ids[:-1]]  # one call into the course context


async def test_progress_for_no_courses_asks_nobody(enrollment, courses):
    assert await enrollment.progress_for(principal(), []) == {}
    assert courses.count_many_calls == []


async def test_only_an_enrolled_student_completes_lessons(enrollment, courses):
    course = courses.add()
    with pytest.raises(Forbidden, match="You are not enrolled in this course"):
        await enrollment.complete_lesson(principal(), lesson_id=course.lessons[0], course_id=course.id)


async def test_a_lesson_of_another_course_or_no_lesson_is_not_found(enrollment, courses):
    course, student = await _enrolled(enrollment, courses)
    other = courses.add()
    for lesson_id in (other.lessons[0], uuid.uuid4()):
        with pytest.raises(NotFound):
            await enrollment.complete_lesson(student, lesson_id=lesson_id, course_id=course.id)


async def test_completing_a_lesson_twice_is_a_conflict(enrollment, courses):
    course, student = await _enrolled(enrollment, courses)
    await enrollment.complete_lesson(student, lesson_id=course.lessons[0], course_id=course.id)
    with pytest.raises(Conflict, match="Lesson already completed"):
        await enrollment.complete_lesson(student, lesson_id=course.lessons[0], course_id=course.id)


async def test_concurrent_completions_of_the_same_lesson_store_one(enrollment, courses):
    course, student = await _enrolled(enrollment, courses)
    results = await asyncio.gather(
        *(
            enrollment.complete_lesson(student, lesson_id=course.lessons[0], course_id=course.id)
            for _ in range(4)
        ),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, Exception))
    assert (await enrollment.get_progress(student, course.id)).completed_lessons == 1


async def test_concurrent_completions_of_all_lessons_still_complete_the_course(enrollment, courses, events):
    course, student = await _enrolled(enrollment, courses, lessons=4)
    await asyncio.gather(
        *(
            enrollment.complete_lesson(student, lesson_id=lesson, course_id=course.id)
            for lesson in course.lessons
        )
    )
    assert (await enrollment.get_my_enrollment(student, course.id)).status == "completed"
    assert [e.topic for e in events].count("course_completed") == 1


async def test_the_owning_teacher_sees_students_with_progress(enrollment, courses):
    course = courses.add(lessons=4)
    teacher = principal(Role.TEACHER, course.teacher_id)
    fast, slow = principal(), principal()
    for student in (fast, slow):
        await enrollment.enroll(student, course_id=course.id)
    for lesson in course.lessons[:2]:
        await enrollment.complete_lesson(fast, lesson_id=lesson, course_id=course.id)
    roster = await enrollment.list_course_students(teacher, course.id)
    assert roster.total == 2
    by_student = {s.student_id: s for s in roster.items}
    assert by_student[fast.user_id].completed_lessons == 2
    assert by_student[fast.user_id].percentage == 50.0
    assert by_student[fast.user_id].status == "in_progress"
    assert by_student[slow.user_id].completed_lessons == 0
    assert {s.total_lessons for s in roster.items} == {4}


async def test_nobody_else_sees_a_courses_students(enrollment, courses):
    course = courses.add()
    for actor in (principal(), principal(Role.TEACHER)):
        with pytest.raises(Forbidden):
            await enrollment.list_course_students(actor, course.id)
    with pytest.raises(NotFound):
        await enrollment.list_course_students(principal(Role.TEACHER), uuid.uuid4())
