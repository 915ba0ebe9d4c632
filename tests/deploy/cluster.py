"""The multi-host lab of tests/deploy/test_multihost.py, as a reusable context manager.

lb     HAProxy :3000 (HTTP + websockets, health checks, runtime API)
app1   app instance: Reflex UI + API, 2 granian workers  ──┐
app2   app instance: the same                            ──┤ UI state in Redis
data   PostgreSQL A + PgBouncer :6432 (transaction mode) + Redis
db2    PostgreSQL B (where the course context can move by configuration)
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.deploy.lab import PG_BIN, Lab, cleanup_stale, start_postgres, wait_until
from tests.deploy.pgbouncer import PgBouncer

ROOT = Path(__file__).resolve().parents[2]
PORT = 3000  # every host has its own network stack
CONTEXTS = ("identity", "course", "enrollment", "payment", "notification")
SCALE = "0.001"  # seeded accounts for Locust: user{i}@example.com

__all__ = ["PG_BIN", "PORT", "ROOT", "SCALE", "Cluster", "running_cluster", "step"]


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


def build_frontend(web: Path) -> None:
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


def haproxy_config(lab: Lab) -> Path:
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


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    """The lab of the module docstring, up and seeded, torn down on exit."""
    cleanup_stale()
    with Lab() as lab:
        for name in ("lb", "app1", "app2", "data", "db2"):
            lab.add_host(name)
        data = lab.hosts["data"]
        pg_a = start_postgres(lab, data)
        pg_b = start_postgres(lab, lab.hosts["db2"])
        bouncer = PgBouncer(
            (data.ip, 5432),
            listen=data.ip,
            port=6432,
            pool_size=20,
            wrap=data.wrap(),
            folder=lab.root / "pgbouncer",  # removed with the lab
        )
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
            # Every Locust user registers and logs in from one address (the balancer's): the
            # per-address abuse limits would refuse most of them, as in any load test.
            "EDU_RATE_LIMITS_ENABLED": "false",
            "EDU_OUTBOX_POLL_SECONDS": "0.5",
            # Events held through an outage move soon after it ends (default 5 s x 2^n).
            "EDU_OUTBOX_RETRY_BASE_SECONDS": "0.5",
            "EDU_OUTBOX_RETRY_MAX_SECONDS": "2",
            "REFLEX_REDIS_URL": f"redis://{data.ip}:6379",
            "REFLEX_USE_GRANIAN": "true",
            "GRANIAN_WORKERS": "2",
            "REFLEX_WEB_WORKDIR": str(lab.root / "web"),
        }
        cluster = Cluster(lab, env, pg_a, pg_b, bouncer)
        step("hosts, PostgreSQL A and B, PgBouncer, Redis up; building the frontend")
        build_frontend(lab.root / "web")
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
        haproxy = lab.start("haproxy", lab.hosts["lb"], ["haproxy", "-db", "-f", str(haproxy_config(lab))])
        wait_until(lambda: (lab.root / "haproxy.sock").exists(), "HAProxy", 15, haproxy)
        for name in ("app1", "app2"):
            cluster.start_app(name)
        step("two app instances up behind HAProxy")
        yield cluster
        step("tearing the lab down")
