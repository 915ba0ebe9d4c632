"""N app instances on separate hosts behave as one platform (``-m multihost``, ~3 min).

Hosts are network namespaces on a bridge (tests/deploy/lab.py), set up by
tests/deploy/cluster.py: HAProxy on "lb", app instances on "app1" and "app2" (UI + API,
2 workers each, UI state in Redis), PostgreSQL A + PgBouncer + Redis on "data",
PostgreSQL B on "db2".

Shown: a browser session keeps working while the instance holding its websocket is
killed and while both instances are restarted one by one to point the course context at
another server; throughput through the balancer with 1 and 2 instances (recorded in
test-results/multihost/throughput.md, not asserted: both share this machine's cores).
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest

from tests.deploy.cluster import PG_BIN, ROOT, SCALE, Cluster, running_cluster, step
from tests.deploy.lab import missing_reason, wait_until

pytestmark = pytest.mark.multihost

REPORT = ROOT / "test-results" / "multihost" / "throughput.md"


@pytest.fixture(scope="module")
def cluster():
    if reason := missing_reason():
        pytest.skip(reason)
    if shutil.which("bun") is None:
        pytest.skip("bun is needed to build the frontend: npm install -g bun")
    with running_cluster() as running:
        yield running


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _locust(cluster: Cluster, label: str, seconds: int) -> dict[str, Any]:
    prefix = cluster.lab.root / f"locust-{label}"
    env = {
        **os.environ,
        "EDU_SEED_SCALE": SCALE,
        "LOCUST_WAIT_MIN": "0.05",
        "LOCUST_WAIT_MAX": "0.2",
    }
    before, box_before = resource.getrusage(resource.RUSAGE_CHILDREN), _cpu_times()
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", "loadtest/locustfile.py", "--headless", "--host", cluster.base,
         "-u", "20", "-r", "20", "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=seconds + 120,
    )  # fmt: skip
    after, box_after = resource.getrusage(resource.RUSAGE_CHILDREN), _cpu_times()
    with open(f"{prefix}_stats.csv") as f:
        total = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    busy = (box_after[0] - box_before[0]) / max(1, box_after[1] - box_before[1])
    failures = Path(f"{prefix}_failures.csv")
    errors = failures.read_text().splitlines()[1:] if failures.exists() else []
    return {
        "errors": errors,  # Locust's failure lines, for the report
        "requests": float(total["Request Count"]),
        "failures": float(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "locust_cpu": (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / seconds,
        "box_busy": busy * (os.cpu_count() or 1),
    }


@pytest.mark.timeout(900)  # includes starting the lab
def test_throughput_through_the_balancer_with_one_and_two_instances(cluster):
    """Alternating runs (1, 2, 1, 2 instances) so drift on a shared machine hits both."""
    _locust(cluster, "warmup", 8)
    runs = []
    for round_ in (1, 2):
        cluster.haproxy("disable server app/app2")
        try:
            runs.append((f"1 instance, round {round_}", _locust(cluster, f"one-{round_}", 15)))
        finally:
            cluster.haproxy("enable server app/app2")
        wait_until(lambda: cluster.server_state("app2") == "UP", "app2 back in rotation", 30)
        runs.append((f"2 instances, round {round_}", _locust(cluster, f"two-{round_}", 15)))
    # Whatever failed is in the report and the assertion message.
    for _, run in runs:
        assert run["requests"] > 0 and run["failures"] == 0, run
    one = sum(r["rps"] for label, r in runs if label.startswith("1")) / 2
    two = sum(r["rps"] for label, r in runs if label.startswith("2")) / 2
    rows = "\n".join(
        f"| {label} | {r['requests']:.0f} | {r['rps']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} "
        f"| {r['box_busy']:.2f} | {r['locust_cpu']:.2f} |"
        for label, r in runs
    )
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        f"""# Throughput through HAProxy, 1 vs 2 app instances ({when})

Locust planning profile, 20 users, wait 0.05-0.2 s, 15 s per run, scale {SCALE} data;
each instance 2 granian workers; {os.cpu_count()} cores shared by every host of the lab
(and by anything else running on the machine).

