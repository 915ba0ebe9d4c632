"""The capacity report's arithmetic on a synthetic run: windows skip the ramp, percentiles
are exact, a step with a failure or a slow p99 is not capacity."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loadtest.capacity_files import map_url, parse_url_map
from loadtest.capacity_report import analyse, capacity, capacity_line, compare, percentile, write_report

T0 = 1_800_000_000.0


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _run(tmp_path: Path, *, slow_second_step: bool = False, fail_third: bool = False) -> Path:
    """Three 100-second steps (10, 20, 40 users, spawn 10/s); 10, 10 and 20 requests a second."""
    steps = [[i, users, T0 + 100 * i, 100, 10] for i, users in enumerate((10, 20, 40))]
    _write(tmp_path / "steps.csv", ["step", "users", "start", "hold_seconds", "spawn_rate"], steps)
    rows = []
    for step in range(3):
        for tenth in range(1000):
            start = T0 + 100 * step + tenth / 10
            ms = 10.0 + (tenth % 80)  # 10..89 ms, evenly spread
            if step == 1 and slow_second_step:
                ms += 200
            if start - T0 - 100 * step < 1:  # the ramp: very slow, must not count
                ms = 5000.0
            ok = not (fail_third and step == 2 and tenth == 500)
            rows.append([f"{start:.3f}", "GET", f"/x{tenth % 2}", ms, int(ok), "" if ok else "boom"])
            if step == 2:
                rows.append([f"{start + 0.05:.3f}", "GET", "/x1", ms, 1, ""])
    _write(tmp_path / "requests-1.csv", ["start", "type", "name", "ms", "ok", "error"], rows)
    return tmp_path


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([], 99) == 0.0


def test_each_step_is_measured_after_its_ramp_and_settling(tmp_path):
    steps = analyse(_run(tmp_path), settle=5)
    assert [s.users for s in steps] == [10, 20, 40]
    # step 2 ramps 10 -> 20 users at 10/s = 1 s, plus 5 s settling
    assert steps[1].window == (pytest.approx(T0 + 106), pytest.approx(T0 + 200))
    for step in steps:
        assert step.overall.max < 5000  # the slow ramp requests are outside every window
        assert set(step.endpoints) == {"GET /x0", "GET /x1"}
    assert [s.overall.rps for s in steps] == [pytest.approx(10, abs=0.2)] * 2 + [pytest.approx(20, abs=0.3)]
    assert steps[0].overall.p99 == 89 and steps[0].overall.p50 == 49
    assert capacity(steps) is steps[2]  # every step healthy: the busiest one


def test_capacity_is_the_busiest_healthy_step(tmp_path):
    steps = analyse(_run(tmp_path, slow_second_step=True, fail_third=True), settle=5)
    assert steps[0].healthy
    assert not steps[1].healthy  # p99 above 100 ms
    assert not steps[2].healthy  # one failure
    assert steps[2].errors == {"GET /x0: boom": 1}
    assert capacity(steps) is steps[0]
    assert capacity_line(steps).startswith("capacity: 10.")


def test_no_healthy_step_says_so(tmp_path):
    steps = analyse(_run(tmp_path, slow_second_step=True), settle=5)
    for step in steps:
        step.overall.failures = 1
    assert capacity(steps) is None
    assert "no step kept p99" in capacity_line(steps)


def test_report_and_comparison(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _run(first)
    write_report(first, label="baseline", settle=5)
    _run(second, slow_second_step=True)
    write_report(second, label="slow", settle=5)
    assert "capacity (baseline)" in (first / "capacity.md").read_text()
    assert (first / "capacity.png").stat().st_size > 1000
    table = compare([first, second])
    assert "| baseline |" in table and "| slow |" in table and "1.0x" in table


def test_url_map_rewrites_longest_prefix_first():
    pairs = parse_url_map("http://h:8002=http://app/api/course, http://h:8002/x=http://other")
    assert map_url("http://h:8002/x/1", pairs) == "http://other/1"
    assert map_url("http://h:8002/courses?q=a", pairs) == "http://app/api/course/courses?q=a"
    assert map_url("http://elsewhere/y", pairs) == "http://elsewhere/y"
    with pytest.raises(ValueError, match="from=to"):
        parse_url_map("no-equals-sign")


def test_equal_failures_group_together_whatever_their_request_ids(tmp_path):
    _run(tmp_path)
    rows = [
        [f"{T0 + 250 + i:.3f}", "GET", "/x0", 20, 0, f'503: {{"detail": "Busy", "request_id": "{i:032x}"}}']
        for i in range(3)
    ]
    with (tmp_path / "requests-1.csv").open("a", newline="") as f:
        csv.writer(f).writerows(rows)
    step = analyse(tmp_path, settle=5)[2]
    assert step.errors == {'GET /x0: 503: {"detail": "Busy"}': 3}
