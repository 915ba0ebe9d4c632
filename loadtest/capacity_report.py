"""Per-step figures of a capacity run: from ``steps.csv``, ``requests-*.csv`` (written by
``loadtest.stepload``) and ``monitor.csv`` (``loadtest.monitor``) to a table, plots and
the capacity line.

Each step is measured after a warm-up (the ramp to the step's user count plus a settling
time), so logins of newly started users and the transition do not count. Percentiles are
exact (nearest-rank over every request of the window), not Locust's histogram buckets.
"""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from loadtest.capacity_files import REQUESTS_PREFIX, STEPS_FILE
from loadtest.monitor import CONTEXTS, GROUPS

# Every error answer carries its own request id; without it equal failures group together.
_REQUEST_ID = re.compile(r',? ?\\?"request_id\\?": ?\\?"[0-9a-f]+\\?"')


def _without_ids(error: str) -> str:
    return _REQUEST_ID.sub("", error)


P99_LIMIT_MS = 100.0


@dataclass
class Latency:
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    max: float


@dataclass
class Step:
    users: int
    start: float
    window: tuple[float, float]
    overall: Latency
    endpoints: dict[str, Latency] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    pools: dict[str, float] = field(default_factory=dict)
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return self.overall.failures == 0 and self.overall.p99 < P99_LIMIT_MS and self.overall.requests > 0


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (0.0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def latency(times: list[float], failures: int, seconds: float) -> Latency:
    times = sorted(times)
    return Latency(
        requests=len(times),
        failures=failures,
        rps=round(len(times) / seconds, 1) if seconds > 0 else 0.0,
        p50=round(percentile(times, 50), 1),
        p95=round(percentile(times, 95), 1),
        p99=round(percentile(times, 99), 1),
        max=round(times[-1], 1) if times else 0.0,
    )


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def read_steps(run_dir: Path) -> list[dict[str, float]]:
    rows = _read_csv(run_dir / STEPS_FILE)
    return [{key: float(value) for key, value in row.items()} for row in rows]


def read_requests(run_dir: Path) -> list[tuple[float, str, float, bool, str]]:
    """Every recorded request as (start, "<type> <name>", ms, ok, error), sorted by start."""
    requests = []
    for path in sorted(run_dir.glob(f"{REQUESTS_PREFIX}*.csv")):
        for row in _read_csv(path):
            name = f"{row['type']} {row['name']}"
            requests.append((float(row["start"]), name, float(row["ms"]), row["ok"] == "1", row["error"]))
    requests.sort(key=lambda r: r[0])
    return requests


def _windows(steps: list[dict[str, float]], settle: float, end: float) -> list[tuple[float, float]]:
    windows = []
    for i, step in enumerate(steps):
        previous_users = steps[i - 1]["users"] if i else 0
        ramp = abs(step["users"] - previous_users) / max(step["spawn_rate"], 1)
        stop = steps[i + 1]["start"] if i + 1 < len(steps) else min(end, step["start"] + step["hold_seconds"])
        begin = min(step["start"] + ramp + settle, stop)
        windows.append((begin, stop))
    return windows


def _monitor_means(samples: list[dict[str, str]], window: tuple[float, float], columns: list[str]):
    inside = [s for s in samples if window[0] <= float(s["time"]) <= window[1]]
    means = {}
    for column in columns:
        values = [float(s[column]) for s in inside if s.get(column) not in (None, "")]
        if values:
            means[column] = round(statistics.fmean(values), 3)
    return means


def analyse(run_dir: Path, *, settle: float = 15.0) -> list[Step]:
    """Split a run into its steps and measure each one."""
    steps = read_steps(run_dir)
    requests = read_requests(run_dir)
    samples = _read_csv(run_dir / "monitor.csv") if (run_dir / "monitor.csv").exists() else []
    end = requests[-1][0] if requests else 0.0
    results = []
    for step, window in zip(steps, _windows(steps, settle, end), strict=True):
        inside = [r for r in requests if window[0] <= r[0] < window[1]]
        seconds = window[1] - window[0]
        by_name: dict[str, list[float]] = defaultdict(list)
        failed: dict[str, int] = defaultdict(int)
        errors: dict[str, int] = defaultdict(int)
        for _, name, ms, ok, error in inside:
            by_name[name].append(ms)
            if not ok:
                failed[name] += 1
                errors[f"{name}: {_without_ids(error)}"] += 1
        cpu = _monitor_means(samples, window, [f"cpu_{g}" for g in GROUPS] + ["cpu_total"])
        pools = _monitor_means(samples, window, [f"pool_in_use_{c}" for c in CONTEXTS])
        results.append(
            Step(
                users=int(step["users"]),
                start=step["start"],
                window=window,
                overall=latency([r[2] for r in inside], sum(failed.values()), seconds),
                endpoints={
                    name: latency(times, failed[name], seconds) for name, times in sorted(by_name.items())
                },
                errors=dict(sorted(errors.items(), key=lambda kv: -kv[1])[:10]),
                cpu={k.removeprefix("cpu_"): v for k, v in cpu.items()},
                pools={k.removeprefix("pool_in_use_"): v for k, v in pools.items()},
            )
        )
    return results


def capacity(steps: list[Step]) -> Step | None:
    """The highest step (by requests/s) that kept p99 under the limit without failures."""
    healthy = [s for s in steps if s.healthy]
    return max(healthy, key=lambda s: s.overall.rps) if healthy else None


def capacity_line(steps: list[Step], label: str = "") -> str:
    best = capacity(steps)
    prefix = f"capacity{f' ({label})' if label else ''}"
    if best is None:
        return f"{prefix}: no step kept p99 < {P99_LIMIT_MS:.0f} ms without failures"
    return (
        f"{prefix}: {best.overall.rps:.1f} requests/s at {best.users} users "
        f"(p99 {best.overall.p99:.0f} ms, p95 {best.overall.p95:.0f} ms, 0 failures)"
    )


def steps_table(steps: list[Step]) -> str:
    cpu_groups = [g for g in (*GROUPS, "total") if any(g in s.cpu for s in steps)]
    head = "| users | req/s | p50 ms | p95 ms | p99 ms | max ms | failures | " + " | ".join(
        f"CPU {g}" for g in cpu_groups
    )
    lines = [head + " |", "|" + "---:|" * (7 + len(cpu_groups))]
    for s in steps:
        o = s.overall
        mark = "" if s.healthy else " ✗"
        cells = [f"{s.users}{mark}", f"{o.rps:.1f}", f"{o.p50:.0f}", f"{o.p95:.0f}", f"{o.p99:.0f}"]
        cells += [f"{o.max:.0f}", str(o.failures)] + [f"{s.cpu.get(g, 0):.2f}" for g in cpu_groups]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def endpoints_table(steps: list[Step]) -> str:
    """p99 (ms) of every endpoint at every step, plus its share of requests."""
    names = sorted({name for s in steps for name in s.endpoints})
    lines = [
        "| endpoint | " + " | ".join(f"p99 @{s.users}" for s in steps) + " | req/s @last |",
        "|---|" + "---:|" * (len(steps) + 1),
    ]
    for name in names:
        cells = [f"{s.endpoints[name].p99:.0f}" if name in s.endpoints else "" for s in steps]
        last = steps[-1].endpoints.get(name)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {last.rps if last else 0:.1f} |")
    return "\n".join(lines)


def pools_table(steps: list[Step]) -> str:
    lines = ["| users | " + " | ".join(CONTEXTS) + " |", "|---:|" + "---:|" * len(CONTEXTS)]
    for s in steps:
        lines.append(f"| {s.users} | " + " | ".join(f"{s.pools.get(c, 0):.2f}" for c in CONTEXTS) + " |")
    return "\n".join(lines)


def plot(steps: list[Step], out_dir: Path, label: str = "") -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Steps are evenly spaced categories (50, 100, 200, ...), labelled by their user count.
    x = list(range(len(steps)))
    fig, (ax1, ax2, ax3) = plt.subplots(3, 1, figsize=(9, 10), sharex=True)
    for attr in ("p50", "p95", "p99"):
        ax1.plot(x, [getattr(s.overall, attr) for s in steps], marker="o", label=attr)
    ax1.axhline(P99_LIMIT_MS, color="r", linestyle=":", label=f"{P99_LIMIT_MS:.0f} ms")
    ax1.set_yscale("log")
    ax1.set_ylabel("latency, ms")
    ax1.legend()
    ax1.grid(alpha=0.3)
    ax2.plot(x, [s.overall.rps for s in steps], marker="o", label="requests/s")
    ax2.plot(x, [s.overall.failures / max(1.0, s.window[1] - s.window[0]) for s in steps], label="fail/s")
    ax2.set_ylabel("requests/s")
    ax2.legend()
    ax2.grid(alpha=0.3)
    groups = [g for g in GROUPS if any(g in s.cpu for s in steps)]
    bottom = [0.0] * len(steps)
    for g in groups:
        values = [s.cpu.get(g, 0.0) for s in steps]
        ax3.bar(x, values, bottom=bottom, label=g)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax3.set_ylabel("CPU, cores")
    ax3.set_xticks(x, [str(s.users) for s in steps])
    ax3.set_xlabel("users")
    if groups:
        ax3.legend(fontsize=8)
    ax3.grid(alpha=0.3)
    fig.suptitle(f"capacity {label}".strip())
    fig.tight_layout()
    path = out_dir / "capacity.png"
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return [path]


def write_report(run_dir: Path, *, label: str = "", settle: float = 15.0) -> tuple[list[Step], str]:
    """Write ``capacity.md``, ``capacity.json`` and ``capacity.png``; returns the steps and line."""
    steps = analyse(run_dir, settle=settle)
    line = capacity_line(steps, label)
    plots = plot(steps, run_dir, label) if steps else []
    errors = sorted({e: n for s in steps for e, n in s.errors.items()}.items(), key=lambda kv: -kv[1])
    parts = [
        f"# Capacity run {run_dir.name}{f' ({label})' if label else ''}",
        f"**{line}**",
        "## Steps (after warm-up; CPU in cores, from /proc)",
        steps_table(steps),
        "## p99 per endpoint (ms)",
        endpoints_table(steps) if steps else "",
        "## Connections in use per context (mean over the step, all workers)",
        pools_table(steps),
        "## Failures",
        "\n".join(f"- {e} x{n}" for e, n in errors[:20]) or "none",
        "## Plot",
        "\n".join(f"![capacity]({p.name})" for p in plots),
    ]
    (run_dir / "capacity.md").write_text("\n\n".join(parts) + "\n")
    (run_dir / "capacity.json").write_text(
        json.dumps(
            {"label": label, "line": line, "settle": settle, "steps": [asdict(s) for s in steps]}, indent=1
        )
    )
    return steps, line


def compare(runs: list[Path]) -> str:
    """A side-by-side of several capacity runs (e.g. the baseline and the optimised
    configuration measured in one session), with each run's capacity as a ratio to the first."""
    rows = []
    for run_dir in runs:
        data = json.loads((run_dir / "capacity.json").read_text())
        steps = [s for s in data["steps"] if s["overall"]["requests"]]
        healthy = [s for s in steps if s["overall"]["failures"] == 0 and s["overall"]["p99"] < P99_LIMIT_MS]
        best = max(healthy, key=lambda s: s["overall"]["rps"]) if healthy else None
        rows.append((data["label"] or run_dir.name, best, steps))
    base = rows[0][1]["overall"]["rps"] if rows and rows[0][1] else None
    lines = [
        "| configuration | capacity req/s | at users | p99 ms | ratio to first |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, best, _ in rows:
        if best is None:
            lines.append(f"| {label} | - | - | - | - |")
            continue
        rps = best["overall"]["rps"]
        ratio = f"{rps / base:.1f}x" if base else "-"
        lines.append(f"| {label} | {rps:.1f} | {best['users']} | {best['overall']['p99']:.0f} | {ratio} |")
    lines += ["", "p99 (ms) and requests/s per step:", ""]
    users = sorted({s["users"] for _, _, steps in rows for s in steps})
    lines.append("| configuration | " + " | ".join(f"@{u}" for u in users) + " |")
    lines.append("|---|" + "---:|" * len(users))
    for label, _, steps in rows:
        by_users = {s["users"]: s["overall"] for s in steps}
        cells = [
            f"{by_users[u]['p99']:.0f} ms / {by_users[u]['rps']:.0f}" if u in by_users else "" for u in users
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m loadtest.capacity_report RUN [RUN ...]``: print each run's capacity line
    (re-rendering its report with ``--render`` or when it has none) and, with several runs,
    the comparison."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m loadtest.capacity_report")
    parser.add_argument("runs", type=Path, nargs="+")
    parser.add_argument("--render", action="store_true", help="recompute each run's report")
    parser.add_argument("--settle", type=float, default=None, help="warm-up seconds (default: the run's)")
    args = parser.parse_args(argv)
    for run_dir in args.runs:
        saved = run_dir / "capacity.json"
        data = json.loads(saved.read_text()) if saved.exists() else {}
        if args.render or not data:
            settle = args.settle if args.settle is not None else data.get("settle", 15.0)
            data["line"] = write_report(run_dir, label=data.get("label", ""), settle=settle)[1]
        print(data["line"])
    if len(args.runs) > 1:
        print()
        print(compare(args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
