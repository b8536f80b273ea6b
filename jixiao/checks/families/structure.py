"""Structure: the report's outline — sections missing, out of order, duplicated, misnumbered or mislabelled.

The numbering is read as the importer kept it (`outline.sections[].numbering`, as written) together with
the numbered items of the body ("1.…；2.…", "(一)…", "①…"), in document order. Headings of the first two
levels (一、 （一）) are numbered strictly: a repeat, a gap, or a restart without a higher heading between
is an error. Lower levels are lists, which may restart at 1 wherever a new list begins; there only a
repeated or skipped number is reported.

The Hunan ten-section outline (一 部门基本情况 … 十 其他需要说明的情况) is checked only in reports that
follow it. A text that stops part-way (a partial copy) is said to be truncated once, instead of every later
section being called missing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

from jixiao.checks.registry import Look, rule
from jixiao.checks.text import heading_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation, Section
from jixiao.io.numerals import CIRCLED, CN_NUMERALS

_CN_DIGITS = "一二三四五六七八九"

# (key, title as the Hunan outline words it), in the outline's order
HUNAN_10: list[tuple[str, str]] = [
    ("basic_info", "部门基本情况"),
    ("general_budget", "一般公共预算支出情况"),
    ("government_fund", "政府性基金预算支出情况"),
    ("state_capital", "国有资本经营预算支出情况"),
    ("social_insurance", "社会保险基金预算支出情况"),
    ("performance", "部门整体支出绩效情况"),
    ("problems", "存在的问题及原因分析"),
    ("measures", "下一步改进措施"),
    ("results_use", "部门整体支出绩效自评结果拟应用和公开情况"),
    ("other", "其他需要说明的情况"),
]
_HUNAN_INDEX = {key: i for i, (key, _) in enumerate(HUNAN_10)}
_HUNAN_BUDGETS = {"general_budget", "government_fund", "state_capital", "social_insurance"}

# A numbered item at the start of a body line or after a sentence break ("…工作。2.做好…"): 一、 （一） 一) 1、 1.
# 1: （1） ①. The importer has turned full-width ；： into ASCII. The scan runs over a copy of the body text in
# which each of the other delimiters (。 ; :) is a newline, so that offsets hold and the expression starts
# with one literal character, which the engine finds in C several times faster than a member of a set. An
# item closed by ":" ("1:") leaves its colon unread, as the delimiter of a next item ("1: 2、"), and the
# original text tells it from "1;" or "1。". The look-ahead turns away most delimiters at the cost of one
# character test; no groups, since what an item is is read from its text once per form (`_item`).
_MARK = re.compile(
    rf"\n(?=[ \t\d({CN_NUMERALS}{CIRCLED}])[ \t]*"
    rf"(?:[{CN_NUMERALS}]{{1,3}}[、)]|\((?:[{CN_NUMERALS}]{{1,3}}|\d{{1,2}})\)|\d{{1,2}}(?:、|\.(?!\d)|(?=\n(?!\d)))|[{CIRCLED}])"
)
_ARABIC = re.compile(r"^(\d{1,2})")
_CHINESE = re.compile(rf"([{CN_NUMERALS}]{{1,3}})")
_LEVEL1_GOOD = re.compile(rf"^[{CN_NUMERALS}]{{1,3}}、$")
_LEVEL1_ARABIC = re.compile(r"^\d{1,2}[、.:]$")
_LEVEL2_HALF = re.compile(rf"^[{CN_NUMERALS}]{{1,3}}\)$")
# What a title is compared without: spaces and punctuation, and a note of its length ("（2000字以内）").
_TITLE_NOISE = re.compile(r"[\s:：。.,，;；]+")
_TITLE_NOTE = re.compile(r"[(（]\s*\d+\s*字(?:以内|左右|以下)\s*[)）]")
_TOC_ENTRY = re.compile(rf"^(?P<num>[{CN_NUMERALS}]{{1,3}}、|\([{CN_NUMERALS}]{{1,3}}\))\s*(?P<title>.+)$")
# The same three for lines joined by newlines, where a newline is never part of a match, so that one pass
# over the joined lines finds what a pass per line would: `_SPACE` is every character `\s` matches but the
# newline. `_TOC_LINE` reads an unstripped line as `_TOC_ENTRY` its stripped text: (line, numbering, title).
_SPACE = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_LINE_NOISE = re.compile(rf"[{_SPACE}:：。.,，;；]+")
_LINE_NOTE = re.compile(rf"[(（][{_SPACE}]*\d+[{_SPACE}]*字(?:以内|左右|以下)[{_SPACE}]*[)）]")
_TOC_LINE = re.compile(
    rf"\n([{_SPACE}]*([{CN_NUMERALS}]{{1,3}}、|\([{CN_NUMERALS}]{{1,3}}\))[{_SPACE}]*([^\n]*\S)[{_SPACE}]*)(?=\n)"
)
_THIRD = itemgetter(2)

# content that belongs to another section, and the words a section uses for its own subject
_ASSETS = re.compile(r"资产总额|固定资产|流动资产|处置资产|配置.{0,6}资产|在用资产|自用.{0,4}资产")
_THREE_PUBLIC = re.compile(r"三公|公务接待费|公务用车")
_OWN_WORDS = {
    "government_fund": re.compile(r"政府性基金"),
    "state_capital": re.compile(r"国有资本"),
    "social_insurance": re.compile(r"社会保险基金|社保基金"),
}
_OWN_KEYS = frozenset(_OWN_WORDS)


def cn_value(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if not numeral or any(c not in CN_NUMERALS for c in numeral):
        return None
    if "十" not in numeral:
        return _CN_DIGITS.index(numeral) + 1 if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None  # "十十", "一二十": not a numeral
    high = _CN_DIGITS.index(tens) + 1 if tens else 1
    low = _CN_DIGITS.index(ones) + 1 if ones else 0
    return high * 10 + low


def cn_numeral(value: int) -> str:
    if value <= 0 or value >= 100:
        return str(value)
    if value < 10:
        return _CN_DIGITS[value - 1]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens - 1]) + "十" + (_CN_DIGITS[ones - 1] if ones else "")


# decimal numbering of a free-form outline: "1.1", "2.3.1" (the number is the last part, counted under the rest)
_DECIMAL = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?$")


def _number(numbering: str | None) -> int | None:
    if not numbering:
        return None
    if _DECIMAL.match(numbering):
        return int(numbering.rstrip(".").rsplit(".", 1)[1])
    arabic = _ARABIC.search(numbering.lstrip("("))
    if arabic:
        return int(arabic.group(1))
    chinese = _CHINESE.search(numbering)
    return cn_value(chinese.group(1)) if chinese else None


def _shown(level: int, n: int, like: str | None = None) -> str:
    """How a number of this level is written: 一、 （一） 1. （1） ①; in a decimal outline as `like` is ("2.1")."""
    if like is not None and _DECIMAL.match(like):
        return f"{like.rstrip('.').rsplit('.', 1)[0]}.{n}"
    if level == 1:
        return f"{cn_numeral(n)}、"
    if level == 2:
        return f"（{cn_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width] + "…"


# ---------------------------------------------------------------------------------------------- numbering


# A numbered heading or list item, in document order: (level, number, section index, match). Level 1 一、 ·
# 2 （一） · 3 1. · 4 （1） · 5 ①; number None for a heading written without one; match the item's match in the
# scanned body text, None for a heading. Plain tuples: a report has hundreds of items, and the place of one
# is worked out only when it is reported.
Mark = tuple[int, int | None, int, "re.Match[str] | None"]

# The count a mark continues is keyed by its level and its style, the mark after an Arabic number ("、" "."
# ":"), since "1、 2、" headings and a "1. 2." list inside them are two sequences. One int per key, level
# times _KEYS plus the style's code point (0 for none): no tuple to build per mark, and the keys deeper than
# a level are those from (level + 1) * _KEYS up.
_KEYS = 0x110000
_BREAK = re.compile("\n")


class Place(NamedTuple):
    written: str  # the numbering as written
    line: int | None
    section: str
    text: str


class Numbering(NamedTuple):
    """The body text joined once, and what was found in it; made only for a report that has a slip."""

    sections: list[Section]
    whole: str
    slips: list[tuple[str, Mark, Mark | None]]  # (repeat | skip | restart | backwards | start, mark, before)
    # where each line break of `whole` stands, and per section the one before its body: a mark's line and
    # row are found by bisection, whatever the number of slips and the length of the sections
    breaks: list[int]
    firsts: list[int]

    @classmethod
    def of(cls, sections: list[Section], whole: str, slips: list[tuple[str, Mark, Mark | None]]) -> Numbering:
        firsts, count = [], 0
        for section in sections:
            firsts.append(count)
            count += section.text.count("\n") + 1
        firsts.append(count)
        breaks = [found.start() for found in _BREAK.finditer(whole)]
        return cls(sections, whole, slips, breaks, firsts)

    def place(self, mark: Mark) -> Place:
        _, _, index, match = mark
        section = self.sections[index]
        title = heading_text(section)
        if match is None:
            return Place(section.numbering or "", section.line, title, title)
        start, end = match.start() + 1, match.end()
        info = _ITEMS.get(match.group()) or _item(match.group())
        if info and info[3]:
            end += 1  # the colon the scan left unread
        k = bisect_right(self.breaks, start - 1) - 1  # the break the mark's line starts after
        row = k - self.firsts[index]
        rows = self.firsts[index + 1] - self.firsts[index]
        line = section.lines[row] if len(section.lines) == rows else None
        text = self.whole[self.breaks[k] + 1 : self.breaks[k + 1] if k + 1 < len(self.breaks) else len(self.whole)]
        return Place(self.whole[start:end].strip(), line, title, text)


_NUMBERS: dict[str, int | None] = {}


def _heading_number(numbering: str | None) -> int | None:
    if numbering is None:
        return None
    if numbering not in _NUMBERS:
        _NUMBERS[numbering] = _number(numbering)
    return _NUMBERS[numbering]


# per numbering as written: its number, and the code point of its style where it starts with a digit; per
# item as matched: (level, number, key, closed by a colon?), or () for no number ("十十、"). Reports reuse a
# few forms; the caps only keep a stream of odd ones from growing the caches without end.
_HEADINGS: dict[str, tuple[int | None, int]] = {}
_ITEMS: dict[str, tuple[int, int, int, bool] | tuple[()]] = {}
_CACHE_CAP = 4096


def _heading(numbering: str) -> tuple[int | None, int]:
    style = (ord(".") if _DECIMAL.match(numbering) else ord(numbering[-1])) if numbering[:1].isdigit() else 0
    found = (_heading_number(numbering), style)
    if len(_HEADINGS) < _CACHE_CAP:
        _HEADINGS[numbering] = found
    return found


def _item(text: str) -> tuple[int, int, int, bool] | tuple[()]:
    """What a matched item is: 一、 level 1 · （一） 一) 2 · 1、 1. 1: 3 · （1） 4 · ① 5."""
    item = text.lstrip("\n \t")
    n: int | None
    if item[0] in CIRCLED:
        level, n, style = 5, CIRCLED.index(item[0]) + 1, ""
    elif item[0] == "(":
        n = int(item[1:-1]) if item[1].isdigit() else cn_value(item[1:-1])
        level, style = (4 if item[1].isdigit() else 2), ""
    elif item[0].isdigit():
        style = item[-1] if item[-1] in "、." else ":"
        level, n = 3, int(item if style == ":" else item[:-1])
    else:
        level, n, style = (1 if item[-1] == "、" else 2), cn_value(item[:-1]), ""
    found: tuple[int, int, int, bool] | tuple[()] = ()
    if n is not None:
        found = (level, n, level * _KEYS + (ord(style) if style else 0), style == ":")
    if len(_ITEMS) < _CACHE_CAP:
        _ITEMS[text] = found
    return found


def _judge(prev: int, n: int, strict: bool) -> str | None:
    """What is wrong with the number `n` following `prev` at its level; None when it follows."""
    if n == prev + 1 or (not strict and n == 1):
        return None
    if n == prev:
        return "repeat"
    if not strict:
        return "skip" if prev + 1 < n <= prev + 3 else None
    if n == 1:
        return "restart"
    return "skip" if n > prev else "backwards"


def _numbering(ev: Evaluation) -> Numbering | None:
    """Walk headings and body items in order; headings and the items that continue them share one count.

    Each heading is followed by the numbered items of its body. One loop makes the marks and judges them,
    with the common cases (the first at its level, the next number, no number) tested inline before
    `_judge`: this runs on every report, and nearly all follow. None when nothing slipped."""
    sections = ev.outline.sections
    whole = "\n" + "\n".join([section.text for section in sections])
    found = _MARK.finditer(whole.replace("。", "\n").replace(";", "\n").replace(":", "\n"))
    nowhere = len(whole)
    match = next(found, None)
    at = match.start() if match is not None else nowhere
    slips: list[tuple[str, Mark, Mark | None]] = []
    # The last heading (or heading-like item) per key, and the body lists of the current section. A mark's
    # deeper counts go before it is counted, so `counters` runs from shallow to deep and they are its last
    # entries.
    counters: dict[int, Mark] = {}
    lists: dict[int, Mark] = {}
    current = 0  # level of the current heading
    deepest = 0  # the deepest level in `counters`
    end = 0
    keys, headings, items = _KEYS, _HEADINGS, _ITEMS
    for i, section in enumerate(sections):
        end += len(section.text) + 1  # where this section's body ends in `whole`
        # the heading
        level = section.level
        numbering = section.numbering
        if numbering is None:
            n: int | None = None
            key = level * keys
        else:
            n, style = headings.get(numbering) or _heading(numbering)
            key = level * keys + style if level >= 3 else level * keys
        mark: Mark = (level, n, i, None)
        if lists:
            lists = {}
        current = level
        if n is not None:
            before = counters.get(key)
            # the first at its level must be 1 at the first two levels; after a heading written without a
            # number nothing can be said
            if before is None:
                kind = "start" if n != 1 and level <= 2 else None
            elif before[1] is not None and n != before[1] + 1:
                kind = _judge(before[1], n, strict=level <= 2)
            else:
                kind = None
            if kind is not None:
                if level == 1 and outline_kind(ev) == "hunan-10":
                    position = _HUNAN_INDEX.get(section.key or "")
                    # numbered where the Hunan outline places it: the outline rules say what is missing or misplaced
                    if position is not None and n == position + 1:
                        kind = None
                if kind is not None:
                    slips.append((kind, mark, before))
        if deepest > level:
            _forget_deeper(counters, level)
        counters[key] = mark
        deepest = level
        # the numbered items of its body
        while at < end:
            item: re.Match[str] = match  # type: ignore[assignment]
            match = next(found, None)
            at = match.start() if match is not None else nowhere
            text = item.group()
            info = items.get(text)
            if info is None:
                info = _item(text)
            if not info:
                continue
            level, n, key, colon = info
            if colon and whole[item.end()] != ":":
                continue  # "1;" "1。": no item
            mark = (level, n, i, item)
            if key in lists:
                in_count = False
            elif level >= 3 and level == current and n == 1:
                in_count = False  # "1." under a "1、" heading: a new list in its body, not the next heading
            else:
                in_count = level == current or level == current + 1
            kind = None
            if in_count:
                before = counters.get(key)
                if before is not None and before[1] is not None and n != before[1] + 1:
                    kind = _judge(before[1], n, strict=level <= 2)
                if deepest > level:
                    _forget_deeper(counters, level)
                counters[key] = mark
                deepest = level
            else:
                before = lists.get(key)
                if before is not None and n != 1 and n != before[1] + 1:  # type: ignore[operator]
                    kind = _judge(before[1], n, strict=False)  # type: ignore[arg-type]
                lists[key] = mark
            if kind is not None:
                slips.append((kind, mark, before))
    return Numbering.of(sections, whole, slips) if slips else None


def _forget_deeper(counters: dict[int, Mark], level: int) -> None:
    """Drop the counts deeper than `level`: the last entries of `counters`, which runs from shallow to deep."""
    bound = (level + 1) * _KEYS
    while counters:
        key, mark = counters.popitem()
        if key < bound:
            counters[key] = mark
            return


def _slip_message(kind: str, mark: Mark, this: Place, before: Mark | None, prior: Place | None) -> str:
    shown = f"“{this.written}”"
    if kind == "start" or before is None or prior is None:
        return f"本级第一个标题编为{shown}，应从“{_shown(mark[0], 1, this.written)}”开始；请核对是否漏了前面的部分。"
    where = (
        "同一行"
        if prior.line is not None and prior.line == this.line
        else (f"第 {prior.line} 行" if prior.line is not None else "前文")
    )
    earlier = f"{where}的“{prior.written}”"
    if kind == "repeat":
        return f"序号重复：{shown}与{earlier}同级同号，请重新编号。"
    if kind == "skip" and before[1] is not None and mark[1] is not None:
        missing = "、".join(_shown(mark[0], k, this.written) for k in range(before[1] + 1, mark[1]))
        return f"序号跳号：{earlier}之后是{shown}，缺少“{missing}”，请核对是否漏项或编号有误。"
    if kind == "restart":
        return (
            f"同级序号重新开始：{earlier}之后又出现{shown}，其间没有更高一级的标题；"
            f"若是下一级标题，应改用下一级序号（如“1.”）。"
        )
    return f"序号倒退：{earlier}之后是{shown}，请核对标题次序和编号。"


@rule("numbering-sequence", "structure", "error", "标题或列表序号重复、跳号或重新开始")
def check_numbering_sequence(ev: Evaluation, look: Look) -> CheckResult:
    """同一层级的标题和列表项应按顺序连续编号：不重复（“4. 4.”、两个“（一）”），不跳号（“（一）”后接“（三）”），
    一级、二级标题（“一、”“（一）”）在没有更高一级标题相隔时不应重新从一开始（“（二）”之下又出现“（一）”）。

    正文中的编号列表（“1.…；2.…”、“①…”）可以在新的列表中从 1 重新开始，只报告重复和跳号。"""
    if not ev.outline.sections:
        return look.result()
    numbering = _numbering(ev)
    if numbering is None:
        look.passed()
        return look.result()
    for kind, mark, before in numbering.slips:
        this = numbering.place(mark)
        prior = numbering.place(before) if before is not None else None
        look.fail(
            _slip_message(kind, mark, this, before, prior),
            evidence={
                "numbering": this.written,
                "previous": prior.written if prior else None,
                "previous_line": prior.line if prior else None,
                "kind": kind,
            },
            line=this.line,
            section=this.section,
            text=_clip(this.text),
        )
    return look.result()


# ---------------------------------------------------------------------------------------------- heading forms


def _children_numbered(sections: list[Section], index: int) -> bool:
    """Whether a first-level heading has numbered second-level headings under it."""
    for section in sections[index + 1 :]:
        if section.level <= 1:
            return False
        if section.level == 2 and section.numbering:
            return True
    return False


def _between_numbered(sections: list[Section], index: int) -> bool:
    before = [s for s in sections[:index] if s.level == 1]
    after = [s for s in sections[index + 1 :] if s.level == 1]
    return bool(before and before[-1].numbering and after and after[0].numbering)


_FORMS: dict[tuple[int, str], str] = {}


def _form(level: int, numbering: str) -> str:
    """good | arabic (1、 at level 1) | loose (一. 一,) | half (三) for （三）), cached: reports reuse a few forms."""
    key = (level, numbering)
    form = _FORMS.get(key)
    if form is None:
        if level == 1:
            form = (
                "good"
                if _LEVEL1_GOOD.match(numbering)
                else "arabic"
                if _LEVEL1_ARABIC.match(numbering)
                else "loose"
            )
        else:
            form = "half" if _LEVEL2_HALF.match(numbering) else "good"
        _FORMS[key] = form
    return form


@rule("heading-numbering", "structure", "error", "标题序号的写法与层级不符")
def check_heading_numbering(ev: Evaluation, look: Look) -> CheckResult:
    """标题序号应合乎层级：一级标题用“一、”，二级标题用“（一）”，三级用“1.”，四级用“（1）”；通篇按“1. / 1.1 /
    1.1.1”编号的报告自成一套，其“1.”就是一级标题。

    报告：一级标题用了阿拉伯数字（“1、部门基本情况”应为“一、”）；二级标题缺半边括号（“三)”应为“（三）”）；
    一级标题漏写序号而其下的二级标题或前后的同级标题都有序号。一级标题写作“一.”“一,”的只作警告。"""
    sections = ev.outline.sections
    level1 = 0  # the number of the current first-level heading, as written or counted on
    looked = False
    forms = _FORMS
    # an outline numbered 1. / 1.1 / 1.1.1 throughout: its "1." is its own first level, not a misnumbered 一、
    decimal = any(section.numbering and _DECIMAL.match(section.numbering) for section in sections)
    for i, section in enumerate(sections):
        level = section.level
        if level > 2:
            continue
        numbering = section.numbering
        if level == 2:
            if numbering:
                looked = True
                if (forms.get((2, numbering)) or _form(2, numbering)) == "half":
                    expected = f"（{numbering[:-1]}）"
                    look.fail(
                        f"二级标题序号“{numbering}”缺少左括号，应为“{expected}”。",
                        evidence={"numbering": numbering, "expected": expected},
                        **_heading_place(section),
                    )
            continue
        looked = True
        if numbering is None:
            level1 += 1
            if _children_numbered(sections, i) or _between_numbered(sections, i):
                expected = f"{cn_numeral(level1)}、"
                look.fail(
                    f"一级标题“{section.title}”没有序号，应为“{expected}{section.title}”。",
                    evidence={"numbering": None, "expected": expected},
                    **_heading_place(section),
                )
            continue
        n = _NUMBERS[numbering] if numbering in _NUMBERS else _heading_number(numbering)
        level1 = n if n is not None else level1 + 1
        form = forms.get((1, numbering)) or _form(1, numbering)
        if decimal and numbering.rstrip(".").isdigit():
            continue  # "1." or "1 " heading a decimal outline
        if form == "arabic":
            expected = f"{cn_numeral(level1)}、"
            look.fail(
                f"一级标题“{heading_text(section)}”用了阿拉伯数字序号“{numbering}”，按公文层次应为“{expected}”。",
                evidence={"numbering": numbering, "expected": expected},
                **_heading_place(section),
            )
        elif form == "loose":
            expected = f"{cn_numeral(level1)}、"
            look.fail(
                f"一级标题序号写作“{numbering}”，应为“{expected}”。",
                severity="warning",
                evidence={"numbering": numbering, "expected": expected},
                **_heading_place(section),
            )
    if looked and not look.findings:
        look.passed()
    return look.result()


def _heading_place(section: Section) -> dict[str, Any]:
    title = heading_text(section)
    return {"line": section.line, "section": title, "text": _clip(title)}


def _plain(title: str) -> str:
    """The title without spaces, punctuation and a note of its length. The note goes first, in its own pass
    and only where "字" is: a note holds no punctuation but spaces, which it takes with it either way."""
    if "字" in title:
        title = _TITLE_NOTE.sub("", title)
    return _TITLE_NOISE.sub("", title)


# what `_plain` may take away at the start of a title: `\s`, the punctuation, the opening of a length note
_UNCLEAN = frozenset(_SPACE + "\n:：。.,，;；(（")


def _same_title(a: str, b: str) -> bool:
    """`_plain(a) == _plain(b)`. Titles that start alike mostly part at the third character: where the first
    three of each hold nothing to clean away, the cleaned titles start with them, and differ."""
    head_a, head_b = a[:3], b[:3]
    if head_a != head_b and _UNCLEAN.isdisjoint(head_a) and _UNCLEAN.isdisjoint(head_b):
        return False
    return _plain(a) == _plain(b)


@rule("heading-repeats-parent", "structure", "warning", "下级标题重复上级标题")
def check_heading_repeats_parent(ev: Evaluation, look: Look) -> CheckResult:
    """下级标题与紧邻的上级标题文字相同（“（一）部门职能职责”之下又是“1.部门职能职责”），多了一层无用的标题，
    常是套用模板时层级没有理顺。"""
    sections = ev.outline.sections
    # the chain of open headings above the current one: (level, first two characters of the title, heading)
    chain: list[tuple[int, str, Section]] = []
    for section in sections:
        level = section.level
        while chain and chain[-1][0] >= level:
            chain.pop()
        two = section.title[:2]
        # the first two characters rule out almost every pair before the titles are cleaned
        if chain and chain[-1][1] == two:
            parent = chain[-1][2]
            if _same_title(parent.title, section.title):
                look.fail(
                    f"标题“{heading_text(section)}”与上级标题“{heading_text(parent)}”相同：请删去重复的一层，"
                    "或改为能区分内容的标题。",
                    evidence={
                        "heading": heading_text(section),
                        "parent": heading_text(parent),
                        "parent_line": parent.line,
                    },
                    line=section.line,
                    section=heading_text(section),
                    text=heading_text(section),
                )
        chain.append((level, two, section))
    if len(sections) > 1 and not look.findings:
        look.passed()
    return look.result()


# ---------------------------------------------------------------------------------------------- the Hunan outline


def outline_kind(ev: Evaluation) -> str:
    """The importer's outline kind; for an evaluation built by hand, worked out from its first-level keys."""
    if ev.outline.kind:
        return ev.outline.kind
    keys = {s.key for s in ev.outline.sections if s.level == 1}
    if len(keys & _HUNAN_BUDGETS) >= 2 or {"basic_info", "general_budget"} <= keys:
        return "hunan-10"
    return "other"


