"""A NATS JetStream server of the test's own: a free port and its own storage folder, so tests
can stop and restart it without touching the machine's shared broker."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"


def nats_unavailable_reason() -> str | None:
    if not Path(NATS_SERVER).exists():
        return "nats-server is not installed (apt-get install nats-server)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def stop_process(proc: subprocess.Popen, grace: float = 20.0) -> None:
    """SIGTERM, then SIGKILL if it has not exited within ``grace`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class NatsServer:
    """``start``/``stop``/``restart`` one nats-server; the stored streams survive a restart."""

    def __init__(self, root: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.store = root / "jetstream"
        self.log = root / "nats.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.store.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                NATS_SERVER,
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-sd",
                str(self.store),
                "-l",
                str(self.log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)  # SIGTERM: nats-server flushes its store and exits
            self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()
