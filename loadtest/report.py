"""Turn one run's files (Locust CSVs + monitor.csv) into PNG plots and summary.md.

python -m loadtest.report loadtest/results/<timestamp> [--plots-to docs/perf]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path

from loadtest.monitor import CONTEXTS, GROUPS


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def _num(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "", "N/A") else None
    except ValueError:
        return None


def endpoint_table(stats: list[dict[str, str]]) -> str:
    lines = [
        "| endpoint | requests | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = sorted(stats, key=lambda r: (r["Name"] == "Aggregated", -int(r["Request Count"])))
    for r in rows:
        name = f"{r['Type']} {r['Name']}".strip()
        lines.append(
            f"| {'**' + name + '**' if r['Name'] == 'Aggregated' else name} | {r['Request Count']} "
            f"| {r['Failure Count']} | {float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} "
            f"| {r['99%']} | {float(r['Max Response Time']):.0f} |"
        )
    return "\n".join(lines)


def monitor_table(samples: list[dict[str, str]]) -> str:
    if not samples:
        return "(no monitor samples)"
    lines = ["| series | mean | max |", "|---|---:|---:|"]
    for column in (
        [f"cpu_{g}" for g in GROUPS]
        + ["cpu_total"]
        + [f"pool_in_use_{c}" for c in CONTEXTS]
        + [f"pool_size_{c}" for c in CONTEXTS]
        + ["in_flight"]
    ):
        values = [v for v in (_num(s.get(column)) for s in samples) if v is not None]
        if values:
            lines.append(f"| {column} | {statistics.fmean(values):.2f} | {max(values):.2f} |")
    return "\n".join(lines)


def ui_table(
    stats: list[dict[str, str]], samples: list[dict[str, str]], updates: list[dict[str, str]]
) -> str:
    """UI events/s and the CPU each one cost (app, PostgreSQL), from the whole run's means."""
    ui = [r for r in stats if r["Type"] == "UI"]
    if not ui:
        return "(no UI events in this run)"
    count = sum(int(r["Request Count"]) for r in ui)
    rate = sum(float(r["Requests/s"]) for r in ui)
    others = sum(
        float(r["Requests/s"]) for r in stats if r["Type"] not in ("UI", "") and r["Name"] != "Aggregated"
    )
    lines = [
        f"- UI events: {count} ({rate:.1f}/s), failures {sum(int(r['Failure Count']) for r in ui)}"
        + (f"; other requests meanwhile {others:.1f}/s" if others else ""),
    ]
    per = "UI event" if not others else "request (UI events + REST)"
    for group in ("app", "postgres", "locust"):
        values = [v for v in (_num(x.get(f"cpu_{group}")) for x in samples) if v is not None]
        if values and rate + others:
            cores = statistics.fmean(values)
            lines.append(
                f"- {group} CPU: {cores:.2f} cores mean = {cores * 1000 / (rate + others):.1f} ms per {per}"
            )
    if updates:
        lines += ["", "| UI event | count | updates per event | bytes per event |", "|---|---:|---:|---:|"]
        lines += [
            f"| {u['event']} | {u['count']} | {u['updates_per_event']} | {u['bytes_per_event']} |"
            for u in updates
        ]
    return "\n".join(lines)


def plots(run_dir: Path, prefix: str, out_dir: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    history = _read(run_dir / f"{prefix}_stats_history.csv")
    history = [r for r in history if r["Name"] == "Aggregated"]
    samples = _read(run_dir / "monitor.csv")
    made: list[Path] = []
    if history:
        t0 = int(history[0]["Timestamp"])
        t: list[float] = [int(r["Timestamp"]) - t0 for r in history]
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
        for pct in ("50%", "95%", "99%"):
            ax1.plot(t, [_num(r[pct]) for r in history], label=f"p{pct[:-1]}")
        ax1.set_ylabel("response time, ms (10 s window)")
        ax1.set_yscale("log")
        ax1.legend()
        ax1.grid(alpha=0.3)
        ax2.plot(t, [_num(r["Requests/s"]) for r in history], label="requests/s")
        ax2.plot(t, [_num(r["Failures/s"]) for r in history], label="failures/s")
        ax2b = ax2.twinx()
        ax2b.plot(t, [_num(r["User Count"]) for r in history], "k:", label="users")
        ax2b.set_ylabel("users")
        ax2.set_ylabel("requests/s")
        ax2.set_xlabel("seconds since start")
        ax2.legend(loc="upper left")
        ax2.grid(alpha=0.3)
        fig.tight_layout()
        made.append(out_dir / "latency_rps.png")
        fig.savefig(made[-1], dpi=90)
        plt.close(fig)
    if samples:
        s0 = float(samples[0]["time"])
        t = [float(s["time"]) - s0 for s in samples]
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
        for c in CONTEXTS:
            ax1.plot(t, [_num(s.get(f"pool_in_use_{c}")) for s in samples], label=c)
        sizes = [_num(s.get("pool_size_course")) for s in samples]
        ax1.plot(t, sizes, "k--", label="pool size (per context, all workers)")
        ax1.set_ylabel("connections checked out")
        ax1.legend(fontsize=8)
        ax1.grid(alpha=0.3)
        ax2.stackplot(t, *[[_num(s.get(f"cpu_{g}")) or 0 for s in samples] for g in GROUPS], labels=GROUPS)
        ax2.plot(t, [_num(s.get("cpu_total")) for s in samples], "k--", label="busy (/proc/stat)")
        ax2.set_ylabel("CPU, cores")
        ax2.set_xlabel("seconds since start")
        ax2.legend(loc="upper left", fontsize=8)
        ax2.grid(alpha=0.3)
        fig.tight_layout()
        made.append(out_dir / "pool_cpu.png")
        fig.savefig(made[-1], dpi=90)
        plt.close(fig)
    return made


def write_summary(run_dir: Path, prefix: str = "locust", plots_to: Path | None = None) -> Path:
    out_dir = plots_to or run_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    made = plots(run_dir, prefix, out_dir)
    stats = _read(run_dir / f"{prefix}_stats.csv")
    failures = _read(run_dir / f"{prefix}_failures.csv")
    parts = [
        f"# Load test run {run_dir.name}",
        "## Endpoints (Locust)",
        endpoint_table(stats) if stats else "(no stats)",
        "## Failures",
        "\n".join(f"- {f['Method']} {f['Name']}: {f['Error']} x{f['Occurrences']}" for f in failures)
        or "none",
        "## UI events (websocket)",
        ui_table(stats, _read(run_dir / "monitor.csv"), _read(run_dir / f"{prefix}_ui_updates.csv")),
        "## System (monitor.csv: CPU in cores, pool gauges summed over workers)",
        monitor_table(_read(run_dir / "monitor.csv")),
        "## Plots",
        "\n".join(f"![{p.stem}]({p.resolve()})" for p in made),
    ]
    summary = run_dir / "summary.md"
    summary.write_text("\n\n".join(parts) + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.report")
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--plots-to", type=Path, default=None)
    args = parser.parse_args(argv)
    print(write_summary(args.run_dir, plots_to=args.plots_to).read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
