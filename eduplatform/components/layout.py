"""The page template: header, centred content, the session loaded before the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from eduplatform.components.account import email_banner
from eduplatform.components.header import header
from eduplatform.i18n import t
from eduplatform.states.auth import AuthState
from eduplatform.states.live import LiveState  # noqa: F401 - registers the follower state

STYLE = """
.lesson-content img { max-width: 100%; }
/* Links inside running text are underlined, not told apart by colour alone (WCAG 1.4.1). */
p a.rt-Link, .lesson-content a { text-decoration: underline; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.lesson-content pre { overflow-x: auto; }
@media (max-width: 640px) { .hide-mobile { display: none !important; } }
@media (min-width: 769px) { .only-mobile { display: none !important; } }
@media (max-width: 768px) { .only-desktop { display: none !important; } }
"""


DESCRIPTION = "Online courses in English and Russian: learn at your own pace, or teach what you know."
# Open Graph / Twitter card (assets/social-preview.png; rx.page's ``image`` is og:image).
SOCIAL_IMAGE = "/social-preview.png"
SOCIAL_META = [
    {"property": "og:site_name", "content": "EduPlatform"},
    {"property": "og:type", "content": "website"},
    {"property": "og:description", "content": DESCRIPTION},
    {"name": "twitter:card", "content": "summary_large_image"},
    {"name": "twitter:image", "content": SOCIAL_IMAGE},
]


def template(
    route: str,
    title: str,
    on_load: Any = None,
    live_title: rx.Var | None = None,
) -> Callable[[Callable[[], rx.Component]], Callable[[], rx.Component]]:
    """Register a page that shares the header and loads the session first.

    ``title`` is a string-table key; the tab title follows the chosen language,
    or shows ``live_title`` (e.g. the course's own title) once it is known.
    """
    # One on_load handler per page: Reflex runs each on_load event as an event of its own
    # (lock, load and save of the tab's state), so a page's handler loads the session
    # itself (``states.auth.page_load``); a page without data loads only the session.
    if on_load is None:
        loads = AuthState.load_session
    else:
        if isinstance(on_load, list) or not getattr(on_load.fn, "opens_page", False):
            raise TypeError(f"{route}: on_load must be one handler decorated with auth.page_load")
        loads = on_load

    def decorator(page: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def layout() -> rx.Component:
            return rx.box(
                rx.el.style(STYLE),
                header(),
                rx.box(
                    email_banner(),
                    page(),
                    max_width="1200px",
                    margin="0 auto",
                    padding=["1em", "1em", "1.5em 1em"],
                    width="100%",
                ),
                min_height="100vh",
                background=rx.color("gray", 2),
            )

        layout.__name__ = page.__name__
        label = t(title) if live_title is None else rx.cond(live_title != "", live_title, t(title))
        return rx.page(
            route=route,
            title=f"{label} · EduPlatform",
            description=DESCRIPTION,
            image=SOCIAL_IMAGE,
            meta=SOCIAL_META,
            on_load=loads,
        )(layout)

    return decorator
