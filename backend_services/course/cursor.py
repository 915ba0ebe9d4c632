"""Opaque, signed keyset cursors for catalog pages.

A cursor carries where the previous page ended (the relevance tier and the sort key of its
last course), the total counted on the first page (so later pages do not count again) and
the corrected query, if the first page corrected a typo. It is bound to the search it came
from by a fingerprint and signed, so a changed or foreign cursor is refused (422), never
silently misread.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from backend_services.shared.errors import Unprocessable

INVALID_CURSOR = "Invalid cursor: start again from the first page"
_TAG_BYTES = 12


@dataclass(frozen=True)
class CursorState:
    tier: int
    after: tuple[str, ...]  # the last course's sort key, as text (see catalog_repository)
    total: int
    total_capped: bool
    corrected_q: str | None = None


class CursorCodec:
    """Turns ``CursorState`` into a URL-safe token and back, refusing anything tampered with."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"catalog-cursor:" + secret.encode()).digest()

    def encode(self, state: CursorState, fingerprint: str) -> str:
        payload = {
            "t": state.tier,
            "a": list(state.after),
            "n": state.total,
            "c": state.total_capped,
            "q": state.corrected_q,
            "f": fingerprint,
        }
        body = _b64(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
        return f"{body}.{_b64(self._sign(body))}"

    def decode(self, token: str, fingerprint: str) -> CursorState:
        """The state inside ``token``; Unprocessable when it is malformed, altered or from
        another search."""
        try:
            body, tag = token.split(".")
            signed = hmac.compare_digest(_unb64(tag), self._sign(body))
            payload: dict[str, Any] = json.loads(_unb64(body)) if signed else {}
            if payload.get("f") != fingerprint:  # altered, or a cursor of another search
                raise Unprocessable(INVALID_CURSOR)
            state = CursorState(
                tier=int(payload["t"]),
                after=tuple(str(v) for v in payload["a"]),
                total=int(payload["n"]),
                total_capped=bool(payload["c"]),
                corrected_q=payload["q"],
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise Unprocessable(INVALID_CURSOR) from exc
        return state

    def _sign(self, body: str) -> bytes:
        return hmac.new(self._key, body.encode(), hashlib.sha256).digest()[:_TAG_BYTES]


def fingerprint(*parts: object) -> str:
    """A short digest of the search parameters a cursor belongs to."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
