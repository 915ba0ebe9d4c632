"""The logins benchmark end to end on the tiny seed: the planning mix alone, then with a
login stream, and the stream's rate and the rest of the mix's latency reported apart."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.loadtest.kit import ROOT, SCALE

pytestmark = pytest.mark.loadtest


def test_logins_are_reported_apart_from_the_mix(app_server, tmp_path):
    env = {**os.environ, "LOCUST_WAIT_MIN": "0.2", "LOCUST_WAIT_MAX": "0.6"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "loadtest.bench_logins",
            "--host",
            app_server,
            "--users",
            "3",
            "--logins",
            "2",
            "--step-time",
            "8s",
            "--settle",
            "1",
            "--scale",
            str(SCALE),
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| mix")]
    assert [row.split("|")[1].strip() for row in rows] == ["mix alone", "mix + 2 logins/s"]
    alone, busy = ([cell.strip() for cell in row.split("|")] for row in rows)
    assert alone[2] == "0.0" and alone[3] == "-"  # no stream in the first run
    assert 1.0 <= float(busy[2]) <= 2.5  # two users, one login a second each
    assert float(alone[4]) > 0 and float(busy[4]) > 0  # the mix ran in both
    assert alone[6] == busy[6] == "0"  # no failures
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("logins: ") and "rest of the mix p99" in last
