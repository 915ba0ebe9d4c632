"""Admin: the operations view (live rates, latencies, pools, backlogs, UI sessions)."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.components.common import page_title
from eduplatform.components.layout import template
from eduplatform.i18n import t
from eduplatform.states.ops import OpsState, PoolRow, RouteRow

SPARK_WIDTH, SPARK_HEIGHT = 240, 48


def figure(label: str, value: rx.Var, *, figure_id: str, line: rx.Var | None = None, peak=None):
    """A headline number, with a sparkline of its recent history when given."""
    chart = rx.fragment()
    if line is not None:
        chart = rx.vstack(
            rx.el.svg(
                rx.el.svg.polyline(points=line, fill="none", stroke=rx.color("indigo", 9), stroke_width="2"),
                view_box=f"0 0 {SPARK_WIDTH} {SPARK_HEIGHT}",
                width="100%",
                height=f"{SPARK_HEIGHT}px",
                preserve_aspect_ratio="none",
                role="img",
                aria_label=t(label),
            ),
            rx.text(t("ops_peak"), " ", peak, size="1", color_scheme="gray"),
            spacing="1",
            width="100%",
        )
    return rx.card(
        rx.vstack(
            rx.text(t(label), size="2", color_scheme="gray"),
            rx.heading(value, size="6", id=figure_id),
            chart,
            spacing="1",
            width="100%",
        ),
        min_width="150px",
        flex="1",
    )


def route_row(row: RouteRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.code(row.route, size="1")),
        rx.table.cell(row.rps, text_align="right"),
        rx.table.cell(row.errors, text_align="right"),
        rx.table.cell(row.p50, text_align="right"),
        rx.table.cell(row.p95, text_align="right"),
        rx.table.cell(row.p99, text_align="right"),
        class_name="ops-route",
    )


def routes_table() -> rx.Component:
    header = rx.table.header(
        rx.table.row(
            rx.table.column_header_cell(t("ops_route")),
            *[
                rx.table.column_header_cell(label, text_align="right")
                for label in ("req/s", "5xx", "p50", "p95", "p99")
            ],
        )
    )
    return rx.cond(
        OpsState.routes.length() > 0,
        rx.box(
            rx.table.root(header, rx.table.body(rx.foreach(OpsState.routes, route_row)), size="1"),
            overflow_x="auto",
            width="100%",
        ),
        rx.text(
            rx.cond(OpsState.total_rps == "–", t("ops_waiting_data"), t("ops_no_traffic")),
            color_scheme="gray",
        ),
    )


def pool_row(row: PoolRow) -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.text(row.context, weight="medium"),
            rx.text(row.in_use, " / ", row.size, " ", t("ops_in_use"), size="2", color_scheme="gray"),
            justify="between",
            width="100%",
        ),
        rx.progress(value=row.share, max=100, aria_label=row.context),
        spacing="1",
        width="100%",
        class_name="ops-pool",
    )


def side_panels() -> rx.Component:
    return rx.vstack(
        rx.card(
            rx.vstack(
                rx.heading(t("ops_pools"), size="3"),
                rx.cond(
                    OpsState.pools.length() > 0,
                    rx.foreach(OpsState.pools, pool_row),
                    rx.text(t("ops_no_pools"), color_scheme="gray", size="2"),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
        rx.card(
            rx.vstack(
                rx.heading(t("ops_backlog"), size="3"),
                rx.foreach(
                    OpsState.backlog,
                    lambda row: rx.flex(
                        rx.text(row.context),
                        rx.text(row.pending, " ", t("ops_pending"), color_scheme="gray"),
                        justify="between",
                        width="100%",
                        class_name="ops-backlog",
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        spacing="4",
        width=["100%", "100%", "320px"],
        flex_shrink="0",
    )


def status_line() -> rx.Component:
    return rx.flex(
        rx.cond(
            OpsState.watching,
            rx.badge(
                rx.icon("radio", size=14), t("ops_updated"), " ", OpsState.updated, color_scheme="green"
            ),
            rx.flex(
                rx.badge(t("ops_paused"), color_scheme="gray"),
                rx.button(t("ops_resume"), size="1", variant="soft", on_click=OpsState.watch),
                spacing="2",
                align="center",
            ),
        ),
        rx.cond(OpsState.error != "", rx.text(OpsState.error, color_scheme="red", size="2")),
        spacing="3",
        align="center",
        wrap="wrap",
    )


@template(route=routes.ADMIN_OPS, title="ops", on_load=OpsState.open_page)
def ops_page() -> rx.Component:
    return rx.vstack(
        page_title(t("ops_title"), status_line()),
        rx.text(t("ops_subtitle"), color_scheme="gray"),
        rx.flex(
            figure(
                "ops_rps",
                OpsState.total_rps,
                figure_id="ops-rps",
                line=OpsState.rps_line,
                peak=OpsState.rps_peak,
            ),
            figure(
                "ops_p99",
                OpsState.total_p99,
                figure_id="ops-p99",
                line=OpsState.p99_line,
                peak=OpsState.p99_peak,
            ),
            figure("ops_p95", OpsState.total_p95, figure_id="ops-p95"),
            figure("ops_errors", OpsState.error_rate, figure_id="ops-errors"),
            figure("ops_in_flight", OpsState.in_flight, figure_id="ops-in-flight"),
            figure("ops_ui_sessions", OpsState.ui_sessions, figure_id="ops-ui-sessions"),
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        rx.flex(
            rx.card(
                rx.vstack(rx.heading(t("ops_routes"), size="3"), routes_table(), spacing="3", width="100%"),
                flex="1",
                min_width="0",
                width="100%",
            ),
            side_panels(),
            spacing="4",
            direction=rx.breakpoints(initial="column", md="row"),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
