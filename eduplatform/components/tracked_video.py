"""The lesson video with watch tracking: reports the position, resumes where the student stopped.

react-player (``rx.video``) plays YouTube, Vimeo and video files and gives the events
used here; reports are throttled in the browser (one per 10 s, plus one on pause). A
video that cannot load (offline, removed, blocked) shows a friendly message instead.
"""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.video import video_unavailable
from eduplatform.i18n import t
from eduplatform.states.watch import REPORT_EVERY_MS, ResumeState, WatchState


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
    watched = rx.cond(
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
    return rx.cond(
        url != "",
        rx.vstack(rx.cond(WatchState.failed, video_unavailable(url)), player, watched, width="100%"),
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