| run | requests | req/s | p50 ms | p95 ms | machine busy (cores) | Locust CPU (cores) |
|---|---:|---:|---:|---:|---:|---:|
{rows}

Mean req/s: 1 instance {one:.1f}, 2 instances {two:.1f}; ratio 2/1 {two / one:.2f}

Failures (Locust's lines): {sorted({e for _, r in runs for e in r["errors"]}) or "none"}
"""
    )
    print("\n" + REPORT.read_text())


@pytest.mark.timeout(900)
def test_a_browser_session_survives_instance_loss_and_a_context_moving_server(cluster):
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e import seed as e2e_seed
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.e2e.ui import sign_up

    seeder = e2e_seed.Seeder(cluster.base)
    # The lab's admin, only for this call: the browser tests that run later use the default.
    with mock.patch.object(e2e_seed, "ADMIN", ("admin@eduplatform.com", cluster.env["EDU_ADMIN_PASSWORD"])):
        teacher = seeder.verified_teacher()
    course = seeder.course(teacher, title="Scaling out", modules={"Hosts": ["Soil", "Water", "Light"]})
    expect.set_options(timeout=30_000)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=cluster.base).new_page()
        email = e2e_seed.unique_email("multihost")
        sign_up(page, name="Multi Host", email=email)
        page.goto(f"/courses/{course['id']}")
        expect(page.locator("#enroll-panel")).to_be_visible()

        # 1. The instance holding this page's websocket dies (SIGKILL: nothing is flushed).
        first = cluster.websocket_holder()
        step(f"the page's websocket is on {first}: killing it")
        cluster.stop_app(first, signal.SIGKILL)
        page.click("#enroll")
        expect(page.locator("#continue")).to_be_visible()
        page.click("#continue")
        expect(page.locator("#lesson-title")).to_have_text("Soil")
        page.click("#mark-complete")
        expect(page.locator("#lesson-done")).to_be_visible()
        expect(page.locator("#role-badge")).to_be_visible()  # still signed in

        # 2. The course context moves to server B: copy its database, then restart the
        #    instances one by one with the new URL (no course writes meanwhile).
        step("the session went on on the other instance; moving the course database to server B")
        dump = cluster.lab.root / "course.dump"
        run = {"check": True, "capture_output": True}
        subprocess.run([PG_BIN / "pg_dump", "-Fc", "-f", dump, f"{cluster.pg_a}/eduplatform_course"], **run)
        create = "CREATE DATABASE eduplatform_course"
        subprocess.run([PG_BIN / "psql", "-qd", f"{cluster.pg_b}/postgres", "-c", create], **run)
        subprocess.run(
            [PG_BIN / "pg_restore", "--no-owner", "-d", f"{cluster.pg_b}/eduplatform_course", dump], **run
        )
        cluster.start_app(first, course_on="B")
        step(f"{first} restarted with the course context on B")
        second = cluster.websocket_holder()
        step(f"the websocket is on {second}: stopping it (SIGTERM)")
        assert second != first
        cluster.stop_app(second, signal.SIGTERM)
        page.click("#next-lesson")
        expect(page.locator("#lesson-title")).to_have_text("Water")
        page.click("#mark-complete")
        expect(page.locator("#lesson-done")).to_be_visible()
        cluster.start_app(second, course_on="B")
        step(f"{second} restarted with the course context on B")
        browser.close()

    # Server A no longer has the course database; everything course-related comes from B.
    drop = "DROP DATABASE eduplatform_course WITH (FORCE)"
    subprocess.run([PG_BIN / "psql", "-qd", f"{cluster.pg_a}/postgres", "-c", drop], check=True)
    student = seeder.token(email)
    progress = httpx.get(
        f"{cluster.base}/api/enrollment/progress/courses/{course['id']}",
        headers={"Authorization": f"Bearer {student}"},
        timeout=10,
    ).json()
    assert progress["completed_lessons"] == 2, progress
    newer = seeder.course(teacher, title="Written to server B")
    count = subprocess.run(
        [PG_BIN / "psql", "-tAd", f"{cluster.pg_b}/eduplatform_course", "-c",
         f"SELECT count(*) FROM courses WHERE id = '{newer['id']}'"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    assert count == "1"
