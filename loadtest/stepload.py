"""Locust plug-in of the capacity command: a stepped load shape, a per-request recorder
and an optional base-URL mapping. Passed to Locust beside any scenario file:

    locust -f loadtest/locustfile.py,loadtest/stepload.py ...

Configured through the environment (``loadtest.capacity`` sets it):

- ``EDU_CAPACITY_STEPS`` users per step, e.g. ``50,100,200`` (no shape when unset);
- ``EDU_CAPACITY_STEP_SECONDS`` how long each step holds (default 120);
- ``EDU_CAPACITY_SPAWN_RATE`` users started per second between steps (default 50);
- ``EDU_CAPACITY_OUT`` folder for ``steps.csv`` (written by the shape, in the master) and
  ``requests-<pid>.csv`` (one per Locust process that runs users);
- ``EDU_URL_MAP`` ``from=to`` pairs separated by commas: a request whose URL starts with
  ``from`` goes to ``to`` + the rest, so a scenario written for another topology (say the
  five services on ports 8001-8005) can be replayed against this one.

Why a recorder instead of Locust's CSVs: Locust's percentiles are cumulative or per
10-second window, but the capacity report needs exact per-step, per-endpoint percentiles
after a warm-up, so every request's start time, name and duration is kept (one short CSV
line each; ~200K lines for a full run).
"""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path
from typing import Any, TextIO

from locust import LoadTestShape, events

from loadtest.capacity_files import REQUESTS_PREFIX, STEPS_FILE, map_url, parse_url_map


def _steps() -> list[int]:
    raw = os.environ.get("EDU_CAPACITY_STEPS", "")
    return [int(part) for part in raw.split(",") if part.strip()]


def _out_dir() -> Path | None:
    out = os.environ.get("EDU_CAPACITY_OUT")
    return Path(out) if out else None


def _install_url_map(pairs: list[tuple[str, str]]) -> None:
    """Rewrite request URLs in both of Locust's HTTP clients (relative URLs are first made
    absolute against the user's host, so a mapping may also name a host)."""
    from locust.clients import HttpSession
    from locust.contrib.fasthttp import FastHttpSession

    for session_class in (HttpSession, FastHttpSession):
        original = session_class.request

        def request(self, method, url, *args, _original=original, **kwargs):
            base = getattr(self, "base_url", "") or ""
            absolute = url if "://" in url else base.rstrip("/") + url
            mapped = map_url(absolute, pairs)
            if mapped != absolute:
                url = mapped
            return _original(self, method, url, *args, **kwargs)

        session_class.request = request  # type: ignore[method-assign]  # the point: wrap every request


if os.environ.get("EDU_URL_MAP"):
    _install_url_map(parse_url_map(os.environ["EDU_URL_MAP"]))


if _steps():

    class StepLoad(LoadTestShape):
        """Holds each user count for a fixed time; records when each step began."""

        def __init__(self) -> None:
            super().__init__()
            self.steps = _steps()
            self.hold = float(os.environ.get("EDU_CAPACITY_STEP_SECONDS", "120"))
            self.spawn_rate = float(os.environ.get("EDU_CAPACITY_SPAWN_RATE", "50"))
            self._current = -1

        def tick(self):
            index = int(self.get_run_time() // self.hold)
            if index >= len(self.steps):
                return None
            if index != self._current:
                self._current = index
                self._record(index)
            return self.steps[index], self.spawn_rate

        def _record(self, index: int) -> None:
            out = _out_dir()
            if out is None:
                return
            path = out / STEPS_FILE
            new = not path.exists()
            with path.open("a", newline="") as f:
                writer = csv.writer(f)
                if new:
                    writer.writerow(["step", "users", "start", "hold_seconds", "spawn_rate"])
                writer.writerow([index, self.steps[index], f"{time.time():.3f}", self.hold, self.spawn_rate])


class _Recorder:
    """Appends one line per request to this process's CSV (opened on first request, so
    the master of a ``--processes`` run, which sends none, writes no file)."""

    def __init__(self) -> None:
        self._file: TextIO | None = None
        self._writer: Any = None  # a csv writer (its type is private to the csv module)

    def __call__(self, request_type, name, response_time, response_length, exception=None, **kw):
        if self._writer is None:
            out = _out_dir()
            if out is None:
                return
            self._file = (out / f"{REQUESTS_PREFIX}{os.getpid()}.csv").open("w", newline="")
            self._writer = csv.writer(self._file)
            self._writer.writerow(["start", "type", "name", "ms", "ok", "error"])
        start = kw.get("start_time") or (time.time() - response_time / 1000)
        error = "" if exception is None else str(exception)[:160].replace("\n", " ")
        self._writer.writerow(
            [f"{start:.3f}", request_type, name, f"{response_time:.2f}", int(exception is None), error]
        )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._writer = None


_recorder = _Recorder()
events.request.add_listener(_recorder)


@events.quitting.add_listener
def _close_recorder(**_kw) -> None:
    _recorder.close()
