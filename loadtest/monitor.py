"""Samples the system under test while Locust runs: the app's pool gauges (``/metrics``)
and the CPU used by the app, PostgreSQL, Redis and the load generator (from /proc).

Writes one CSV row per interval; ``loadtest.report`` turns it into plots and tables.
"""

from __future__ import annotations

import csv
import os
import re
import threading
import time
import urllib.request
from pathlib import Path

GROUPS = ("app", "postgres", "locust", "redis", "other")
CONTEXTS = ("identity", "course", "enrollment", "payment", "notification")
_CLK = os.sysconf("SC_CLK_TCK")
_POOL = re.compile(r'^db_pool_(in_use|size)\{context="(\w+)"\} ([0-9.e+-]+)$', re.M)
_IN_FLIGHT = re.compile(r"^http_requests_in_flight ([0-9.e+-]+)$", re.M)


def _group(cmdline: str, comm: str) -> str:
    if comm.startswith("postgres") or "postgres:" in cmdline:
        return "postgres"
    if "redis-server" in cmdline:
        return "redis"
    if "locust" in cmdline:
        return "locust"
    if any(k in cmdline for k in ("granian", "reflex", "uvicorn", "gunicorn", "eduplatform")):
        return "app"
    return "other"


def _cpu_ticks() -> dict[str, int]:
    """Cumulative user+system ticks per process group."""
    ticks = dict.fromkeys(GROUPS, 0)
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
        ticks[_group(cmdline, comm)] += int(fields[11]) + int(fields[12])
    return ticks


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
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="monitor", daemon=True)
        self.columns = (
            ["time", "in_flight"]
            + [f"pool_{k}_{c}" for k in ("in_use", "size") for c in CONTEXTS]
            + [f"cpu_{g}" for g in GROUPS]
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
            before, t0 = _cpu_ticks(), time.monotonic()
            while not self._stop.wait(self.interval):
                now, ticks = time.monotonic(), _cpu_ticks()
                elapsed = now - t0
                row: dict[str, float] = {"time": round(time.time(), 1)}
                for g in GROUPS:
                    # cores in use (1.0 = one full core)
                    row[f"cpu_{g}"] = round((ticks[g] - before[g]) / _CLK / elapsed, 3)
                row.update(_scrape(self.metrics_url))
                writer.writerow(row)
                f.flush()
                before, t0 = ticks, now