class HunanView(NamedTuple):
    """The first-level sections of a Hunan report that are Hunan sections, with what is missing or misplaced."""

    present: list[tuple[int, Section]]  # (Hunan index, section), in document order
    missing: list[int]  # Hunan indexes absent before the last one present
    after: list[int]  # Hunan indexes absent after the last one present
    duplicates: list[tuple[Section, Section]]  # (first, again)
    misplaced: list[tuple[Section, Section]]  # (section, the later-in-outline section it follows)


def _hunan(ev: Evaluation) -> HunanView | None:
    if outline_kind(ev) != "hunan-10":
        return None
    present: list[tuple[int, Section]] = []
    seen: dict[int, Section] = {}
    duplicates: list[tuple[Section, Section]] = []
    misplaced: list[tuple[Section, Section]] = []
    furthest: tuple[int, Section] | None = None
    for section in ev.outline.sections:
        if section.level != 1 or section.key not in _HUNAN_INDEX:
            continue
        index = _HUNAN_INDEX[section.key]
        if index in seen:
            duplicates.append((seen[index], section))
            continue
        seen[index] = section
        present.append((index, section))
        if furthest is not None and index < furthest[0]:
            misplaced.append((section, furthest[1]))
        if furthest is None or index > furthest[0]:
            furthest = (index, section)
    if not present:
        return None
    last = max(seen)
    missing = [i for i in range(last) if i not in seen]
    after = list(range(last + 1, len(HUNAN_10)))
    return HunanView(present, missing, after, duplicates, misplaced)


