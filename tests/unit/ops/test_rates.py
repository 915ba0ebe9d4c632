"""Rates between two metric readings: requests/s, 5xx share and histogram percentiles."""

from __future__ import annotations

import math

import pytest

from backend_services.ops.rates import TOTAL, between, quantile
from backend_services.ops.readings import Reading
from eduplatform.states.ops import route_row, sparkline

BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, math.inf]


def buckets(*counts: float) -> list[tuple[float, float]]:
    """Cumulative buckets from per-bucket counts."""
    total, out = 0.0, []
    for bound, count in zip(BOUNDS, counts, strict=True):
        total += count
        out.append((bound, total))
    return out


def test_quantile_interpolates_inside_the_bucket():
    # 100 observations: 50 under 5 ms, 40 in (5, 10], 10 in (10, 25]
    b = buckets(50, 40, 10, 0, 0, 0)
    assert quantile(0.5, b) == pytest.approx(0.005)
    assert quantile(0.7, b) == pytest.approx(0.0075)  # 20 of 40 into (5, 10]
    assert quantile(0.95, b) == pytest.approx(0.0175)  # 5 of 10 into (10, 25]
    assert quantile(0.99, buckets(0, 0, 0, 0, 0, 0)) is None


def test_quantile_beyond_the_last_bound_is_that_bound():
    assert quantile(0.99, buckets(0, 0, 0, 0, 1, 99)) == pytest.approx(0.1)


def test_between_two_readings():
    before = Reading(
        at=100.0,
        requests={"/a": 100, "/b": 10},
        errors={"/a": 0},
        buckets={"/a": buckets(100, 0, 0, 0, 0, 0), "/b": buckets(10, 0, 0, 0, 0, 0)},
    )
    now = Reading(
        at=110.0,
        requests={"/a": 300, "/b": 10, "/c": 50},
        errors={"/a": 4, "/c": 0},
        buckets={
            "/a": buckets(100, 200, 0, 0, 0, 0),  # 200 new, all in (5, 10] ms
            "/b": buckets(10, 0, 0, 0, 0, 0),  # no new requests: left out
            "/c": buckets(0, 0, 0, 50, 0, 0),  # 50 new in (25, 50] ms
        },
    )
    total, *routes = between(before, now)
    assert total.route == TOTAL
    assert total.rps == pytest.approx(25.0)
    assert total.error_rate == pytest.approx(4 / 250)
    assert [r.route for r in routes] == ["/a", "/c"]  # busiest first, idle /b omitted
    a, c = routes
    assert a.rps == pytest.approx(20.0) and a.error_rate == pytest.approx(0.02)
    assert 5 < a.p50_ms <= 10 and 5 < a.p99_ms <= 10
    assert 25 < c.p99_ms <= 50
    assert 25 < total.p99_ms <= 50  # the slow route dominates the tail


def test_a_restarted_worker_never_gives_negative_rates():
    before = Reading(at=0.0, requests={"/a": 500}, buckets={"/a": buckets(500, 0, 0, 0, 0, 0)})
    now = Reading(at=5.0, requests={"/a": 20}, buckets={"/a": buckets(20, 0, 0, 0, 0, 0)})
    total, *routes = between(before, now)
    assert total.rps == 0.0 and routes == []


def test_view_rows_and_sparkline():
    total, a = between(
        Reading(at=0.0, requests={"/a": 0}, buckets={"/a": buckets(0, 0, 0, 0, 0, 0)}),
        Reading(at=2.0, requests={"/a": 10}, buckets={"/a": buckets(0, 10, 0, 0, 0, 0)}),
    )
    row = route_row(a)
    assert (row.route, row.rps, row.errors) == ("/a", "5.0", "0.0%")
    points = sparkline([0.0, 5.0, 10.0], width=100, height=10).split()
    assert points[0] == "0.0,9.0" and points[-1] == "100.0,1.0"
    assert sparkline([]) == ""
