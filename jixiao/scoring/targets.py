"""Reading targets (年度指标值) and actual values (实际完成值) as reports write them.

"≥90%", "≤0", "=100%", "4次", "3套", "100%", "≥2200篇", "不低于95%", "5万元以内", "按时完成", "12月31日前":
each gives a direction — 正向 (at least), 反向 (at most), 等于 (exactly), 定性 (words, no figure) or 期限 (a
deadline) — and, where there is one, a value with its unit. Comparators are read full-width and half-width,
as signs or as words before or after the figure. A target written without a comparator ("4次", "100%")
means "at least" (正向), and `implied` says so, so the engine can record the assumption.

The importer already fills `Measure.comparator / value / unit` for many measures; `read_measure` keeps
what it found and reads the text only for what is missing.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from jixiao.core.model import Comparator, Measure
from jixiao.io.numerals import NUMBER, canonical

Direction = Literal["正向", "反向", "等于", "定性", "期限"]

DIRECTION_OF: dict[str, Direction] = {">=": "正向", ">": "正向", "<=": "反向", "<": "反向", "=": "等于"}

# signs, after NFKC (which turns ＞ ＜ ＝ into > < =; ≥ ≤ stay as they are)
_SIGNS: tuple[tuple[str, Comparator], ...] = (
    (">=", ">="),
    ("≥", ">="),
    ("≧", ">="),
    ("⩾", ">="),
    ("<=", "<="),
    ("≤", "<="),
    ("≦", "<="),
    ("⩽", "<="),
    ("==", "="),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
)
# words before the figure, longest first so 大于等于 is not read as 大于
_WORDS_BEFORE: tuple[tuple[str, Comparator], ...] = (
    ("大于等于", ">="),
    ("大于或等于", ">="),
    ("小于等于", "<="),
    ("小于或等于", "<="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("控制在", "<="),
    ("至少", ">="),
    ("达到", ">="),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("等于", "="),
)
# words after the figure ("90%以上", "5万元以内")
_WORDS_AFTER: tuple[tuple[str, Comparator], ...] = (
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
    ("之内", "<="),
)
# a number as `numerals` reads it: one that is part of an ambiguous figure ("1,00.0%", "1 2 3%") is none
_NUMBER = re.compile(rf"[-+−]?{NUMBER}")
_DATE = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")
_MONTH_END = re.compile(r"(\d{1,2})月(?:底|末)")
_YEAR_END = re.compile(r"年(?:底|末)")
_UNIT = re.compile(r"^[%‰A-Za-z\u4e00-\u9fff]{1,4}")
_NO_SIGN_WORDS = re.compile(r"[于过在少达等上下内]|至少")  # a comparator word the importer may not have read
_SPACES = re.compile(r"(?<!\d)\s+|\s+(?!\d)")  # a space between two digits may part two numbers: it stays
_DIGIT = re.compile(r"\d")  # far cheaper to look for than a whole figure, where a long text has none
_TRAILING_WORDS = re.compile(r"(?:及以上|以上|及以下|以下|以内|之内|左右|前|内)$")


# not frozen: that triples the cost of making one, and every check run reads each measure
@dataclass(slots=True)
class Reading:
    """A target or an actual as read: its direction (for a target), comparator, value, unit and date."""

    text: str
    direction: Direction
    comparator: Comparator | None = None  # as written (None: not written)
    value: Decimal | None = None
    unit: str | None = None
    date: tuple[int, int] | None = None  # (month, day) of a deadline or a completion date
    implied: bool = False  # the direction was not written and is taken as 正向 (≥)
    next_year: bool = False  # the date is in the following year ("次年1月15日")

    @property
    def is_figure(self) -> bool:
        return self.value is not None and self.date is None


def _normal(text: str) -> str:
    """NFKC (which turns "－" into "-"), spaces out, and numbers in the form `numerals.canonical` gives them
    ("1,305.20" → "1305.20", "−3.2" → "-3.2", "百分之九十五" → "95%")."""
    return canonical(_SPACES.sub("", unicodedata.normalize("NFKC", text)))


_SIGN_START = frozenset(sign[0] for sign, _ in _SIGNS)
_WORD_OF = dict(_WORDS_BEFORE)
_WORDS = re.compile("|".join(re.escape(word) for word, _ in _WORDS_BEFORE))  # longest first, as listed


def _sign(text: str) -> tuple[Comparator, str] | None:
    """The comparator sign the text starts with and the text after it."""
    if text[:1] in _SIGN_START:
        for sign, comparator in _SIGNS:
            if text.startswith(sign):
                return comparator, text[len(sign) :]
    return None


def _comparator(text: str) -> tuple[Comparator | None, str]:
    """The comparator written before the figure (sign or word) and the text after it."""
    signed = _sign(text)
    if signed is not None:
        return signed
    for found in _WORDS.finditer(text):
        after = text[found.end() :]
        if _NUMBER.search(after) and not _NUMBER.search(text[: found.start()]):
            return _WORD_OF[found.group()], after
    return None, text


def _date(text: str) -> tuple[int, int] | None:
    found = _DATE.search(text)
    if found is not None:
        month, day = int(found.group(1)), int(found.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    end = _MONTH_END.search(text)
    if end is not None and 1 <= int(end.group(1)) <= 12:
        month = int(end.group(1))
        return month, calendar.monthrange(2024, month)[1]  # a leap year: 2月底 is the 29th at the latest
    if _YEAR_END.search(text) is not None:  # "年底前完成"
        return 12, 31
    return None


def read_text(text: str) -> Reading:
    """Read a target or an actual from its text alone."""
    plain = _normal(text)
    if _DIGIT.search(plain) is None:  # no figure: a deadline in words ("年底前完成"), or words only
        if _YEAR_END.search(plain) is not None:
            return Reading(text=text, direction="期限", date=(12, 31), next_year="次年" in plain)
        signed = _sign(plain)
        return Reading(text=text, direction="定性", comparator=signed[0] if signed else None)
    date = _date(plain)
    if date is not None:
        return Reading(text=text, direction="期限", date=date, next_year="次年" in plain)
    comparator, rest = _comparator(plain)
    number = _NUMBER.search(rest)
    if number is None:
        return Reading(text=text, direction="定性", comparator=comparator)
    try:
        value = Decimal(number.group().replace("−", "-"))
    except InvalidOperation:  # pragma: no cover - the pattern only matches decimals
        return Reading(text=text, direction="定性")
    after = rest[number.end() :]
    if comparator is None:
        for word, stated in _WORDS_AFTER:
            if word in after:
                comparator = stated
                break
    unit_match = _UNIT.match(_TRAILING_WORDS.sub("", after))
    unit = _TRAILING_WORDS.sub("", unit_match.group()) if unit_match else None
    return _reading(text, comparator, value, unit or None)


def _reading(text: str, comparator: Comparator | None, value: Decimal, unit: str | None) -> Reading:
    if comparator is None:
        return Reading(text=text, direction="正向", value=value, unit=unit, implied=True)
    return Reading(text=text, direction=DIRECTION_OF[comparator], comparator=comparator, value=value, unit=unit)


def parse_target(text: str) -> Reading:
    """A target as written: "≥90%" → 正向 90 %; "≤0" → 反向 0; "12月31日前" → 期限 (12, 31); "按时完成" → 定性."""
    return read_text(text)


def read_measure(measure: Measure) -> Reading:
    """A model Measure: what the importer filled in (comparator, value, unit), the text for the rest."""
    filled = measure.value is not None and measure.unit is not None
    if (
        filled
        and "月" not in measure.text
        and "年" not in measure.text
        and (measure.comparator is not None or not _NO_SIGN_WORDS.search(measure.text))
    ):
        assert measure.value is not None
        return _reading(measure.text, measure.comparator, measure.value, measure.unit)  # all filled: no reading
    from_text = read_text(measure.text)
    if from_text.direction == "期限" or measure.value is None:
        return from_text
    comparator = measure.comparator if measure.comparator is not None else from_text.comparator
    unit = measure.unit if measure.unit is not None else from_text.unit
    return _reading(measure.text, comparator, measure.value, unit)