def _hunan_view(look: Look) -> HunanView | None:
    kind = look.ev.outline.kind
    if kind and kind != "hunan-10":  # the importer's word for another outline: nothing to share or look at
        return None
    view: HunanView | None = look.once("structure.hunan", _hunan, look.ev)
    return view


def _hunan_name(index: int) -> str:
    return f"{cn_numeral(index + 1)}、{HUNAN_10[index][1]}"


@rule("section-missing", "structure", "error", "湖南十部分提纲缺少某一部分")
def check_section_missing(ev: Evaluation, look: Look) -> CheckResult:
    """按湖南部门整体支出绩效自评报告提纲（一 部门基本情况 … 十 其他需要说明的情况）编写的报告，
    前后部分都在而中间缺了某一部分，是漏写了该部分（无此类支出也应写明“无”）。

    报告在某一部分之后就没有下文的，视为文本不完整，由 outline-truncated 说明一次，不逐项报缺。"""
    view = _hunan_view(look)
    if view is None:
        return look.result()
    following = dict(view.present)
    for index in view.missing:
        later = min((i for i in following if i > index), default=None)
        at = following[later] if later is not None else None
        look.fail(
            f"缺少“{_hunan_name(index)}”部分：前后各部分都在，唯独没有这一部分；无此类内容也应列出标题并写明“无”。",
            evidence={"missing": _hunan_name(index), "next_present": heading_text(at) if at else None},
            line=at.line if at else None,
            section=heading_text(at) if at else None,
        )
    if not view.missing:
        look.passed()
    return look.result()


@rule("section-order", "structure", "error", "湖南十部分提纲的次序颠倒")
def check_section_order(ev: Evaluation, look: Look) -> CheckResult:
    """湖南提纲的十个部分应按一至十的次序出现；某一部分出现在提纲中排在它之后的部分后面，次序就颠倒了。"""
    view = _hunan_view(look)
    if view is None:
        return look.result()
    for section, ahead in view.misplaced:
        look.fail(
            f"“{heading_text(section)}”出现在“{heading_text(ahead)}”之后：按湖南提纲，它应排在前面。",
            evidence={
                "heading": heading_text(section),
                "after": heading_text(ahead),
                "after_line": ahead.line,
            },
            line=section.line,
            section=heading_text(section),
            text=heading_text(section),
        )
    if not view.misplaced:
        look.passed()
    return look.result()


@rule("section-duplicate", "structure", "error", "湖南十部分提纲的某一部分重复出现")
def check_section_duplicate(ev: Evaluation, look: Look) -> CheckResult:
    """湖南提纲的每一部分只应出现一次；同一部分的一级标题出现两次，内容可能重复或放错了位置。"""
    view = _hunan_view(look)
    if view is None:
        return look.result()
    for first, again in view.duplicates:
        look.fail(
            f"“{heading_text(again)}”与第 {first.line} 行的“{heading_text(first)}”是同一部分，重复出现。"
            if first.line is not None
            else f"“{heading_text(again)}”与前面的“{heading_text(first)}”是同一部分，重复出现。",
            evidence={"heading": heading_text(again), "first": heading_text(first), "first_line": first.line},
            line=again.line,
            section=heading_text(again),
            text=heading_text(again),
        )
    if not view.duplicates:
        look.passed()
    return look.result()


