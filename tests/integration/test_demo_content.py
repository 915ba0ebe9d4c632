"""Demo content: made through the facades on an empty platform, once, never in production."""

from __future__ import annotations

import pytest

from backend_services.bootstrap import build_platform
from backend_services.demo import demo_enabled, ensure_demo_content
from backend_services.demo.content import COURSES, DEMO_PASSWORD, DEMO_STUDENT, DEMO_TEACHER


async def test_demo_content_fills_an_empty_platform_once(platform):
    assert await ensure_demo_content(platform) is True
    catalog = await platform.course.search_courses(q=None, limit=50, offset=0)
    assert sorted(c.title for c in catalog.items) == sorted(c.title for c in COURSES)
    assert {c.is_free for c in catalog.items} == {True, False}
    assert any("SQL" in c.title and "для" in c.title for c in catalog.items)  # a Russian course
    for course in catalog.items:
        curriculum = await platform.course.get_curriculum(course.id)
        assert curriculum.modules and curriculum.total_lessons >= 2
    lessons = [
        lesson
        for c in catalog.items
        for m in (await platform.course.get_curriculum(c.id)).modules
        for lesson in m.lessons
    ]
    assert any(lesson.video_url for lesson in lessons)

    # The documented accounts log in; the teacher is verified, the student has started learning.
    teacher, student = [
        platform.tokens.verify(
            (
                await platform.identity.login(email=email, password=DEMO_PASSWORD, client_address="10.0.0.1")
            ).access_token
        )
        for email in (DEMO_TEACHER[0], DEMO_STUDENT[0])
    ]
    assert teacher.is_verified and teacher.role.value == "teacher"
    for lesson in lessons:  # every lesson has content (the teacher owns them all, paid ones too)
        assert (await platform.course.get_lesson(teacher, lesson.id)).content
    # Provisioned accounts need no confirmation mail: no "confirm your e-mail" banner.
    assert (await platform.identity.me(student)).email_verified
    mine = await platform.enrollment.list_my_enrollments(student, limit=10, offset=0)
    assert mine.total == 2
    progress = await platform.enrollment.progress_for(student, [e.course_id for e in mine.items])
    assert sorted(p.completed_lessons for p in progress.values()) == [0, 1]

    # Idempotent: a second run (every later start) changes nothing.
    assert await ensure_demo_content(platform) is False
    assert (await platform.course.search_courses(q=None, limit=50, offset=0)).total == len(COURSES)


async def test_no_demo_content_outside_development(platform, settings):
    # The test platform started in EDU_ENV=test: nothing was created.
    assert (await platform.course.search_courses(q=None, limit=1, offset=0)).total == 0
    assert not demo_enabled(settings)
    assert demo_enabled(settings.model_copy(update={"env": "development"}))
    assert not demo_enabled(settings.model_copy(update={"env": "development", "demo_content": False}))
    production = build_platform(settings.model_copy(update={"env": "production"}))
    with pytest.raises(RuntimeError, match="never"):
        await ensure_demo_content(production)
