"""The client address behind a request: X-Forwarded-For only from trusted proxies."""

from __future__ import annotations

import pytest

from backend_services.shared.client_address import resolve_client_address


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "trusted", "expected"),
    [
        ("198.51.100.1", None, "", "198.51.100.1"),
        ("198.51.100.1", "203.0.113.5", "", "198.51.100.1"),  # nobody trusted: the header is a lie
        ("198.51.100.1", "203.0.113.5", "10.0.0.1", "198.51.100.1"),  # not from our proxy
        ("10.0.0.1", "203.0.113.5", "10.0.0.1", "203.0.113.5"),
        ("10.0.0.1", "6.6.6.6, 203.0.113.5", "10.0.0.1", "203.0.113.5"),  # the client may prepend lies
        ("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.9", "10.0.0.0/24", "203.0.113.5"),  # two proxies
        ("10.0.0.2", "10.0.0.7", "10.0.0.0/24", "10.0.0.7"),  # only proxies: the first one
        ("::1", "2001:db8::5", "::1", "2001:db8::5"),
        ("10.0.0.1", "not-an-ip", "10.0.0.1", "not-an-ip"),  # untrusted garbage is its own bucket
        (None, "203.0.113.5", "10.0.0.1", "unknown"),
    ],
)
def test_resolve_client_address(peer, forwarded_for, trusted, expected):
    assert resolve_client_address(peer, forwarded_for, trusted) == expected
