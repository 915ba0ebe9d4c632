"""Reflex configuration of the EduPlatform UI."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

config = rx.Config(
    app_name="eduplatform",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Several production workers share UI state through Redis; dev runs without it.
    redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
    disable_plugins=[SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="large"),
        ),
    ],
)
