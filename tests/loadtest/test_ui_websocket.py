"""The websocket load test against the real Reflex app (production build, small SQLite seed):
a tab speaks the event protocol and sees the pages' data, and a short Locust run of the
UI users answers every UI event of every journey without a failure or a stray update."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loadtest.plan import PASSWORD, Sizes, email_of
from loadtest.ui import pages
from loadtest.ui.protocol import initial_state_hashes
from tests.loadtest.kit import ROOT, SCALE, seed_into, sqlite_settings
from tests.reflex_app import running_app

pytestmark = pytest.mark.loadtest

SIZES = Sizes.for_scale(SCALE)


@pytest.fixture(scope="module")
def ui_app(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("ui-load")
    seed_into(sqlite_settings(folder), reset=False)
    # The seed's users were hashed with the default admin password; JWTs need any secret.
    secret = "ui-load-secret-long-enough-0123456789"
    with running_app(folder, EDU_AUTO_MIGRATE="false", EDU_JWT_SECRET=secret) as (base, _api):
        yield base


def test_a_tab_logs_in_navigates_and_completes_a_lesson(ui_app):
    tab = pages.new_tab(ui_app, hashes=initial_state_hashes(ROOT / ".web"), timeout=60)
    try:
        hydrate, login, home = pages.log_in(tab, email_of(SIZES.students[0]), PASSWORD)
        assert hydrate.name == "hydrate" and hydrate.updates
        assert home.name == "nav /my-learning"
        assert tab.var(pages.AUTH, "role") == "student"
        # A navigation ends with is_hydrated after the page's own data arrived.
        catalog = pages.catalog(tab)
        assert any(pages.CATALOG in u.delta for u in catalog.updates)
        assert len(pages.items(tab, pages.CATALOG, "courses")) == 12
        found = pages.search(tab, "python")
        assert found.updates[-1].var(pages.CATALOG, "loading") is False
        assert all(
            "python" in c["title"].lower() or "python" in c["summary"].lower()
            for c in tab.var(pages.CATALOG, "courses")
        )
        course_id = next(c["id"] for c in tab.var(pages.CATALOG, "courses") if c["is_free"])
        pages.course(tab, course_id)
        assert tab.var(pages.COURSE, "course")["id"] == course_id
        if not tab.var(pages.COURSE, "enrolled"):
            pages.enroll(tab)
            assert tab.var(pages.COURSE, "enrolled") is True
        lesson_id = pages.next_lesson(tab)
        pages.lesson(tab, course_id, lesson_id)
        assert tab.var(pages.LESSON, "is_done") is False
        done = pages.complete_lesson(tab)
        # One update: the progress (a notification it causes arrives through the live follower).
        assert len(done.updates) == 1 and done.updates[-1].has(pages.LESSON, "percentage")
        assert tab.var(pages.LESSON, "is_done") is True
        assert lesson_id in tab.var(pages.LESSON, "completed_ids")
        assert tab.stray_updates == 0
    finally:
        tab.close()


def test_short_ui_locust_run_answers_every_event(ui_app, tmp_path):
    out = tmp_path / "run"
    env = {**os.environ, "LOCUST_WAIT_MIN": "0.1", "LOCUST_WAIT_MAX": "0.3"}
    result = subprocess.run(
        [sys.executable, "-m", "loadtest.run", "--host", ui_app, "--profile", "ui", "--users", "6"]
        + [
            "--spawn-rate",
            "6",
            "--run-time",
            "25s",
            "--scale",
            str(SCALE),
            "--out",
            str(out),
            "--no-monitor",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    with (out / "locust_stats.csv").open() as f:
        rows = {r["Name"]: r for r in csv.DictReader(f)}
    total = rows.pop("Aggregated")
    assert int(total["Failure Count"]) == 0, (out / "locust_failures.csv").read_text()
    assert result.returncode == 0, result.stderr[-2000:]
    for name in (
        "hydrate",
        "log in",
        "nav /my-learning",
        "nav /courses/[course_id]",
        "nav /learn/[course_id]/[lesson_id]",
        "complete lesson",
        "nav /",
        "search",
        "nav /notifications",
        "nav /teacher/courses",
        "nav /teacher/courses/[course_id]/edit",
        "editor: open lesson",
        "editor: save lesson",
        "nav /admin",
    ):
        assert name in rows and int(rows[name]["Request Count"]) > 0, sorted(rows)
        assert all(r["Type"] == "UI" for r in rows.values())
    with Path(f"{out}/locust_ui_updates.csv").open() as f:
        updates = {r["event"]: r for r in csv.DictReader(f)}
    # Every navigation got its page's data and the hydrated flag: more than one update each.
    assert float(updates["nav /courses/[course_id]"]["updates_per_event"]) >= 3
    assert "UI events" in (out / "summary.md").read_text()
