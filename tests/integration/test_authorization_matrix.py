"""Who may do what: every operation of the OpenAPI document x every role, against objects
that belong to someone else. The rows are written by hand (what API.md promises); the
operations come from the app, so a new route without a row fails this test.

Roles: ``anon`` (no token), ``student`` (enrolled nowhere), ``enrolled`` (paid for and
enrolled in the course, owns the payment and the notification), ``teacher`` (verified,
not the course's), ``owner`` (the course's verified teacher), ``admin``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from tests.helpers import (
    add_lessons,
    admin_headers,
    complete_lesson,
    create_course,
    enroll,
    pay,
    register,
    unique_email,
    verified_teacher,
)

ROLES = ("anon", "student", "enrolled", "teacher", "owner", "admin")
QUIZ = {
    "pass_mark": 50,
    "questions": [
        {
            "kind": "single",
            "text": "Two plus two?",
            "options": [{"text": "4", "correct": True}, {"text": "5"}],
        }
    ],
}
OK = {200, 201, 204}


@dataclass
class Row:
    """Expected status per role (``rest`` for the roles not named)."""

    body: Callable[[dict], dict] | None = None
    expect: dict[str, set[int]] = field(default_factory=dict)
    rest: set[int] = field(default_factory=lambda: {403})
    fresh: str | None = None  # "module" / "lesson": the call destroys it, make one per role

    def expected(self, role: str) -> set[int]:
        if role in self.expect:
            return self.expect[role]
        return {401} if role == "anon" else self.rest


def public(**extra) -> Row:
    return Row(expect={role: {200} for role in ROLES}, **extra)


def signed_in(**extra) -> Row:
    return Row(expect={"anon": {401}}, rest={200}, **extra)


def only(roles: dict[str, set[int]], *, rest: set[int] | None = None, **extra) -> Row:
    return Row(expect=roles, rest=rest or {403}, **extra)


def _lesson(objects: dict) -> dict:
    return {"title": "New lesson", "content": "text"}


ROWS: dict[tuple[str, str], Row] = {
    # identity
    ("POST", "/api/identity/register"): Row(
        body=lambda o: {"email": unique_email("m"), "password": "password123", "name": "M"},
        expect={role: {200} for role in ROLES},
    ),
    ("POST", "/api/identity/login"): Row(body=lambda o: o["admin_login"], expect={r: {200} for r in ROLES}),
    ("GET", "/api/identity/me"): signed_in(),
    # The refresh token is the credential here: a bearer access token grants nothing.
    ("POST", "/api/identity/refresh"): Row(
        body=lambda o: {"refresh_token": "not-a-refresh-token"}, expect={r: {401} for r in ROLES}
    ),
    ("POST", "/api/identity/logout"): Row(
        body=lambda o: {"refresh_token": "not-a-refresh-token"}, expect={r: {401} for r in ROLES}
    ),
    # Mailed single-use tokens: someone else's (here: a forged one) never works.
    ("POST", "/api/identity/verify-email"): Row(
        body=lambda o: {"token": "forged-token"}, expect={r: {400, 401} for r in ROLES}
    ),
    ("POST", "/api/identity/reset-password"): Row(
        body=lambda o: {"token": "forged-token", "new_password": "password123"},
        expect={r: {400, 401} for r in ROLES},
    ),
    ("POST", "/api/identity/forgot-password"): Row(
        body=lambda o: {"email": unique_email("forgot")}, expect={r: {204} for r in ROLES}
    ),
    ("POST", "/api/identity/resend-verification"): Row(expect={"anon": {401}}, rest={204}),
    ("GET", "/api/identity/admin/teachers/pending"): only({"admin": {200}}),
    ("PATCH", "/api/identity/admin/users/{user_id}/verify"): only({"admin": {200}}),
    # course
    ("GET", "/api/course/courses"): public(),
    ("GET", "/api/course/categories"): public(),
    ("POST", "/api/course/courses"): only(
        {"teacher": {201}, "owner": {201}}, body=lambda o: {"title": "T", "level": "beginner"}
    ),
    ("GET", "/api/course/courses/my"): only({"teacher": {200}, "owner": {200}}),
    ("GET", "/api/course/courses/{course_id}"): public(),
    ("PUT", "/api/course/courses/{course_id}"): only({"owner": {200}}, body=lambda o: {"title": "Renamed"}),
    ("GET", "/api/course/courses/{course_id}/curriculum"): public(),
    ("POST", "/api/course/courses/{course_id}/modules"): only(
        {"owner": {201}}, body=lambda o: {"title": "M"}
    ),
    ("PUT", "/api/course/modules/{module_id}"): only({"owner": {200}}, body=lambda o: {"title": "M2"}),
    ("DELETE", "/api/course/modules/{module_id}"): only({"owner": {204}}, fresh="module"),
    ("POST", "/api/course/modules/{module_id}/lessons"): only({"owner": {201}}, body=_lesson),
    # Paid content: 401 anonymous, 403 not enrolled; the reader roles get it.
    ("GET", "/api/course/lessons/{lesson_id}"): only({"enrolled": {200}, "owner": {200}, "admin": {200}}),
    ("PUT", "/api/course/lessons/{lesson_id}"): only({"owner": {200}}, body=lambda o: {"title": "L2"}),
    ("DELETE", "/api/course/lessons/{lesson_id}"): only({"owner": {204}}, fresh="lesson"),
    ("POST", "/api/course/reviews"): only(
        {"enrolled": {201}}, body=lambda o: {"course_id": o["course_id"], "rating": 5, "comment": "Good"}
    ),
    ("GET", "/api/course/reviews/course/{course_id}"): public(),
    # enrollment
    ("POST", "/api/enrollment/enrollments"): only(
        {"student": {402}, "enrolled": {409}}, body=lambda o: {"course_id": o["course_id"]}
    ),
    ("GET", "/api/enrollment/enrollments/me"): signed_in(),
    ("GET", "/api/enrollment/enrollments/course/{course_id}/count"): public(),
    ("GET", "/api/enrollment/enrollments/course/{course_id}/students"): only(
        {"owner": {200}, "admin": {200}}
    ),
    # The enrolled student gets past authorization to the rules: the lesson, done before it got
    # its quiz, is already complete (and now asks for the quiz first).
    ("POST", "/api/enrollment/progress/lessons/{lesson_id}/complete"): only(
        {"enrolled": {409}}, body=lambda o: {"course_id": o["course_id"]}
    ),
    # A caller's own progress: zero for anyone not enrolled, never someone else's.
    ("GET", "/api/enrollment/progress/courses/{course_id}"): signed_in(),
    ("GET", "/api/enrollment/progress/courses/{course_id}/lessons"): signed_in(),
    # payment
    ("POST", "/api/payment/payments"): only(
        {"student": {201}, "enrolled": {409}}, body=lambda o: {"course_id": o["course_id"], "amount": "20.00"}
    ),
    ("GET", "/api/payment/payments/me"): signed_in(),
    # Someone else's payment is reported missing (404), not forbidden.
    ("GET", "/api/payment/payments/{payment_id}"): only({"enrolled": {200}}, rest={404}),
    # notification
    ("POST", "/api/notification/notifications"): Row(
        expect={"anon": {401}}, rest={201}, body=lambda o: {"type": "reminder", "title": "Hi", "body": ""}
    ),
    ("GET", "/api/notification/notifications/me"): signed_in(),
    ("GET", "/api/notification/notifications/me/unread-count"): signed_in(),
    ("PATCH", "/api/notification/notifications/read-all"): signed_in(),
    ("PATCH", "/api/notification/notifications/{notification_id}/read"): only(
        {"enrolled": {200}}, rest={404}
    ),
    # learning: quizzes (content in course, attempts in enrollment)
    ("PUT", "/api/course/lessons/{lesson_id}/quiz"): only({"owner": {200}}, body=lambda o: QUIZ),
    ("GET", "/api/course/lessons/{lesson_id}/quiz"): only({"owner": {200}}),
    # A fresh lesson has no quiz: the owner gets past authorization to "no quiz".
    ("DELETE", "/api/course/lessons/{lesson_id}/quiz"): only({"owner": {404}}, fresh="lesson"),
    ("POST", "/api/enrollment/quizzes/lessons/{lesson_id}/attempts"): only(
        {"enrolled": {201}}, body=lambda o: {"course_id": o["course_id"]}
    ),
    # Someone else's attempt does not exist for a student; non-students take no quizzes.
    ("POST", "/api/enrollment/quizzes/lessons/{lesson_id}/attempts/{attempt_id}/submit"): only(
        {"enrolled": {200}, "student": {404}}, body=lambda o: {"answers": {}}
    ),
    ("GET", "/api/enrollment/quizzes/lessons/{lesson_id}/attempts/me"): signed_in(),
    ("GET", "/api/enrollment/quizzes/courses/{course_id}/attempts"): only({"owner": {200}, "admin": {200}}),
    # certificates: public verification, the PDF for its owner only
    ("GET", "/api/enrollment/certificates/me"): signed_in(),
    ("GET", "/api/enrollment/certificates/{code}"): public(),
    ("GET", "/api/enrollment/certificates/{code}/pdf"): only({"enrolled": {200}}),
    # video progress
    ("PUT", "/api/enrollment/progress/lessons/{lesson_id}/position"): only(
        {"enrolled": {200}}, body=lambda o: {"course_id": o["course_id"], "position": 30, "duration": 600}
    ),
    # Only one's own position: "never watched" (204) for everyone but the enrolled student.
    ("GET", "/api/enrollment/progress/lessons/{lesson_id}/position"): only({"enrolled": {200}}, rest={204}),
    ("GET", "/api/enrollment/progress/courses/{course_id}/resume"): signed_in(),
    # teacher analytics
    ("GET", "/api/enrollment/analytics/courses/{course_id}"): only({"owner": {200}, "admin": {200}}),
    ("GET", "/api/enrollment/analytics/courses/{course_id}/csv"): only({"owner": {200}, "admin": {200}}),
}


def _operations(document: dict) -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
        if "/health/" not in path  # probes: public by design, covered by the health tests
    }


def test_every_operation_has_a_row(client):
    document = client._transport.app.openapi()  # type: ignore[attr-defined]
    operations = _operations(document)
    assert operations - ROWS.keys() == set(), "operations without an authorization row"
    assert ROWS.keys() - operations == set(), "rows for operations that no longer exist"


@pytest.fixture
async def world(client, platform) -> dict:
    """Real accounts for every role and objects that belong to ``owner`` and ``enrolled``."""
    owner = await verified_teacher(client, platform)
    course = await create_course(client, owner, is_free=False, price="20.00")
    [lesson] = await add_lessons(client, owner, course["id"], 1)
    module_id = (await client.get(f"/api/course/lessons/{lesson}", headers=owner)).json()["module_id"]
    enrolled = await register(client)
    payment = (await pay(client, enrolled, course["id"], "20.00")).json()
    assert (await enroll(client, enrolled, course["id"])).status_code == 201
    note = await client.post(
        "/api/notification/notifications", json={"type": "reminder", "title": "Mine"}, headers=enrolled
    )
    # The only lesson done: the course is completed and its certificate issued; then the lesson
    # gets a quiz, and the enrolled student an open attempt at it.
    assert (await complete_lesson(client, enrolled, lesson, course["id"])).status_code == 201
    [certificate] = (await client.get("/api/enrollment/certificates/me", headers=enrolled)).json()["items"]
    assert (
        await client.put(f"/api/course/lessons/{lesson}/quiz", json=QUIZ, headers=owner)
    ).status_code == 200
    attempt = await client.post(
        f"/api/enrollment/quizzes/lessons/{lesson}/attempts",
        json={"course_id": course["id"]},
        headers=enrolled,
    )
    admin = await admin_headers(client, platform)
    return {
        "headers": {
            "anon": {},
            "student": await register(client),
            "enrolled": enrolled,
            "teacher": await verified_teacher(client, platform),
            "owner": owner,
            "admin": admin,
        },
        "ids": {
            "course_id": course["id"],
            "module_id": module_id,
            "lesson_id": lesson,
            "payment_id": payment["id"],
            "notification_id": note.json()["id"],
            "code": certificate["code"],
            "attempt_id": attempt.json()["attempt_id"],
        },
        "admin_login": {"email": platform.settings.admin_email, "password": platform.settings.admin_password},
        "course_id": course["id"],
    }


async def _ids_for(client, world: dict, row: Row, path: str) -> dict:
    ids = dict(world["ids"])
    owner = world["headers"]["owner"]
    if row.fresh == "module" or row.fresh == "lesson":
        module = await client.post(
            f"/api/course/courses/{ids['course_id']}/modules", json={"title": "Doomed"}, headers=owner
        )
        ids["module_id"] = module.json()["id"]
        lesson = await client.post(
            f"/api/course/modules/{ids['module_id']}/lessons",
            json={"title": "Doomed", "content": ""},
            headers=owner,
        )
        ids["lesson_id"] = lesson.json()["id"]
    if "{user_id}" in path:
        pending = await register(client, role="teacher", email=unique_email("pending"))
        ids["user_id"] = (await client.get("/api/identity/me", headers=pending)).json()["id"]
    return ids


async def test_authorization_matrix(client, world):
    wrong = []
    for (method, path), row in ROWS.items():
        for role in ROLES:
            ids = await _ids_for(client, world, row, path)
            url = path.format(**ids)
            body = row.body(world) if row.body else None
            response = await client.request(method, url, json=body, headers=world["headers"][role])
            if response.status_code not in row.expected(role):
                wrong.append(f"{method} {path} as {role}: {response.status_code} {response.text[:120]}")
    assert wrong == []


def test_rows_name_only_known_roles():
    for row in ROWS.values():
        assert set(row.expect) <= set(ROLES)
