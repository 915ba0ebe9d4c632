"""Small helpers for running a use case's independent reads at once."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def settled(outcome: T | BaseException) -> T:
    """A result of ``asyncio.gather(..., return_exceptions=True)``, or its error raised.

    Gathering with ``return_exceptions`` lets every read finish (no task is left running
    against a session that is being closed); judging the outcomes with this, one by one in
    the caller's order, keeps which error wins the same as when the reads ran in sequence."""
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome
