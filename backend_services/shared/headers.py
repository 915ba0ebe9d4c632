"""Browser-facing response policy: security headers per path and the allowed origins.

API answers are JSON and never need to run anything, so they get a CSP that allows
nothing; the interactive docs page loads Swagger UI and gets just enough for it; UI
pages get the policy the host app supplies (``eduplatform/csp.py`` builds it from the
compiled frontend).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# FastAPI's Swagger UI page: its bundle from a CDN plus one inline start-up script.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
COMMON = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
)
DOCS_PATHS = ("/docs", "/api/docs", "/docs/oauth2-redirect", "/api/docs/oauth2-redirect")
API_PREFIXES = ("/api/", "/metrics", "/openapi.json", "/health/")


def security_headers(ui_csp: Callable[[], str] | None = None) -> Callable[[str], list[tuple[bytes, bytes]]]:
    """``path -> headers``: the API policy for API paths (all paths when there is no UI)."""
    common = [(name.encode(), value.encode()) for name, value in COMMON]

    def headers_for(path: str) -> list[tuple[bytes, bytes]]:
        if path in DOCS_PATHS:
            csp = DOCS_CSP
        elif ui_csp is None or path.startswith(API_PREFIXES) or path.startswith("/_"):
            # /_event (the websocket), /_upload, /_health are the UI backend's own endpoints.
            csp = API_CSP
        else:
            csp = ui_csp()
        return [(b"content-security-policy", csp.encode()), *common]

    return headers_for


def origin_allowed(origin: str | None, *, host: str | None, allowed: list[str]) -> bool:
    """May a browser page from ``origin`` talk to this server? Requests without an Origin
    (not from a browser page), the server's own origin and the configured ones may."""
    if not origin:
        return True
    if origin.rstrip("/") in allowed:
        return True
    return host is not None and host != "" and urlsplit(origin).netloc.lower() == host.lower()
