"""Which player a lesson's video URL needs: a YouTube or Vimeo embed, or a direct file."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

_ID = r"[A-Za-z0-9_-]{6,20}"
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def video_embed(url: str) -> tuple[str, str]:
    """``("youtube"|"vimeo", embed URL)``, ``("file", url)`` for anything else http(s), or ``("", "")``.

    YouTube and Vimeo are embedded as plain iframes rather than through their JavaScript
    SDKs: an SDK that cannot load rejects a promise the page cannot catch, while an
    iframe that cannot load stays inside its frame.
    """
    url = (url or "").strip()
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "", ""
    host, path = parts.netloc.lower(), parts.path
    video = None
    if host in _YOUTUBE_HOSTS:
        video = parse_qs(parts.query).get("v", [None])[0] if path == "/watch" else None
        found = re.match(rf"^/(?:embed|shorts|live)/({_ID})", path)
        video = video or (found.group(1) if found else None)
    elif host == "youtu.be":
        video = path.strip("/").split("/")[0] or None
    if video and re.fullmatch(_ID, video):
        return "youtube", f"https://www.youtube-nocookie.com/embed/{video}"
    if host in _VIMEO_HOSTS and (found := re.search(r"/(?:video/)?(\d{5,12})(?:/|$)", path)):
        return "vimeo", f"https://player.vimeo.com/video/{found.group(1)}"
    return "file", url
