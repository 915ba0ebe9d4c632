"""Samples the system under test while Locust runs: the app's pool gauges (``/metrics``)
and the CPU used by the app (the processes listening on its port), PostgreSQL (the
backends of its ``<EDU_POSTGRES_DB_PREFIX>_*`` databases, default ``eduplatform_*``, and
background processes), Redis and the load generator.

Writes one CSV row per interval; ``loadtest.report`` turns it into plots and tables.
"""

from __future__ import annotations

import csv
import os
import re
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

GROUPS = ("app", "postgres", "locust", "redis", "other")
CONTEXTS = ("identity", "course", "enrollment", "payment", "notification")
_CLK = os.sysconf("SC_CLK_TCK")
_POOL = re.compile(r'^db_pool_(in_use|size)\{context="(\w+)"\} ([0-9.e+-]+)$', re.M)
# Backends of the databases under test, as PostgreSQL titles them ("postgres: user db 127.0.0.1(...)").
_DB_MARK = f" {os.environ.get('EDU_POSTGRES_DB_PREFIX', 'eduplatform')}_"
_IN_FLIGHT = re.compile(r"^http_requests_in_flight ([0-9.e+-]+)$", re.M)


def _group(cmdline: str, comm: str, pid: int, app_pids: set[int]) -> str:
    if pid in app_pids:
        return "app"
    if comm.startswith("postgres") or cmdline.startswith("postgres"):
        # Backends of other databases (e.g. a test suite running meanwhile) are not ours.
        backend = cmdline.startswith("postgres: ") and " 127.0.0.1(" in cmdline
        return "postgres" if not backend or _DB_MARK in cmdline else "other"
    if "redis-server" in cmdline:
        return "redis"
    if "locust" in cmdline:
        return "locust"
    return "other"


def listening_pids(port: int) -> set[int]:
    """Processes holding the listening socket of ``port`` (every server worker does)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    pids = set()
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fds = os.listdir(f"/proc/{entry.name}/fd")
            if any(os.readlink(f"/proc/{entry.name}/fd/{fd}") in inodes for fd in fds):
                pids.add(int(entry.name))
        except OSError:
            continue
    return pids


def _cpu_ticks(app_pids: set[int]) -> dict[int, tuple[str, int]]:
    """Cumulative user+system ticks and group of every process."""
    ticks: dict[int, tuple[str, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            cmdline = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        pid = int(entry.name)
        # utime + stime + the reaped children's cutime + cstime: PostgreSQL's parallel
        # workers live for one query and would otherwise never be seen by a 2 s sampler.
        used = sum(int(f) for f in fields[11:15])
        ticks[pid] = (_group(cmdline, comm, pid, app_pids), used)
    return ticks


def _busy_ticks() -> int:
    """All cores' non-idle ticks since boot (/proc/stat), to check the split against."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4]  # minus idle and iowait


def _cpu_by_group(before: dict, after: dict, seconds: float) -> dict[str, float]:
    """Cores used per group between two samples (processes that exited are left out)."""
    used = dict.fromkeys(GROUPS, 0)
    for pid, (group, ticks) in after.items():
        used[group] += ticks - before.get(pid, (group, 0))[1]
    return {g: round(used[g] / _CLK / seconds, 3) for g in GROUPS}


def _scrape(metrics_url: str) -> dict[str, float]:
    try:
        with urllib.request.urlopen(metrics_url, timeout=2) as response:  # noqa: S310 - local
            body = response.read().decode()
    except OSError:
        return {}
    values = {f"pool_{kind}_{ctx}": float(v) for kind, ctx, v in _POOL.findall(body)}
    if m := _IN_FLIGHT.search(body):
        values["in_flight"] = float(m.group(1))
    return values


class Monitor:
    """Background sampler; ``with Monitor(url, path): ...`` around the run."""

    def __init__(self, metrics_url: str, path: Path, interval: float = 2.0) -> None:
        self.metrics_url, self.path, self.interval = metrics_url, path, interval
        self.port = urllib.parse.urlsplit(metrics_url).port or 80
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="monitor", daemon=True)
        self.columns = (
            ["time", "in_flight"]
            + [f"pool_{k}_{c}" for k in ("in_use", "size") for c in CONTEXTS]
            + [f"cpu_{g}" for g in GROUPS]
            + ["cpu_total"]
        )

    def __enter__(self) -> Monitor:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        with self.path.open("w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=self.columns, extrasaction="ignore")
            writer.writeheader()
            app = listening_pids(self.port)
            before, busy, t0 = _cpu_ticks(app), _busy_ticks(), time.monotonic()
            while not self._stop.wait(self.interval):
                app = listening_pids(self.port) or app
                now, ticks, busy_now = time.monotonic(), _cpu_ticks(app), _busy_ticks()
                elapsed = now - t0
                row: dict[str, float] = {"time": round(time.time(), 1)}
                # cores in use (1.0 = one full core)
                cpu = _cpu_by_group(before, ticks, elapsed)
                row.update({f"cpu_{g}": v for g, v in cpu.items()})
                row["cpu_total"] = round((busy_now - busy) / _CLK / elapsed, 3)
                row.update(_scrape(self.metrics_url))
                writer.writerow(row)
                f.flush()
                before, busy, t0 = ticks, busy_now, now
