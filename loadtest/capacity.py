"""Stepped load against a running app; reports each step and the capacity.

    python -m loadtest.capacity [--host http://127.0.0.1:3000] [--steps 50,100,200,300,400,600]
        [--step-time 2m] [--settle 15] [--spawn-rate 50] [--processes 1] [--label optimised]
        [--locustfile loadtest/locustfile.py] [--url-map FROM=TO,...] [--scale 1.0] [--out DIR]
        [-- extra Locust arguments]

Capacity is the highest step's requests/s whose p99 stays under 100 ms with no
unexpected failures (a Locust failure; expected outcomes such as "already enrolled" count
as successes in the scenarios). Results: ``loadtest/results/capacity-<UTC timestamp>/``
with ``capacity.md``, ``capacity.json``, ``capacity.png``, the raw per-request CSVs,
``monitor.csv`` and Locust's own CSV/HTML. ``scripts/capacity.sh`` starts the app in a
given configuration and calls this.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from loadtest.capacity_report import write_report
from loadtest.monitor import Monitor

ROOT = Path(__file__).resolve().parents[1]
STEPLOAD = Path(__file__).with_name("stepload.py")
DEFAULT_STEPS = "50,100,200,300,400,600"


def seconds(value: str) -> float:
    """``90``, ``90s``, ``2m``, ``1h`` -> seconds."""
    value = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    if value and value[-1] in units:
        return float(value[:-1]) * units[value[-1]]
    return float(value)


def parse(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(prog="python -m loadtest.capacity", description=__doc__.split("\n")[0])
    p.add_argument("--host", default=env("LOCUST_HOST", "http://127.0.0.1:3000"))
    p.add_argument("--steps", default=env("EDU_CAPACITY_STEPS", DEFAULT_STEPS))
    p.add_argument("--step-time", type=seconds, default=seconds(env("EDU_CAPACITY_STEP_TIME", "2m")))
    p.add_argument("--settle", type=float, default=15.0, help="seconds ignored after each ramp")
    p.add_argument("--spawn-rate", type=float, default=50.0)
    p.add_argument("--processes", type=int, default=int(env("EDU_CAPACITY_PROCESSES", "1")))
    p.add_argument("--label", default="")
    p.add_argument("--locustfile", type=Path, default=ROOT / "loadtest" / "locustfile.py")
    p.add_argument("--url-map", default=env("EDU_URL_MAP", ""), help="FROM=TO[,FROM=TO...]")
    p.add_argument("--scale", default=env("EDU_SEED_SCALE", "1.0"))
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--no-monitor", action="store_true")
    p.add_argument("locust_args", nargs="*", help="extra Locust arguments (after --)")
    args = p.parse_args(argv)
    args.step_list = [int(s) for s in args.steps.split(",") if s.strip()]
    if not args.step_list or any(n <= 0 for n in args.step_list):
        p.error("--steps needs positive user counts, e.g. 50,100,200")
    return args


def locust_command(args: argparse.Namespace, out: Path) -> list[str]:
    total = args.step_time * len(args.step_list)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        f"{args.locustfile},{STEPLOAD}",
        "--headless",
        "--host",
        args.host,
        # The shape drives users and duration; the run time is a safety net.
        "--run-time",
        f"{int(total + 60)}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(out / "locust"),
        "--html",
        str(out / "report.html"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    if args.processes > 1:
        command += ["--processes", str(args.processes)]
    return command + list(args.locust_args)


def run(args: argparse.Namespace) -> tuple[int, Path, str]:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = (args.out or ROOT / "loadtest" / "results" / f"capacity-{stamp}").resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "EDU_SEED_SCALE": str(args.scale),
        "EDU_CAPACITY_STEPS": ",".join(map(str, args.step_list)),
        "EDU_CAPACITY_STEP_SECONDS": str(args.step_time),
        "EDU_CAPACITY_SPAWN_RATE": str(args.spawn_rate),
        "EDU_CAPACITY_OUT": str(out),
        "EDU_URL_MAP": args.url_map,
    }
    command = locust_command(args, out)
    (out / "command.txt").write_text(" ".join(command) + "\n")
    print(f"==> steps {args.step_list} x {args.step_time:.0f} s against {args.host} -> {out}", flush=True)
    if args.no_monitor:
        code = subprocess.call(command, env=env, cwd=ROOT)
    else:
        with Monitor(args.host.rstrip("/") + "/metrics", out / "monitor.csv"):
            code = subprocess.call(command, env=env, cwd=ROOT)
    _, line = write_report(out, label=args.label, settle=args.settle)
    print((out / "capacity.md").read_text())
    print(line)
    return code, out, line


def main(argv: list[str] | None = None) -> int:
    code, _, _ = run(parse(argv))
    return code


if __name__ == "__main__":
    sys.exit(main())
