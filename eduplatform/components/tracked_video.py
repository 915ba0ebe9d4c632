"""The lesson video with watch tracking: reports the position, resumes where the student stopped.

Video files play in react-player (``rx.video``), whose events drive the reports; they are
throttled in the browser (one per 10 s, plus one on pause). A file that cannot load
(offline, removed, blocked) shows a friendly message instead.

YouTube and Vimeo play in their own frames (``components.video``): assets/embed_progress.js
follows them over the players' postMessage protocols and presses the hidden report button
below; they resume through their embed URL's start time.
"""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.video import video_unavailable
from eduplatform.i18n import t
from eduplatform.states.course import ResumeState
from eduplatform.states.watch import REPORT_EVERY_MS, WatchState


def watched_note() -> rx.Component:
    """How much of the video this student has watched (once they watched some)."""
    return rx.cond(
        WatchState.watched_percentage > 0,
        rx.text(
            t("video_watched"),
            ": ",
            WatchState.watched_percentage,
            "%",
            size="1",
            color_scheme="gray",
            id="video-watched",
        ),
    )


def tracked_video(url: rx.Var) -> rx.Component:
    """A lesson video that remembers the student's position."""
    player = rx.box(
        rx.video(
            src=url,
            controls=True,
            width="100%",
            height="100%",
            on_duration_change=WatchState.loaded,
            on_time_update=WatchState.report_now.throttle(REPORT_EVERY_MS),
            on_pause=WatchState.report_now,
            on_error=WatchState.failed_to_load,
        ),
        width="100%",
        aspect_ratio="16 / 9",
        background="black",
        border_radius="12px",
        overflow="hidden",
        class_name="lesson-video tracked-video",
        # Hidden, not removed, while unreachable: it can still load and take over.
        display=rx.cond(WatchState.failed, "none", "block"),
    )
    return rx.cond(
        url != "",
        rx.vstack(rx.cond(WatchState.failed, video_unavailable(url)), player, watched_note(), width="100%"),
    )


def resume_link(course_id: rx.Var) -> rx.Component:
    """On the course page: back to the last video watched, at the position left."""
    return rx.cond(
        ResumeState.lesson_id != "",
        rx.link(
            rx.hstack(
                rx.icon("circle-play", size=16),
                rx.text(
                    t("continue_where_left"), ": ", ResumeState.lesson_title, " · ", ResumeState.at, size="2"
                ),
                align="center",
            ),
            href=routes.lesson(course_id, ResumeState.lesson_id),
            id="resume-link",
        ),
    )


def tracked_embed_src(kind: rx.Var, src: rx.Var) -> rx.Var:
    """The embed URL with the players' message API on and the start at the saved position."""
    start = WatchState.start_at.to_string()
    return rx.match(
        kind,
        (
            "youtube",
            rx.cond(
                WatchState.start_at > 0,
                src + "?enablejsapi=1&start=" + start,
                src + "?enablejsapi=1",
            ),
        ),
        ("vimeo", rx.cond(WatchState.start_at > 0, src + "#t=" + start + "s", src)),
        src,
    )


def embed_progress() -> rx.Component:
    """Under a YouTube/Vimeo frame: how much was watched, and the hidden button that
    assets/embed_progress.js presses when the embedded player has news (not for people)."""
    return rx.fragment(watched_note(), _embed_report_button())


def _embed_report_button() -> rx.Component:
    return rx.el.button(
        id="embed-report",
        type="button",
        on_click=WatchState.report_embed.throttle(1_000),  # a burst of play/pause is one report
        hidden=True,
        aria_hidden="true",
        tab_index=-1,
    )
