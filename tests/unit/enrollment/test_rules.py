"""Pure progress rules: percentage and status transitions."""

from __future__ import annotations

import pytest

from backend_services.enrollment.service import percentage, status_after_completion


@pytest.mark.parametrize(
    "completed, total, expected",
    [(0, 0, 0.0), (0, 3, 0.0), (1, 3, 33.3), (2, 3, 66.7), (3, 3, 100.0), (5, 3, 100.0)],
)
def test_percentage_is_rounded_to_one_decimal_and_capped(completed, total, expected):
    assert percentage(completed, total) == expected


@pytest.mark.parametrize(
    "current, completed, total, expected",
    [
        ("enrolled", 1, 3, "in_progress"),
        ("in_progress", 2, 3, "in_progress"),
        ("in_progress", 3, 3, "completed"),
        ("enrolled", 1, 1, "completed"),
        ("completed", 3, 4, "completed"),  # a lesson added later does not un-complete
    ],
)
def test_status_moves_forward_only(current, completed, total, expected):
    assert status_after_completion(current, completed, total) == expected
