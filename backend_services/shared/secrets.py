"""The development JWT secret: random, generated once per data folder, never published.

Several processes (granian workers, the app and a seeder) may start at the same moment
on one data folder; they must agree on one secret. The secret is written to a private
temporary file and then hard-linked into place, which either succeeds for exactly one
process or fails because the file exists, so nobody ever reads a half-written secret.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

# Values that were ever committed as defaults: refused in every mode.
PUBLISHED_JWT_SECRETS = frozenset({"dev-only-secret-change-me-in-production"})


def load_or_create_secret(path: Path) -> str:
    """The secret stored at ``path``, created (mode 600, atomically) when missing."""
    with contextlib.suppress(FileNotFoundError):
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process won: use its secret
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> str:
    value = path.read_text().strip()
    if len(value) < 32:
        raise RuntimeError(f"{path} holds no usable JWT secret: delete it to generate a new one")
    return value
