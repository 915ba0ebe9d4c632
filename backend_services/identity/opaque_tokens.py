"""Opaque random tokens (refresh tokens, mailed links), stored only as their SHA-256.

A slow password hash (argon2) protects low-entropy secrets that people choose. These
tokens carry 256 random bits, so a leaked SHA-256 cannot be reversed by guessing, and
an unsalted digest can be looked up by index; argon2 would cost ~20-40 ms of CPU on
every refresh and need a separate lookup key for no gain.
"""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A fresh token and the digest to store: (value for the client, SHA-256 hex)."""
    value = secrets.token_urlsafe(32)
    return value, digest(value)


def digest(value: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(value.encode()).hexdigest()
