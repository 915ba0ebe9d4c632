"""Safe markdown for teacher-written lesson content."""

from __future__ import annotations

import reflex as rx


def safe_markdown(content: rx.Var, **props) -> rx.Component:
    """Render markdown without raw HTML.

    Lesson content is written by teachers and read by everyone, so raw HTML
    (``<script>``, ``<iframe>``, ``onerror=`` attributes) must never reach the
    DOM: the rehype-raw plugin stays off, which makes react-markdown drop HTML,
    and react-markdown's default URL filter neutralises ``javascript:`` links.
    Math/KaTeX stay off too: they are not needed and widen the surface.
    """
    return rx.markdown(
        content,
        use_raw=False,
        use_math=False,
        use_katex=False,
        class_name="lesson-content",
        **props,
    )