def _last_line(ev: Evaluation) -> int | None:
    for section in reversed(ev.outline.sections):
        if section.lines:
            return section.lines[-1]
        if section.line is not None:
            return section.line
    return None


@rule("outline-truncated", "structure", "warning", "报告在提纲中途结束，文本可能不完整")
def check_outline_truncated(ev: Evaluation, look: Look) -> CheckResult:
    """按湖南十部分提纲编写的报告，在某一部分之后就没有下文（最常见的是转载或摘录不全）。

    只说明一次：之后的各部分无法核对，不逐项报缺。若原文确实如此，应补齐其余部分。"""
    view = _hunan_view(look)
    if view is None:
        return look.result()
    if not view.after:
        look.passed()
        return look.result()
    last = max(view.present, key=lambda p: p[0])[1]
    rest = (
        f"“{_hunan_name(view.after[0])}”"
        if len(view.after) == 1
        else f"“{_hunan_name(view.after[0])}”至“{_hunan_name(view.after[-1])}”"
    )
    look.fail(
        f"报告在“{heading_text(last)}”之后没有下文，缺{rest}：文本似乎不完整（如转载或摘录不全），"
        "这些部分无法核对；若原文确实如此，应补齐。",
        evidence={
            "last_section": heading_text(last),
            "absent_from": _hunan_name(view.after[0]),
            "absent_to": _hunan_name(view.after[-1]),
            "absent_count": len(view.after),
        },
        line=_last_line(ev),
        section=heading_text(last),
    )
    return look.result()


