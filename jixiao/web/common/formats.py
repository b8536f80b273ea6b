"""How the interface writes money, scores and dates: 万元 with the precision written, 2024年3月14日."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone


def decimal_text(value: object) -> str:
    """A Decimal (or its string) as written, never in exponent form; '—' for a blank (never zero)."""
    if value is None or value == "":
        return "—"
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format(number, "f")


def money(value: object) -> str:
    text = decimal_text(value)
    return text if text == "—" else f"{text} 万元"


def cn_date(value: dt.date | dt.datetime | str | None) -> str:
    """2024年3月14日; a datetime in local time adds 14:05."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    return f"{value.year}年{value.month}月{value.day}日"
