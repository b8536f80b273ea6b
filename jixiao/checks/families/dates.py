"""Dates: the report date against the fiscal year, a fiscal year that is never stated or stated twice over.

The text rules scan `report_text` (jixiao/checks/text.py), the whole report joined once per run.
"""

from __future__ import annotations

import datetime as dt
import re

from jixiao.checks.registry import Look, rule
from jixiao.checks.text import report_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation

# ---------------------------------------------------------------------------------------------- rules


@rule("report-date-before-year-end", "date", "error", "报告日期早于评价年度结束")
def check_report_date_before_year_end(ev: Evaluation, look: Look) -> CheckResult:
    """自评报告是对整个年度的总结，报告日期应在评价年度的12月31日之后。

    报告日期早于或等于年度最后一天，说明报告日期或年度至少有一处写错（常见于沿用往年模板、年份笔误）。
    报告日期晚于年度结束两年以上也不寻常，作为警告提示核对。只写到月的报告日期（“二〇二四年三月”）按其年月核对。
    年度或报告日期未写明时不核对。"""
    year, date = ev.fiscal_year, ev.report_date
    if year is not None and date is None and ev.report_month is not None:
        return _report_month(ev, look, year, ev.report_month)
    if year is None or date is None:
        return look.result()
    if year < date.year <= year + 2:  # the usual case, decided on the years alone
        look.passed()
        return look.result()
    year_end = dt.date(year, 12, 31)
    evidence = {"fiscal_year": year, "report_date": date.isoformat(), "year_end": year_end.isoformat()}
    if date <= year_end:
        look.fail(
            f"报告日期 {date.isoformat()} 不晚于评价年度 {year} 年的最后一天（{year_end.isoformat()}）："
            f"年度尚未结束不能对全年作出自评，报告日期与年度至少有一处有误，请核对。",
            at="report_date",
            evidence=evidence,
        )
    else:  # more than two years after the year's end
        look.fail(
            f"报告日期 {date.isoformat()} 比评价年度 {year} 年结束晚两年以上，请核对报告日期或年度是否笔误。",
            at="report_date",
            evidence=evidence,
            severity="warning",
        )
    return look.result()


def _report_month(ev: Evaluation, look: Look, year: int, month: str) -> CheckResult:
    """The report date written to the month only: within the fiscal year it is an error, as a date would be."""
    stated = int(month[:4])
    if year < stated <= year + 2:
        look.passed()
        return look.result()
    evidence = {"fiscal_year": year, "report_month": month}
    if stated <= year:
        look.fail(
            f"报告日期写到 {month[:4]} 年 {int(month[5:])} 月，不晚于评价年度 {year} 年：年度尚未结束不能对全年作出自评，"
            "报告日期与年度至少有一处有误，请核对。",
            at="report_month",
            evidence=evidence,
        )
    else:
        look.fail(
            f"报告日期写到 {month[:4]} 年 {int(month[5:])} 月，比评价年度 {year} 年结束晚两年以上，请核对报告日期或年度是否笔误。",
            at="report_month",
            evidence=evidence,
            severity="warning",
        )
    return look.result()


@rule("fiscal-year-missing", "date", "warning", "未写明评价年度")
def check_fiscal_year_missing(ev: Evaluation, look: Look) -> CheckResult:
    """报告应写明所评价的预算年度（如“2023年度”），一般在标题或封面。

    没有年度，报告中的预算、决算数和绩效指标无法对应到具体年份，也无法核对报告日期；网页的发布日期不能代替年度。"""
    if ev.fiscal_year is None:
        look.fail(
            "报告中没有写明评价年度（标题、封面和正文都未出现“××××年度”），所报数字对应哪一年无法核实；"
            "请在标题或封面写明年度。",
            at="fiscal_year",
        )
    else:
        look.passed()
    return look.result()


