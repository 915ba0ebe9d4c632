"""A PgBouncer (Debian's, 1.18: no prepared-statement tracking) for tests and the lab."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def pgbouncer_missing_reason() -> str | None:
    if shutil.which("pgbouncer") is None:
        return "no pgbouncer: apt-get install -y pgbouncer (.ci/run does)"
    return None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class PgBouncer:
    """PgBouncer in transaction mode in front of ``server`` (host, port), trust auth.

    ``wrap`` prefixes the command (e.g. ``ip netns exec <ns>``); it drops root itself
    (``-u postgres``) and its files live in a folder that user can read.
    """

    def __init__(
        self,
        server: tuple[str, int],
        *,
        listen: str = "127.0.0.1",
        port: int | None = None,
        pool_size: int = 20,
        wrap: list[str] | None = None,
        folder: Path | None = None,
    ) -> None:
        self.host, self.port = listen, port or free_port(listen)
        self.folder = folder or Path(tempfile.mkdtemp(prefix="edu-pgbouncer-"))
        self.folder.mkdir(exist_ok=True)
        self.folder.chmod(0o755)
        (self.folder / "users.txt").write_text('"postgres" ""\n')
        (self.folder / "pgbouncer.ini").write_text(
            f"""[databases]
* = host={server[0]} port={server[1]}

[pgbouncer]
listen_addr = {listen}
listen_port = {self.port}
unix_socket_dir =
auth_type = trust
auth_file = {self.folder}/users.txt
pool_mode = transaction
default_pool_size = {pool_size}
max_client_conn = 500
ignore_startup_parameters = extra_float_digits
server_lifetime = 600
logfile = {self.folder}/pgbouncer.log
"""
        )
        for path in (self.folder, *self.folder.iterdir()):
            shutil.chown(path, "postgres")
        command = [*(wrap or []), "pgbouncer", "-u", "postgres", str(self.folder / "pgbouncer.ini")]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pgbouncer exited: {self.log()[-2000:]}")
            if "process up" in self.log():
                return
            time.sleep(0.1)
        raise RuntimeError(f"pgbouncer did not start: {self.log()[-2000:]}")

    def log(self) -> str:
        path = self.folder / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@{self.host}:{self.port}/{database}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # SIGINT: "safe shutdown"
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PgBouncer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
