"""PostgreSQL stops under load and comes back: clients get JSON 503s with Retry-After while
it is down (never a 500, never a dropped keep-alive connection), the app recovers within
5 s of the restart without a failed request on a stale pooled connection, no acknowledged
write is lost, and the outbox delivers what was enrolled meanwhile.

The app runs in uvicorn on a free port (real HTTP, so keep-alive is observable) against a
throw-away cluster this test starts itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
import uuid

import asyncpg
import httpx
import pytest
import uvicorn

from backend_services.api import create_api
from backend_services.bootstrap import build_platform, set_platform
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.security import Role
from backend_services.shared.settings import CONTEXTS
from tests.databases import base_settings
from tests.faults.cluster import ThrowawayCluster, _free_port, unavailable_reason

pytestmark = pytest.mark.faults

DOWN_SECONDS = 2.0
RECOVERY_LIMIT_SECONDS = 5.0
OUTBOX_LEASE_SECONDS = 2.0
WRITERS, ENROLLERS, READERS = 3, 2, 2


@dataclasses.dataclass
class Outcome:
    at: float
    worker: int
    kind: str
    status: int
    json: bool
    retry_after: str | None
    local_port: int | None
    body: dict


@pytest.fixture(scope="module")
def cluster():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    cluster = ThrowawayCluster()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
async def served(cluster):
    names = {name: f"faults_{name}_{uuid.uuid4().hex[:6]}" for name in CONTEXTS}
    admin = await asyncpg.connect(f"{cluster.dsn}/postgres")
    for db in names.values():
        await admin.execute(f'CREATE DATABASE "{db}"')
    await admin.close()
    settings = base_settings(
        **{f"{name}_database_url": f"{cluster.url}/{db}" for name, db in names.items()},
        db_pool_size=4,
        db_pool_timeout_seconds=2,
        db_connect_timeout_seconds=2,
        # An event whose inline delivery could not record its outcome (the database went
        # away mid-way) is due again when its claim's lease ends: short here.
        outbox_lease_seconds=OUTBOX_LEASE_SECONDS,
    )
    await asyncio.to_thread(upgrade_all, settings)
    platform = build_platform(settings)
    set_platform(platform)
    await platform.start(run_sweeper=False)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_api(with_lifespan=False), host="127.0.0.1", port=port, log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes a flag, not an event
        await asyncio.sleep(0.05)
    yield platform, f"http://127.0.0.1:{port}", names
    server.should_exit = True
    await task
    await platform.stop()


def _bearer(platform, role: str, verified: bool = False, user_id: uuid.UUID | None = None) -> dict:
    token = platform.tokens.issue(user_id=user_id or uuid.uuid4(), role=Role(role), is_verified=verified)
    return {"Authorization": f"Bearer {token}"}


def _local_port(response: httpx.Response) -> int | None:
    stream = response.extensions.get("network_stream")
    address = stream.get_extra_info("client_addr") if stream is not None else None
    return address[1] if address else None


async def _worker(
    base: str, worker: int, kind: str, request, outcomes: list[Outcome], stop: asyncio.Event
) -> None:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=15) as http:
        while not stop.is_set():
            response = await request(http)
            try:
                body = response.json()
                is_json = True
            except ValueError:
                body, is_json = {}, False
            outcomes.append(
                Outcome(
                    time.monotonic(),
                    worker,
                    kind,
                    response.status_code,
                    is_json and response.headers.get("content-type") == "application/json",
                    response.headers.get("retry-after"),
                    _local_port(response),
                    body if isinstance(body, dict) else {},
                )
            )
            await asyncio.sleep(0.02)


async def test_postgres_stops_and_restarts_under_load(cluster, served):
    platform, base, names = served
    async with httpx.AsyncClient(base_url=base) as http:
        course = await http.post(
            "/api/course/courses",
            json={"title": "Always on", "description": "", "level": "beginner"},
            headers=_bearer(platform, "teacher", verified=True),
        )
        assert course.status_code == 201, course.text
    course_id = course.json()["id"]
    writer = _bearer(platform, "student")

    def post_note(http):
        body = {"type": "reminder", "title": f"note {uuid.uuid4().hex[:8]}", "body": ""}
        return http.post("/api/notification/notifications", json=body, headers=writer)

    def enroll(http):
        headers = _bearer(platform, "student")  # a new student each time
        return http.post("/api/enrollment/enrollments", json={"course_id": course_id}, headers=headers)

    def read(http):
        return http.get("/api/course/courses")

    outcomes: list[Outcome] = []
    stop = asyncio.Event()
    jobs = [(post_note, "write")] * WRITERS + [(enroll, "enroll")] * ENROLLERS + [(read, "read")] * READERS
    workers = [
        asyncio.create_task(_worker(base, n, kind, fn, outcomes, stop)) for n, (fn, kind) in enumerate(jobs)
    ]
    await asyncio.sleep(1.0)
    await asyncio.to_thread(cluster.stop)
    down_at = time.monotonic()
    await asyncio.sleep(DOWN_SECONDS)
    await asyncio.to_thread(cluster.start)
    up_at = time.monotonic()
    await asyncio.sleep(RECOVERY_LIMIT_SECONDS + 1)
    stop.set()
    await asyncio.gather(*workers)
    ports_by_worker: dict[int, set[int | None]] = {}
    for o in outcomes:
        ports_by_worker.setdefault(o.worker, set()).add(o.local_port)

    # While down: JSON 503s with Retry-After; never a 500 or a non-JSON answer.
    assert not [o for o in outcomes if o.status >= 500 and o.status != 503], "a 500 was answered"
    assert all(o.json for o in outcomes), "an answer was not JSON"
    unavailable = [o for o in outcomes if o.status == 503]
    assert unavailable, "the outage was not observed"
    assert all(o.retry_after for o in unavailable)
    assert all(down_at - 1 <= o.at <= up_at + RECOVERY_LIMIT_SECONDS for o in unavailable)
    # Recovery: every kind of request succeeds again within the limit, and nothing fails after.
    for kind in ("write", "enroll", "read"):
        first_ok = min(o.at for o in outcomes if o.kind == kind and o.at > up_at and o.status < 300)
        assert first_ok - up_at <= RECOVERY_LIMIT_SECONDS, kind
        assert all(o.status < 300 for o in outcomes if o.kind == kind and o.at > first_ok)
    # Keep-alive: each worker kept its one connection through the 503s.
    assert len(ports_by_worker) == len(jobs)
    assert all(len(ports) == 1 and None not in ports for ports in ports_by_worker.values()), ports_by_worker

    # No acknowledged write is lost.
    acknowledged = {o.body["id"] for o in outcomes if o.kind == "write" and o.status == 201}
    stored = await _ids(
        cluster, names["notification"], "SELECT id FROM notifications WHERE type = 'reminder'"
    )
    assert acknowledged and acknowledged <= stored
    enrolled = {o.body["student_id"] for o in outcomes if o.kind == "enroll" and o.status == 201}
    stored_enrollments = await _ids(cluster, names["enrollment"], "SELECT student_id FROM enrollments")
    assert enrolled and enrolled <= stored_enrollments
    # The outbox still delivers: every acknowledged enrollment gets its notification, at the
    # latest once the leases taken while the database was away have run out.
    deadline = time.monotonic() + OUTBOX_LEASE_SECONDS + 5
    while True:
        await platform.sweep_outboxes()
        notified = await _ids(
            cluster, names["notification"], "SELECT user_id FROM notifications WHERE type = 'enrollment'"
        )
        if enrolled <= notified or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)
    assert enrolled <= notified


async def _ids(cluster: ThrowawayCluster, database: str, query: str) -> set[str]:
    conn = await asyncpg.connect(f"{cluster.dsn}/{database}")
    try:
        return {str(row[0]) for row in await conn.fetch(query)}
    finally:
        await conn.close()