# A year used where the evaluated year belongs: the year's own figures (error when it differs), or the
# name of the year's evaluation (a warning: a report may cite last year's evaluation in the body). The
# pattern starts at 年 (a literal prefix keeps the scan fast); the year itself is read just before it.
# Every alternative after 年 starts with a literal and none with a group: at each 年 the regex engine then
# rules out the alternatives by their first character instead of entering each.
_FIGURES = (
    "部门决算",
    "决算收支",
    "决算收入",
    "决算支出",
    "共取得",
    "共发生",
    "共实现",
    "收入合计",
    "支出合计",
)
_WHOLE_SPENDING = r"(?:\(单位\)|、单位)?整体(?:财政)?支出"  # after 部门, 单位 or 机关
_YEAR_USE = re.compile(
    r"年(?:度 ?| ?)(?:"
    + "|".join(_FIGURES)
    + f"|部门{_WHOLE_SPENDING}|单位{_WHOLE_SPENDING}|机关{_WHOLE_SPENDING}|部门整体绩效|部门绩效自评|整体支出绩效)"
)
_YEAR_BEFORE = re.compile(r"(?<![\d〔\[(【])((?:19|20)\d\d) ?$")
_COMPARED = re.compile(r"较|比|与|同期|上年|上一年|去年|相比|对比|关于")
_PLANNED = re.compile(r"[^。;\n]{0,12}?(?:预算编制|目标|计划|将)")
_TITLE_LINE = re.compile(r"绩效自评报告|绩效评价报告|自评表|自评情况")


@rule("fiscal-year-mismatch", "date", "error", "正文年度与评价年度不一致")
def check_fiscal_year_mismatch(ev: Evaluation, look: Look) -> CheckResult:
    """报告中本应写评价年度的地方写了别的年份，多为沿用往年报告未改。

    只看写评价年度自身数字或名称的地方：标题、封面，“××××年度共取得收入”“××××年度部门决算”等年度收支表述
    （错误），以及“××××年度部门整体支出”等年度名称（正文中可能是在引用上年评价，作为警告）。
    书名号内的文件名、文号、“较××××年”等对比、“关于……的通知”、下一年度的预算和计划不算。"""
    year = ev.fiscal_year
    if year is None:
        return look.result()
    doc = report_text(look)
    text = doc.text
    looked = False
    following = _YEAR_USE.search(text)  # searched match by match: starting `finditer` costs more than a scan
    while following:
        match, following = following, _YEAR_USE.search(text, following.end())
        at = match.start()
        # a year right before 年, the usual way, is read by an anchored match, which costs less than searching
        # the window and finds the same year: when one stands there, no other place in the window holds one
        year_match = _YEAR_BEFORE.match(text, at - 4, at) or _YEAR_BEFORE.search(text, max(0, at - 6), at)
        if not year_match:
            continue
        looked = True
        stated = int(year_match[1])
        if stated == year:
            continue
        start = year_match.start()
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if before.rfind("《") > before.rfind("》"):
            continue  # a document's name
        if _COMPARED.search(before[-8:]):
            continue
        if stated > year and _PLANNED.match(text, match.end()):
            continue  # next year's budget or plan
        place = doc.place(start)
        title_like = place["section"] is None or (
            len(place["text"]) <= 40 and _TITLE_LINE.search(place["text"])
        )
        # figures, not a name: no name of the year's evaluation ends in one of the figures' words
        strong = match[0].endswith(_FIGURES) or bool(title_like)
        quoted = text[start : match.end()]
        look.fail(
            f"评价年度为 {year} 年，此处却写“{quoted}”（{stated} 年，{'早' if stated < year else '晚'}"
            f" {abs(stated - year)} 年）：同一份报告的年度前后不一致，可能沿用了其他年度的报告，请核对。",
            at="fiscal_year",
            evidence={"fiscal_year": year, "stated_year": stated, "quoted": quoted},
            severity=None if strong else "warning",
            **place,
        )
    if looked and not look.findings:
        look.passed()
    return look.result()


_DATE_WITHOUT_MARKS = re.compile(r"(?:19|20)\d\d\s+\d{1,2}\s+\d{1,2}(?!\d)")


@rule("report-date-format", "date", "warning", "报告日期缺少年、月、日")
def check_report_date_format(ev: Evaluation, look: Look) -> CheckResult:
    """报告日期应写成“2024年3月14日”或“2024-03-14”。

    只剩几组数字（如“2023    5  31”）的日期虽可猜读，但年、月、日的分隔已丢失，多为排版或转换时字被删去，
    应补全后再公开。"""
    if ev.report_date is None:
        return look.result()
    source = ev.sources.get("report_date")
    if source is None or not source.text:
        return look.result()
    match = _DATE_WITHOUT_MARKS.search(source.text)
    if match:
        look.fail(
            f"报告日期写作“{' '.join(match[0].split())}”，缺少“年”“月”“日”，已按 {ev.report_date.isoformat()} 读取；"
            f"请补全为“{ev.report_date.year}年{ev.report_date.month}月{ev.report_date.day}日”。",
            at="report_date",
            evidence={"written": match[0], "read_as": ev.report_date.isoformat()},
        )
    else:
        look.passed()
    return look.result()
