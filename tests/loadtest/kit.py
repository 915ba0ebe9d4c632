"""Helpers of the load-test kit's tests: a tiny seed and the real API served by uvicorn."""

from __future__ import annotations

import concurrent.futures
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from backend_services.shared.settings import CONTEXTS, Settings
from loadtest import seed
from tests.databases import base_settings

SCALE = 0.002  # 100 users, 200 courses, 400 enrollments
ROOT = Path(__file__).resolve().parents[2]
JWT_SECRET = "loadtest-secret-that-is-long-enough-for-hs256-0123"


def in_thread(fn, *args, **kwargs):
    """Seeding and checks call ``asyncio.run``: keep them off any loop of this thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def seed_into(settings: Settings, *, reset: bool) -> None:
    in_thread(seed.run, SCALE, reset=reset, quiet=True, settings=settings)


def sqlite_settings(folder: Path) -> Settings:
    urls = {f"{c}_database_url": f"sqlite+aiosqlite:///{(folder / f'{c}.db').as_posix()}" for c in CONTEXTS}
    return base_settings(data_dir=folder, jwt_secret=JWT_SECRET, **urls)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "the app exited during start-up"
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} not ready after {timeout} s")
