"""The hot course reads against a bare floor: the platform's REST API on one granian worker
(production settings: read cache in Redis) versus ``loadtest/reference_app.py`` (Starlette
+ asyncpg, no framework layers, no cache) on one worker, same rows, same client, one run.

    source scripts/production_env.sh   # a seeded lab (python -m loadtest.seed)
    .venv/bin/python -m loadtest.bench_reference [--seconds 10] [--connections 16]

Starts both servers itself (ports 3091/3092), then, per endpoint and server, keeps
``--connections`` keep-alive connections busy for ``--seconds`` with a minimal HTTP/1.1
client (uvloop, no parsing beyond Content-Length, so the client costs little of the second
core) and prints requests/s, p50/p99, the server's CPU per request and the platform's
share of the reference's requests/s. Last line:
``hot reads: course <x>%, curriculum <y>%, lesson <z>% of bare Starlette + asyncpg``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from backend_services.shared.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS = {
    "course": "/api/course/courses/{course}",
    "curriculum": "/api/course/courses/{course}/curriculum",
    "lesson": "/api/course/lessons/{lesson}",
}
REFERENCE_PORT, PLATFORM_PORT = 3091, 3092


@dataclass(frozen=True)
class Result:
    server: str
    endpoint: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    cpu_seconds: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.cpu_seconds / self.requests if self.requests else float("nan")


async def _sample_ids(dsn: str, count: int) -> list[tuple[str, str]]:
    """(course id, lesson id) pairs of free courses: their lessons are public."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            """SELECT c.id AS course, (SELECT l.id FROM lessons l WHERE l.course_id = c.id LIMIT 1) AS lesson
               FROM courses c TABLESAMPLE SYSTEM (5) WHERE c.is_free LIMIT $1""",
            count,
        )
    finally:
        await conn.close()
    return [(str(r["course"]), str(r["lesson"])) for r in rows if r["lesson"]]


async def _client(port: int, paths: list[str], deadline: float, latencies: list[float]) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    errors = 0
    try:
        while time.perf_counter() < deadline:
            path = random.choice(paths)
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                errors += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        writer.close()
    return errors


def _cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _server_pids(root_pid: int) -> list[int]:
    """The server process and its descendants (granian's worker)."""
    out = subprocess.run(["pgrep", "-g", str(os.getpgid(root_pid))], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


async def _measure(
    server: str, endpoint: str, port: int, paths: list[str], seconds: float, connections: int, pids: list[int]
) -> Result:
    warm: list[float] = []
    await asyncio.gather(*(_client(port, paths, time.perf_counter() + 1.0, warm) for _ in range(connections)))
    latencies: list[float] = []
    cpu_before, started = _cpu_seconds(pids), time.perf_counter()
    deadline = started + seconds
    errors = await asyncio.gather(*(_client(port, paths, deadline, latencies) for _ in range(connections)))
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds(pids) - cpu_before
    latencies.sort()

    def pick(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")

    return Result(server, endpoint, len(latencies), sum(errors), elapsed, pick(0.5), pick(0.99), cpu)


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}) before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds:.0f} s")


def table(results: list[Result]) -> str:
    reference = {r.endpoint: r for r in results if r.server == "reference"}
    lines = [
        "| endpoint | server | requests/s | p50 ms | p99 ms | errors | server CPU ms/request"
        " | share of reference |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        share = r.rps / reference[r.endpoint].rps if r.endpoint in reference else float("nan")
        lines.append(
            f"| {r.endpoint} | {r.server} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | "
            f"{r.cpu_ms_per_request:.2f} | {share:.0%} |"
        )
    return "\n".join(lines)


def summary(results: list[Result]) -> str:
    reference = {r.endpoint: r.rps for r in results if r.server == "reference"}
    shares = [f"{r.endpoint} {r.rps / reference[r.endpoint]:.0%}" for r in results if r.server == "platform"]
    return f"hot reads: {', '.join(shares)} of bare Starlette + asyncpg"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest.bench_reference", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint and server")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--ids", type=int, default=500, help="distinct courses (and lessons) requested")
    args = parser.parse_args(argv)
    settings = get_settings()
    url = settings.database_url("course")
    if not url.startswith("postgresql"):
        parser.error("needs the seeded PostgreSQL lab: source scripts/production_env.sh")
    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    pairs = asyncio.run(_sample_ids(dsn, args.ids))
    if not pairs:
        parser.error("no free course with lessons: seed the lab first (python -m loadtest.seed)")
    paths = {
        name: [template.format(course=course, lesson=lesson) for course, lesson in pairs]
        for name, template in ENDPOINTS.items()
    }
    logs = ROOT / "loadtest" / "results" / "reference"
    logs.mkdir(parents=True, exist_ok=True)
    granian = [
        str(ROOT / ".venv" / "bin" / "granian"),
        "--interface",
        "asgi",
        "--workers",
        "1",
        "--host",
        "127.0.0.1",
    ]
    servers = {
        "reference": _start(
            [*granian, "--port", str(REFERENCE_PORT), "loadtest.reference_app:app"],
            {**os.environ, "EDU_REFERENCE_DSN": dsn},
            logs / "reference.log",
        ),
        "platform": _start(
            [str(ROOT / "scripts" / "run_api.sh")],
            {**os.environ, "GRANIAN_WORKERS": "1", "EDU_PORT": str(PLATFORM_PORT)},
            logs / "platform.log",
        ),
    }
    ports = {"reference": REFERENCE_PORT, "platform": PLATFORM_PORT}
    results: list[Result] = []
    try:
        _wait_ready(f"http://127.0.0.1:{REFERENCE_PORT}{paths['course'][0]}", servers["reference"])
        _wait_ready(f"http://127.0.0.1:{PLATFORM_PORT}/api/course/health/ready", servers["platform"])
        print(
            f"cpu: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run", flush=True
        )
        for endpoint in ENDPOINTS:
            for server in ("reference", "platform"):
                pids = _server_pids(servers[server].pid)
                print(f"... {endpoint} on {server}", file=sys.stderr, flush=True)
                results.append(
                    asyncio.run(
                        _measure(
                            server,
                            endpoint,
                            ports[server],
                            paths[endpoint],
                            args.seconds,
                            args.connections,
                            pids,
                        )
                    )
                )
    finally:
        for process in servers.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    print(table(results))
    print(summary(results))
    return 0


if __name__ == "__main__":
    with contextlib.suppress(ImportError):  # uvloop: not on Windows
        import uvloop

        uvloop.install()
    sys.exit(main())
