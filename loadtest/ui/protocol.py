"""Reflex 0.10 event protocol as a browser tab speaks it, over one websocket.

Wire format (read from reflex/app.py ``EventNamespace`` and the frontend's
``utils/state.js``): Socket.IO v5 over Engine.IO v4, websocket transport only, at
``/_event/?EIO=4&transport=websocket&token=<tab token>``, namespace ``/_event``.

- The tab's token is a fresh UUID per tab (the browser keeps it in sessionStorage).
- The hydrate event ``<root>.hydrate_and_load`` rides in the namespace CONNECT packet
  (``40/_event,{"event": {...}}``) with the browser-storage values (``vars``) and, on
  a first visit, the hashes of the compiled initial state (``hashes``).
- Every other event is ``42/_event,["event", {name, payload, router_data}]``;
  ``router_data`` carries ``pathname``, ``asPath`` and ``query`` (search parameters
  plus the dynamic route's parameters).
- The server answers with ``42/_event,["event", {"delta": {...}, "events": [...]}]``:
  ``delta`` maps a state's full name to its changed vars (names end in
  ``_rx_state_``); ``events`` are frontend-only events (``_redirect``, toasts).
  Chained backend events (``on_load`` handlers, ``return OtherState.handler``) run on
  the server and are never sent to the tab.

Reflex 0.10 dropped the ``final`` flag of an update, and a handler that changes
nothing sends no update at all, so "finished" is defined per UI event by the update
that its last handler always sends (see ``ReflexTab.send``): for a navigation and the
hydrate that is the root state's ``is_hydrated`` turning true, which the chain's last
handler (``set_is_hydrated(True)``) sets and the browser waits for too.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

ROOT = "reflex___state____state"
SUFFIX = "_rx_state_"
# The state of a tab's live follower (eduplatform/states/live.py, a background task): every
# refresh it makes (the unread count, the lists the tab has loaded) bumps its ``changes``,
# so its updates carry this state. They may arrive at any time, as in the browser, and are
# not part of any click.
LIVE_STATE = "reflex___state____state.eduplatform___states___live____live_state"
NAMESPACE = "/_event"
HYDRATE = f"{ROOT}.hydrate_and_load"
UPDATE_VARS = f"{ROOT}.reflex___state____update_vars_internal_state.update_vars_internal"
ON_LOAD = f"{ROOT}.reflex___state____on_load_internal_state.on_load_internal"
IS_HYDRATED = "is_hydrated" + SUFFIX
REFLEX_VERSION = "0.10.1"


def state_name(module: str, cls: str) -> str:
    """The full name Reflex gives a state class defined directly under ``rx.State``."""
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", cls)).lower()
    return f"{ROOT}.{module.replace('.', '___')}____{snake}"


def initial_state_hashes(web_dir: Path) -> list[str] | None:
    """The hashes a first visit sends with its hydrate, from the compiled frontend, if built here."""
    try:
        text = (web_dir / "utils" / "context.jsx").read_text()
    except OSError:
        return None
    found = re.search(r"initialStateHashes = (\[[^\]]*\])", text)
    return json.loads(found.group(1)) if found else None


def _text(frame: str | bytes) -> str:
    """A websocket frame as text (Engine.IO sends text frames; a binary one is decoded)."""
    return frame.decode() if isinstance(frame, bytes) else frame


class ProtocolError(Exception):
    """The server answered in a way a browser tab would treat as broken."""


@dataclass
class Update:
    """One update from the server, stamped when its frame was read."""

    delta: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]
    at: float
    size: int

    def var(self, state: str, name: str, default: Any = None) -> Any:
        return self.delta.get(state, {}).get(name + SUFFIX, default)

    def has(self, state: str, name: str) -> bool:
        return name + SUFFIX in self.delta.get(state, {})

    def redirect(self) -> str | None:
        return next((e["payload"].get("path") for e in self.events if e.get("name") == "_redirect"), None)


Done = Callable[[Update], bool]


@dataclass
class Result:
    """How one UI event went: time to its final update, and what arrived meanwhile."""

    name: str
    seconds: float
    updates: list[Update] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(u.size for u in self.updates)

    def redirect(self) -> str | None:
        return next((r for u in self.updates if (r := u.redirect())), None)


def hydrated(update: Update) -> bool:
    """The end of a hydrate or navigation: the last on_load handler flipped ``is_hydrated``."""
    return update.delta.get(ROOT, {}).get(IS_HYDRATED) is True


def route_data(path: str, params: dict[str, str] | None = None, search: str = "") -> dict[str, Any]:
    """``router_data`` as the browser fills it in (``withRouterData`` in state.js)."""
    data: dict[str, Any] = {"pathname": path, "asPath": path + (f"?{search}" if search else "")}
    query = dict(p.split("=", 1) for p in search.split("&") if "=" in p) if search else {}
    query.update(params or {})
    if query:
        data["query"] = query
    return data


def is_live_follower(update: Update) -> bool:
    """Whether an update is the live follower's (it carries ``LIVE_STATE``)."""
    return LIVE_STATE in update.delta


