"""Money and percentages as exact decimals.

Amounts live in 万元 with the precision the author wrote: "239.67" stays two decimals, "0" stays an
integer. Amounts written in 元 or 亿元 are converted exactly (a shift of the decimal point), so no
precision is invented or lost.

Every number the model holds is within `within_bounds`: at most 15 digits before the point (under 10^15,
far above any budget: a whole country's is near 10^10 万元) and at most 20 after it. A figure beyond that
is a slip or a hostile file, never a report's value; the bound keeps every sum, share and rate the checks
compute finite, and rounding (`round_half_up`) never fails on a value however large.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, getcontext, localcontext

# how many places the decimal point moves to reach 万元
_UNIT_SHIFT = {"万元": 0, "万": 0, "元": -4, "亿元": 4, "亿": 4, "千元": -1}

MONEY_UNITS = tuple(_UNIT_SHIFT)


def parse_decimal(text: str) -> Decimal | None:
    """Read a number as written ("1,234.50", "1 234.5", "-3") into a Decimal; None when it is not one."""
    cleaned = text.replace(",", "").replace(" ", "").replace("，", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def to_wanyuan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount in `unit` to 万元 by shifting the decimal point, keeping every written digit."""
    shift = _UNIT_SHIFT[unit]
    if shift == 0:
        return value
    converted = value.scaleb(shift)
    # scaleb keeps an exponent form such as 2.3967E+2; normalise to a plain decimal with the digits written
    sign, digits, exponent = converted.as_tuple()
    assert isinstance(exponent, int)
    if exponent > 0:
        return Decimal((sign, (*digits, *([0] * exponent)), 0))
    return converted


MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 20
_LIMIT: int = 10**MAX_INTEGER_DIGITS
BOUNDS_TEXT = f"整数部分不超过 {MAX_INTEGER_DIGITS} 位、小数部分不超过 {MAX_DECIMAL_PLACES} 位"


def within_bounds(value: Decimal | int) -> bool:
    """Whether a number is one the model holds: finite, under 10^15 in size, at most 20 decimals (ints alike)."""
    if isinstance(value, int):
        return -_LIMIT < value < _LIMIT
    if not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    return bool(exponent >= -MAX_DECIMAL_PLACES and value.adjusted() < MAX_INTEGER_DIGITS)


_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(10)}  # made once: scores and checks round often


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """四舍五入 to `places` decimals."""
    return to_places(value, places, ROUND_HALF_UP)


def to_places(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """`value` with exactly `places` decimals, rounded by `rounding`, whatever its size (a ratio of two numbers
    within bounds may need more digits than the context's 28); a value that is not finite is returned as is."""
    if not value.is_finite():
        return value
    quantum = _QUANTUM.get(places)
    if quantum is None:
        quantum = Decimal(1).scaleb(-places)
    digits = max(value.adjusted(), 0) + places + 2
    if digits <= getcontext().prec:  # the context holds the result: most roundings
        return value.quantize(quantum, rounding=rounding)
    with localcontext() as wide:
        wide.prec = digits
        return value.quantize(quantum, rounding=rounding)


def percent(part: Decimal, whole: Decimal, places: int = 2) -> Decimal | None:
    """part / whole as a percent value ("54.55" means 54.55%); None when the whole is zero."""
    if whole == 0:
        return None
    return round_half_up(part * 100 / whole, places)
