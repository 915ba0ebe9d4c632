"""Lesson video: YouTube/Vimeo embeds and direct files, with words when it cannot play."""

from __future__ import annotations

import reflex as rx

from eduplatform.i18n import t


def _frame(player: rx.Component, class_name: str = "lesson-video") -> rx.Component:
    return rx.box(
        player,
        width="100%",
        aspect_ratio="16 / 9",
        background="black",
        border_radius="12px",
        overflow="hidden",
        class_name=class_name,
    )


def _open_link(url: rx.Var) -> rx.Component:
    return rx.link(t("video_open"), href=url, is_external=True, rel="noopener noreferrer", size="2")


def video_unavailable(url: rx.Var) -> rx.Component:
    """Shown instead of the player when a video file cannot be loaded."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("video-off")),
        rx.callout.text(t("video_unavailable"), " ", _open_link(url)),
        color_scheme="gray",
        width="100%",
        class_name="video-unavailable",
        id="video-unavailable",
    )


def lesson_video(kind: rx.Var, src: rx.Var, url: rx.Var, failed: rx.Var, on_error) -> rx.Component:
    """``kind`` "youtube"/"vimeo": a plain embed iframe (no SDK script that could fail
    unhandled), with the original link under it in case the host is unreachable;
    "file": the browser's player, replaced by ``video_unavailable`` when it reports an error."""
    embed = rx.vstack(
        _frame(
            rx.el.iframe(
                src=src,
                title=t("video_player"),
                width="100%",
                height="100%",
                allow="encrypted-media; fullscreen; picture-in-picture",
                allow_full_screen=True,
                referrer_policy="strict-origin-when-cross-origin",
                style={"border": "0"},
            ),
            # assets/embed_progress.js follows the players in these frames (watch progress).
            class_name="lesson-video embed-video",
        ),
        _open_link(url),
        spacing="1",
        width="100%",
    )
    file = rx.cond(
        failed,
        video_unavailable(url),
        _frame(rx.video(src=src, controls=True, width="100%", height="100%", on_error=on_error)),
    )
    return rx.match(kind, ("youtube", embed), ("vimeo", embed), ("file", file), rx.fragment())
