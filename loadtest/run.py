"""Headless Locust run with the planning profile (100 users, ramp 10/s, 5 minutes).

    python -m loadtest.run [--host http://127.0.0.1:3000] [--users 100] [--spawn-rate 10]
                           [--run-time 5m] [--scale 1.0] [--profile rest|ui|all]
                           [--no-monitor] [--out DIR]

Every option also reads an environment variable (LOCUST_HOST, LOCUST_USERS,
LOCUST_SPAWN_RATE, LOCUST_RUN_TIME, EDU_SEED_SCALE, LOCUST_PROFILE). Results go to
``loadtest/results/<UTC timestamp>/``: Locust CSVs (with full history), the HTML
report, monitor.csv (pool gauges + CPU split), plots and summary.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from loadtest.monitor import Monitor
from loadtest.report import write_summary

ROOT = Path(__file__).resolve().parents[1]
# REST scenarios (locustfile.py) and browser tabs over the Reflex websocket (ui_locustfile.py).
PROFILES = {
    "rest": ["locustfile.py"],
    "ui": ["ui_locustfile.py"],
    "all": ["locustfile.py", "ui_locustfile.py"],
}


def parse(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(prog="python -m loadtest.run", description=__doc__.split("\n")[0])
    p.add_argument("--host", default=env("LOCUST_HOST", "http://127.0.0.1:3000"))
    p.add_argument("--users", type=int, default=int(env("LOCUST_USERS", "100")))
    p.add_argument("--spawn-rate", type=float, default=float(env("LOCUST_SPAWN_RATE", "10")))
    p.add_argument("--run-time", default=env("LOCUST_RUN_TIME", "5m"))
    p.add_argument(
        "--scale",
        default=env("EDU_SEED_SCALE", "1.0"),
        help="scale the database was seeded with (which user{i} accounts exist)",
    )
    p.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default=env("LOCUST_PROFILE", "rest"),
        help="rest: the REST API users; ui: UI users over the websocket; all: both (Locust's weights)",
    )
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--no-monitor", action="store_true", help="do not sample /metrics and CPU")
    p.add_argument("--monitor-interval", type=float, default=2.0)
    p.add_argument("locust_args", nargs="*", help="extra Locust arguments (after --)")
    return p.parse_args(argv)


def locust_command(args: argparse.Namespace, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        ",".join(str(Path(__file__).with_name(name)) for name in PROFILES[args.profile]),
        "--headless",
        "--host",
        args.host,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.run_time,
        "--stop-timeout",
        "10",
        "--csv",
        str(out / "locust"),
        "--csv-full-history",
        "--html",
        str(out / "report.html"),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *args.locust_args,
    ]


def run(args: argparse.Namespace) -> tuple[int, Path]:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = args.out or ROOT / "loadtest" / "results" / stamp
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "EDU_SEED_SCALE": str(args.scale)}
    command = locust_command(args, out)
    (out / "command.txt").write_text(" ".join(command) + "\n")
    print(f"==> {args.users} users, spawn {args.spawn_rate}/s, {args.run_time} -> {out}")
    if args.no_monitor:
        code = subprocess.call(command, env=env, cwd=ROOT)
    else:
        with Monitor(args.host.rstrip("/") + "/metrics", out / "monitor.csv", args.monitor_interval):
            code = subprocess.call(command, env=env, cwd=ROOT)
    summary = write_summary(out)
    print(f"==> exit {code}; report {out / 'report.html'}; summary {summary}")
    return code, out


def main(argv: list[str] | None = None) -> int:
    code, _ = run(parse(argv))
    return code


if __name__ == "__main__":
    sys.exit(main())
