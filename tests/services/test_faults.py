"""Faults the five-service topology must survive: a consumer down for a while, a context that
refuses or hangs, and a broker restart."""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from backend_services.shared.remote.errors import UNAVAILABLE
from tests.services.api import Api, wait_until
from tests.services.cluster import ROOT, FiveServices, pg

pytestmark = pytest.mark.services

DOWNTIME_SECONDS = float(os.environ.get("EDU_TEST_DOWNTIME_SECONDS", "30"))
# What a request to enrollment may take while course is down: the remote budget (2 s in
# the cluster) plus generous room on two shared cores. A hang would exceed it.
CLEAN_503_WITHIN = 15.0


def enrolled_student(api: Api, course_id: str, name: str) -> str:
    token, _ = api.register(name)
    response = api.enroll(token, course_id)
    assert response.status_code == 201, response.text
    return token


def assert_each_told_once(api: Api, students: list[str], *, within: float) -> None:
    """Every student ends with exactly one registration and one enrollment notification."""
    expected = ["enrollment", "registration"]

    def all_arrived() -> bool:
        return all(sorted(n["type"] for n in api.notifications(s)) == expected for s in students)

    wait_until(all_arrived, within=within, what=f"notifications of {len(students)} students")
    # Redeliveries (unacknowledged messages come back after the ack wait, 5 s here) must not
    # add anything: look again once that has passed.
    time.sleep(6)
    counts = [len(api.notifications(s)) for s in students]
    assert counts == [2] * len(students)


def outbox_backlog(cluster: FiveServices, *contexts: str) -> int:
    """Events committed but not yet handed to the broker (read as the database administrator)."""
    total = 0
    for ctx in contexts:
        rows = pg(
            "SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL",
            database=cluster.services[ctx].database,
        )
        total += rows[0]["n"]
    return total


def dead_letters(cluster: FiveServices) -> str:
    env = cluster.services["notification"].env
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "backend_services.shared.broker.dlq", "list"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_notifications_sent_while_the_notification_service_is_down_arrive_once(
    cluster: FiveServices, api: Api
):
    teacher, _ = api.verified_teacher("Rhea")
    course = api.course(teacher, "Resilience 101", lessons=1)
    students = [enrolled_student(api, course["id"], "Before")]
    cluster.kill("notification")  # right after events were published: some are in flight
    down_since = time.monotonic()
    while time.monotonic() - down_since < DOWNTIME_SECONDS:
        # Enrollment does not depend on notification: it keeps working.
        students.append(enrolled_student(api, course["id"], f"During {len(students)}"))
        time.sleep(min(2.0, max(0.0, DOWNTIME_SECONDS - (time.monotonic() - down_since))))
    cluster.start("notification")
    assert len(students) >= 3
    assert_each_told_once(api, students, within=60)


def test_enrollment_answers_a_clean_503_while_course_is_down_and_recovers(cluster: FiveServices, api: Api):
    teacher, _ = api.verified_teacher("Cato")
    course = api.course(teacher, "Fault Lines", lessons=1)
    student, _ = api.register("Cora")

    def count() -> int:
        return api.ok("enrollment", "GET", f"/enrollments/course/{course['id']}/count")["count"]

    def enroll_within_budget():
        # A hang would exceed the client's timeout and fail the test with a ReadTimeout.
        body = {"course_id": course["id"]}
        return api.call("enrollment", "POST", "/enrollments", student, json=body, timeout=CLEAN_503_WITHIN)

    cluster.kill("course")
    try:
        for _ in range(5):  # the first few try course; then the breaker answers at once
            response = enroll_within_budget()
            assert response.status_code == 503, response.text
            assert response.json() == {"detail": UNAVAILABLE}
            assert int(response.headers["Retry-After"]) >= 1
        # No partial write: nothing was stored for the student.
        assert api.ok("enrollment", "GET", "/enrollments/me", student)["total"] == 0
        assert count() == 0
    finally:
        cluster.start("course")

    cluster.freeze("course")  # now it hangs instead of refusing
    try:
        response = enroll_within_budget()
        assert response.status_code == 503, response.text
        assert api.ok("enrollment", "GET", "/enrollments/me", student)["total"] == 0
    finally:
        cluster.thaw("course")

    # Course is back: after the breaker's pause a trial call goes through and enrollment works.
    wait_until(lambda: api.enroll(student, course["id"]).status_code == 201, within=30, what="enrollment")
    assert count() == 1


def test_nothing_is_lost_when_the_broker_restarts(cluster: FiveServices, api: Api):
    assert cluster.nats is not None
    teacher, _ = api.verified_teacher("Bram")
    course = api.course(teacher, "Message Queues", lessons=1)

    # 1. Events stored in the broker, not yet consumed, survive a broker restart.
    cluster.kill("notification")
    stored = [enrolled_student(api, course["id"], f"Stored {i}") for i in range(3)]
    wait_until(lambda: outbox_backlog(cluster, "identity", "enrollment") == 0, within=30, what="relay")
    cluster.nats.stop()
    # 2. Events committed while the broker is down wait in the producers' outboxes.
    held = [enrolled_student(api, course["id"], f"Held {i}") for i in range(3)]
    assert outbox_backlog(cluster, "identity", "enrollment") >= len(held)
    cluster.nats.start()
    cluster.start("notification")
    assert_each_told_once(api, stored + held, within=60)

    # 3. A restart under running consumers and relays.
    cluster.nats.restart()
    after = [enrolled_student(api, course["id"], f"After {i}") for i in range(3)]
    assert_each_told_once(api, after, within=60)
    assert outbox_backlog(cluster, "identity", "enrollment", "payment") == 0
    assert "0 dead letter(s)" in dead_letters(cluster)
