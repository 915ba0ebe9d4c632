"""Logins/s without stalling the rest: the planning mix alone, then the same mix plus a
stream of logins, against a running app, and the mix's latency in both.

    source scripts/production_env.sh && scripts/run_api.sh &      # or any running app
    .venv/bin/python -m loadtest.bench_logins --users 200 --logins 60 [--step-time 1m]

Each run is one step of ``loadtest.capacity`` (its CPU monitor included); the second adds
``--logins`` users that each log in once a second (``loadtest/login_locustfile.py``).
Prints both runs' figures and, last, ``logins: <n>/s sustained, rest of the mix p99
<a> -> <b> ms (<+x>%)``. A log-in verifies an argon2id hash (~18 ms of CPU here) in a
thread, so the stream needs about a core at 60/s; the question is whether the event loops
keep serving everything else.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from loadtest import capacity
from loadtest.capacity_report import Latency, analyse, latency, read_requests
from loadtest.login_locustfile import LOGIN_STREAM

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Outcome:
    label: str
    logins_per_s: float
    login: Latency | None
    mix: Latency
    cpu: dict[str, float]


def measure(run_dir: Path, label: str, settle: float) -> Outcome:
    """The last step of a capacity run, split into the login stream and everything else."""
    step = analyse(run_dir, settle=settle)[-1]
    begin, end = step.window
    inside = [r for r in read_requests(run_dir) if begin <= r[0] < end and r[1] != LOGIN_STREAM]
    stream = step.endpoints.get(LOGIN_STREAM)
    mix_times = sorted(ms for _, _, ms, _, _ in inside)
    mix_failures = sum(not ok for _, _, _, ok, _ in inside)
    return Outcome(
        label,
        logins_per_s=stream.rps if stream else 0.0,
        login=stream,
        mix=latency(mix_times, mix_failures, end - begin),
        cpu=step.cpu,
    )


def table(outcomes: list[Outcome]) -> str:
    lines = [
        "| run | logins/s | login p50 / p99 ms | mix req/s | mix p50 / p95 / p99 ms | mix failures"
        " | CPU app | CPU postgres | CPU total |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for o in outcomes:
        login = f"{o.login.p50:.0f} / {o.login.p99:.0f}" if o.login else "-"
        lines.append(
            f"| {o.label} | {o.logins_per_s:.1f} | {login} | {o.mix.rps:.1f} | {o.mix.p50:.0f} / "
            f"{o.mix.p95:.0f} / {o.mix.p99:.0f} | {o.mix.failures} | {o.cpu.get('app', 0):.2f} | "
            f"{o.cpu.get('postgres', 0):.2f} | {o.cpu.get('total', 0):.2f} |"
        )
    return "\n".join(lines)


def summary(quiet: Outcome, busy: Outcome) -> str:
    change = (busy.mix.p99 / quiet.mix.p99 - 1) * 100 if quiet.mix.p99 else float("nan")
    return (
        f"logins: {busy.logins_per_s:.1f}/s sustained, rest of the mix p99 {quiet.mix.p99:.0f} -> "
        f"{busy.mix.p99:.0f} ms ({change:+.0f}%)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest.bench_logins", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--host", default="http://127.0.0.1:3000")
    parser.add_argument("--users", type=int, default=200, help="planning-mix users in both runs")
    parser.add_argument("--logins", type=int, default=60, help="log-in users (1 login/s each)")
    parser.add_argument("--step-time", default="1m")
    parser.add_argument("--settle", type=float, default=15.0, help="seconds ignored after the ramp")
    parser.add_argument(
        "--scale", default=os.environ.get("EDU_SEED_SCALE", "1.0"), help="the lab's seed scale"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "loadtest" / "results" / "logins")
    args = parser.parse_args(argv)
    common = [
        "--host",
        args.host,
        "--step-time",
        args.step_time,
        "--settle",
        str(args.settle),
        "--scale",
        args.scale,
    ]
    runs = [
        ("mix alone", "mix", "locustfile.py", args.users),
        (f"mix + {args.logins} logins/s", "with-logins", "login_locustfile.py", args.users + args.logins),
    ]
    os.environ["EDU_LOGIN_USERS"] = str(args.logins)  # read by login_locustfile's LoginUser
    outcomes = []
    for label, folder, locustfile, users in runs:
        out = args.out / folder
        options = ["--steps", str(users), "--label", label, "--out", str(out)]
        capacity.run(capacity.parse([*common, *options, "--locustfile", str(ROOT / "loadtest" / locustfile)]))
        outcomes.append(measure(out, label, args.settle))
    print(table(outcomes))
    print(summary(*outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
