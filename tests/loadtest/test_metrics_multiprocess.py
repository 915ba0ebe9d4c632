"""Metrics with several worker processes (PROMETHEUS_MULTIPROC_DIR): whichever worker
answers /metrics reports requests and pool gauges summed over all workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.loadtest

WORKER = """
import asyncio, time
from backend_services.shared import metrics
assert metrics.MULTIPROCESS
metrics.register_pool_collector(lambda: {"course": (3, 5), "identity": (0, 5)})
metrics._pool_sampler.ensure_running()
time.sleep(4 * metrics.POOL_SAMPLE_SECONDS)
metrics.REQUESTS.labels("GET", "/api/course/courses", "200").inc()
print(asyncio.run(metrics.metrics_endpoint(None)).body.decode())
"""


def _worker(folder: Path) -> str:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    done = subprocess.run([sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_workers_are_summed(tmp_path):
    _worker(tmp_path)
    body = _worker(tmp_path)  # the second "worker" answers the scrape
    assert 'http_requests_total{method="GET",route="/api/course/courses",status="200"} 2.0' in body
    assert 'db_pool_in_use{context="course"} 6.0' in body
    assert 'db_pool_size{context="course"} 10.0' in body
    assert 'db_pool_size{context="identity"} 10.0' in body


OPS_WORKER = """
import json, time
from backend_services.shared import metrics
from backend_services.ops import readings
metrics.register_pool_collector(lambda: {"course": (2, 5)})  # starts the sampler at once
time.sleep(4 * metrics.POOL_SAMPLE_SECONDS)
metrics.REQUESTS.labels("GET", "/api/course/courses", "503").inc()
metrics.LATENCY.labels("GET", "/api/course/courses").observe(0.02)
metrics.UI_SESSIONS.set(3)
r = readings.read()
print(json.dumps({"requests": r.requests, "errors": r.errors, "pools": r.pools_in_use,
                  "ui": r.ui_sessions, "buckets": r.buckets["/api/course/courses"][-1][1]}))
"""


def test_the_operations_reading_sums_every_worker(tmp_path):
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    outputs = []
    for _ in range(2):  # the second "worker" reads both
        done = subprocess.run(
            [sys.executable, "-c", OPS_WORKER], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout))
    reading = outputs[1]
    assert reading["requests"] == {"/api/course/courses": 2}
    assert reading["errors"] == {"/api/course/courses": 2}
    assert reading["buckets"] == 2.0  # +Inf bucket: every observation of both workers
    # Pool gauges are sampled without any HTTP request having reached the worker.
    assert reading["pools"] == {"course": 4.0}
    assert reading["ui"] == 6.0
