"""The websocket load test addresses the app's real states, events and storage keys."""

from __future__ import annotations

import reflex as rx

import eduplatform.eduplatform  # noqa: F401 - registers every page and state
from eduplatform.i18n import LangState
from eduplatform.states.auth import AuthState
from loadtest.ui import pages
from loadtest.ui.pages import toast
from loadtest.ui.protocol import ON_LOAD, UPDATE_VARS, Update, route_data, state_name


def test_state_names_follow_reflex():
    for state in rx.State.get_substates():
        module, cls = state.__module__, state.__name__
        if module.startswith("eduplatform."):
            assert state_name(module, cls) == state.get_full_name()
    assert AuthState.get_full_name() == pages.AUTH
    assert LangState.get_full_name() == pages.LANG


def test_internal_event_names_exist():
    from reflex.state import OnLoadInternalState, UpdateVarsInternalState

    assert f"{OnLoadInternalState.get_full_name()}.on_load_internal" == ON_LOAD
    assert f"{UpdateVarsInternalState.get_full_name()}.update_vars_internal" == UPDATE_VARS


def test_synced_storage_matches_the_local_storage_vars():
    assert set(pages.SYNCED_STORAGE.values()) == {"edu_token", "edu_lang"}
    for key in pages.SYNCED_STORAGE:
        state, var = key.rsplit(".", 1)
        assert state in (pages.AUTH, pages.LANG) and var.endswith("_rx_state_")


def test_router_data_like_the_browser():
    assert route_data("/") == {"pathname": "/", "asPath": "/"}
    data = route_data("/courses/c1", {"course_id": "c1"}, "tab=2")
    assert data == {
        "pathname": "/courses/c1",
        "asPath": "/courses/c1?tab=2",
        "query": {"tab": "2", "course_id": "c1"},
    }


def test_toast_kind_is_read_from_the_frontend_event():
    call = '(() => (refs[\'__toast\']?.["success"]("Saved")))'
    update = Update({}, [{"name": "_call_function", "payload": {"function": call}}], 0.0, 0)
    assert toast(update) == "success"
    assert toast(Update({}, [], 0.0, 0)) is None


def test_only_the_live_followers_updates_are_background():
    from eduplatform.states.live import LiveState
    from loadtest.ui.protocol import LIVE_STATE, SUFFIX, Update, is_live_follower

    assert LiveState.get_full_name() == LIVE_STATE
    auth = AuthState.get_full_name()
    assert is_live_follower(
        Update({LIVE_STATE: {"changes" + SUFFIX: 1}, auth: {"unread" + SUFFIX: 2}}, [], 0.0, 0)
    )
    assert not is_live_follower(Update({auth: {"unread" + SUFFIX: 2}}, [], 0.0, 0))  # a click's
    assert not is_live_follower(Update({}, [], 0.0, 0))
