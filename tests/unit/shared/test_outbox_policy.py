"""The outbox's retry policy: exponential backoff under a ceiling, and which failure parks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend_services.shared.outbox_policy import DeliveryPolicy
from tests.databases import base_settings


def test_backoff_doubles_from_the_base_up_to_the_ceiling():
    policy = DeliveryPolicy(retry_base_seconds=5, retry_max_seconds=900)
    waits = [policy.backoff(n).total_seconds() for n in range(1, 13)]
    assert waits == [5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900]
    assert policy.backoff(10_000) == timedelta(seconds=900)  # no overflow for a huge count


@pytest.mark.parametrize(
    ("failures", "error", "parks"),
    [
        (9, ValueError("rejected"), False),
        (10, ValueError("rejected"), True),
        (10, ConnectionRefusedError("smtp down"), False),
        (25, TimeoutError("broker slow"), False),
    ],
)
def test_only_an_answered_failure_at_the_cap_parks(failures, error, parks):
    assert DeliveryPolicy(max_attempts=10).parks(failures, error) is parks


def test_the_policy_comes_from_the_settings():
    settings = base_settings(
        outbox_lease_seconds=30,
        outbox_max_attempts=4,
        outbox_retry_base_seconds=2,
        outbox_retry_max_seconds=60,
    )
    assert DeliveryPolicy.from_settings(settings) == DeliveryPolicy(
        lease_seconds=30, max_attempts=4, retry_base_seconds=2, retry_max_seconds=60
    )
