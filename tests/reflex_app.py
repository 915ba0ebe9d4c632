"""Start the real Reflex app on free ports for a test session.

Production mode (the default) builds the frontend once (~20-60 s on two shared cores)
and then serves pages, websocket and API from one port. Development mode (``dev=True``)
serves React's development build, the only one that reports React's warnings (DOM
nesting, hook order); it compiles each page on its first visit, into its own web folder
(``.web-dev``) so it never touches the production build in ``.web``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend_services.shared.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(data_dir: Path, *, dev: bool = False, **env_overrides: str) -> Iterator[tuple[str, str]]:
    """The base URLs of the UI and of the API (the same in production mode) of the app
    started with ``EDU_DATA_DIR=data_dir`` and ``env_overrides``."""
    port = free_port()
    # The app gets its own development secret, mailbox folder and in-process limits (the
    # overrides may still set any of these).
    own = ("REFLEX_REDIS_URL", "PROMETHEUS_MULTIPROC_DIR", "EDU_SMTP_URL", "EDU_JWT_SECRET", "EDU_REDIS_URL")
    inherited = {name: value for name, value in os.environ.items() if name not in own}
    env = {
        **inherited,
        "EDU_DATA_DIR": str(data_dir),
        "EDU_ENV": "test",
        # Mailed links (verification, reset) point at this very app.
        "EDU_PUBLIC_URL": f"http://127.0.0.1:{port}",
        # Every browser and load-test tab comes from 127.0.0.1; the limits have their own tests.
        "EDU_RATE_LIMITS_ENABLED": "false",
        # In development mode the page (frontend port) and the websocket (backend port) are
        # different origins: the page's origin is allowed beside the default ones, as a
        # deployment would list its own.
        "EDU_CORS_ORIGINS": ",".join(
            [
                *Settings.model_fields["cors_origins"].default,
                f"http://127.0.0.1:{port}",
                f"http://localhost:{port}",
            ]
        ),
        **env_overrides,
    }
    with running_reflex(env, data_dir, dev=dev, port=port) as urls:
        yield urls


@contextlib.contextmanager
def running_reflex(
    env: dict[str, str], data_dir: Path, *, dev: bool = False, port: int | None = None
) -> Iterator[tuple[str, str]]:
    """Run ``reflex run`` with exactly ``env`` (its log: ``data_dir/reflex.log``) and yield the
    UI and API base URLs once both answer."""
    if shutil.which("bun") is None:
        pytest.skip("bun is needed to build the frontend: npm install -g bun")
    port = port or free_port()
    backend_port = free_port() if dev else port
    if dev:
        env = {**env, "REFLEX_WEB_WORKDIR": str(ROOT / ".web-dev")}
    log_path = data_dir / "reflex.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/reflex"),
                "run",
                "--env",
                "dev" if dev else "prod",
                "--frontend-port",
                str(port),
                "--backend-port",
                str(backend_port),
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base, api = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{backend_port}"
        try:
            _wait_ready(base, api, proc, log_path)
            yield base, api
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _wait_ready(base: str, backend: str, proc: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if proc.poll() is not None:
            pytest.fail(f"reflex exited: {log_path.read_text()[-3000:]}")
        try:
            if (
                httpx.get(f"{backend}/api/identity/health/ready", timeout=2).status_code == 200
                and httpx.get(base, timeout=5).status_code == 200
            ):
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail("the app did not become ready in time")
        time.sleep(1)
