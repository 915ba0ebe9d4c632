"""The Reflex app: the UI pages plus every context's REST API and the platform lifespan."""

import reflex as rx

from backend_services.api import create_api
from backend_services.bootstrap import platform_lifespan
from eduplatform import pages  # noqa: F401 - registers the pages
from eduplatform.backend import count_ui_sessions

# The theme is configured by the RadixThemesPlugin in rxconfig.py.
app = rx.App(
    # Icons from assets/ (scripts/make_assets.py renders the PNGs from logo.svg).
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
    ],
    # The REST API of API.md is served by the same process under /api/<ctx>.
    api_transformer=create_api(with_lifespan=False),
)
# Migrates the databases, creates the admin and runs the outbox sweeper.
app.register_lifespan_task(platform_lifespan)
# Keeps the ui_sessions gauge (every worker's connected tabs) current for /metrics.
app.register_lifespan_task(count_ui_sessions)
