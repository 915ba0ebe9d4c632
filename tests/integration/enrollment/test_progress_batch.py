"""EnrollmentFacade.progress_for: get_progress for many courses in two queries, not 2N."""

from __future__ import annotations

import uuid

from tests.helpers import add_lessons, complete_lesson, create_course, enroll, recorded_statements


def _actor(platform, headers):
    return platform.tokens.verify(headers["Authorization"].split()[1])


async def _course_with_lessons(client, teacher, title: str, lessons: int) -> tuple[uuid.UUID, list[str]]:
    course = await create_course(client, teacher, title=title)
    ids = await add_lessons(client, teacher, course["id"], lessons) if lessons else []
    return uuid.UUID(course["id"]), ids


async def test_progress_for_matches_get_progress_course_by_course(client, platform, teacher, student):
    done, done_lessons = await _course_with_lessons(client, teacher, "Done", 2)
    started, started_lessons = await _course_with_lessons(client, teacher, "Started", 3)
    untouched, _ = await _course_with_lessons(client, teacher, "Untouched", 4)
    no_lessons, _ = await _course_with_lessons(client, teacher, "No lessons", 0)
    not_mine, _ = await _course_with_lessons(client, teacher, "Not mine", 5)
    for course_id in (done, started, untouched, no_lessons):
        assert (await enroll(client, student, str(course_id))).status_code == 201
    for lesson in done_lessons:
        assert (await complete_lesson(client, student, lesson, str(done))).status_code == 201
    assert (await complete_lesson(client, student, started_lessons[0], str(started))).status_code == 201
    unknown = uuid.uuid4()
    ids = [done, started, untouched, no_lessons, not_mine, unknown]
    actor = _actor(platform, student)

    with (
        recorded_statements(platform, "enrollment") as enrollment_sql,
        recorded_statements(platform, "course") as course_sql,
    ):
        batch = await platform.enrollment.progress_for(actor, ids + [started])
    assert len(enrollment_sql) == 1, enrollment_sql
    assert len(course_sql) == 1, course_sql

    assert list(batch) == ids
    for course_id in ids:
        assert batch[course_id] == await platform.enrollment.get_progress(actor, course_id)
    summary = {
        course_id: (p.completed_lessons, p.total_lessons, p.percentage) for course_id, p in batch.items()
    }
    assert summary == {
        done: (2, 2, 100.0),
        started: (1, 3, 33.3),
        untouched: (0, 4, 0.0),
        no_lessons: (0, 0, 0.0),
        not_mine: (0, 5, 0.0),
        unknown: (0, 0, 0.0),
    }


async def test_progress_for_counts_only_the_callers_lessons(client, platform, student, free_course):
    from tests.helpers import token_headers

    other = token_headers(platform)
    course_id = free_course["id"]
    for headers in (student, other):
        await enroll(client, headers, course_id)
    for lesson in free_course["lessons"][:2]:
        await complete_lesson(client, other, lesson, course_id)
    await complete_lesson(client, student, free_course["lessons"][0], course_id)
    key = uuid.UUID(course_id)
    mine = await platform.enrollment.progress_for(_actor(platform, student), [key])
    theirs = await platform.enrollment.progress_for(_actor(platform, other), [key])
    assert (mine[key].completed_lessons, theirs[key].completed_lessons) == (1, 2)


async def test_progress_for_no_courses_runs_no_query(platform, student):
    with (
        recorded_statements(platform, "enrollment") as enrollment_sql,
        recorded_statements(platform, "course") as course_sql,
    ):
        assert await platform.enrollment.progress_for(_actor(platform, student), []) == {}
    assert enrollment_sql == course_sql == []


async def test_my_standing_is_enrollment_completed_ids_and_progress_in_two_statements(
    client, platform, teacher, student
):
    started, lessons = await _course_with_lessons(client, teacher, "Standing", 3)
    other, _ = await _course_with_lessons(client, teacher, "Not enrolled", 2)
    assert (await enroll(client, student, str(started))).status_code == 201
    assert (await complete_lesson(client, student, lessons[1], str(started))).status_code == 201
    actor = _actor(platform, student)

    with recorded_statements(platform, "enrollment") as enrollment_sql:
        standing = await platform.enrollment.my_standing(actor, started)
    assert len(enrollment_sql) == 2, enrollment_sql
    assert standing.enrollment == await platform.enrollment.get_my_enrollment(actor, started)
    assert standing.completed_lesson_ids == await platform.enrollment.completed_lesson_ids(actor, started)
    assert [str(i) for i in standing.completed_lesson_ids] == [lessons[1]]
    assert standing.progress == await platform.enrollment.get_progress(actor, started)

    with recorded_statements(platform, "enrollment") as enrollment_sql:
        nothing = await platform.enrollment.my_standing(actor, other)
    assert len(enrollment_sql) == 1, enrollment_sql
    assert nothing.enrollment is None and nothing.progress is None and nothing.completed_lesson_ids == []
