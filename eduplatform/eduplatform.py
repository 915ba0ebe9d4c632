"""The Reflex app: the UI pages plus every context's REST API and the platform lifespan."""

import reflex as rx

from backend_services.api import create_api
from backend_services.bootstrap import platform_lifespan
from eduplatform import pages  # noqa: F401 - registers the pages
from eduplatform.backend import count_ui_sessions
from eduplatform.csp import ui_content_security_policy, websocket_origin_allowed

# The theme is configured by the RadixThemesPlugin in rxconfig.py.
app = rx.App(
    # Icons from assets/ (scripts/make_assets.py renders the PNGs from logo.svg).
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
        # Watch progress of YouTube/Vimeo lesson videos (components/tracked_video.py).
        rx.script(src="/embed_progress.js"),
    ],
    # The REST API of API.md is served by the same process under /api/<ctx>; the UI is
    # mounted inside it, so its pages get the same security headers (with the UI's CSP).
    api_transformer=create_api(with_lifespan=False, ui_csp=ui_content_security_policy),
)
# Reflex hands engine.io the CORS list of rxconfig.py; a check that also admits the page's
# own origin keeps the websocket working on whatever host and port serves the app.
if app.sio is not None:
    app.sio.eio.cors_allowed_origins = websocket_origin_allowed
# Migrates the databases, creates the admin and runs the outbox sweeper.
app.register_lifespan_task(platform_lifespan)
# Keeps the ui_sessions gauge (every worker's connected tabs) current for /metrics.
app.register_lifespan_task(count_ui_sessions)
