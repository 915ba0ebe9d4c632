"""The capacity command end to end on the tiny seed: a stepped run of the planning mix
reports every step, and another client's scenario is replayed through a base-URL map."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.loadtest.kit import ROOT, SCALE

pytestmark = pytest.mark.loadtest

# A scenario written for the five-service topology (course service on its own port).
FOREIGN_CLIENT = """
from locust import FastHttpUser, constant, task

class FiveServiceClient(FastHttpUser):
    wait_time = constant(0.2)
    host = "http://course-service.invalid:8002"

    @task
    def catalog(self):
        self.client.get("http://course-service.invalid:8002/courses?limit=5", name="/courses")
"""


def _capacity(*args: str, out, env_extra=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "LOCUST_WAIT_MIN": "0.2", "LOCUST_WAIT_MAX": "0.6", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "loadtest.capacity", "--out", str(out), "--settle", "1", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_stepped_run_reports_each_step_and_the_capacity(app_server, tmp_path):
    out = tmp_path / "run"
    result = _capacity(
        "--host", app_server, "--steps", "2,4", "--step-time", "10s", "--scale", str(SCALE), out=out
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "capacity.json").read_text())
    steps = report["steps"]
    assert [s["users"] for s in steps] == [2, 4]
    for step in steps:
        assert step["overall"]["requests"] > 5
        assert step["overall"]["failures"] == 0, step["errors"]
        assert "GET /api/course/courses" in step["endpoints"]
        assert step["cpu"]["total"] > 0
    assert report["line"].startswith("capacity: ")
    assert report["line"] in result.stdout
    assert (out / "capacity.png").exists()


def test_another_locustfile_is_replayed_through_a_url_map(app_server, tmp_path):
    scenario = tmp_path / "foreign.py"
    scenario.write_text(FOREIGN_CLIENT)
    out = tmp_path / "run"
    result = _capacity(
        "--host",
        app_server,
        "--locustfile",
        str(scenario),
        "--url-map",
        f"http://course-service.invalid:8002={app_server}/api/course",
        "--steps",
        "2",
        "--step-time",
        "6s",
        "--no-monitor",
        out=out,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    step = json.loads((out / "capacity.json").read_text())["steps"][0]
    assert step["overall"]["failures"] == 0, step["errors"]
    assert step["endpoints"]["GET /courses"]["requests"] > 5
