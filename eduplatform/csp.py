"""Content-Security-Policy of the UI pages, and which browser origins may open the websocket.

The compiled React Router pages carry a few small inline scripts (theme bootstrap,
router context, streaming hydration). Rather than ``'unsafe-inline'``, the policy lists
the SHA-256 of each one, read from the built pages once per process: an injected script
tag or event-handler attribute has no matching hash and does not run. ``'unsafe-eval'``
stays: Reflex delivers server-side ``rx.toast``/``rx.call_script`` as code that its
client evaluates. Styles stay ``'unsafe-inline'`` because Radix and Emotion set inline
styles at run time (a style cannot run code).

Lesson videos come from anywhere a teacher links (media), YouTube and Vimeo embeds
(frames, plus YouTube's player API script); markdown images from any https host.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from reflex.config import get_config
from reflex.constants import Dirs
from reflex.utils.prerequisites import get_web_dir

from backend_services.bootstrap import get_platform
from backend_services.shared.headers import origin_allowed

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
VIDEO_FRAMES = ("https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com")
VIDEO_SCRIPTS = ("https://www.youtube.com", "https://s.ytimg.com", "https://player.vimeo.com")


def inline_script_hashes(build_dir: Path) -> list[str]:
    """``'sha256-…'`` sources for every distinct inline script of the built HTML pages."""
    hashes: set[str] = set()
    for page in build_dir.rglob("*.html"):
        for body in INLINE_SCRIPT.findall(page.read_bytes()):
            digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def _backend_sources() -> list[str]:
    """The backend's http(s) and ws(s) origins when the UI talks to another port (dev)."""
    parts = urlsplit(get_config().api_url or "")
    if not parts.netloc:
        return []
    secure = parts.scheme == "https"
    return [f"{parts.scheme}://{parts.netloc}", f"{'wss' if secure else 'ws'}://{parts.netloc}"]


def build_policy(script_hashes: list[str], backend: list[str]) -> str:
    """The policy text for the given inline-script hashes and extra backend origins."""
    directives = {
        "default-src": ["'self'"],
        # 'unsafe-eval': Reflex runs the scripts the server sends over the websocket
        # (rx.toast, rx.call_script) through eval() in .web/utils/state.js.
        "script-src": ["'self'", *script_hashes, "'unsafe-eval'", *VIDEO_SCRIPTS],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:", "https:", "http:"],
        "frame-src": list(VIDEO_FRAMES),
        "connect-src": ["'self'", *backend],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


@functools.cache
def _built_policy() -> str:
    return build_policy(inline_script_hashes(get_web_dir() / Dirs.STATIC), _backend_sources())


def ui_content_security_policy() -> str:
    """The UI pages' policy (computed from the build on first use, then reused)."""
    return _built_policy()


def websocket_origin_allowed(origin: str | None, environ: dict) -> bool:
    """engine.io's origin check for the UI websocket: the page's own origin or an
    ``EDU_CORS_ORIGINS`` entry, so another site cannot drive a user's session."""
    return origin_allowed(origin, host=environ.get("HTTP_HOST"), allowed=get_platform().settings.cors_origins)
