"""Tolerance from the precision written (STYLE.md 4): a difference that rounding alone explains is not an error.

Every stated figure was rounded to the digits its author wrote: "239.67" stands for anything in
[239.665, 239.675). A relation between rounded figures can be off by at most the sum of those half-units;
a difference within that bound is reported as `info` ("rounding"), beyond it as a mismatch. A figure
written as a whole "0" is an exact zero (nothing), not a rounded one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.core.money import round_half_up

Verdict = Literal["equal", "rounding", "mismatch"]
HUNDRED = Decimal(100)


def places(value: Decimal) -> int:
    """Digits after the point as written: 239.67 → 2, 97 → 0, 1.2E+2 → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def half_unit(value: Decimal) -> Decimal:
    """Half of the last written digit's unit; 0 for an exact zero."""
    if value == 0 and places(value) == 0:
        return Decimal(0)
    return Decimal(5).scaleb(-places(value) - 1)


@dataclass(frozen=True)
class Comparison:
    stated: Decimal
    computed: Decimal
    tolerance: Decimal

    @property
    def difference(self) -> Decimal:
        """stated − computed, at the finer of the two precisions."""
        return self.stated - self.computed

    @property
    def verdict(self) -> Verdict:
        if self.difference == 0:
            return "equal"
        return "rounding" if abs(self.difference) <= self.tolerance else "mismatch"


def compare_sum(total: Decimal, parts: list[Decimal]) -> Comparison:
    """A stated total against the sum of its stated parts."""
    tolerance = half_unit(total) + sum((half_unit(p) for p in parts), Decimal(0))
    return Comparison(total, sum(parts, Decimal(0)), tolerance)


def compare_equal(a: Decimal, b: Decimal) -> Comparison:
    """The same quantity stated twice."""
    return Comparison(a, b, half_unit(a) + half_unit(b))


def compare_ratio(
    stated: Decimal, part: Decimal, whole: Decimal, computed: Decimal | None = None
) -> Comparison | None:
    """A stated percentage against 100 × part ÷ whole; None when the whole is zero.

    The bound adds the stated share's own rounding to how far the rounding of part and whole can move the
    quotient: 100 × (δpart / whole + part × δwhole / whole²). `computed` is the `percentage`, when the caller
    has it already.
    """
    if computed is None:
        computed = percentage(stated, part, whole)
    if computed is None:
        return None
    moved = HUNDRED * (half_unit(part) / abs(whole) + abs(part) * half_unit(whole) / (whole * whole))
    return Comparison(stated, computed, half_unit(stated) + moved + half_unit(computed))


def percentage(stated: Decimal, part: Decimal, whole: Decimal) -> Decimal | None:
    """100 × part ÷ whole at the stated share's precision (at least 2 places); None when the whole is zero.

    Equal to `stated` in the common case, which the checks settle without working out a tolerance."""
    if whole == 0:
        return None
    return round_half_up(part * HUNDRED / whole, max(places(stated), 2))
