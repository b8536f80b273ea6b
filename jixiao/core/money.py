"""Money and percentages as exact decimals.

Amounts live in 万元 with the precision the author wrote: "239.67" stays two decimals, "0" stays an
integer. Amounts written in 元 or 亿元 are converted exactly (a shift of the decimal point), so no
precision is invented or lost.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(10)}  # made once: scores and checks round often


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """四舍五入 to `places` decimals."""
    quantum = _QUANTUM.get(places)
    return value.quantize(quantum if quantum is not None else Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal, places: int = 2) -> Decimal | None:
    """part / whole as a percent value ("54.55" means 54.55%); None when the whole is zero."""
    if whole == 0:
        return None
    return round_half_up(part * 100 / whole, places)
