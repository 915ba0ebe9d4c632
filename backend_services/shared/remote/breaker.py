"""A circuit breaker per remote context: after a run of failures, calls fail at once for a
while instead of each waiting for its timeout, then one trial call decides."""

from __future__ import annotations

import time
from collections.abc import Callable


class CircuitOpen(Exception):
    """The breaker refuses the call; ``retry_after`` seconds until the next trial."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"circuit open, retry after {retry_after:.1f} s")
        self.retry_after = retry_after


class CircuitBreaker:
    """Closed -> (``failures`` in a row) -> open for ``reset_seconds`` -> half-open (one trial)."""

    def __init__(
        self, *, failures: int, reset_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.threshold = failures
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at < self.reset_seconds:
            return "open"
        return "half-open"

    def before_call(self) -> None:
        """Raise CircuitOpen unless the call may go ahead."""
        state = self.state
        if state == "closed":
            return
        if state == "open":
            assert self._opened_at is not None
            raise CircuitOpen(self.reset_seconds - (self._clock() - self._opened_at))
        if self._trial_running:  # half-open: only one trial call at a time
            raise CircuitOpen(self.reset_seconds)
        self._trial_running = True

    def release(self) -> None:
        """A call ended without a verdict (cancelled): let another trial through."""
        self._trial_running = False

    def success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial_running = False

    def failure(self) -> None:
        self._trial_running = False
        self._failures += 1
        if self._opened_at is not None or self._failures >= self.threshold:
            self._opened_at = self._clock()  # a failed trial re-opens for a full period
