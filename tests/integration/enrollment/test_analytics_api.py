"""The teacher's course report: funnel, completion, quizzes, ratings, revenue, CSV."""

from __future__ import annotations

from tests.helpers import complete_lesson, enroll, pay, token_headers

API = "/api/enrollment"
QUIZ = {
    "pass_mark": 100,
    "questions": [{"id": "q", "kind": "text", "text": "Say yes", "accepted_answers": ["yes"]}],
}


async def take_quiz(client, student, course_id, lesson, answer):
    attempt = await client.post(
        f"{API}/quizzes/lessons/{lesson}/attempts", json={"course_id": course_id}, headers=student
    )
    return await client.post(
        f"{API}/quizzes/lessons/{lesson}/attempts/{attempt.json()['attempt_id']}/submit",
        json={"answers": {"q": [answer]}},
        headers=student,
    )


async def test_the_report_shows_where_students_drop_off(client, platform, teacher, paid_course):
    course_id, (first, second) = paid_course["id"], paid_course["lessons"]
    await client.put(f"/api/course/lessons/{second}/quiz", json=QUIZ, headers=teacher)
    students = [token_headers(platform, role="student") for _ in range(4)]
    for student in students:
        assert (await pay(client, student, course_id, "49.99")).status_code == 201
        assert (await enroll(client, student, course_id)).status_code == 201
    for student in students[:3]:
        await complete_lesson(client, student, first, course_id)
    await client.put(  # the fourth only watched the first lesson's video
        f"{API}/progress/lessons/{first}/position",
        json={"course_id": course_id, "position": 30, "duration": 60},
        headers=students[3],
    )
    await take_quiz(client, students[0], course_id, second, "no")
    await take_quiz(client, students[0], course_id, second, "yes")  # passes: completes the course
    await take_quiz(client, students[1], course_id, second, "no")
    review = {"course_id": course_id, "rating": 4, "comment": ""}
    assert (await client.post("/api/course/reviews", json=review, headers=students[0])).status_code == 201
    await platform.sweep_outboxes()

    report = (await client.get(f"{API}/analytics/courses/{course_id}", headers=teacher)).json()
    assert (report["students"], report["completed"], report["completion_rate"]) == (4, 1, 25.0)
    assert report["certificates"] == 1
    assert [(r["position"], r["reached"], r["completed"], r["drop_off"]) for r in report["funnel"]] == [
        (1, 4, 3, 1),
        (2, 2, 1, 2),
    ]
    (quiz,) = report["quizzes"]
    assert (quiz["students_attempted"], quiz["students_passed"], quiz["attempts"], quiz["pass_rate"]) == (
        2,
        1,
        3,
        50.0,
    )
    assert report["ratings"] == [{"rating": r, "count": int(r == 4)} for r in range(1, 6)]
    assert (report["revenue"], report["payments"]) == ("199.96", 4)
    assert sum(d["count"] for d in report["enrollments_by_day"]) == 4

    csv = await client.get(f"{API}/analytics/courses/{course_id}/csv", headers=teacher)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "position,lesson,reached,completed,drop_off" in csv.text and "Lesson 2,2,1,2" in csv.text


async def test_only_the_course_teacher_reads_the_report(client, platform, student, free_course):
    url = f"{API}/analytics/courses/{free_course['id']}"
    assert (await client.get(url, headers=student)).status_code == 403
    other = token_headers(platform, role="teacher", is_verified=True)
    assert (await client.get(url, headers=other)).status_code == 403
    missing = await client.get(f"{API}/analytics/courses/00000000-0000-0000-0000-000000000000", headers=other)
    assert missing.status_code == 404