class ReflexTab:
    """One browser tab: its own token, a mirror of its state and of its localStorage."""

    def __init__(self, base_url: str, *, storage: dict[str, str] | None = None, hashes=None, timeout=30.0):
        self.ws_url = re.sub(r"^http", "ws", base_url.rstrip("/")) + "/_event/"
        self.token = str(uuid.uuid4())
        self.timeout = timeout
        self.hashes = hashes
        # localStorage entries the app syncs (name -> value), e.g. edu_token, edu_lang.
        self.local_storage: dict[str, str] = dict(storage or {})
        self.storage_keys: dict[str, str] = {}  # state key -> storage name
        self.state: dict[str, dict[str, Any]] = {}
        self.params: dict[str, str] = {}
        self.path, self.search = "/", ""
        self._inbox: queue.Queue[Update | BaseException] = queue.Queue()
        self._ws: websocket.WebSocket | None = None
        self._reader: threading.Thread | None = None
        self.stray_updates = 0
        self.background_updates = 0  # the live follower's (LIVE_STATE)
        self.last_stray: Update | None = None

    # -- connection -------------------------------------------------------------
    def sync_storage(self, state_key: str, name: str) -> None:
        """Declare a synced ``rx.LocalStorage`` var (``clientStorage`` in context.js)."""
        self.storage_keys[state_key] = name

    def _storage_vars(self) -> dict[str, str]:
        return {
            key: self.local_storage[name]
            for key, name in self.storage_keys.items()
            if name in self.local_storage
        }

    def connect(self, path: str, params: dict[str, str] | None = None, search: str = "") -> Result:
        """Open the socket with the hydrate event in the CONNECT packet; done when hydrated."""
        self.path, self.params, self.search = path, params or {}, search
        started = time.perf_counter()
        ws = websocket.create_connection(
            f"{self.ws_url}?EIO=4&transport=websocket&token={self.token}",
            subprotocols=[REFLEX_VERSION],
            timeout=self.timeout,
            enable_multithread=True,
        )
        opened = _text(ws.recv())
        if not opened.startswith("0"):
            raise ProtocolError(f"no Engine.IO open packet: {opened[:80]!r}")
        payload: dict[str, Any] = {}
        if vars_ := self._storage_vars():
            payload["vars"] = vars_
        if self.hashes:
            payload["hashes"] = self.hashes
        boot = {"name": HYDRATE, "payload": payload, "router_data": route_data(path, params, search)}
        ws.send(f"40{NAMESPACE}," + json.dumps({"event": boot}))
        self._ws = ws
        self._reader = threading.Thread(target=self._read, name=f"tab-{self.token[:8]}", daemon=True)
        self._reader.start()
        return self._wait("hydrate", started, hydrated)

    def close(self) -> None:
        ws, self._ws = self._ws, None
        if ws is not None:
            try:
                ws.send(f"41{NAMESPACE},")
                ws.close()
            except (OSError, websocket.WebSocketException):
                pass
        if self._reader is not None:
            self._reader.join(timeout=5)

    def _read(self) -> None:
        """Answer pings and queue every update with the time its frame arrived."""
        ws = self._ws
        prefix = f"42{NAMESPACE},"
        try:
            while ws is not None and self._ws is ws:
                frame = _text(ws.recv())
                at = time.perf_counter()
                if frame == "2":
                    ws.send("3")
                elif frame.startswith(prefix):
                    name, body = json.loads(frame[len(prefix) :])[:2]
                    if name == "event":
                        self._inbox.put(
                            Update(body.get("delta") or {}, body.get("events") or [], at, len(frame))
                        )
                    elif name == "new_token":
                        self.token = body
                elif frame.startswith(f"44{NAMESPACE}") or frame.startswith(f"41{NAMESPACE}"):
                    raise ProtocolError(f"the server refused or closed the namespace: {frame[:200]}")
                elif frame == "1":
                    raise ProtocolError("the server closed the connection")
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
            if self._ws is ws:
                self._inbox.put(exc)

    # -- events -----------------------------------------------------------------
    def event(self, name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        """An event for the current page, with ``router_data`` as the browser sends it."""
        return {
            "name": name,
            "payload": payload or {},
            "router_data": route_data(self.path, self.params, self.search),
        }

    def send(self, label: str, events: Iterable[dict[str, Any]], done: Done) -> Result:
        """Send events back to back (as the browser's queue does) and wait until ``done``.

        An event is finished when the update its last handler always sends has been
        read (``done`` recognises it; every state assignment is sent, changed or not).
        The time is from the first send to the frame of that update; no update may be
        left over, which ``stray_updates`` counts before each send."""
        self._drain_strays()
        started = time.perf_counter()
        for event in events:
            assert self._ws is not None, "not connected"
            self._ws.send(f"42{NAMESPACE}," + json.dumps(["event", event]))
        return self._wait(label, started, done)

    def navigate(
        self, path: str, params: dict[str, str] | None = None, search: str = "", route: str | None = None
    ) -> Result:
        """A client-side navigation: ``update_vars_internal`` (browser storage) + ``on_load_internal``.

        Reported as ``nav <route>`` (the route template, e.g. ``/courses/[course_id]``)."""
        self.path, self.params, self.search = path, params or {}, search
        events = []
        if vars_ := self._storage_vars():
            events.append(self.event(UPDATE_VARS, {"vars": vars_}))
        events.append(self.event(ON_LOAD))
        return self.send(f"nav {route or path}", events, hydrated)

    def _drain_strays(self) -> None:
        while True:
            try:
                item = self._inbox.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, BaseException):
                raise ProtocolError(str(item)) from item
            if is_live_follower(item):
                self.background_updates += 1
            else:
                self.stray_updates += 1
                self.last_stray = item
            self._apply(item)

    def _wait(self, label: str, started: float, done: Done) -> Result:
        result = Result(label, 0.0)
        deadline = started + self.timeout
        while True:
            try:
                item = self._inbox.get(timeout=max(0.01, deadline - time.perf_counter()))
            except queue.Empty:
                raise ProtocolError(f"{label}: no final update within {self.timeout:.0f} s") from None
            if isinstance(item, BaseException):
                raise ProtocolError(f"{label}: {item}") from item
            self._apply(item)
            result.updates.append(item)
            if done(item):
                result.seconds = item.at - started
                return result

    def _apply(self, update: Update) -> None:
        """Merge a delta into the mirror; synced storage vars reach localStorage as in the browser."""
        for state, values in update.delta.items():
            self.state.setdefault(state, {}).update(values)
            for var, value in values.items():
                name = self.storage_keys.get(f"{state}.{var}")
                if name is not None and isinstance(value, str):
                    self.local_storage[name] = value

    def var(self, state: str, name: str, default: Any = None) -> Any:
        """A var's value as the page shows it now."""
        return self.state.get(state, {}).get(name + SUFFIX, default)
