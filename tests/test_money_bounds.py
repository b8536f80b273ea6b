"""The bounds every number the model holds keeps to, and rounding that never fails within them (core/money.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from jixiao.core.model import Budget, Evaluation, StaffCount
from jixiao.core.money import percent, round_half_up, to_places, within_bounds


@pytest.mark.parametrize(
    ("number", "held"),
    [
        ("999999999999999.99", True),  # fifteen digits before the point
        ("1000000000000000", False),
        ("-999999999999999", True),
        ("0.00000000000000000001", True),  # twenty decimals
        ("0.000000000000000000001", False),
        ("1E+999999", False),
        ("1E-999999", False),
        ("0E+20", False),  # a zero written with an exponent no report writes
        ("NaN", False),
        ("Infinity", False),
    ],
)
def test_a_number_is_held_only_within_fifteen_digits_and_twenty_decimals(number: str, held: bool) -> None:
    assert within_bounds(Decimal(number)) is held


def test_integers_keep_to_the_same_fifteen_digits() -> None:
    assert within_bounds(10**15 - 1) and not within_bounds(10**15) and not within_bounds(-(10**4300))


def test_the_model_refuses_a_number_out_of_bounds_in_any_field_under_its_name() -> None:
    with pytest.raises(ValidationError) as refused:
        Evaluation.model_validate({"budget": {"executed": "1e20"}, "staffing": {"actual_by_kind": [{"kind": "行政", "count": 10**16}]}})
    assert [(e["loc"], e["type"]) for e in refused.value.errors()] == [
        (("staffing", "actual_by_kind", 0, "count"), "number_out_of_bounds"),
        (("budget", "executed"), "number_out_of_bounds"),
    ]
    budget = Budget()
    with pytest.raises(ValidationError):
        budget.adjusted = Decimal("1e15")  # assignment is validated too
    assert StaffCount(kind="行政", count=True).count == 1  # a bool is not taken for a number out of bounds


def test_rounding_a_ratio_of_two_numbers_within_bounds_never_fails() -> None:
    largest, smallest = Decimal("999999999999999"), Decimal("1E-20")
    assert round_half_up(largest / smallest * 100) == Decimal("9999999999999990000000000000000000000.00")
    assert percent(largest, smallest) == Decimal("9999999999999990000000000000000000000.00")
    assert round_half_up(Decimal("2.345")) == Decimal("2.35")  # 四舍五入, as ever


def test_rounding_to_places_keeps_the_rounding_asked_for_and_passes_over_what_is_not_finite() -> None:
    from decimal import ROUND_HALF_EVEN

    assert to_places(Decimal("97.225"), 2, ROUND_HALF_EVEN) == Decimal("97.22")
    assert to_places(Decimal("9.6"), 2) == Decimal("9.60")
    assert to_places(Decimal("Infinity"), 2).is_infinite()
