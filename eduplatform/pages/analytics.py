"""The teacher's analytics page: enrollments over time, funnel, quizzes, ratings, revenue."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import loading, page_title
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.analytics import AnalyticsState as A

CHART_HEIGHT = 260


def _stat(label: str, value, id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t(label), size="2", color_scheme="gray"),
            rx.heading(value, size="6", id=id),
            spacing="1",
        ),
        flex="1",
        min_width="160px",
    )


def _panel(title: str, *children, id: str) -> rx.Component:
    return rx.card(rx.vstack(rx.heading(t(title), size="4"), *children, width="100%"), width="100%", id=id)


def _enrollments_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(data_key="day"),
        rx.recharts.y_axis(allow_decimals=False),
        rx.recharts.graphing_tooltip(),
        rx.recharts.bar(data_key="count", fill=rx.color("indigo", 9)),
        data=A.by_day,
        width="100%",
        height=CHART_HEIGHT,
    )


def _funnel_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(data_key="lesson", hide=True),
        rx.recharts.y_axis(allow_decimals=False),
        rx.recharts.graphing_tooltip(),
        rx.recharts.legend(),
        rx.recharts.bar(data_key="reached", name=t("analytics_reached"), fill=rx.color("indigo", 6)),
        rx.recharts.bar(data_key="completed", name=t("analytics_completed"), fill=rx.color("green", 9)),
        data=A.funnel,
        width="100%",
        height=CHART_HEIGHT,
    )


def _table(headers: list, rows: rx.Var, cells, row_class: str) -> rx.Component:
    """A compact table: ``headers`` (labels), one row per item with ``cells(item)``."""
    return rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(
            rx.foreach(
                rows,
                lambda item: rx.table.row(
                    *[rx.table.cell(cell) for cell in cells(item)], class_name=row_class
                ),
            )
        ),
        width="100%",
        size="1",
    )


def _labels(*keys: str) -> list:
    return [t(key) for key in keys]


def _funnel_table() -> rx.Component:
    return _table(
        _labels("analytics_lesson", "analytics_reached", "analytics_completed", "analytics_drop_off"),
        A.funnel,
        lambda r: [
            r["lesson"],
            r["reached"],
            r["completed"],
            rx.text(r["drop"], class_name="drop-off"),
        ],
        "funnel-row",
    )


def _quiz_table() -> rx.Component:
    headers = _labels(
        "analytics_lesson", "analytics_quiz_attempted", "analytics_quiz_passed", "analytics_quiz_attempts"
    )
    return rx.cond(
        A.quizzes.length() > 0,
        _table(
            [*headers, "%"],
            A.quizzes,
            lambda q: [q["lesson"], q["attempted"], q["passed"], q["attempts"], q["rate"]],
            "quiz-row",
        ),
        rx.text(t("analytics_no_quizzes"), color_scheme="gray", size="2"),
    )


def _attempts_table() -> rx.Component:
    return rx.cond(
        A.attempts.length() > 0,
        _table(
            _labels("analytics_student", "analytics_lesson", "quiz_attempt", "quiz_score", "analytics_when"),
            A.attempts,
            lambda a: [
                a["student"],
                a["lesson"],
                a["number"],
                rx.badge(a["score"], "%", color_scheme=rx.cond(a["passed"], "green", "red")),
                a["when"],
            ],
            "attempt-row",
        ),
        rx.text(t("analytics_no_attempts"), color_scheme="gray", size="2"),
    )


def _ratings_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.x_axis(data_key="rating"),
        rx.recharts.y_axis(allow_decimals=False),
        rx.recharts.graphing_tooltip(),
        rx.recharts.bar(data_key="count", name=t("analytics_reviews"), fill=rx.color("amber", 9)),
        data=A.ratings,
        width="100%",
        height=200,
    )


def _report() -> rx.Component:
    return rx.vstack(
        rx.flex(
            _stat("analytics_students", A.students, "stat-students"),
            _stat("analytics_completion", rx.text(A.completion_rate, "%"), "stat-completion"),
            _stat("analytics_certificates", A.certificates, "stat-certificates"),
            rx.cond(~A.is_free, _stat("analytics_revenue", A.revenue, "stat-revenue")),
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        _panel("analytics_enrollments_over_time", _enrollments_chart(), id="chart-enrollments"),
        _panel("analytics_funnel", _funnel_chart(), _funnel_table(), id="funnel"),
        rx.grid(
            _panel("analytics_quizzes", _quiz_table(), id="quiz-stats"),
            _panel("analytics_ratings", _ratings_chart(), id="chart-ratings"),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        _panel("analytics_recent_attempts", _attempts_table(), id="recent-attempts"),
        width="100%",
        spacing="4",
    )


@template(route=routes.TEACHER_ANALYTICS, title="analytics", on_load=A.load_page, live_title=A.title)
def analytics_page() -> rx.Component:
    return rx.vstack(
        page_title(
            rx.text(t("analytics"), ": ", A.title),
            rx.button(rx.icon("download", size=16), t("export_csv"), on_click=A.export_csv, id="export-csv"),
        ),
        loading(
            A.loading,
            rx.cond(A.error != "", rx.callout(A.error, color_scheme="red", icon="triangle_alert"), _report()),
        ),
        width="100%",
    )
