"""Reflex configuration of the EduPlatform UI."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from backend_services.shared.settings import get_settings

config = rx.Config(
    app_name="eduplatform",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Several production workers share UI state through Redis; dev runs without it.
    redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
    # Reflex's own CORS layers (around the API and the UI) use the platform's allowlist
    # (EDU_CORS_ORIGINS) instead of echoing any origin with credentials.
    cors_allowed_origins=tuple(get_settings().cors_origins),
    disable_plugins=[SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="large"),
        ),
    ],
)
