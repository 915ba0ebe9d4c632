"""The HTTP side of a remote context: one pooled client, a time budget per call, bounded
retries for reads, a circuit breaker, service tokens and the request id on every call."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

import httpx
from prometheus_client import Counter

from backend_services.shared.errors import DomainError
from backend_services.shared.remote.breaker import CircuitBreaker, CircuitOpen
from backend_services.shared.remote.contract import MethodSpec
from backend_services.shared.remote.errors import ServiceUnavailable, error_from
from backend_services.shared.remote.request_id import HEADER, current_request_id, new_request_id
from backend_services.shared.remote.tokens import ServiceTokens

log = logging.getLogger(__name__)

REMOTE_CALLS = Counter(
    "remote_calls_total", "Calls to other contexts' internal APIs", ["context", "method", "outcome"]
)
RETRYABLE_STATUS = frozenset({502, 503, 504})
BACKOFF_BASE_SECONDS = 0.05


def internal_path(context: str, method: str) -> str:
    """Where a context serves one facade method to other services."""
    return f"/internal/{context}/{method}"


@dataclass(frozen=True)
class RemotePolicy:
    """Time budget, retries and breaker thresholds of calls to one context."""

    timeout_seconds: float = 5.0
    retries: int = 2
    breaker_failures: int = 5
    breaker_reset_seconds: float = 5.0


class _Failed(Exception):
    """An attempt failed in a way that says nothing about the domain (transport, 5xx)."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


class RemoteContext:
    """Calls one remote context's facade methods over HTTP."""

    def __init__(
        self,
        context: str,
        base_url: str,
        tokens: ServiceTokens,
        policy: RemotePolicy,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.context = context
        self.base_url = base_url.rstrip("/")
        self.policy = policy
        self.breaker = CircuitBreaker(
            failures=policy.breaker_failures, reset_seconds=policy.breaker_reset_seconds
        )
        self._tokens = tokens
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        # Created on first use, inside the event loop that will use it.
        if self._client is None:
            self._client = httpx.AsyncClient(
                base_url=self.base_url,
                transport=self._transport,
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
                timeout=self.policy.timeout_seconds,
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def ping(self) -> None:
        """Raise unless the remote service reports itself ready."""
        response = await self._http().get("/health/ready", timeout=self.policy.timeout_seconds)
        response.raise_for_status()

    async def call(self, spec: MethodSpec, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Run ``spec`` remotely; domain errors come back as themselves, outages as 503."""
        body, actor = spec.encode_call(args, kwargs)
        budget = spec.timeout or self.policy.timeout_seconds
        deadline = time.monotonic() + budget
        attempts = 1 + (self.policy.retries if spec.read else 0)
        request_id = current_request_id() or new_request_id()
        last = "no attempt"
        for attempt in range(attempts):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                self.breaker.before_call()
            except CircuitOpen as exc:
                REMOTE_CALLS.labels(self.context, spec.name, "circuit_open").inc()
                raise ServiceUnavailable(retry_after=exc.retry_after) from None
            try:
                result = await self._attempt(spec, body, actor, request_id, remaining)
            except _Failed as exc:
                self.breaker.failure()
                last = str(exc)
                if not exc.retry or attempt + 1 >= attempts:
                    break
                await asyncio.sleep(min(_backoff(attempt), max(0.0, deadline - time.monotonic())))
                continue
            except DomainError:
                self.breaker.success()  # the context answered: it is up
                raise
            except BaseException:
                self.breaker.release()
                raise
            self.breaker.success()
            return result
        REMOTE_CALLS.labels(self.context, spec.name, "unavailable").inc()
        log.warning("%s.%s unavailable (request %s): %s", self.context, spec.name, request_id, last)
        raise ServiceUnavailable(retry_after=self.policy.breaker_reset_seconds)

    async def _attempt(
        self, spec: MethodSpec, body: dict[str, Any], actor: Any, request_id: str, budget: float
    ) -> Any:
        headers = {
            "Authorization": f"Bearer {self._tokens.issue(self.context, actor)}",
            HEADER: request_id,
        }
        try:
            # httpx enforces its timeouts per phase; the outer bound holds the whole budget.
            async with asyncio.timeout(budget):
                response = await self._http().post(
                    internal_path(self.context, spec.name), json=body, headers=headers, timeout=budget
                )
        except (httpx.TimeoutException, TimeoutError) as exc:
            # Nothing is known about a request that timed out: only a read may run again.
            raise _Failed(f"timed out after {budget:.2f} s: {exc!r}", retry=spec.read) from exc
        except httpx.ConnectError as exc:  # nothing was sent
            raise _Failed(f"cannot connect: {exc!r}", retry=True) from exc
        except httpx.TransportError as exc:
            raise _Failed(f"transport error: {exc!r}", retry=spec.read) from exc
        if response.status_code == 200:
            REMOTE_CALLS.labels(self.context, spec.name, "ok").inc()
            return spec.decode_result(response.json()["result"])
        data = _json(response)
        if response.status_code >= 500 and not _is_domain(data):
            raise _Failed(
                f"HTTP {response.status_code}: {str(data)[:200]}",
                retry=response.status_code in RETRYABLE_STATUS,
            )
        REMOTE_CALLS.labels(self.context, spec.name, "error").inc()
        raise error_from(response.status_code, data)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return {"detail": response.text[:200]}


def _is_domain(data: Any) -> bool:
    """A domain error raised by the remote facade (even a 503 from further down the chain)."""
    return isinstance(data, dict) and "error" in data


def _backoff(attempt: int) -> float:
    return BACKOFF_BASE_SECONDS * (2.0**attempt) * (0.5 + random.random())  # noqa: S311 - jitter
