"""Dates as reports write them: "2019年7月17日", "2019.7.17", "2019-07-17", "2019/7/17", "二〇二四年三月十七日",
and a month without a day ("二〇二四年三月", "2024年3月").

`read_date` reads a text that is nothing but a date (a cover's or a signature's line, the value after a
label), so a date inside a sentence or a page's "发布时间 2024-06-30 10:12" is never taken for one. A date that
names no day is read as its year and month: `Written.day` is None, and no day is made up.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

_ZERO = "〇○零OoΟ"  # a year's zero as typed: 〇, a circle, 零, a capital or small letter O, a Greek omicron
_DIGITS = dict.fromkeys(_ZERO, 0) | {c: n for n, c in enumerate("一二三四五六七八九", start=1)}
_CN = f"[{_ZERO}一二三四五六七八九十]"

_ARABIC = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?"
    r"|(?P<sep>[./-])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2}))"
)
_CHINESE = re.compile(rf"(?P<y>{_CN}{{4}})\s*年\s*(?P<m>{_CN}{{1,2}})\s*月\s*(?:(?P<d>{_CN}{{1,3}})\s*日)?")


class Written(NamedTuple):
    year: int
    month: int
    day: int | None  # None: the text names the month only

    def date(self) -> dt.date | None:
        return None if self.day is None else dt.date(self.year, self.month, self.day)

    def month_text(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def read_date(text: str) -> Written | None:
    """The date `text` is, when it is one and nothing else (spaces aside); None otherwise, or when no such day
    or month exists."""
    text = text.strip()
    if arabic := _ARABIC.fullmatch(text):
        year, month, day = arabic["y"], arabic["m"] or arabic["m2"], arabic["d"] or arabic["d2"]
        return _valid(int(year), int(month), int(day) if day else None)
    if chinese := _CHINESE.fullmatch(text):
        year = "".join(str(_DIGITS.get(c, -1)) for c in chinese["y"])
        if not year.isdigit() or not year.startswith(("19", "20")):
            return None
        month, day = _cn_number(chinese["m"]), _cn_number(chinese["d"]) if chinese["d"] else None
        if month is None or (chinese["d"] and day is None):
            return None
        return _valid(int(year), month, day)
    return None


def _cn_number(text: str) -> int | None:
    """一 … 九, 十, 十七, 二十, 三十一 (and 〇 in 二〇 as written on some covers)."""
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    high = _DIGITS.get(tens, -1) if tens else 1
    low = _DIGITS.get(ones, -1) if ones else 0
    return None if high < 1 or low < 0 else high * 10 + low


def _valid(year: int, month: int, day: int | None) -> Written | None:
    if not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    return Written(year, month, day)
