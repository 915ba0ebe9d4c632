"""The quiz card of the lesson player: questions, answers, grade and attempt history."""

from __future__ import annotations

import reflex as rx

from eduplatform.i18n import t
from eduplatform.states.quiz import QuizState as Quiz


def _mark(question_id: rx.Var, option_id: rx.Var) -> rx.Component:
    """After submitting: a tick beside each right option."""
    return rx.cond(
        Quiz.submitted & Quiz.right_options[question_id].contains(option_id),
        rx.icon("check", size=14, color=rx.color("green", 10), class_name="right-option"),
    )


def _choice(question) -> rx.Component:
    return rx.vstack(
        rx.foreach(
            question.options,
            lambda option: rx.hstack(
                rx.cond(
                    question.kind == "multiple",
                    rx.checkbox(
                        checked=Quiz.answers[question.id].contains(option.id),
                        on_change=lambda _checked: Quiz.toggle(question.id, option.id),
                        disabled=Quiz.submitted,
                    ),
                    rx.radio_group.root(
                        rx.radio_group.item(value=option.id),
                        value=rx.cond(Quiz.answers[question.id].contains(option.id), option.id, ""),
                        on_change=lambda _value: Quiz.choose(question.id, option.id),
                        disabled=Quiz.submitted,
                    ),
                ),
                rx.text(option.text, size="2"),
                _mark(question.id, option.id),
                align="center",
                class_name="quiz-option",
            ),
        ),
        spacing="2",
    )


def _text_answer(question) -> rx.Component:
    return rx.vstack(
        rx.input(
            placeholder=t("quiz_your_answer"),
            on_blur=lambda value: Quiz.write(question.id, value),
            disabled=Quiz.submitted,
            class_name="quiz-text-answer",
            width="100%",
        ),
        rx.cond(
            Quiz.submitted,
            rx.text(
                t("quiz_right_answer"), ": ", Quiz.right_text[question.id], size="1", color_scheme="gray"
            ),
        ),
        width="100%",
    )


def _question(question, index) -> rx.Component:
    verdict = rx.cond(
        Quiz.submitted,
        rx.cond(
            Quiz.correct[question.id],
            rx.badge(t("quiz_correct"), color_scheme="green", class_name="verdict-correct"),
            rx.badge(t("quiz_wrong"), color_scheme="red", class_name="verdict-wrong"),
        ),
    )
    return rx.vstack(
        rx.hstack(rx.text(index + 1, ". ", question.text, weight="medium"), verdict, align="center"),
        rx.cond(question.kind == "multiple", rx.text(t("quiz_pick_several"), size="1", color_scheme="gray")),
        rx.cond(question.kind == "text", _text_answer(question), _choice(question)),
        width="100%",
        class_name="quiz-question",
    )


def _grade() -> rx.Component:
    return rx.callout(
        rx.hstack(
            rx.text(t("quiz_score"), ": ", Quiz.score, "%", weight="bold", id="quiz-score"),
            rx.cond(
                Quiz.passed,
                rx.badge(t("quiz_passed"), color_scheme="green", id="quiz-passed"),
                rx.badge(t("quiz_failed"), color_scheme="red", id="quiz-failed"),
            ),
            align="center",
        ),
        color_scheme=rx.cond(Quiz.passed, "green", "red"),
        width="100%",
    )


def _history() -> rx.Component:
    return rx.cond(
        Quiz.history.length() > 0,
        rx.vstack(
            rx.text(t("quiz_history"), size="2", weight="medium"),
            rx.foreach(
                Quiz.history,
                lambda a: rx.text(
                    t("quiz_attempt"),
                    " ",
                    a.number,
                    ": ",
                    a.score,
                    "% ",
                    rx.cond(a.passed, "✓", "✗"),
                    size="1",
                    color_scheme="gray",
                    class_name="quiz-history-item",
                ),
            ),
            spacing="1",
        ),
    )


def _actions() -> rx.Component:
    start_label = rx.cond(Quiz.history.length() > 0, t("quiz_retry"), t("quiz_start"))
    return rx.cond(
        Quiz.attempt_id != "",
        rx.cond(
            Quiz.submitted,
            rx.cond(
                ~Quiz.passed & (Quiz.attempts_left != 0),
                rx.button(t("quiz_retry"), on_click=Quiz.retry, id="quiz-retry"),
            ),
            rx.button(t("quiz_submit"), on_click=Quiz.submit, loading=Quiz.working, id="quiz-submit"),
        ),
        rx.cond(
            Quiz.ever_passed,
            rx.badge(t("quiz_passed"), color_scheme="green", size="3", id="quiz-passed"),
            rx.cond(
                Quiz.out_of_attempts,
                rx.text(t("quiz_no_attempts"), color_scheme="red", id="quiz-no-attempts"),
                rx.button(start_label, on_click=Quiz.start, id="quiz-start"),
            ),
        ),
    )


def lesson_quiz() -> rx.Component:
    """Shown under a lesson that has a quiz; taking it needs an enrolled student."""
    limit = rx.cond(Quiz.attempts_left < 0, t("quiz_unlimited"), Quiz.attempts_left.to_string())
    return rx.cond(
        Quiz.has_quiz,
        rx.card(
            rx.vstack(
                rx.hstack(rx.icon("list-checks", size=18), rx.heading(t("quiz"), size="4"), align="center"),
                rx.text(t("quiz_intro"), " ", t("quiz_pass_mark"), ": ", Quiz.pass_mark, "%", size="2"),
                rx.cond(
                    Quiz.can_take,
                    rx.vstack(
                        rx.text(t("quiz_attempts_left"), ": ", limit, size="1", color_scheme="gray"),
                        rx.cond(Quiz.submitted, _grade()),
                        rx.foreach(Quiz.questions, _question),
                        _actions(),
                        _history(),
                        width="100%",
                        spacing="3",
                    ),
                ),
                width="100%",
            ),
            width="100%",
            id="lesson-quiz",
        ),
    )
