"""Numbers as people write them: the one vocabulary every reader of a figure in a report goes through.

Reports write an amount as 1,305.20, 1，305.20 or 1 305.20 (thousands groups, any kind of space), ￥239.67万元,
239.67（万元）, 239.67万, 0.12亿元 or 850千元; a dash between a label and its amount ("收入—239.67万元") that is
no minus sign; a percentage as 95%, ％95 or 百分之九十五; a change as −3.2% (U+2212) or 减少3.2%; a count in
Chinese numerals (十二个, 两个, 二十三人); a table's unit once, in its header ("单位：元").

`canonical` rewrites, in clean text, the forms that have one meaning into the one form every pattern reads
(1305.20, 95%, 239.67万元, -3.2), so the extractors and the checks need no variant of their own; the raw
line stays in each value's source. What cannot be read with confidence ("1,30.5万元", "1 2 3万元", a range
"200-300万元") is left as written: `unreadable` names it and says why, and `AMOUNT` never reads a part of it.
Heading numerals (一、 （三） ①) live here too, for the outline and the structure checks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import parse_decimal

CN_NUMERALS = "一二三四五六七八九十"  # the Chinese numerals of heading numbers (一、 （三）)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # the circled numbers of list items

# ------------------------------------------------------------------------------------- Chinese numerals

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_POWER = {"十": 10, "百": 100, "千": 1000}
CN_DIGITS = "零〇一二两三四五六七八九十百千"  # the characters of a count in Chinese numerals
CN_NUMBER = f"[{CN_DIGITS}]+"  # a count in Chinese numerals, read by `cn_int`


def cn_int(text: str) -> int | None:
    """'十二' → 12, '两' → 2, '二十三' → 23, '一百零五' → 105, and digits as they are; None for anything else
    ('二三', '十百')."""
    if text.isascii() and text.isdigit():
        return int(text)
    total, digit, last_power = 0, None, 10_000
    for ch in text:
        if ch in _CN_DIGIT:
            if digit:  # two digits in a row ("二三") is no number; 零 only holds a place ("一百零五")
                return None
            digit = _CN_DIGIT[ch]
        elif ch in _CN_POWER:
            power = _CN_POWER[ch]
            if power >= last_power or digit == 0:
                return None
            total += (1 if digit is None else digit) * power  # "十二": 十 alone is one ten
            digit, last_power = None, power
        else:
            return None
    value = total + (digit or 0)
    return value if text else None


_CN_DECIMAL = re.compile(rf"^(?P<int>{CN_NUMBER})(?:点(?P<frac>[零〇一二三四五六七八九]+))?$")


def cn_decimal(text: str) -> Decimal | None:
    """'九十五' → 95, '九十五点五' → 95.5 (each digit after 点 read on its own)."""
    match = _CN_DECIMAL.match(text)
    whole = cn_int(match["int"]) if match else None
    if match is None or whole is None:
        return None
    frac = "".join(str(_CN_DIGIT[ch]) for ch in match["frac"] or "")
    return Decimal(f"{whole}.{frac}" if frac else str(whole))


# ------------------------------------------------------------------------------------- units of money

# the units an amount is written in, longest first; 万 and 亿 alone only where no other word follows them
# ("239.67万，" is money, "10万公顷" and "1.2万人次" are not)
MONEY_UNIT = r"亿元|万元|千元|元|[万亿](?![\u4e00-\u9fff])"
UNIT_NAMES = {"万": "万元", "亿": "亿元"}  # a bare 万 or 亿 is the money unit it stands for
# "单位：元", "（单位:万元）", "金额单位：元": a table or section says once what unit its bare numbers are in
UNIT_DECLARED = re.compile(r"单位[:]?(?P<unit>万元|亿元|千元|元)(?![\u4e00-\u9fff])")

# ------------------------------------------------------------------------------------- reading amounts

# Patterns here that open with a lookbehind open with a lookahead on their first character too: the regex
# engine then skips straight to the places a figure can start instead of trying the lookbehind everywhere.

# An amount in canonical clean text: a plain decimal with its unit, never part of a longer figure. The
# number may not follow a digit (directly, or across a separator or a range's dash: "1,30.5万元",
# "23 9.67万元" and "200-300万元" are not read as 30.5, 9.67 and −300), nor be either end of a range written
# with units ("200万元-300万元"). A minus sign ("-", or "−" right after a label) is one only where no figure
# precedes it: a dash after a label was dropped by `canonical`. So no amount is read from inside a figure
# `unreadable` reports.
_RANGE_DASH = "[-~～—–至到]"
_AMOUNT_END = "[元万亿%]"  # the last character of an amount's unit, or of a percentage
AMOUNT = re.compile(
    rf"(?=[-−\d])(?<![\d.])(?<!\d[,. ])(?<!\d{_RANGE_DASH})(?<!{_AMOUNT_END}{_RANGE_DASH})"
    rf"(?P<num>(?:(?<!{_AMOUNT_END})[-−])?\d+(?:\.\d+)?)(?P<unit>{MONEY_UNIT})"
    rf"(?!{_RANGE_DASH}\d+(?:\.\d+)?(?:{MONEY_UNIT}))"
)


def may_state_amount(text: str) -> bool:
    """Whether clean text may hold an `AMOUNT` at all: every one ends in 元 (万元, 亿元 …) or a bare 万 or 亿.
    Most lines with a digit state none, and this spares them the search."""
    return "元" in text or "万" in text or "亿" in text


def amount_value(written: str) -> Decimal | None:
    """The number of an `AMOUNT` (or a `SIGNED` value) as a Decimal: "−239.67" and "-239.67" alike."""
    return parse_decimal(written.replace("−", "-"))


def money_unit(written: str) -> str:
    """The unit an amount was written in, by its full name: 万 → 万元."""
    return UNIT_NAMES.get(written, written)


# ------------------------------------------------------------------------------------- canonical forms

# an amount just ahead, its digits as written (thousands groups not yet joined): "1,305.20万元", "239.67万"
_AMOUNT_AHEAD = rf"\d(?:[\d,. ]*\d)?(?:{MONEY_UNIT})"
# a run of digits with thousands commas (valid groups only): 1,305.20 → 1305.20
_COMMA_GROUPS = re.compile(r"(?<![\d.])(?<!\d,)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]|\.\d)")
# with spaces, only where the unit follows at once: numbers a space apart with no unit are a row of cells
# run together ("100 200 300"), not one number
_SPACE_GROUPS = re.compile(rf"(?<![\d.])(?<!\d[, ])\d{{1,3}}(?: \d{{3}})+(?=(?:\.\d+)?(?:{MONEY_UNIT}|%))")
_SPACE_GROUPED = re.compile(r"^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$")
# "百分之九十五", "百分之95" (and "百分之95%", said twice)
_PERCENT_WORDS = re.compile(
    rf"(?<![\d.%之])(?<!\d[, ])百分之"
    rf"(?P<n>{CN_NUMBER}(?:点[零〇一二三四五六七八九]+)?(?!分之)|\d+(?:\.\d+)?(?![\d.]|[,. ]\d|{MONEY_UNIT}))%?"
)
# "％95": the sign before the number, where no digit, letter, URL character or 百分之 stands before it
_PERCENT_FIRST = re.compile(
    rf"(?<![0-9A-Za-z%/=&?之.])(?<!\d[, ])%(?P<n>\d+(?:\.\d+)?)(?![\d.%]|[,. ]\d|{MONEY_UNIT})"
)
_BRACKETED_UNIT = re.compile(r"(?<=\d)\((?P<unit>万元|亿元|千元|元)\)")
_CURRENCY = re.compile(rf"[￥¥]+(?P<num>[-−]?\d+(?:[,. ]\d+)*)(?![\d%]|[,. ]\d)(?P<unit>{MONEY_UNIT})?")
# A dash between a label and its amount ("收入—239.67万元", "收入-239.67万元"). A hyphen after 为/是/达 or a
# colon is a minus sign ("结余为-3.50万元"); one after a digit is a range ("200-300万元") and stays.
# A dash after an amount's own unit ("200万元-300万元") is a range's, not a label's.
_AFTER_AMOUNT = "".join(f"(?<!\\d{unit})" for unit in ("元", "万元", "亿元", "千元", "万", "亿", "%"))
_LABEL_DASH = re.compile(rf"(?<=[\u4e00-\u9fff:)]){_AFTER_AMOUNT}(?P<dash>[—–−-]+)(?={_AMOUNT_AHEAD})")
_SIGN_WORDS = frozenset("为是达计约共")
# The minus sign U+2212 becomes "-", except between a label and its amount ("收入−239.67万元"), where "-" is
# read as a dash: there it keeps its own character, which `AMOUNT` reads as a minus too.
_MINUS = re.compile(rf"(?P<kept>(?<=[\u4e00-\u9fff])−(?={_AMOUNT_AHEAD}))|−")
_TRIGGERS = re.compile(
    r"(?=[\d百%￥¥−—–-])(?:\d[, ]\d|百分之|%\d|\d\((?:万元|亿元|千元|元)\)|[￥¥−]|(?<=[\u4e00-\u9fff:)])[—–-]+\d)"
)


_S = r"[^\S\n]*"  # spaces within a line, which squeezing takes out or keeps as one
# every character `\s` matches but the line break (all lie below U+3001): any may stand between two digits
_LINE_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")


def _each(template: str, chars: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per character `{c}` of `template` stands for, with that character. A search from a literal
    character skips through text far faster than one from a class or an alternation of several, and where
    the character is nowhere in the text (`in`, faster still) there is nothing to search."""
    return tuple((c, re.compile(template.replace("{c}", re.escape(c)))) for c in chars)


