"""/metrics cannot be blown up from outside (bounded labels) and is only for the
configured networks or the bearer token."""

from __future__ import annotations

import random
import re
import string

import pytest
from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api


def _series(body: str) -> set[str]:
    return set(re.findall(r"^http_requests_total\{[^}]*\}", body, re.MULTILINE))


def _label_values(body: str, label: str) -> set[str]:
    return set(re.findall(rf'^http_requests_total\{{.*?{label}="([^"]*)"', body, re.MULTILINE))


async def test_made_up_methods_and_paths_add_no_series(client):
    rng = random.Random(7)
    before = (await client.get("/metrics")).text
    for _ in range(60):
        method = "".join(rng.choices(string.ascii_uppercase, k=8))
        path = "/" + "/".join("".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(3))
        await client.request(method, path)
        await client.request(method, "/api/course/courses")
        await client.get(f"/api/course{path}")
    after = (await client.get("/metrics")).text
    assert _label_values(after, "method") - _label_values(before, "method") <= {"OTHER", "GET"}
    assert "<unmatched>" in _label_values(after, "route")
    # 180 junk requests: a handful of new series at most, never one per request.
    assert len(_series(after) - _series(before)) <= 6


@pytest.mark.parametrize(
    ("peer", "headers", "allowed"),
    [
        (("127.0.0.1", 5000), {}, True),
        (("203.0.113.9", 5000), {}, False),
        # Through a proxy on the same host the peer is loopback, but the client is not.
        (("127.0.0.1", 5000), {"X-Forwarded-For": "203.0.113.9"}, False),
        (("203.0.113.9", 5000), {"Authorization": "Bearer scrape-token-0123456789"}, True),
        (("203.0.113.9", 5000), {"Authorization": "Bearer wrong"}, False),
    ],
)
async def test_metrics_are_restricted_by_configuration(platform, peer, headers, allowed):
    platform.settings.metrics_token = "scrape-token-0123456789"  # noqa: S105 - test value
    app = create_api(with_lifespan=False)
    async with AsyncClient(transport=ASGITransport(app=app, client=peer), base_url="http://t") as http:
        response = await http.get("/metrics", headers=headers)
    if allowed:
        assert response.status_code == 200
        assert "http_requests_total" in response.text
    else:
        assert response.status_code == 403
        assert response.json() == {"detail": "Metrics are not available to this client"}


async def test_cors_answers_only_configured_origins(client, platform):
    allowed = platform.settings.cors_origins[0]
    own = await client.get("/api/course/courses", headers={"Origin": allowed})
    assert own.headers["access-control-allow-origin"] == allowed
    evil = await client.get("/api/course/courses", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in evil.headers
    preflight = await client.options(
        "/api/identity/me",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
