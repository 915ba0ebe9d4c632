"""The top bar: logo, catalog, search, role links, notifications, account."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.i18n import LangState, t
from eduplatform.states.auth import AuthState
from eduplatform.states.catalog import CatalogState
from eduplatform.states.learning import NotificationsState


def _nav_link(label, href: str, icon: str, test_id: str) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=16), rx.text(label), spacing="1", align="center"),
        href=href,
        size="2",
        weight="medium",
        color_scheme="gray",
        high_contrast=True,
        underline="none",
        id=test_id,
    )


def search_box() -> rx.Component:
    return rx.debounce_input(
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            placeholder=t("search_placeholder"),
            value=CatalogState.query,
            on_change=CatalogState.search,
            id="search",
            width="100%",
            radius="full",
        ),
        debounce_timeout=350,
    )


def role_badge() -> rx.Component:
    return rx.match(
        AuthState.role,
        ("student", rx.badge(t("role_student"), color_scheme="green", high_contrast=True, id="role-badge")),
        ("teacher", rx.badge(t("role_teacher"), color_scheme="orange", high_contrast=True, id="role-badge")),
        ("admin", rx.badge(t("role_admin"), color_scheme="red", high_contrast=True, id="role-badge")),
        rx.fragment(),
    )


def role_links() -> rx.Component:
    return rx.match(
        AuthState.role,
        ("student", _nav_link(t("my_learning"), routes.MY_LEARNING, "graduation-cap", "nav-learning")),
        ("teacher", _nav_link(t("my_courses"), routes.TEACHER_COURSES, "book-open", "nav-teacher")),
        ("admin", _nav_link(t("admin"), routes.ADMIN, "shield-check", "nav-admin")),
        rx.fragment(),
    )


def bell() -> rx.Component:
    return rx.link(
        rx.box(
            rx.icon("bell", size=20, aria_hidden="true"),
            # The link's name is this text plus the visible count ("Notifications 2").
            rx.el.span(t("notifications"), class_name="sr-only"),
            rx.cond(
                AuthState.unread > 0,
                rx.badge(
                    AuthState.unread,
                    color_scheme="red",
                    variant="solid",
                    radius="full",
                    position="absolute",
                    top="-8px",
                    right="-10px",
                    size="1",
                    id="unread-count",
                ),
            ),
            position="relative",
        ),
        href=routes.NOTIFICATIONS,
        color_scheme="gray",
        high_contrast=True,
        id="nav-notifications",
    )


def account() -> rx.Component:
    return rx.cond(
        AuthState.signed_in,
        rx.hstack(
            bell(),
            role_badge(),
            rx.text(AuthState.user_name, size="2", class_name="hide-mobile", id="user-name"),
            rx.button(t("log_out"), on_click=AuthState.logout, variant="soft", size="2", id="logout"),
            spacing="3",
            align="center",
        ),
        rx.hstack(
            rx.link(rx.button(t("log_in"), variant="soft", size="2"), href=routes.LOGIN, id="nav-login"),
            rx.link(rx.button(t("sign_up"), size="2"), href=routes.SIGNUP, id="nav-signup"),
            spacing="2",
        ),
    )


def header() -> rx.Component:
    return rx.box(
        rx.flex(
            rx.link(
                rx.hstack(
                    rx.image(src="/logo.svg", width="30px", height="30px", alt=""),
                    rx.heading(t("brand"), size="5"),
                    align="center",
                    spacing="2",
                ),
                href=routes.CATALOG,
                underline="none",
                color="inherit",
                id="logo",
                margin_right="0.75em",
            ),
            rx.hstack(
                _nav_link(t("catalog"), routes.CATALOG, "layout-grid", "nav-catalog"),
                role_links(),
                spacing="4",
                align="center",
            ),
            rx.box(search_box(), flex="1", min_width="180px", max_width="420px"),
            rx.hstack(
                rx.button(
                    t("language"),
                    on_click=[LangState.toggle, NotificationsState.relocalize],
                    variant="ghost",
                    size="1",
                    id="lang-toggle",
                ),
                account(),
                spacing="3",
                align="center",
                margin_left="auto",
            ),
            align="center",
            spacing="4",
            wrap="wrap",
            max_width="1200px",
            margin="0 auto",
            padding="0.75em 1em",
        ),
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
        width="100%",
    )
