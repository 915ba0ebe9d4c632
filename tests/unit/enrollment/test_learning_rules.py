"""Rules of attempts, certificates, watch positions and the funnel, without a database."""

from __future__ import annotations

import re
import uuid

import pytest

from backend_services.enrollment import certificates, quizzes, watching
from backend_services.enrollment.analytics_facade import funnel
from backend_services.shared.errors import Conflict


def test_a_new_attempt_needs_an_unpassed_quiz_within_the_limit():
    quizzes.check_can_start(started=0, passed=False, max_attempts=1)
    quizzes.check_can_start(started=99, passed=False, max_attempts=None)  # unlimited
    with pytest.raises(Conflict, match="No attempts left"):
        quizzes.check_can_start(started=2, passed=False, max_attempts=2)
    with pytest.raises(Conflict, match="already passed"):
        quizzes.check_can_start(started=1, passed=True, max_attempts=None)


@pytest.mark.parametrize(("limit", "started", "left"), [(None, 5, None), (3, 1, 2), (3, 3, 0), (2, 5, 0)])
def test_attempts_left(limit, started, left):
    assert quizzes.attempts_left(limit, started) == left


def test_seeds_fit_a_32_bit_column():
    assert all(0 <= quizzes.new_seed() < 2**31 for _ in range(200))


def test_certificate_codes_are_unambiguous_and_normalised():
    codes = {certificates.new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", c) for c in codes)
    assert certificates.normalise_code(" abcd-efgh-jkmn ") == "ABCD-EFGH-JKMN"
    assert len(certificates.clip("x" * 500)) == certificates.NAME_MAX


@pytest.mark.parametrize(("position", "duration", "stored"), [(-3, 60, 0), (30, 60, 30), (90, 60, 60)])
def test_positions_are_clamped_to_the_video(position, duration, stored):
    assert watching.clamp(position, duration) == stored


def test_watched_percentage():
    assert watching.watched_percentage(30, 60) == 50.0
    assert watching.watched_percentage(90, 60) == 100.0
    assert watching.watched_percentage(10, 0) == 0.0


def test_the_funnel_counts_drop_off_from_the_previous_lesson():
    lessons = [(uuid.uuid4(), title) for title in ("A", "B", "C")]
    (a, _), (b, _), (c, _) = lessons
    rows = funnel(lessons, students=10, reached={a: 9, b: 6, c: 2}, completed={a: 8, b: 3})
    assert [(r.position, r.reached, r.completed, r.drop_off) for r in rows] == [
        (1, 9, 8, 2),
        (2, 6, 3, 5),
        (3, 2, 0, 3),
    ]
