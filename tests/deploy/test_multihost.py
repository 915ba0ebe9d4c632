"""N app instances on separate hosts behave as one platform (``-m multihost``, ~4 min).

Hosts are network namespaces on a bridge (tests/deploy/lab.py):

    lb     HAProxy :3000 (HTTP + websockets, health checks, runtime API)
    app1   app instance: Reflex UI + API, 2 granian workers  ──┐
    app2   app instance: the same                            ──┤ UI state in Redis
    data   PostgreSQL A + PgBouncer :6432 (transaction mode) + Redis
    db2    PostgreSQL B (the course context moves here by configuration)

Shown: a browser session keeps working while the instance holding its websocket is
killed and while both instances are restarted one by one to point the course context at
another server; throughput through the balancer with 1 and 2 instances (recorded in
test-results/multihost/throughput.md, not asserted: both share this machine's cores).
"""

from __future__ import annotations

import csv
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.deploy import lab as lab_module
from tests.deploy.lab import Lab, start_postgres, wait_until
from tests.deploy.pgbouncer import PgBouncer

pytestmark = pytest.mark.multihost

ROOT = Path(__file__).resolve().parents[2]
PORT = 3000  # every host has its own network stack
CONTEXTS = ("identity", "course", "enrollment", "payment", "notification")
SCALE = "0.001"  # seeded accounts for Locust: user{i}@example.com
REPORT = ROOT / "test-results" / "multihost" / "throughput.md"
PG_BIN = lab_module.PG_BIN


@dataclass
class Cluster:
    lab: Lab
    env: dict[str, str]
    pg_a: str
    pg_b: str
    bouncer: PgBouncer
    apps: dict[str, object] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://{self.lab.hosts['lb'].ip}:{PORT}"

    def database_urls(self, course_on: str) -> dict[str, str]:
        """Four contexts through PgBouncer on host data; course via PgBouncer (A) or on db2 (B)."""
        urls = {c: f"{self.bouncer.url('eduplatform_' + c)}" for c in CONTEXTS}
        if course_on == "B":
            urls["course"] = f"{self.pg_b.replace('postgresql:', 'postgresql+asyncpg:')}/eduplatform_course"
        return {f"EDU_{c.upper()}_DATABASE_URL": url for c, url in urls.items()}

    def start_app(self, name: str, course_on: str = "A") -> None:
        host = self.lab.hosts[name]
        env = {
            **self.env,
            **self.database_urls(course_on),
            "EDU_DB_PGBOUNCER": "true",
            "EDU_DATA_DIR": str(self.lab.root / f"data-{name}"),
            "PROMETHEUS_MULTIPROC_DIR": str(self.lab.root / f"metrics-{name}"),
        }
        Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir(exist_ok=True)
        command = [sys.executable, "scripts/serve.py", "--host", host.ip, "--port", str(PORT)]
        process = self.lab.start(name, host, command, env=env, cwd=ROOT)
        url = f"http://{host.ip}:{PORT}"
        wait_until(
            lambda: (
                httpx.get(f"{url}/api/course/health/ready", timeout=2).status_code == 200
                and httpx.get(url, timeout=5).status_code == 200
            ),
            f"app instance {name}",
            timeout=180,
            process=process,
        )
        self.apps[name] = process
        # HAProxy sees it up after two good checks (1 s apart).
        wait_until(lambda: self.server_state(name) == "UP", f"HAProxy marks {name} up", 30)

    def stop_app(self, name: str, sig: int) -> None:
        self.lab.stop(self.apps.pop(name), sig)
        wait_until(lambda: self.server_state(name) != "UP", f"HAProxy marks {name} down", 30)

    def haproxy(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(self.lab.root / "haproxy.sock"))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def _stats(self) -> dict[str, dict[str, str]]:
        rows = csv.DictReader(self.haproxy("show stat").lstrip("# ").splitlines())
        return {r["svname"]: r for r in rows if r["pxname"] == "app"}

    def server_state(self, name: str) -> str:
        return self._stats()[name]["status"]

    def websocket_holder(self) -> str:
        """The instance with a connection open while the page is idle: its websocket."""
        holders = []

        def one_holder() -> bool:
            holders[:] = [n for n, r in self._stats().items() if n in self.apps and int(r["scur"]) > 0]
            return len(holders) == 1

        wait_until(one_holder, "exactly one instance holds the websocket", 15)
        return holders[0]


START = time.monotonic()


def step(message: str) -> None:
    """Progress on stdout (seen with -s, as scripts/multihost.sh runs it)."""
    print(f"[{time.monotonic() - START:6.1f} s] {message}", flush=True)