# ---------------------------------------------------------------------------------------------- content and TOC


def _section_body(sections: list[Section], index: int) -> Iterator[tuple[str, list[int]]]:
    """The text of a section and of every sub-section under it."""
    top = sections[index]
    yield top.text, top.lines
    for section in sections[index + 1 :]:
        if section.level <= top.level:
            return
        yield f"{section.title}\n{section.text}", [section.line or 0, *section.lines]


@rule("section-content", "structure", "error", "章节内容与标题不符")
def check_section_content(ev: Evaluation, look: Look) -> CheckResult:
    """政府性基金、国有资本经营、社会保险基金预算支出情况这几部分，写的应是各自的预算支出；
    其下若只有资产情况（资产总额、固定资产、配置和处置资产）或“三公”经费，而没有提到本部分的主题，
    就是内容放错了位置或标题写错了（在湖南提纲中资产和“三公”经费属于一般公共预算支出情况）。"""
    sections = ev.outline.sections
    for section in sections:
        if section.key in _OWN_KEYS:
            break
    else:
        return look.result()  # most reports: none of the three sections
    for i, section in enumerate(sections):
        own = _OWN_WORDS.get(section.key or "")
        if own is None:
            continue
        if i + 1 < len(sections) and sections[i + 1].level > section.level:
            body = list(_section_body(sections, i))
            text = "\n".join(t for t, _ in body)
        else:  # the common case, no sub-section: the body is the section's own text
            body = [(section.text, section.lines)]
            text = section.text
        if not text or text.isspace():
            continue
        if own.search(text):
            look.passed()
            continue
        assets = _ASSETS.search(text)
        found = assets or _THREE_PUBLIC.search(text)
        if found is None:
            look.passed()
            continue
        what = "资产情况" if assets else "“三公”经费"
        row = text.count("\n", 0, found.start())
        lines = (
            [n for _, ns in body for n in ns] if all(len(t.split("\n")) == len(ns) for t, ns in body) else []
        )
        quote = text.split("\n")[row]
        look.fail(
            f"“{heading_text(section)}”之下写的是{what}（“{found.group()}”），没有提到本部分的主题：内容与标题不符，"
            "请核对标题，或把这段内容移到相应部分。",
            evidence={"heading": heading_text(section), "content": what, "found": found.group()},
            line=lines[row] if row < len(lines) else section.line,
            section=heading_text(section),
            text=_clip(quote),
        )
    return look.result()


