"""Start the real Reflex app (``reflex run --env prod``: one port for pages, websocket and API)
in its own process group, wait until it answers, and stop it afterwards."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.nats_server import free_port

ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT = 300


@contextlib.contextmanager
def running_reflex(env: dict[str, str], data_dir: Path) -> Iterator[str]:
    """The app's base URL while it runs with ``env``; its log is ``data_dir/reflex.log``."""
    port = free_port()
    log_path = data_dir / "reflex.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/reflex"), "run", "--env", "prod", "--frontend-port", str(port)]
            + ["--backend-port", str(port), "--loglevel", "warning"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"reflex exited: {log_path.read_text()[-3000:]}")
            try:
                if (
                    httpx.get(f"{base}/api/identity/health/ready", timeout=2).status_code == 200
                    and httpx.get(base, timeout=5).status_code == 200
                ):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not become ready in time: {log_path.read_text()[-3000:]}")
            time.sleep(1)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