def _build_frontend(web: Path) -> None:
    """The UI built once for every instance; browsers reach the websocket on port PORT."""
    env = {
        **os.environ,
        "REFLEX_WEB_WORKDIR": str(web),
        "REFLEX_API_URL": f"http://localhost:{PORT}",
        "EDU_DATA_DIR": str(web.parent / "build-data"),
    }
    done = subprocess.run(
        [str(ROOT / ".venv/bin/reflex"), "export", "--frontend-only", "--no-zip", "--env", "prod"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def _haproxy_config(lab: Lab) -> Path:
    servers = "\n".join(
        f"    server {n} {lab.hosts[n].ip}:{PORT} check inter 1s fall 2 rise 2" for n in ("app1", "app2")
    )
    path = lab.root / "haproxy.cfg"
    path.write_text(f"""global
    stats socket {lab.root}/haproxy.sock mode 600 level admin
    maxconn 4000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # websockets: the UI session's connection stays open
    timeout tunnel 1h
    # server connections end with each response, so an idle page holds only its websocket
    option http-server-close
    # a request refused by a stopped instance goes to another one
    option redispatch
    retries 3

frontend public
    bind {lab.hosts["lb"].ip}:{PORT}
    default_backend app

backend app
    balance roundrobin
    option httpchk GET /api/identity/health/ready
{servers}
""")
    return path


@pytest.fixture(scope="module")
def cluster():
    if reason := lab_module.missing_reason():
        pytest.skip(reason)
    if shutil.which("bun") is None:
        pytest.skip("bun is needed to build the frontend: npm install -g bun")
    lab_module.cleanup_stale()
    with Lab() as lab:
        for name in ("lb", "app1", "app2", "data", "db2"):
            lab.add_host(name)
        data = lab.hosts["data"]
        pg_a = start_postgres(lab, data)
        pg_b = start_postgres(lab, lab.hosts["db2"])
        bouncer = PgBouncer((data.ip, 5432), listen=data.ip, port=6432, pool_size=20, wrap=data.wrap())
        lab.processes.append(("pgbouncer", bouncer.process, signal.SIGINT))
        redis = [
            "redis-server", "--bind", data.ip, "--port", "6379", "--save", "", "--appendonly", "no",
            "--protected-mode", "no",
        ]  # fmt: skip
        lab.start("redis", data, redis)
        env = {
            "EDU_ENV": "production",
            "EDU_JWT_SECRET": secrets.token_urlsafe(48),
            "EDU_ADMIN_PASSWORD": secrets.token_urlsafe(18),
            "EDU_AUTO_MIGRATE": "false",
            "EDU_DB_POOL_SIZE": "5",
            "EDU_OUTBOX_POLL_SECONDS": "0.5",
            "REFLEX_REDIS_URL": f"redis://{data.ip}:6379",
            "REFLEX_USE_GRANIAN": "true",
            "GRANIAN_WORKERS": "2",
            "REFLEX_WEB_WORKDIR": str(lab.root / "web"),
        }
        cluster = Cluster(lab, env, pg_a, pg_b, bouncer)
        step("hosts, PostgreSQL A and B, PgBouncer, Redis up; building the frontend")
        _build_frontend(lab.root / "web")
        step("frontend built; seeding")
        # Every context on server A, created, migrated and seeded directly (not through PgBouncer).
        server_a = pg_a.replace("postgresql:", "postgresql+asyncpg:")
        direct = {f"EDU_{c.upper()}_DATABASE_URL": f"{server_a}/eduplatform_{c}" for c in CONTEXTS}
        seed = subprocess.run(
            [sys.executable, "-m", "loadtest.seed", "--scale", SCALE, "--reset", "--quiet"],
            cwd=ROOT,
            env={**os.environ, **env, **direct},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert seed.returncode == 0, seed.stdout[-2000:] + seed.stderr[-2000:]
        haproxy = lab.start("haproxy", lab.hosts["lb"], ["haproxy", "-db", "-f", str(_haproxy_config(lab))])
        wait_until(lambda: (lab.root / "haproxy.sock").exists(), "HAProxy", 15, haproxy)
        for name in ("app1", "app2"):
            cluster.start_app(name)
        step("two app instances up behind HAProxy")
        yield cluster
        step("tearing the lab down")


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _locust(cluster: Cluster, label: str, seconds: int) -> dict[str, float]:
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
    return {
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
"""
    )
    print("\n" + REPORT.read_text())


@pytest.mark.timeout(900)
def test_a_browser_session_survives_instance_loss_and_a_context_moving_server(cluster):
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e import seed as e2e_seed
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.e2e.ui import sign_up

    e2e_seed.ADMIN = ("admin@eduplatform.com", cluster.env["EDU_ADMIN_PASSWORD"])
    seeder = e2e_seed.Seeder(cluster.base)
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
