"""Five services as separate processes, each owning only its database: the student, teacher
and admin journey over HTTP, and what PostgreSQL itself sees of their connections."""

from __future__ import annotations

import asyncpg
import pytest

from backend_services.shared.settings import CONTEXTS
from tests.services.api import ADMIN, Api, bearer, wait_until
from tests.services.cluster import SERVICE_SECRET, FiveServices, pg

pytestmark = pytest.mark.services


def test_student_teacher_and_admin_journey_over_http(cluster: FiveServices, api: Api):
    teacher, teacher_id = api.verified_teacher("Tess")
    paid = api.course(teacher, "Distributed Systems in Practice", price="49.99", lessons=2)
    free = api.course(teacher, "Free Intro to Queues", lessons=1)
    assert api.ok("course", "GET", "/courses", params={"q": "distributed"})["total"] == 1

    student, student_id = api.register("Sam")
    # payment asks course for the price (remote port), refuses a wrong amount
    wrong = api.call(
        "payment", "POST", "/payments", student, json={"course_id": paid["id"], "amount": "1.00"}
    )
    assert wrong.status_code in (409, 422), wrong.text
    early = api.enroll(student, paid["id"])
    assert early.status_code == 402, early.text
    payment = api.ok(
        "payment", "POST", "/payments", student, json={"course_id": paid["id"], "amount": "49.99"}
    )
    # enrollment asks course (summary) and payment (the completed payment) over HTTP
    enrolled = api.enroll(student, paid["id"], payment["id"])
    assert enrolled.status_code == 201, enrolled.text
    assert api.enroll(student, free["id"]).status_code == 201
    assert api.enroll(student, free["id"]).status_code == 409

    for lesson_id in api.lesson_ids(paid["id"]):
        api.ok(
            "enrollment",
            "POST",
            f"/progress/lessons/{lesson_id}/complete",
            student,
            json={"course_id": paid["id"]},
        )
    progress = api.ok("enrollment", "GET", f"/progress/courses/{paid['id']}", student)
    assert progress["completed_lessons"] == progress["total_lessons"] == 2
    # course asks enrollment whether the student may review
    review = api.call(
        "course", "POST", "/reviews", student, json={"course_id": paid["id"], "rating": 5, "comment": "Good"}
    )
    assert review.status_code == 201, review.text
    stranger, _ = api.register("Stan")
    refused = api.call(
        "course", "POST", "/reviews", stranger, json={"course_id": paid["id"], "rating": 1, "comment": "x"}
    )
    assert refused.status_code == 403
    roster = api.ok("enrollment", "GET", f"/enrollments/course/{paid['id']}/students", teacher)
    assert [(s["student_id"], s["percentage"]) for s in roster["items"]] == [(student_id, 100.0)]

    # Every side effect arrived through the broker, once.
    expected = ["certificate", "course_completed", "enrollment", "enrollment", "payment", "registration"]
    wait_until(
        lambda: sorted(n["type"] for n in api.notifications(student)) == expected,
        within=30,
        what="the student's notifications",
    )
    # The completion's certificate was issued by enrollment, from the broker's course_completed.
    certificates = api.ok("enrollment", "GET", "/certificates/me", student)["items"]
    assert [(c["course_id"], c["course_title"]) for c in certificates] == [(paid["id"], paid["title"])]
    wait_until(
        lambda: sorted(n["type"] for n in api.notifications(teacher)) == ["registration", "teacher_verified"],
        within=30,
        what="the teacher's notifications",
    )


def test_internal_endpoints_refuse_user_tokens_and_public_ones_refuse_service_tokens(cluster, api: Api):
    import jwt

    admin = api.login(*ADMIN)
    reads = {
        "identity": "get_users",
        "course": "count_lessons_many",
        "enrollment": "count_for_course",
        "payment": "find_completed_payment",
        "notification": "unread_count",
    }
    for ctx, method in reads.items():
        r = api.call(ctx, "POST", f"/internal/{ctx}/{method}", admin, json={})
        assert r.status_code == 401, (ctx, r.status_code, r.text)
    service = jwt.encode(
        {"iss": "enrollment", "sub": "service:enrollment", "aud": "eduplatform:course", "typ": "service",
         "iat": 1, "exp": 2**31 - 1},
        SERVICE_SECRET,
    )  # fmt: skip
    ok = api.call("course", "POST", "/internal/course/count_lessons_many", service, json={"course_ids": []})
    assert ok.status_code == 200 and ok.json() == {"result": {}}
    assert api.call("identity", "GET", "/me", headers=bearer(service)).status_code == 401
    assert api.call("course", "GET", "/courses/my", service).status_code == 401


def test_no_service_process_is_connected_to_another_contexts_database(cluster: FiveServices, api: Api):
    # Some traffic on every service, so each holds pooled connections right now.
    token, _ = api.register("Pia")
    api.ok("course", "GET", "/courses")
    api.ok("enrollment", "GET", "/enrollments/me", token)
    api.ok("payment", "GET", "/payments/me", token)
    api.ok("notification", "GET", "/notifications/me", token)
    for ctx in CONTEXTS:
        service = cluster.services[ctx]
        seen = cluster.database_connections(ctx)
        assert seen, f"{ctx} holds no connection to inspect"
        assert set(seen) == {(service.database, service.role)}, (ctx, seen)
        # Seen from the database: the role never appears on another database.
        rows = pg("SELECT DISTINCT datname FROM pg_stat_activity WHERE usename = $1", service.role)
        assert {r["datname"] for r in rows} <= {service.database}
        # No SQLite stand-ins for the other contexts either.
        assert list(service.data_dir.glob("*.db")) == []


def test_a_services_role_cannot_open_another_contexts_database(cluster: FiveServices):
    course, identity = cluster.services["course"], cluster.services["identity"]
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        pg("SELECT 1", user=course.role, database=identity.database)
    assert (
        pg("SELECT current_database() AS db", user=course.role, database=course.database)[0]["db"]
        == course.database
    )
