"""The lesson player: breadcrumbs, video, safe markdown, completion, navigation."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import empty_state, loading, progress_bar
from eduplatform.components.curriculum import curriculum_outline
from eduplatform.components.layout import template
from eduplatform.components.markdown import safe_markdown
from eduplatform.components.quiz import lesson_quiz
from eduplatform.components.tracked_video import embed_progress, tracked_embed_src, tracked_video
from eduplatform.components.video import lesson_video
from eduplatform.i18n import t
from eduplatform.states.lesson import LessonState
from eduplatform.states.quiz import QuizState

S = LessonState


def breadcrumbs() -> rx.Component:
    sep = rx.icon("chevron-right", size=14, color=rx.color("gray", 8))
    return rx.hstack(
        rx.link(t("catalog"), href=routes.CATALOG, size="2"),
        sep,
        rx.link(S.course_title, href=routes.course(S.current_course), size="2"),
        sep,
        rx.text(S.title, size="2", color_scheme="gray", trim="both"),
        align="center",
        wrap="wrap",
        id="breadcrumbs",
    )


def sidebar() -> rx.Component:
    outline = rx.card(
        rx.vstack(
            rx.cond(S.status != "", progress_bar(S.percentage)),
            curriculum_outline(S.current_course, S.modules, S.completed_ids, S.lesson_id_now),
            width="100%",
        ),
        width="100%",
        id="lesson-sidebar",
    )
    return rx.box(
        rx.button(
            rx.icon("list", size=16),
            t("show_curriculum"),
            variant="soft",
            width="100%",
            on_click=S.toggle_sidebar,
            class_name="only-mobile",
            margin_bottom="0.5em",
            id="toggle-sidebar",
        ),
        rx.box(outline, class_name=rx.cond(S.sidebar_open, "", "only-desktop")),
        width=["100%", "100%", "300px"],
        flex_shrink="0",
    )


def actions() -> rx.Component:
    return rx.flex(
        rx.cond(
            S.prev_id != "",
            rx.link(
                rx.button(rx.icon("arrow-left", size=16), t("previous_lesson"), variant="soft"),
                href=routes.lesson(S.current_course, S.prev_id),
                id="prev-lesson",
            ),
            rx.box(),
        ),
        rx.cond(
            S.status != "",
            rx.cond(
                S.is_done,
                rx.badge(
                    rx.icon("check", size=14),
                    t("lesson_done"),
                    color_scheme="green",
                    size="3",
                    id="lesson-done",
                ),
                rx.cond(
                    QuizState.has_quiz,
                    rx.text(t("quiz_needed"), size="2", color_scheme="gray", id="quiz-needed"),
                    rx.button(
                        rx.icon("check", size=16),
                        t("mark_complete"),
                        on_click=S.mark_complete,
                        loading=S.working,
                        color_scheme="green",
                        high_contrast=True,
                        id="mark-complete",
                    ),
                ),
            ),
            rx.link(rx.button(t("back_to_course"), variant="outline"), href=routes.course(S.current_course)),
        ),
        rx.cond(
            S.next_id != "",
            rx.link(
                rx.button(t("next_lesson"), rx.icon("arrow-right", size=16)),
                href=routes.lesson(S.current_course, S.next_id),
                id="next-lesson",
            ),
            rx.box(),
        ),
        justify="between",
        align="center",
        spacing="3",
        wrap="wrap",
        width="100%",
    )


def locked_lesson() -> rx.Component:
    """Instead of the content of a paid lesson the user may not read: the way to enroll."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("lock", size=18)),
        rx.vstack(
            rx.text(t("lesson_locked_title"), weight="bold", size="3"),
            rx.text(t("lesson_locked_text"), size="2"),
            rx.link(
                rx.button(rx.icon("graduation-cap", size=16), t("lesson_locked_action")),
                href=routes.course(S.current_course),
                id="enroll-to-unlock",
            ),
            spacing="2",
            align="start",
        ),
        color_scheme="amber",
        width="100%",
        id="lesson-locked",
    )


def player() -> rx.Component:
    return rx.vstack(
        breadcrumbs(),
        rx.flex(
            sidebar(),
            rx.vstack(
                rx.heading(S.title, size="7", id="lesson-title"),
                rx.cond(
                    S.locked,
                    locked_lesson(),
                    rx.fragment(
                        # Every kind of video reports the watch position and resumes there:
                        # files through react-player, YouTube and Vimeo through their frames.
                        rx.cond(
                            S.video_kind == "file",
                            tracked_video(S.video_url),
                            rx.fragment(
                                lesson_video(
                                    S.video_kind,
                                    tracked_embed_src(S.video_kind, S.video_src),
                                    S.video_url,
                                    S.video_failed,
                                    S.video_error,
                                ),
                                embed_progress(),
                            ),
                        ),
                        rx.card(safe_markdown(S.content), width="100%", id="lesson-body"),
                        lesson_quiz(),
                    ),
                ),
                actions(),
                flex="1",
                min_width="0",
                spacing="4",
            ),
            direction=rx.breakpoints(initial="column", md="row"),
            spacing="5",
            width="100%",
            align="start",
        ),
        width="100%",
        spacing="4",
    )


@template(
    route=routes.LESSON,
    title="lesson",
    on_load=LessonState.load_page,
    live_title=LessonState.title,
)
def lesson_page() -> rx.Component:
    return loading(S.loading, rx.cond(S.not_found, empty_state("circle-alert", t("not_found")), player()))
