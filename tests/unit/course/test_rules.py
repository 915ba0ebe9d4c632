"""Pure course rules: pricing, roles and ownership, ordering, rating arithmetic."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from backend_services.course import rules
from backend_services.shared.errors import Forbidden, Unprocessable
from tests.unit.course.conftest import principal


@pytest.mark.parametrize(
    ("is_free", "price"),
    [
        (True, None),
        (False, Decimal("0.01")),
        (False, Decimal("49.99")),
        (False, Decimal("99999.99")),
    ],
)
def test_valid_pricing(is_free, price):
    rules.check_pricing(is_free, price)


@pytest.mark.parametrize(
    ("is_free", "price", "message"),
    [
        (True, Decimal("10"), "free course cannot have a price"),
        (True, Decimal("0"), "free course cannot have a price"),
        (False, None, "needs a price greater than 0"),
        (False, Decimal("0"), "needs a price greater than 0"),
        (False, Decimal("-1"), "needs a price greater than 0"),
        (False, Decimal("100000.00"), "must not exceed"),
        (False, Decimal("9.999"), "2 decimal places"),
    ],
)
def test_invalid_pricing_is_unprocessable(is_free, price, message):
    with pytest.raises(Unprocessable, match=message):
        rules.check_pricing(is_free, price)


def test_merged_pricing_keeps_switches_and_drops_price_when_going_free():
    ten = Decimal("10.00")
    assert rules.merged_pricing(False, ten, {}) == (False, ten)
    assert rules.merged_pricing(False, ten, {"title": "x"}) == (False, ten)
    assert rules.merged_pricing(False, ten, {"is_free": True}) == (True, None)
    assert rules.merged_pricing(True, None, {"is_free": False, "price": ten}) == (False, ten)
    assert rules.merged_pricing(False, ten, {"price": Decimal("12")}) == (False, Decimal("12"))


@pytest.mark.parametrize(
    ("current", "changes"),
    [
        ((True, None), {"is_free": False}),  # paid without a price
        ((True, None), {"price": Decimal("5")}),  # a price on a free course
        ((False, Decimal("5")), {"price": None}),  # a paid course loses its price
        ((False, Decimal("5")), {"is_free": True, "price": Decimal("5")}),
    ],
)
def test_merged_pricing_rejects_inconsistent_results(current, changes):
    with pytest.raises(Unprocessable):
        rules.merged_pricing(*current, changes)


def test_next_order_goes_after_the_last():
    assert rules.next_order(None) == 1
    assert rules.next_order(0) == 1
    assert rules.next_order(7) == 8


@pytest.mark.parametrize(
    ("rating_sum", "count", "expected"),
    [
        (0, 0, None),
        (4, 1, "4.00"),
        (5, 3, "1.67"),  # 1.666...
        (10, 3, "3.33"),
        (33, 8, "4.13"),  # 4.125: half rounds up
        (107, 40, "2.68"),  # 2.675: binary floats would round this one down
        (67, 20, "3.35"),
        (5_000_000, 1_000_000, "5.00"),
    ],
)
def test_average_rating_rounds_half_up(rating_sum, count, expected):
    result = rules.average_rating(rating_sum, count)
    assert (str(result) if result is not None else None) == expected


def test_sql_average_formula_matches_the_decimal_rule():
    # The repository computes hundredths as (200*sum + n) // (2*n) in SQL.
    for count in range(1, 60):
        for rating_sum in range(count, 5 * count + 1):
            hundredths = (200 * rating_sum + count) // (2 * count)
            assert Decimal(hundredths) / 100 == rules.average_rating(rating_sum, count)


def test_role_rules():
    student, admin = principal("student"), principal("admin")
    unverified = principal("teacher", is_verified=False)
    with pytest.raises(Forbidden, match="^Only teachers can create courses$"):
        rules.require_teacher(student, "create courses")
    with pytest.raises(Forbidden, match="^Only teachers can"):
        rules.require_verified_teacher(admin, "create courses")
    with pytest.raises(Forbidden, match="^Only verified teachers can create courses$"):
        rules.require_verified_teacher(unverified, "create courses")
    rules.require_verified_teacher(principal("teacher"), "create courses")
    with pytest.raises(Forbidden, match="^Only students can review courses$"):
        rules.require_student(principal("teacher"))
    rules.require_student(student)


def test_owner_rule():
    teacher = principal("teacher")
    rules.require_owner(teacher, teacher.user_id)
    with pytest.raises(Forbidden, match="^You do not own this course$"):
        rules.require_owner(teacher, uuid.uuid4())
