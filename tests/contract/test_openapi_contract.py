"""Schemathesis over the OpenAPI document, inside pytest against the ASGI app on SQLite:
no server errors, every answer documented (status, headers, body schema) and inputs the
document forbids are refused.

Not checked: that every input the document allows is accepted. Business rules the JSON
Schema does not express (a wrong password, a paid course without a price, a reserved
e-mail domain, an amount that differs from the price) rightly refuse schema-valid input.

Each operation is called with the token of the role that may use it, so generated
requests reach the rules behind authentication, not only the 401.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.failures import Failure, FailureGroup

from backend_services.api import create_api
from backend_services.bootstrap import build_platform, set_platform
from backend_services.shared.security import Role
from tests.databases import SqliteTemplate, off_loop

pytestmark = pytest.mark.contract

EXAMPLES = 30


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contract")
    settings = SqliteTemplate(folder / "template").fresh(folder / "db")
    platform = build_platform(settings)
    set_platform(platform)
    off_loop(asyncio.run, platform.start(run_sweeper=False))
    yield platform
    off_loop(asyncio.run, platform.stop())


@pytest.fixture(scope="module")
def api_schema(platform):
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_api(with_lifespan=False))


@pytest.fixture(scope="module")
def tokens(platform) -> dict[str, str]:
    def issue(role: Role, verified: bool) -> str:
        return platform.tokens.issue(user_id=uuid.uuid4(), role=role, is_verified=verified)

    return {
        "admin": issue(Role("admin"), True),
        "teacher": issue(Role("teacher"), True),
        "student": issue(Role("student"), False),
    }


def _role_for(method: str, path: str) -> str:
    if "/admin/" in path:
        return "admin"
    if "/api/course/" in path and method != "GET" and not path.endswith("/reviews"):
        return "teacher"
    if path.endswith("/courses/my") or "/students" in path:
        return "teacher"
    return "student"


def _failures(operation, tokens) -> list[str]:
    """Run the generated cases of one operation; every distinct failure, as text."""
    found: list[str] = []
    token = tokens[_role_for(operation.method.upper(), operation.path)]

    @given(operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case):
        try:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
            )
        except (AssertionError, FailureGroup, Failure) as exc:
            text = str(exc)
            if text not in found:
                found.append(text[:1500])

    run()
    return found


def test_the_api_keeps_its_documented_contract(api_schema, tokens):
    failures = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 30
    for operation in operations:
        problems = _failures(operation, tokens)
        if problems:
            failures[operation.label] = problems
    report = "\n\n".join(f"== {label}\n" + "\n".join(problems) for label, problems in failures.items())
    assert not failures, report
