"""Segment a report into its outline: which lines are headings, at what level, and what each section is.

Headings are recognised by their numbering as written (一、 （一） 1、 1. (1) ①, decimal 1. / 1.1 / 1.1.1) and by
their titles, since real reports misnumber them ("1、 部门基本情况" where "一、" belongs), drop the numeral
("部门基本情况" alone) or its mark ("一 部门概况"), or write "三)" for "（三）". A numbered line is a heading only
when it is short; a long numbered line is a list item of the body (a problem, a function, a task). The numbering is kept as written so the
checker can report what is wrong with it; nothing here corrects the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.io.normalize import CleanLine
from jixiao.io.numerals import CIRCLED, CN_NUMERALS

# (level, pattern): the numbering group is `num`, the rest of the line `title`
_NUMBERING: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^(?P<num>[{CN_NUMERALS}]{{1,3}}[、.,])\s*(?P<title>.*)$")),
    (2, re.compile(rf"^(?P<num>\([{CN_NUMERALS}]{{1,3}}\)|[{CN_NUMERALS}]{{1,3}}\))\s*(?P<title>.*)$")),
    (3, re.compile(r"^(?P<num>\d{1,2}(?:、|\.(?!\d)|:(?!\d)))\s*(?P<title>.*)$")),
    (4, re.compile(r"^(?P<num>\(\d{1,2}\))\s*(?P<title>.*)$")),
]
# decimal numbering of a free-form report: "1.1 项目概况", "2.3.1 资金到位"; its levels are settled per document
_DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,2})\.?\s*(?P<title>[\u4e00-\u9fff].*)$")
_DECIMAL_START = re.compile(r"\d{1,2}\.\d{1,2}\.?\s*[\u4e00-\u9fff]")
_DECIMAL_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")
_NOT_A_TITLE_START = re.compile(r"^(?:万|亿|元|个|人|%|倍|米|吨|亩|公里|小时)")
# a numbering followed by a space where its mark belongs, as typed: "一 部门概况", or "1 部门基本情况" at the top
# of a decimal outline. Clean text has lost the space, so the raw line is read.
_SPACED = re.compile(rf"^\s*(?P<num>[{CN_NUMERALS}]{{1,3}}|\d{{1,2}})\s+(?P<title>[\u4e00-\u9fff][^\s]*)\s*$")
_NUMBERING_FIRST = frozenset(CN_NUMERALS + "(")  # with the digits, the characters a numbering starts with
# ① ② … number list items (tasks, targets), never headings
ITEM_MARK = re.compile(rf"^(?:[{CIRCLED}][、.]?|\d{{1,2}}(?:、|\.(?!\d)|:(?!\d))|\(\d{{1,2}}\)|[{CN_NUMERALS}]是)\s*")

# what a section is, recognised from its title; the first pattern that matches wins
TOP_KEYS: list[tuple[str, re.Pattern[str]]] = [
    ("summary", re.compile(r"^摘要")),
    ("self_score", re.compile(r"自评(得分|结论)")),
    ("basic_info", re.compile(r"基本(情况|概况)|^(部门|单位|项目)概况$|根本情况")),
    ("general_budget", re.compile(r"一般公共预算")),
    ("government_fund", re.compile(r"政府性基金")),
    ("state_capital", re.compile(r"国有资本经营")),
    ("social_insurance", re.compile(r"社会保险基金")),
    ("results_use", re.compile(r"(结果|自评).{0,8}(应用|公开)")),
    ("performance", re.compile(r"绩效(情况|分析)|绩效目标.{0,6}完成|评价结论")),
    ("problems", re.compile(r"存在的?(主要)?问题")),
    ("measures", re.compile(r"改进(措施|意见|建议)|整改措施|下一步")),
    ("other", re.compile(r"其他(需要)?(说明|事项)")),
    # the parts only a project report has (Hunan's seven-part 项目支出绩效自评报告, 财预〔2020〕10号 附3)
    ("project_funds", re.compile(r"资金(?:使用|管理|投入|安排|申报|到位|执行|计划)|^项目资金")),
    ("implementation", re.compile(r"组织实施|(?:自评|评价)工作(?:的)?开展|项目实施(?:情况|过程)")),
]
SUB_KEYS: list[tuple[str, re.Pattern[str]]] = [
    ("org", re.compile(r"机构(设置)?|人员(情况|编制)|编制")),
    ("functions", re.compile(r"职能|职责")),
    ("tasks", re.compile(r"工作任务|重点工作|工作目标|主要工作")),
    ("basic_expenditure", re.compile(r"基本支出")),
    ("project_expenditure", re.compile(r"项目支出")),
    ("output", re.compile(r"产出指标")),
    ("benefit", re.compile(r"效益指标")),
    ("satisfaction", re.compile(r"满意度")),
    ("quantity", re.compile(r"数量指标")),
    ("quality", re.compile(r"质量指标")),
    ("timeliness", re.compile(r"时效指标")),
    ("cost", re.compile(r"成本指标")),
    ("economic", re.compile(r"经济效益")),
    ("social", re.compile(r"社会效益")),
    ("ecological", re.compile(r"生态效益")),
    ("sustainable", re.compile(r"可持续影响")),
    ("targets", re.compile(r"绩效目标")),
]

HEADING_MAX = 30  # a numbered line longer than this is a list item, not a heading
_TOC = re.compile(r"^目\s*录$")
_TOC_ENTRY = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}、|\([{CN_NUMERALS}]{{1,3}}\)|附件\s*\d)")
_SENTENCE_END = re.compile(r"[。;!?,]")
_DIGIT = re.compile(r"\d")
_WORD_LIMIT = re.compile(r"[(（]\s*\d+\s*字(?:以内|左右|以下)?\s*[)）]")
_ONLY_A_YEAR = re.compile(r"[^\d]*\d{4}年[^\d]*")
# The line that opens an appendix after the report's body: "附件", "附件2", "附表：", "附：部门整体支出绩效自评表".
# Only after the first heading of the body: a cover's "附件4" (the report is itself an attachment) and a table
# of contents' "附件1 …" entries come before it.
_APPENDIX = re.compile(
    r"^(?:附(?:件|表)?\s*\d{0,2}\s*[:：]?\s*(?:[^\s。;；,，]{0,30}表)?"
    r"|(?:\d{4}年度?)?部门整体支出绩效自评表(?:\(暂定评分\))?)$"
)

_APPENDIX_FIRST = frozenset("附部")  # with the digits, the characters an appendix's opening line starts with


@dataclass
class Heading:
    level: int
    numbering: str | None
    title: str
    key: str | None
    index: int  # position in the clean lines


@dataclass
class Segmented:
    """Headings found, and for every clean line the chain of headings it sits under."""

    headings: list[Heading] = field(default_factory=list)
    toc: set[int] = field(default_factory=set)  # clean-line indexes of a table of contents
    parents: list[tuple[int, ...]] = field(default_factory=list)  # per line: indexes into `headings`
    appendix: int | None = None  # the clean line that opens the appendix: it and all after are not the body


_ANY_KEY = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in TOP_KEYS + SUB_KEYS))


def classify(title: str, level: int) -> str | None:
    """The outline key of a heading title, or None when it is not one we know."""
    if not _ANY_KEY.search(title):  # one search rules out most lines; the loop keeps the keys' priority
        return None
    for key, pattern in TOP_KEYS if level <= 2 else []:
        if pattern.search(title):
            return key
    for key, pattern in SUB_KEYS:
        if pattern.search(title):
            return key
    return None


def parse_heading(text: str) -> tuple[int, str | None, str] | None:
    """(level, numbering, title) when the line is a heading, else None."""
    # every numbering starts with a Chinese numeral, "(" or a digit: most lines need not try the patterns
    if text[:1].isdigit() and (decimal := _DECIMAL.match(text)):
        title = decimal["title"].strip()
        if _NOT_A_TITLE_START.match(title) or not _looks_like_title(title):
            return None
        return 3 + decimal["num"].count("."), decimal["num"], title
    if text[:1] in _NUMBERING_FIRST or text[:1].isdigit():
        for level, pattern in _NUMBERING:
            match = pattern.match(text)
            if match:
                title = match["title"].strip()
                if not title or not _looks_like_title(title):
                    return None
                return level, match["num"], title
    # a heading that lost its numbering: accepted only when it is a known top-level title
    bare = text.rstrip(":")
    if 4 <= len(bare) <= 16 and not _SENTENCE_END.search(bare) and _bare_top_key(bare):
        return 1, None, text
    return None


def _bare_top_key(title: str) -> str | None:
    key = classify(title, 1)
    if key in {"basic_info", "general_budget", "government_fund", "state_capital", "social_insurance",
               "problems", "measures", "other", "summary"}:
        return key
    return None


def _looks_like_title(title: str) -> bool:
    body = title.rstrip("。:.")
    if len(body) > HEADING_MAX:
        return False
    if _SENTENCE_END.search(body):
        return False
    # "1、收入:792.22万元" states a figure: it is an item, not a heading; a template's word limit left in
    # ("一、摘要(1000字以内)") is not a figure of the report, so the title is judged without it
    body = _WORD_LIMIT.sub("", body)
    return not _DIGIT.search(body) or bool(_ONLY_A_YEAR.fullmatch(body))


def _spaced_heading(line: CleanLine, decimal: bool) -> tuple[int, str, str] | None:
    """(1, numbering, title) when the line is a heading numbered "一 " (with a known title) or, in a decimal
    outline, "1 "; the numbering is kept as written, without its space."""
    spaced = _SPACED.match(line.source.text)
    if spaced is None:
        return None
    number, title = spaced["num"], spaced["title"]
    if line.text != number + title or not _looks_like_title(title):
        return None  # a piece of a longer raw line, or no title
    if number.isdigit():
        return (1, number, title) if decimal and not _NOT_A_TITLE_START.match(title) else None
    return (1, number, title) if classify(title, 1) is not None else None


def _decimal_outline(lines: list[CleanLine]) -> bool:
    """Whether the report numbers its sections "1." (or "1 ") / "1.1" / "1.1.1" rather than 一、 / （一） / 1.: a
    "N.M" heading follows its "N." heading, and no line is numbered 一、."""
    if not any(_DECIMAL_START.match(line.text) for line in lines):  # most reports: no "1.1" anywhere
        return False
    tops: set[str] = set()
    nested = False
    for line in lines:
        text = line.text
        if not text or (not text[:1].isdigit() and text[:1] not in CN_NUMERALS):
            continue
        parsed = parse_heading(text)
        if parsed is None or parsed[1] is None:
            spaced = _SPACED.match(line.source.text) if text[:1].isdigit() else None
            if spaced is not None and text == spaced["num"] + spaced["title"]:
                tops.add(spaced["num"])
            continue
        level, numbering, _ = parsed
        if level == 1 and numbering is not None:
            return False
        if numbering is None:
            continue
        if level == 3:
            tops.add(numbering.rstrip("、.:"))
        elif level >= 4 and "." in numbering and numbering.split(".")[0] in tops:
            nested = True
    return nested


def segment(lines: list[CleanLine]) -> Segmented:
    seg = Segmented()
    decimal = _decimal_outline(lines)
    in_toc = False
    chain: list[int] = []  # indexes into seg.headings, outermost first
    parents: tuple[int, ...] = ()  # `chain` as the lines under it record it, one tuple for all of them
    seen_top = False
    for i, line in enumerate(lines):
        text = line.text
        if text[:1] == "目" and _TOC.match(text):
            in_toc = True
            seg.toc.add(i)
            seg.parents.append(parents)
            continue
        if in_toc:
            if text and (_TOC_ENTRY.match(text) or parse_heading(text)) and len(text) <= 40:
                seg.toc.add(i)
                seg.parents.append(parents)
                continue
            if text:
                in_toc = False
        # the body ends: the appendix's own headings are not the report's
        if seen_top and (text[:1] in _APPENDIX_FIRST or text[:1].isdigit()) and _APPENDIX.match(text):
            seg.appendix = i
            seg.parents.extend(() for _ in range(i, len(lines)))
            break
        parsed = parse_heading(text) if text else None
        if (parsed is None or parsed[1] is None) and (text[:1].isdigit() or text[:1] in CN_NUMERALS):
            parsed = _spaced_heading(line, decimal) or parsed
        if parsed is None:
            seg.parents.append(parents)
            continue
        level, numbering, title = parsed
        if decimal and numbering is not None and _DECIMAL_NUMBER.fullmatch(numbering):
            level = 1 + numbering.rstrip("、.:").count(".")  # "1." is the top, "1.1" below it, "1.1.1" below that
        if level > 1 and not seen_top and _bare_top_key(title.rstrip(":。")) and _later_top(lines, i):
            level = 1  # "1、 部门基本情况": a first-level heading misnumbered
        key = classify(title, level)
        if level == 1:
            seen_top = True
        while chain and seg.headings[chain[-1]].level >= level:
            chain.pop()
        seg.headings.append(Heading(level, numbering, title, key, i))
        chain.append(len(seg.headings) - 1)
        parents = tuple(chain)
        seg.parents.append(parents)
    return seg


def _later_top(lines: list[CleanLine], start: int) -> bool:
    """Whether a properly numbered first-level heading (二、 …) follows: the document does use 一、 style."""
    return any(re.match(rf"^[{CN_NUMERALS}]{{1,3}}、", line.text) for line in lines[start + 1 :])
