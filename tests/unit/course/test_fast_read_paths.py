"""The stored-bytes layer answers exactly the course router's public GET paths: a route
renamed or removed there cannot leave the fast layer answering the old path."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute

from backend_services.course import fast_reads, router

EXPECTED_ENDPOINTS = {"course": "get_course", "curriculum": "get_curriculum", "lesson": "get_lesson"}


def _get_routes() -> dict[str, APIRoute]:
    return {
        route.path: route
        for route in router.router.routes
        if isinstance(route, APIRoute) and "GET" in route.methods
    }


def test_every_fast_read_is_a_get_route_of_the_course_router_with_the_same_template():
    routes = _get_routes()
    for pattern, template, read in fast_reads._READS:
        assert template in routes, f"{template} is no GET route of the course router"
        assert routes[template].endpoint.__name__ == EXPECTED_ENDPOINTS[read]
        # The pattern is the template with its one path parameter as a UUID.
        assert re.sub(r"\{[a-z_]+\}", lambda _: f"({fast_reads._UUID})", template) == pattern


def test_the_fast_reads_cover_the_three_public_reads_once():
    assert sorted(read for _, _, read in fast_reads._READS) == sorted(EXPECTED_ENDPOINTS)