# `_TRIGGERS` in narrowed text whose spaces are not squeezed yet (and some more: any dash before a digit)
_TRIGGERS_UNSQUEEZED = (
    *_each(rf"{{c}}(?<=\d{{c}}){_S}\d", _LINE_SPACES),  # 1 305
    *_each(rf"{{c}}(?<=[\d\s]{{c}}){_S}\d", ","),  # 1,305 (and 1 , 305)
    *_each(r"{c}", "￥¥−"),
    *_each(rf"{{c}}(?:[—–-]|{_S})*\d", "-—–"),
    *_each(rf"\({_S}(?:[万亿千]{_S})?元", "("),  # 239.67(万元)
    *_each(rf"百{_S}分{_S}之", "百"),
    *_each(rf"%{_S}\d", "%"),
)


def lines_with_number_forms(text: str) -> set[int]:
    """The lines (0-based) of narrowed text, spaces not squeezed yet, that may hold a number `canonical`
    rewrites: one search of a whole report, which finds none in most reports and a few lines in the rest."""
    return _lines_where(_TRIGGERS_UNSQUEEZED, text)


def _lines_where(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> set[int]:
    """The lines (0-based) of `text` where any of `patterns` matches (each pattern beside its first character)."""
    lines: set[int] = set()
    for first, pattern in patterns:
        if first not in text:
            continue
        line = at = 0
        for match in pattern.finditer(text):
            line += text.count("\n", at, match.start())
            at = match.start()
            lines.add(line)
    return lines


def canonical(text: str, cell: bool = False) -> str:
    """`text` (narrowed and squeezed) with every number written in the one form the readers match.

    Unambiguous forms only; a figure that could be read two ways is left as written (see `unreadable`). A
    `cell` is one table cell: there a number in thousands groups a space apart is one number even without
    its unit ("1 305.20"), where in running text it may be cells run together ("100 200 300").
    Few lines hold any of these forms: one search tells whether there is anything to do. One rewrite can
    make another possible behind it ("%1,%1": the second sign follows a digit only until the first moves):
    the rewrites run until the text stays as it is, so canonical text is canonical already. Each removes or
    settles characters and adds none back, so that takes a pass or two."""
    if not _TRIGGERS.search(text):
        return text
    if cell and _SPACE_GROUPED.match(text):
        return text.replace(" ", "")
    while (rewritten := _rewrite(text)) != text:
        text = rewritten
    return text


def _rewrite(text: str) -> str:
    """One pass of `canonical`'s rewrites, in an order that settles most text at once."""
    if "￥" in text or "¥" in text:
        text = _CURRENCY.sub(lambda m: m["num"] + (m["unit"] or "元"), text)
    if "(" in text:
        text = _BRACKETED_UNIT.sub(lambda m: m["unit"], text)
    if "," in text:
        text = _COMMA_GROUPS.sub(lambda m: m[0].replace(",", ""), text)
    if " " in text:
        text = _SPACE_GROUPS.sub(lambda m: m[0].replace(" ", ""), text)
    if "百分之" in text:
        text = _PERCENT_WORDS.sub(_percent_words, text)
    if "%" in text:
        text = _PERCENT_FIRST.sub(lambda m: f"{m['n']}%", text)
    # the signs last, when every amount stands with its unit
    if "-" in text or "—" in text or "–" in text or "−" in text:
        text = _LABEL_DASH.sub(_label_dash, text)
    if "−" in text:  # U+2212, the minus sign itself: after the dashes are settled
        text = _MINUS.sub(_minus, text)
    return text


def _minus(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1] if match["kept"] else ""
    return "−" if before and before not in _SIGN_WORDS else "-"


def _label_dash(match: re.Match[str]) -> str:
    dash = match["dash"]
    if "−" in dash:
        return "−"  # the minus sign itself, whatever dashes stand with it (`_MINUS` settles its form)
    before = match.string[match.start() - 1]
    if dash == "-" and (before in _SIGN_WORDS or before in ":)"):
        return dash  # a minus sign
    return ""


def _percent_words(match: re.Match[str]) -> str:
    written = match["n"]
    value = Decimal(written) if written[0].isdigit() else cn_decimal(written)
    return match[0] if value is None else f"{value}%"


# ------------------------------------------------------------------------------------- what is not read


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A figure in clean text that is not read: where it stands, as written, and why (in Chinese)."""

    start: int
    end: int
    written: str
    reason: str


# a number whose separators `canonical` left (commas and spaces that are no thousands groups, or two points)
_SEPARATED = re.compile(
    rf"(?=[-\d])(?<![\d.])(?<!\d[, ])-?(?:\d+(?:\.\d+)*(?:[, ]\d+(?:\.\d+)*)+|\d+\.\d+(?:\.\d+)+)(?P<unit>{MONEY_UNIT}|%)"
)
_RANGE = re.compile(
    rf"(?=\d)(?<![\d.])\d+(?:\.\d+)?(?:{MONEY_UNIT}|%)?(?:[-~～—–至到])\d+(?:\.\d+)?(?P<unit>{MONEY_UNIT})"
)
# where `unreadable` may find something: a comma or space between digits, two points, a range's dash
_LOOKS_UNREADABLE = (
    *_each(r"{c}(?<=\d{c})\d", ", "),
    *_each(r"{c}(?<=\d{c})\d+\.\d", "."),
    *_each(r"{c}(?<=[\d元万亿%]{c})\d", "-~—–至到"),
)


_QUOTE_MAX = 40  # characters of a figure quoted whole; a longer run of digits is quoted by its two ends


def _quoted(written: str) -> str:
    return written if len(written) <= _QUOTE_MAX else f"{written[:20]}…{written[-16:]}"


def lines_maybe_unreadable(text: str) -> set[int]:
    """The lines (0-based) of canonical text where `unreadable` may find something: one quick search of a
    whole report (separators and dashes between digits), so only those lines are read closely."""
    return _lines_where(_LOOKS_UNREADABLE, text)


def why_unread(number: str) -> str:
    """Why a number with separators that are no thousands groups ("1,30.5", "1 2 3", "1.2.3") is not read."""
    if "," in number:
        return "数字中的逗号不在千分位上（千分位每组三位），可能是笔误或几个数连写，无法确定数值"
    if " " in number:
        return "数字中间有空格且不是千分位分组，可能是换行或排版断开的数字，也可能是几个数，无法确定数值"
    return "数字中有多个小数点，无法确定数值"


# numbers a space apart where each before a space has its decimals: a number ends with its decimals, so these
# are several numbers (a table row's cells as a PDF prints them, "1736.58 97.29%"), not one cut in pieces
_NUMBERS_IN_A_ROW = re.compile(r"^-?\d+\.\d+(?: \d+\.\d+)* \d+(?:\.\d+)?$")


def unreadable(text: str) -> list[Unreadable]:
    """The amounts and percentages in canonical clean text that are left unread, and why."""
    if not any(first in text and pattern.search(text) for first, pattern in _LOOKS_UNREADABLE):
        return []
    found: list[Unreadable] = []
    for match in _SEPARATED.finditer(text):
        number = match[0][: match.start("unit") - match.start()]
        if _NUMBERS_IN_A_ROW.match(number):
            continue
        found.append(Unreadable(match.start(), match.end(), _quoted(match[0]), why_unread(number)))
    for match in _RANGE.finditer(text):
        found.append(Unreadable(match.start(), match.end(), _quoted(match[0]), "金额写作区间，不是单一数值，未取其中任何一端"))
    return sorted(found, key=lambda u: u.start)


# ------------------------------------------------------------------------------------- counts and measures

# a count as written, in digits or Chinese numerals: "12", "十二", "两"
COUNT = rf"(?:\d+|{CN_NUMBER})"
# A value as an indicator states it, in canonical clean text: signed by a minus ("-3.2%", from "−3.2%") or by a
# word for a fall just before it ("减少3.2%" is −3.2). A minus after a digit is a range's or a date's dash
# ("2023-12"), and the digits are never part of a figure left unread ("1,30.5%" is neither 1 nor 30.5%).
FALLING = "减少|下降|降低|缩减|压减"
# a plain number in canonical text that is no part of a longer figure (an ambiguous one is left whole, unread)
NUMBER = r"(?<![\d.])(?<!\d[, ])\d+(?:\.\d+)?(?![,. ]?\d)"
SIGNED = rf"(?:(?:{FALLING})|(?<![\d.])[-−])?{NUMBER}"
_FALLING_WORD = re.compile(FALLING)
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_SPACES = re.compile(r"\s+")


def signed_value(written: str) -> Decimal | None:
    """A `SIGNED` value: '减少3.2' → −3.2, '-3.2' → −3.2, '3.2' → 3.2."""
    falling = _FALLING_WORD.match(written)
    number = amount_value(written[falling.end() :] if falling else written)
    return -number if falling and number is not None else number


def read_number(written: str) -> Decimal | None:
    """A number standing alone (a spreadsheet cell, a typed value) as `canonical` reads it: "1,305.20" and
    "1 305.20" are 1305.20, "−3.2" is −3.2; None for anything else, "1,30.5" included. (In running text a
    space-grouped number needs its unit: there "100 200" may be two cells run together.)"""
    text = canonical(_SPACES.sub(" ", unicodedata.normalize("NFKC", written).strip()), cell=True)
    return parse_decimal(text) if _NUMBER.match(text) else None
