"""The five-service topology for real: five uvicorn processes, each with its own PostgreSQL
database and its own role (no rights on the others' databases), a NATS server of the
test's own, and helpers to stop, freeze and restart any of them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import psutil

from backend_services.shared.settings import CONTEXTS
from tests.databases import PG_SERVER, off_loop, run_admin
from tests.nats_server import NatsServer, free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
JWT_SECRET = "five-services-test-jwt-secret-0123456789abcdef"
SERVICE_SECRET = "five-services-test-service-secret-0123456789"
START_TIMEOUT = 120.0


async def _fetch(
    query: str, *args, user: str = "postgres", database: str = "postgres"
) -> list[asyncpg.Record]:
    base = PG_SERVER.rsplit("@", 1)[-1] if "@" in PG_SERVER else PG_SERVER.removeprefix("postgresql://")
    conn = await asyncpg.connect(f"postgresql://{user}@{base}/{database}")
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


def pg(query: str, *args, user: str = "postgres", database: str = "postgres") -> list[asyncpg.Record]:
    """Run one query as ``user`` on ``database`` (blocking)."""
    return off_loop(asyncio.run, _fetch(query, *args, user=user, database=database))


@dataclass
class Service:
    context: str
    port: int
    role: str
    database: str
    data_dir: Path
    env: dict[str, str]
    proc: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class FiveServices:
    root: Path
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    services: dict[str, Service] = field(default_factory=dict)
    nats: NatsServer | None = None

    # --- set-up -----------------------------------------------------------------------

    def create_databases(self) -> None:
        """One role and one database per context; nobody else may even connect to it."""
        statements = []
        for ctx in CONTEXTS:
            name = f"edu_svc_{self.run}_{ctx}"
            statements += [
                f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE',
                f'CREATE DATABASE "{name}" OWNER "{name}"',
                f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC',
            ]
        off_loop(asyncio.run, run_admin(*statements))

    def drop_databases(self) -> None:
        statements = []
        for ctx in CONTEXTS:
            name = f"edu_svc_{self.run}_{ctx}"
            statements += [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'DROP ROLE IF EXISTS "{name}"']
        off_loop(asyncio.run, run_admin(*statements))

    def configure(self) -> None:
        self.nats = NatsServer(self.root / "nats")
        ports = {ctx: free_port() for ctx in CONTEXTS}
        server = PG_SERVER.rsplit("@", 1)[-1] if "@" in PG_SERVER else PG_SERVER.removeprefix("postgresql://")
        common = {
            "EDU_ENV": "test",
            "EDU_JWT_SECRET": JWT_SECRET,
            "EDU_SERVICE_SECRET": SERVICE_SECRET,
            "EDU_BROKER_URL": self.nats.url,
            "EDU_BROKER_STREAM": f"SVC{self.run}",
            "EDU_BROKER_SUBJECT_PREFIX": f"svc{self.run}",
            "EDU_BROKER_BACKOFF_SECONDS": "0.5",
            "EDU_BROKER_ACK_WAIT_SECONDS": "5",
            "EDU_OUTBOX_POLL_SECONDS": "0.5",
            # Events held through a broker outage move soon after it ends (default 5 s x 2^n).
            "EDU_OUTBOX_RETRY_BASE_SECONDS": "0.5",
            "EDU_OUTBOX_RETRY_MAX_SECONDS": "2",
            "EDU_REMOTE_TIMEOUT_SECONDS": "2",
            "EDU_REMOTE_RETRIES": "2",
            "EDU_REMOTE_BREAKER_FAILURES": "3",
            "EDU_REMOTE_BREAKER_RESET_SECONDS": "2",
            "EDU_DB_POOL_SIZE": "3",
            # Every account of the journey signs up from 127.0.0.1; the limits have their own tests.
            "EDU_RATE_LIMITS_ENABLED": "false",
            **{f"EDU_{ctx.upper()}_SERVICE_URL": f"http://127.0.0.1:{port}" for ctx, port in ports.items()},
        }
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("EDU_", "PROMETHEUS_"))}
        for ctx in CONTEXTS:
            name = f"edu_svc_{self.run}_{ctx}"
            data_dir = self.root / f"{ctx}-data"
            data_dir.mkdir(parents=True)
            env = base_env | common
            # Only its own database: the other contexts' URLs are not even known to it.
            env[f"EDU_{ctx.upper()}_DATABASE_URL"] = f"postgresql+asyncpg://{name}@{server}/{name}"
            env["EDU_DATA_DIR"] = str(data_dir)
            self.services[ctx] = Service(ctx, ports[ctx], name, name, data_dir, env)

    def start_all(self) -> None:
        assert self.nats is not None
        self.nats.start()
        for ctx in CONTEXTS:
            self.start(ctx, wait=False)
        for ctx in CONTEXTS:
            self.wait_ready(ctx)

    # --- one service ---------------------------------------------------------------------

    def start(self, ctx: str, *, wait: bool = True) -> None:
        s = self.services[ctx]
        s.log_path = self.root / f"{ctx}.log"
        log = open(s.log_path, "a")  # noqa: SIM115 - handed to the child process
        s.proc = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/uvicorn"),
                f"backend_services.{ctx}.app:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(s.port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=s.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        if wait:
            self.wait_ready(ctx)

    def wait_ready(self, ctx: str) -> None:
        s = self.services[ctx]
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if s.proc is None or s.proc.poll() is not None:
                raise RuntimeError(f"{ctx} exited:\n{self.log_tail(ctx)}")
            try:
                if httpx.get(f"{s.url}/health/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{ctx} not ready:\n{self.log_tail(ctx)}")

    def kill(self, ctx: str) -> None:
        """Stop a service the hard way (no graceful shutdown, like a crash)."""
        s = self.services[ctx]
        if s.proc is not None:
            s.proc.kill()
            s.proc.wait(timeout=20)
            s.proc = None

    def freeze(self, ctx: str) -> None:
        """The service hangs: its socket accepts connections but nothing answers."""
        os.kill(self.pid(ctx), signal.SIGSTOP)

    def thaw(self, ctx: str) -> None:
        os.kill(self.pid(ctx), signal.SIGCONT)

    def pid(self, ctx: str) -> int:
        proc = self.services[ctx].proc
        assert proc is not None, f"{ctx} is not running"
        return proc.pid

    def log_tail(self, ctx: str, chars: int = 4000) -> str:
        path = self.services[ctx].log_path
        return path.read_text()[-chars:] if path and path.exists() else ""

    def url(self, ctx: str) -> str:
        return self.services[ctx].url

    # --- what the database sees ------------------------------------------------------------

    def database_connections(self, ctx: str) -> list[tuple[str, str]]:
        """(database, role) of every PostgreSQL backend serving this service's process,
        matched by the client ports the process holds open to the server."""
        process = psutil.Process(self.pid(ctx))
        ports = [
            c.laddr.port for c in process.net_connections(kind="tcp") if c.raddr and c.raddr.port == 5432
        ]
        if not ports:
            return []
        rows = pg("SELECT datname, usename FROM pg_stat_activity WHERE client_port = ANY($1::int[])", ports)
        return [(r["datname"], r["usename"]) for r in rows]

    def stop_all(self) -> None:
        for ctx in CONTEXTS:
            s = self.services.get(ctx)
            if s is None or s.proc is None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.kill(s.proc.pid, signal.SIGCONT)  # a frozen service must wake to exit
            stop_process(s.proc)
            s.proc = None
        if self.nats is not None:
            self.nats.stop()
