"""Lesson quizzes end to end: authoring (course), attempts and completion (enrollment)."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.helpers import complete_lesson, enroll, token_headers

QUIZ = {
    "pass_mark": 100,
    "max_attempts": 2,
    "questions": [
        {
            "id": "q1",
            "kind": "single",
            "text": "2 + 2?",
            "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "4", "correct": True}],
        },
        {"id": "q2", "kind": "text", "text": "Capital of France?", "accepted_answers": ["Paris"]},
    ],
}
RIGHT = {"q1": ["b"], "q2": ["paris"]}
WRONG = {"q1": ["a"], "q2": ["Lyon"]}


@pytest.fixture
async def quiz_course(client, teacher, free_course) -> dict:
    """The free course whose last lesson has a quiz (pass mark 100, two attempts)."""
    lesson = free_course["lessons"][-1]
    response = await client.put(f"/api/course/lessons/{lesson}/quiz", json=QUIZ, headers=teacher)
    assert response.status_code == 200, response.text
    free_course["quiz_lesson"] = lesson
    return free_course


async def start(client, student, course, lesson=None):
    lesson = lesson or course["quiz_lesson"]
    return await client.post(
        f"/api/enrollment/quizzes/lessons/{lesson}/attempts",
        json={"course_id": course["id"]},
        headers=student,
    )


async def submit(client, student, lesson, attempt_id, answers):
    return await client.post(
        f"/api/enrollment/quizzes/lessons/{lesson}/attempts/{attempt_id}/submit",
        json={"answers": answers},
        headers=student,
    )


async def test_the_teacher_sees_answers_and_the_student_never_before_submitting(
    client, teacher, student, quiz_course
):
    lesson = quiz_course["quiz_lesson"]
    own = (await client.get(f"/api/course/lessons/{lesson}/quiz", headers=teacher)).json()
    assert own["questions"][0]["options"][1]["correct"] is True
    assert (await client.get(f"/api/course/lessons/{lesson}/quiz", headers=student)).status_code == 403

    await enroll(client, student, quiz_course["id"])
    paper = await start(client, student, quiz_course)
    assert paper.status_code == 201, paper.text
    body = paper.json()
    assert "correct" not in paper.text and "Paris" not in paper.text
    assert body["attempt_number"] == 1 and body["attempts_left"] == 1
    again = (await start(client, student, quiz_course)).json()
    assert again == body  # a reload resumes the same attempt in the same order


async def test_fail_then_pass_completes_the_lesson_and_the_course(client, student, quiz_course):
    await enroll(client, student, quiz_course["id"])
    for lesson in quiz_course["lessons"][:-1]:
        assert (await complete_lesson(client, student, lesson, quiz_course["id"])).status_code == 201
    lesson = quiz_course["quiz_lesson"]
    refused = await complete_lesson(client, student, lesson, quiz_course["id"])
    assert refused.status_code == 409 and "quiz" in refused.json()["detail"]

    first = (await start(client, student, quiz_course)).json()
    failed = (await submit(client, student, lesson, first["attempt_id"], WRONG)).json()
    assert (failed["score"], failed["passed"], failed["lesson_completed"]) == (0, False, False)
    assert failed["results"][0]["correct_option_ids"] == ["b"]

    second = (await start(client, student, quiz_course)).json()
    assert second["attempt_number"] == 2 and second["attempts_left"] == 0
    passed = (await submit(client, student, lesson, second["attempt_id"], RIGHT)).json()
    assert (passed["score"], passed["passed"], passed["lesson_completed"]) == (100, True, True)

    mine = (await client.get("/api/enrollment/enrollments/me", headers=student)).json()
    assert mine["items"][0]["status"] == "completed"
    attempts = (
        await client.get(f"/api/enrollment/quizzes/lessons/{lesson}/attempts/me", headers=student)
    ).json()
    assert [(a["attempt_number"], a["passed"]) for a in attempts] == [(1, False), (2, True)]
    assert (await start(client, student, quiz_course)).status_code == 409  # already passed


async def test_a_quiz_added_after_the_lesson_was_done_passes_without_a_second_completion(
    client, teacher, student, free_course
):
    await enroll(client, student, free_course["id"])
    lesson = free_course["lessons"][0]
    assert (await complete_lesson(client, student, lesson, free_course["id"])).status_code == 201
    added = await client.put(f"/api/course/lessons/{lesson}/quiz", json=QUIZ, headers=teacher)
    assert added.status_code == 200, added.text

    paper = (await start(client, student, free_course, lesson)).json()
    passed = await submit(client, student, lesson, paper["attempt_id"], RIGHT)
    assert passed.status_code == 200, passed.text
    assert (passed.json()["passed"], passed.json()["lesson_completed"]) == (True, True)
    done = await client.get(f"/api/enrollment/progress/courses/{free_course['id']}/lessons", headers=student)
    assert done.json()["completed_lesson_ids"].count(lesson) == 1
    progress = await client.get(f"/api/enrollment/progress/courses/{free_course['id']}", headers=student)
    assert progress.json()["completed_lessons"] == 1
    attempts = (
        await client.get(f"/api/enrollment/quizzes/lessons/{lesson}/attempts/me", headers=student)
    ).json()
    assert [(a["attempt_number"], a["passed"]) for a in attempts] == [(1, True)]


async def test_the_attempt_limit_and_a_finished_attempt_are_refused(client, student, quiz_course):
    await enroll(client, student, quiz_course["id"])
    lesson = quiz_course["quiz_lesson"]
    for _ in range(2):
        attempt = (await start(client, student, quiz_course)).json()
        assert (await submit(client, student, lesson, attempt["attempt_id"], WRONG)).status_code == 200
    again = await submit(client, student, lesson, attempt["attempt_id"], RIGHT)
    assert again.status_code == 409 and again.json()["detail"] == "This attempt has already been submitted"
    limit = await start(client, student, quiz_course)
    assert limit.status_code == 409 and limit.json()["detail"] == "No attempts left for this quiz"


async def test_bad_quiz_input_is_a_clean_4xx(client, platform, student, quiz_course):
    lesson = quiz_course["quiz_lesson"]
    other_lesson = quiz_course["lessons"][0]
    assert (await start(client, student, quiz_course)).status_code == 403  # not enrolled
    await enroll(client, student, quiz_course["id"])
    assert (await start(client, student, quiz_course, lesson=other_lesson)).status_code == 404  # no quiz
    assert (await start(client, student, quiz_course, lesson=uuid.uuid4())).status_code == 404
    attempt = (await start(client, student, quiz_course)).json()
    # Answers sent for another lesson, or naming questions this quiz does not have.
    wrong_lesson = await submit(client, student, other_lesson, attempt["attempt_id"], RIGHT)
    assert wrong_lesson.status_code == 404
    foreign = await submit(client, student, lesson, attempt["attempt_id"], {"zz": ["a"]})
    assert (
        foreign.status_code == 422 and foreign.json()["detail"] == "These answers do not belong to this quiz"
    )
    stranger = token_headers(platform, role="student")
    assert (await submit(client, stranger, lesson, attempt["attempt_id"], RIGHT)).status_code == 404
    bad_body = await client.post(
        f"/api/enrollment/quizzes/lessons/{lesson}/attempts/{attempt['attempt_id']}/submit",
        json={"answers": "nope"},
        headers=student,
    )
    assert bad_body.status_code == 422


async def test_concurrent_double_submit_gives_one_result(client, student, quiz_course):
    await enroll(client, student, quiz_course["id"])
    lesson = quiz_course["quiz_lesson"]
    attempt = (await start(client, student, quiz_course)).json()
    responses = await asyncio.gather(
        *(submit(client, student, lesson, attempt["attempt_id"], RIGHT) for _ in range(4))
    )
    assert sorted(r.status_code for r in responses) == [200, 409, 409, 409]
    attempts = (
        await client.get(f"/api/enrollment/quizzes/lessons/{lesson}/attempts/me", headers=student)
    ).json()
    assert len(attempts) == 1 and attempts[0]["passed"]


async def test_invalid_quizzes_are_refused_and_only_the_owner_edits(client, platform, teacher, free_course):
    lesson = free_course["lessons"][0]
    bad = {"questions": [{"kind": "single", "text": "?", "options": [{"text": "only one", "correct": True}]}]}
    assert (
        await client.put(f"/api/course/lessons/{lesson}/quiz", json=bad, headers=teacher)
    ).status_code == 422
    other = token_headers(platform, role="teacher", is_verified=True)
    assert (
        await client.put(f"/api/course/lessons/{lesson}/quiz", json=QUIZ, headers=other)
    ).status_code == 403
    assert (await client.delete(f"/api/course/lessons/{lesson}/quiz", headers=teacher)).status_code == 404
    assert (
        await client.put(f"/api/course/lessons/{lesson}/quiz", json=QUIZ, headers=teacher)
    ).status_code == 200
    assert (await client.delete(f"/api/course/lessons/{lesson}/quiz", headers=teacher)).status_code == 204


async def test_the_teacher_lists_submitted_attempts(client, teacher, student, quiz_course):
    await enroll(client, student, quiz_course["id"])
    lesson = quiz_course["quiz_lesson"]
    attempt = (await start(client, student, quiz_course)).json()
    await submit(client, student, lesson, attempt["attempt_id"], WRONG)
    url = f"/api/enrollment/quizzes/courses/{quiz_course['id']}/attempts"
    page = (await client.get(url, headers=teacher)).json()
    assert page["total"] == 1 and page["items"][0]["score"] == 0
    assert (await client.get(url, headers=student)).status_code == 403