@rule("toc-mismatch", "structure", "error", "目录的序号与正文标题不符")
def check_toc_mismatch(ev: Evaluation, look: Look) -> CheckResult:
    """目录列出的标题在正文中也出现时，两处的序号应一致（目录“二、部门概况”，正文也应是“二、部门概况”）。

    标题文字相同（忽略标点、空格和“（2000字以内）”之类的说明）才比较；目录中有而正文中没有的标题，
    可能是正文不完整，不在此报告。"""
    toc = ev.outline.toc
    if not toc:
        return look.result()
    entries, titles = _toc_entries(toc)
    if not entries:
        return look.result()
    headings = [s for s in ev.outline.sections if s.level <= 2]
    plain = [_plain(s.title) for s in headings]  # once, not once per entry
    # an entry whose title no heading has is left alone: only the others are looked at, in order
    shared = set(plain).intersection(titles)
    if not shared:
        return look.result()
    used: set[int] = set()
    for k in compress(range(len(titles)), map(shared.__contains__, titles)):
        written_toc, number, _ = entries[k]
        title = titles[k]
        for i, section in enumerate(headings):
            if i in used or plain[i] != title:
                continue
            used.add(i)
            written = (section.numbering or "").strip()
            if written and _heading_number(written) == _heading_number(number):
                look.passed()
            else:
                body = f"“{heading_text(section)}”" + ("（没有序号）" if not written else "")
                look.fail(
                    f"目录中为“{written_toc.strip()}”，正文中为{body}：目录与正文的编号不一致，请统一。",
                    evidence={
                        "toc": written_toc.strip(),
                        "body": heading_text(section),
                        "body_line": section.line,
                    },
                    line=section.line,
                    section=heading_text(section),
                    text=heading_text(section),
                )
            break
    return look.result()


