"""Several "hosts" on one machine: network namespaces joined by veth pairs on a bridge.

Each host has its own network stack and address; traffic stays between the namespaces
and the bridge. The lab runs real engines on them (PostgreSQL clusters, PgBouncer, Redis,
HAProxy, app instances) and removes everything on ``close()``, also what a killed earlier
run left behind (``python -m tests.deploy.lab --cleanup``). Needs root and iproute2.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "edu-lab-"
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), Path("/usr/bin"))


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check)


def missing_reason() -> str | None:
    """Why the lab cannot run here, or None."""
    if os.geteuid() != 0:
        return "the multi-host lab needs root (network namespaces)"
    for tool in ("ip", "haproxy", "pgbouncer", "redis-server", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is missing (apt-get install -y haproxy pgbouncer; .ci/run does)"
    if not (PG_BIN / "initdb").exists():
        return f"no PostgreSQL server binaries in {PG_BIN}"
    return None


def cleanup_stale() -> list[str]:
    """Remove the namespaces and bridges of lab runs whose process is gone."""
    removed = []
    for line in _ip("netns", "list", check=False).stdout.splitlines():
        name = line.split()[0] if line.strip() else ""
        if not (m := re.match(rf"{PREFIX}(\d+)-", name)):
            continue
        if Path(f"/proc/{m.group(1)}").exists():
            continue
        for pid in _ip("netns", "pids", name, check=False).stdout.split():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
        _ip("netns", "del", name, check=False)
        _ip("link", "del", f"eb{m.group(1)}", check=False)
        removed.append(name)
    return removed


@dataclass
class Host:
    name: str
    netns: str
    ip: str

    def wrap(self) -> list[str]:
        return ["ip", "netns", "exec", self.netns]


@dataclass
class Lab:
    """The bridge, the hosts on it and every process started on them."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="edu-lab-")))
    hosts: dict[str, Host] = field(default_factory=dict)
    processes: list[tuple[str, subprocess.Popen, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root.chmod(0o755)  # PostgreSQL and PgBouncer run as postgres
        self.id = str(os.getpid())
        self.bridge = f"eb{self.id}"
        self.subnet = self._free_subnet()
        _ip("link", "add", self.bridge, "type", "bridge")
        # The bridge's own address is only the source of the test's client connections.
        _ip("addr", "add", f"{self.subnet}.1/24", "dev", self.bridge)
        _ip("link", "set", self.bridge, "up")

    def _free_subnet(self) -> str:
        used = _ip("-o", "-4", "addr").stdout
        for n in range(int(self.id) % 200, int(self.id) % 200 + 200):
            subnet = f"10.213.{n % 250}"
            if f" {subnet}." not in used:
                return subnet
        raise RuntimeError("no free 10.213.x.0/24 subnet")

    def add_host(self, name: str) -> Host:
        """A namespace with one interface on the bridge and its own address."""
        index = len(self.hosts) + 1
        host = Host(name, f"{PREFIX}{self.id}-{name}", f"{self.subnet}.{10 + index}")
        outer, inner = f"ev{self.id}{index}", f"ei{self.id}{index}"
        _ip("netns", "add", host.netns)
        self.hosts[name] = host
        _ip("link", "add", outer, "type", "veth", "peer", "name", inner)
        _ip("link", "set", inner, "netns", host.netns)
        _ip("link", "set", outer, "master", self.bridge)
        _ip("link", "set", outer, "up")
        _ip("-n", host.netns, "link", "set", "lo", "up")
        _ip("-n", host.netns, "link", "set", inner, "name", "eth0")
        _ip("-n", host.netns, "addr", "add", f"{host.ip}/24", "dev", "eth0")
        _ip("-n", host.netns, "link", "set", "eth0", "up")
        return host

    def start(
        self,
        label: str,
        host: Host,
        command: list[str],
        *,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        user: str | None = None,
        stop_signal: int = signal.SIGTERM,
    ) -> subprocess.Popen:
        """Start a process on a host (its own process group), logging to ``<root>/<label>.log``."""
        as_user = ["runuser", "-u", user, "--"] if user else []
        log = open(self.root / f"{label}.log", "ab")  # noqa: SIM115 - owned by the process
        process = subprocess.Popen(
            [*host.wrap(), *as_user, *command],
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes.append((label, process, stop_signal))
        return process

    def stop(self, process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        """Signal a process (its group when it leads one) and wait; SIGKILL when it does not stop."""

        def send(signum: int) -> None:
            with contextlib.suppress(ProcessLookupError):
                if os.getpgid(process.pid) == process.pid:
                    os.killpg(process.pid, signum)
                else:
                    process.send_signal(signum)

        send(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            send(signal.SIGKILL)
            process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # stray children of the group
        self.processes = [p for p in self.processes if p[1] is not process]

    def log(self, label: str) -> str:
        path = self.root / f"{label}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def close(self) -> None:
        for _, process, sig in reversed(list(self.processes)):
            self.stop(process, sig, timeout=10)
        for host in self.hosts.values():
            for pid in _ip("netns", "pids", host.netns, check=False).stdout.split():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
            _ip("netns", "del", host.netns, check=False)
        _ip("link", "del", self.bridge, check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Lab:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def wait_until(check, what: str, timeout: float = 60, process: subprocess.Popen | None = None) -> None:
    """Poll ``check()`` until it is true; fail early when ``process`` exits."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(Exception):
            if check():
                return
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not ready after {timeout:.0f} s")
        time.sleep(0.3)


def start_postgres(lab: Lab, host: Host, port: int = 5432) -> str:
    """A throwaway PostgreSQL cluster on ``host`` (trust auth from the lab's subnet)."""
    data = lab.root / f"pg-{host.name}"
    data.mkdir()
    shutil.chown(data, "postgres")
    subprocess.run(
        ["runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres",
         "--auth=trust", "--no-sync", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    with open(data / "pg_hba.conf", "a") as hba:
        hba.write(f"host all all {lab.subnet}.0/24 trust\n")
    process = lab.start(
        f"postgres-{host.name}",
        host,
        [str(PG_BIN / "postgres"), "-D", str(data), "-p", str(port), "-c", f"listen_addresses={host.ip}",
         "-c", f"unix_socket_directories={data}", "-c", "fsync=off", "-c", "synchronous_commit=off",
         "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=64MB"],
        user="postgres",
        stop_signal=signal.SIGINT,  # fast shutdown
    )  # fmt: skip
    ready = [str(PG_BIN / "pg_isready"), "-q", "-h", host.ip, "-p", str(port)]
    wait_until(lambda: subprocess.run(ready).returncode == 0, f"PostgreSQL on {host.name}", 60, process)
    return f"postgresql://postgres@{host.ip}:{port}"


if __name__ == "__main__":
    if "--cleanup" in sys.argv:
        for name in cleanup_stale():
            print(f"removed {name}")
