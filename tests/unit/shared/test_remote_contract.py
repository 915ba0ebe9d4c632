"""Remote contracts of the facades, service tokens and the circuit breaker."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal

import jwt
import pytest

from backend_services.course.schemas import CourseUpdate
from backend_services.shared.errors import Conflict, DomainError, NotAuthenticated, NotFound
from backend_services.shared.remote.breaker import CircuitBreaker, CircuitOpen
from backend_services.shared.remote.contract import ContractError, contract_for
from backend_services.shared.remote.errors import ServiceUnavailable, error_body, error_from
from backend_services.shared.remote.markers import local_only, read
from backend_services.shared.remote.tokens import ServiceTokens
from backend_services.shared.security import Principal, Role, TokenService
from backend_services.shared.settings import Settings
from backend_services.wiring import FACADES

SERVICE_SECRET = "service-secret-for-unit-tests-0123456789abcdef"
USER_SECRET = "user-secret-for-unit-tests-0123456789abcdefgh"


@pytest.mark.parametrize("context", sorted(FACADES))
def test_every_facade_has_a_remote_contract(context):
    contract = contract_for(FACADES[context])
    assert contract.methods, context
    for name, spec in contract.methods.items():
        assert not name.startswith("_")
        assert spec.principal in (None, *spec.signature.parameters)


def test_local_only_and_static_methods_stay_out_of_the_wire_api():
    identity = contract_for(FACADES["identity"])
    assert "ensure_admin" in identity.local_only and "ensure_admin" not in identity.methods
    notification = contract_for(FACADES["notification"])
    assert "handle_event" in notification.local_only
    assert "localize" in notification.static and "localize" not in notification.methods


def test_reads_are_marked_and_writes_are_not():
    course = contract_for(FACADES["course"]).methods
    assert course["get_course_summary"].read and course["count_lessons_many"].read
    assert not course["create_course"].read and not course["create_review"].read
    assert not contract_for(FACADES["enrollment"]).methods["enroll"].read


def test_the_caller_travels_apart_from_the_json_arguments():
    spec = contract_for(FACADES["course"]).methods["update_course"]
    actor = Principal(user_id=uuid.uuid4(), role=Role.TEACHER, is_verified=True)
    course_id = uuid.uuid4()
    body, sent_actor = spec.encode_call((actor, course_id, CourseUpdate(title="New")), {})
    assert sent_actor is actor
    # Only the fields the client set cross the wire, so a partial update stays partial.
    assert body == {"course_id": str(course_id), "data": {"title": "New"}}
    decoded = spec.decode_call(body)
    assert decoded["course_id"] == course_id
    assert decoded["data"].model_fields_set == {"title"}


def test_results_round_trip_through_json():
    spec = contract_for(FACADES["course"]).methods["count_lessons_many"]
    ids = [uuid.uuid4(), uuid.uuid4()]
    assert spec.decode_result(spec.encode_result({ids[0]: 3, ids[1]: 0})) == {ids[0]: 3, ids[1]: 0}
    summary = contract_for(FACADES["course"]).methods["get_course_summary"]
    assert summary.decode_result(summary.encode_result(None)) is None


class _Widget:
    pass


def _broken_facade() -> type:
    class Broken:
        async def fine(self, widget_id: uuid.UUID) -> int:
            return 1

        def not_async(self) -> int:
            return 1

        async def no_hints(self, widget_id):  # noqa: ANN001 - the point of the test
            return 1

        async def takes_callable(self, callback: Callable[[], None]) -> int:
            return 1

        async def returns_object(self) -> _Widget:
            return _Widget()

        @local_only
        async def also_returns_object(self) -> _Widget:
            return _Widget()

    return Broken


def test_a_facade_method_that_cannot_be_remote_fails_when_the_contract_is_built():
    with pytest.raises(ContractError) as failure:
        contract_for(_broken_facade())
    message = str(failure.value)
    for name in ("not_async", "no_hints", "takes_callable", "returns_object"):
        assert name in message
    assert "Broken.fine" not in message and "also_returns_object" not in message
    assert "@local_only" in message


def test_read_marker_may_carry_its_own_budget():
    class Slow:
        @read(timeout=30)
        async def report(self) -> int:
            return 1

    spec = contract_for(Slow).methods["report"]
    assert spec.read and spec.timeout == 30


# --- tokens ---------------------------------------------------------------------------


@pytest.fixture
def service_tokens() -> ServiceTokens:
    return ServiceTokens(SERVICE_SECRET, service="enrollment", ttl_seconds=60)


def test_a_service_token_carries_the_caller_and_the_acting_user(service_tokens):
    actor = Principal(user_id=uuid.uuid4(), role=Role.STUDENT, is_verified=False)
    call = service_tokens.verify(service_tokens.issue("course", actor), "course")
    assert call.service == "enrollment" and call.principal == actor
    assert service_tokens.verify(service_tokens.issue("course"), "course").principal is None


def test_a_service_token_is_bound_to_its_audience(service_tokens):
    with pytest.raises(NotAuthenticated):
        service_tokens.verify(service_tokens.issue("payment"), "course")


def test_a_user_token_is_not_a_service_token(service_tokens):
    users = TokenService(Settings(_env_file=None, jwt_secret=USER_SECRET))
    user_token = users.issue(user_id=uuid.uuid4(), role=Role.ADMIN, is_verified=True)
    with pytest.raises(NotAuthenticated):
        service_tokens.verify(user_token, "course")
    # Even signed with the service secret, a token without the service claims is refused.
    forged = jwt.encode(
        {"sub": "x", "iat": 1, "exp": 2**31, "aud": "eduplatform:course", "iss": "x"}, SERVICE_SECRET
    )
    with pytest.raises(NotAuthenticated):
        service_tokens.verify(forged, "course")


def test_a_service_token_is_not_a_user_token(service_tokens):
    actor = Principal(user_id=uuid.uuid4(), role=Role.ADMIN, is_verified=True)
    token = service_tokens.issue("course", actor)
    for secret in (USER_SECRET, SERVICE_SECRET):  # even if someone configured the same secret
        with pytest.raises(NotAuthenticated):
            TokenService(Settings(_env_file=None, jwt_secret=secret)).verify(token)


def test_an_expired_service_token_is_refused():
    tokens = ServiceTokens(SERVICE_SECRET, service="ui", ttl_seconds=-10)
    with pytest.raises(NotAuthenticated, match="expired"):
        tokens.verify(tokens.issue("course"), "course")


# --- errors ---------------------------------------------------------------------------


def test_domain_errors_come_back_as_the_same_class_and_message():
    for exc in (
        NotFound("Course not found"),
        Conflict("Already enrolled"),
        ServiceUnavailable(retry_after=7),
    ):
        again = error_from(exc.status_code, error_body(exc))
        assert type(again) is type(exc) and again.message == exc.message
    assert error_from(503, error_body(ServiceUnavailable(retry_after=7))).retry_after == 7


def test_unknown_errors_fall_back_to_their_status():
    assert type(error_from(404, {"detail": "gone"})) is NotFound
    assert type(error_from(503, {"detail": "Service is busy, please retry"})) is ServiceUnavailable
    assert type(error_from(418, {"detail": "odd", "error": "os:system"})) is DomainError


# --- breaker --------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_after_a_run_of_failures_and_one_trial_closes_it():
    clock = Clock()
    breaker = CircuitBreaker(failures=3, reset_seconds=10, clock=clock)
    for _ in range(2):
        breaker.before_call()
        breaker.failure()
    breaker.before_call()
    breaker.success()  # a success resets the run
    for _ in range(3):
        breaker.before_call()
        breaker.failure()
    with pytest.raises(CircuitOpen) as refused:
        breaker.before_call()
    assert refused.value.retry_after == pytest.approx(10)
    clock.now += 10
    breaker.before_call()  # the trial
    with pytest.raises(CircuitOpen):
        breaker.before_call()  # only one trial at a time
    breaker.success()
    assert breaker.state == "closed"
    breaker.before_call()


def test_a_failed_trial_opens_the_breaker_again():
    clock = Clock()
    breaker = CircuitBreaker(failures=1, reset_seconds=5, clock=clock)
    breaker.before_call()
    breaker.failure()
    clock.now += 5
    breaker.before_call()
    breaker.failure()
    assert breaker.state == "open"
    with pytest.raises(CircuitOpen):
        breaker.before_call()


def test_money_survives_the_wire():
    spec = contract_for(FACADES["payment"]).methods["pay"]
    actor = Principal(user_id=uuid.uuid4(), role=Role.STUDENT, is_verified=False)
    body, _ = spec.encode_call((actor,), {"course_id": uuid.uuid4(), "amount": Decimal("49.90")})
    assert spec.decode_call(body)["amount"] == Decimal("49.90")