def _toc_entries(toc: list[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The numbered entries of the TOC, (as written, numbering, title), in order, and their titles cleaned.

    The entries are read as the lines of the TOC joined, with one scan and one clean-up for them all rather
    than a call per entry; an entry with a line break of its own (never from the importer) is read alone."""
    joined = "\n".join(toc)
    if joined.count("\n") == len(toc) - 1:
        entries: list[tuple[str, str, str]] = _TOC_LINE.findall(f"\n{joined}\n")
        lines = "\n".join(map(_THIRD, entries))
        if "字" in lines:
            lines = _LINE_NOTE.sub("", lines)
        titles = _LINE_NOISE.sub("", lines).split("\n")
    else:
        found = [m for m in map(_TOC_ENTRY.match, map(str.strip, toc)) if m]
        entries = [(m.group(), m["num"], m["title"]) for m in found]
        titles = [_plain(title) for _, _, title in entries]
    return entries, titles


@rule("outline-headings", "structure", "warning", "正文没有章节标题，无法核对结构")
def check_outline_headings(ev: Evaluation, look: Look) -> CheckResult:
    """报告正文应有“一、”“（一）”等章节标题。正文有内容却找不到任何一级、二级标题（常见于网页转载时
    标题被去掉），报告的结构无法核对；此时只说明一次。目录只有“目录”二字而没有条目的，一并指出。"""
    outline = ev.outline
    for section in outline.sections:
        if section.level <= 2:
            look.passed()
            return look.result()
    body = outline.preamble.count("\n") + sum(s.text.count("\n") + 1 for s in outline.sections)
    if body < 3:
        return look.result()
    empty_toc = bool(outline.toc) and not any(_TOC_ENTRY.match(e.strip()) for e in outline.toc)
    toc_note = "目录只有标题、没有条目，" if empty_toc else ""
    look.fail(
        f"{toc_note}正文中没有“一、”“（一）”这样的章节标题：报告的结构无法核对（标题可能在转载时丢失）。",
        evidence={
            "toc_entries": len(outline.toc) - (1 if outline.toc else 0),
            "headings": len(outline.sections),
        },
        line=outline.preamble_lines[0] if outline.preamble_lines else None,
    )
    return look.result()
