"""Markers on facade methods that tell the remote adapters how a method may be called.

Every public ``async`` method of a facade is callable from another process by default
(not retried: a write must not run twice). ``@read`` marks a method that changes nothing,
so a failed call may be retried; ``@local_only`` keeps a method out of the remote API
(start-up work, event handlers, anything returning what JSON cannot carry).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

F = TypeVar("F", bound=Callable[..., Any])

_READ = "__edu_remote_read__"
_LOCAL_ONLY = "__edu_remote_local_only__"
_TIMEOUT = "__edu_remote_timeout__"


@overload
def read(func: F, /) -> F: ...


@overload
def read(*, timeout: float | None = None) -> Callable[[F], F]: ...


def read(func: F | None = None, *, timeout: float | None = None) -> F | Callable[[F], F]:
    """Mark a facade method as a read: idempotent, so remote calls may retry it.

    ``timeout`` (seconds) overrides the configured per-call budget for this method.
    """

    def mark(f: F) -> F:
        setattr(f, _READ, True)
        if timeout is not None:
            setattr(f, _TIMEOUT, timeout)
        return f

    return mark(func) if func is not None else mark


def local_only(func: F) -> F:
    """Keep a facade method out of the remote API: it runs only in its own context's process."""
    setattr(func, _LOCAL_ONLY, True)
    return func


def is_read(func: Callable[..., Any]) -> bool:
    return bool(getattr(func, _READ, False))


def is_local_only(func: Callable[..., Any]) -> bool:
    return bool(getattr(func, _LOCAL_ONLY, False))


def timeout_of(func: Callable[..., Any]) -> float | None:
    timeout: float | None = getattr(func, _TIMEOUT, None)
    return timeout
