"""Embedded lesson video (YouTube, Vimeo or a direct video file)."""

from __future__ import annotations

import reflex as rx


def lesson_video(url: rx.Var) -> rx.Component:
    """react-player picks the right player for YouTube, Vimeo and .mp4 links."""
    return rx.cond(
        url != "",
        rx.box(
            rx.video(src=url, controls=True, width="100%", height="100%"),
            width="100%",
            aspect_ratio="16 / 9",
            background="black",
            border_radius="12px",
            overflow="hidden",
            class_name="lesson-video",
        ),
    )
