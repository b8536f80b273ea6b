"""A project's own figures: its funds by source against the year's total, the funds received against the
rate stated, a total stated in the text against the parts listed with it, and an allocation document cited
twice with two amounts.

The funds are the 项目支出绩效自评表's (年度资金总额 and the rows under it) or the report's own words
("其中，中央转移支付资金8353万元，省级配套资金2088万元"). The two rules that read a project report's sentences
look at 项目支出 evaluations only: a department report's totals and parts are the structured ones the
arithmetic family checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.checks.labels import gap, wan
from jixiao.checks.registry import Look, rule
from jixiao.checks.relations import ratio_relation, sum_relation
from jixiao.checks.text import report_text
from jixiao.checks.tolerance import Comparison, half_unit, places
from jixiao.core.findings import CheckResult
from jixiao.core.model import PROJECT, Evaluation, FundLine
from jixiao.io.figures import Figure, figures
from jixiao.io.numerals import may_state_amount

_COLUMNS = (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("executed", "全年执行数"))
_FISCAL_PARTS = ("上级补助", "本级安排")


def _line_name(line: FundLine) -> str:
    return line.label or line.source


@rule("project-funds-by-source", "arithmetic", "error", "项目资金各来源之和与年度资金总额不符")
def check_project_funds_by_source(ev: Evaluation, look: Look) -> CheckResult:
    """项目资金的年度资金总额（年初预算数、全年预算数、全年执行数各算一次）应等于其下各来源之和：当年财政拨款
    （没有写财政拨款、只写了上级补助和本级安排的，用这两部分）、上年结转资金、其他资金。财政拨款又分为上级补助
    和本级安排写出的，两者之和应等于财政拨款。

    空着的来源不当作 0：合计大于所写各项之和时给出警告，所写各项之和超过合计是错误；相差在四舍五入容差以内
    只作提示。"""
    lines = ev.project.funds
    if not lines:
        return look.result()
    fiscal = [(i, line) for i, line in enumerate(lines) if line.source == "财政拨款"]
    split = [(i, line) for i, line in enumerate(lines) if line.source in _FISCAL_PARTS]
    rest = [(i, line) for i, line in enumerate(lines) if line.source not in (*_FISCAL_PARTS, "财政拨款")]
    for column, name in _COLUMNS:
        top = (fiscal or split) + rest
        parts = [(_line_name(line), getattr(line, column)) for _, line in top]
        sum_relation(look, f"budget.{column}", parts, what=f"年度资金总额（{name}）")
        if len(fiscal) == 1 and split:
            n, whole = fiscal[0]
            sum_relation(
                look,
                f"project.funds[{n}].{column}",
                [(_line_name(line), getattr(line, column)) for _, line in split],
                what=f"{_line_name(whole)}（{name}）",
            )
    return look.result()


@rule("funds-received-rate", "arithmetic", "error", "所写资金到位率与到位数÷预算数不符")
def check_funds_received_rate(ev: Evaluation, look: Look) -> CheckResult:
    """资金到位率 = 实际到位资金 ÷ 全年预算数（项目资金总额）× 100%（财预〔2020〕10号 附2）。报告写了到位率的，
    按所写的到位数和预算数重新计算；相差在四舍五入容差以内只作提示，到位数或预算数没有写出时无法复核。"""
    stated = ev.project.received_rate
    if stated is None:
        return look.result()
    ratio_relation(
        look,
        "project.received_rate",
        ("project.received", ev.project.received),
        ("budget.adjusted", ev.budget.adjusted),
        what="资金到位率",
        stated=stated,
    )
    return look.result()


# ------------------------------------------------------------------------------------------------ the text

# a sentence starts where the paragraph or the previous sentence does: tried nowhere else, a paragraph's unended
# tail (a table row, a heading) costs its length once, not once per character
_SENTENCE = re.compile(r"(?:^|(?<=[。！？]))[^。！？]*[。！？]")
_MARKER = re.compile(r"其中[:：,，]?|分别(?:是|为)[:：]?")
_TOTAL_WORD = re.compile(r"^(?:共计|合计|总计)")
_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")


@dataclass(frozen=True, slots=True)
class _Listed:
    total: Figure
    total_at: int  # offset of the total in the report's text
    parts: list[Figure]
    at: int  # offset of the sentence listing the parts


def _listings(text: str) -> Iterator[_Listed]:
    """Every total stated with the parts listed beside it, within one paragraph: "…2263万元。其中：A1435万元，
    B25万元…。", "A40万元；B2.75万元；…。共计下达…3580.69万元。", "一批3374.3万元，二批…，合计6222.4万元。"
    A sentence the text breaks off inside lists nothing; a bracketed sub-breakdown is no part."""
    offset = 0
    for paragraph in text.split("\n"):
        previous: tuple[int, list[Figure]] | None = None
        for match in _SENTENCE.finditer(paragraph):
            start = offset + match.start()
            if not may_state_amount(match.group()):  # most sentences state no amount: nothing to list or total
                previous = (start, [])
                continue
            plain = _BRACKETED.sub(_blank, match.group())
            marker = _MARKER.search(plain)
            found = figures(plain)
            if marker is not None:
                before = figures(plain[: marker.start()])
                parts = figures(plain[marker.end() :])
                if before:
                    total: tuple[Figure, int] | None = (before[-1], start)
                elif previous is not None and previous[1] and not plain[: marker.start()].strip(" ,，"):
                    total = (previous[1][-1], previous[0])
                else:
                    total = None
                if total is not None and len(parts) >= 2:
                    yield _Listed(total[0], total[1], parts, start)
            elif found:
                summed = next((n for n, f in enumerate(found) if n >= 2 and _TOTAL_WORD.match(_words(f))), None)
                if summed is not None:
                    yield _Listed(found[summed], start, found[:summed], start)
                elif _TOTAL_WORD.match(_words(found[0])) and previous is not None and len(previous[1]) >= 2:
                    yield _Listed(found[0], start, previous[1], previous[0])
            previous = (start, found)
        offset += len(paragraph) + 1


def _blank(match: re.Match[str]) -> str:
    """A bracketed sub-breakdown ("（其中建筑工程3292万元）") blanked out, keeping every offset."""
    return " " * len(match.group())


def _compare(total: Decimal, parts: list[Decimal]) -> Comparison:
    """Total against the sum of its parts, each allowed the rounding of the places written; where any figure
    is written with decimals, one written whole ("30万元" beside "29.99万元") is taken as exact."""
    exact_whole = any(places(value) > 0 for value in (total, *parts))
    tolerance = sum(
        (half_unit(value) for value in (total, *parts) if not (exact_whole and places(value) == 0)), Decimal(0)
    )
    return Comparison(total, sum(parts, Decimal(0)), tolerance)


@rule("stated-parts-sum", "arithmetic", "error", "文中所列各项之和与所写合计不符")
def check_stated_parts_sum(ev: Evaluation, look: Look) -> CheckResult:
    """项目报告在一句话里写出一个总数和它的组成（“下达资金2263万元。其中：中小河流治理工程1435万元，……”，
    “总预算2455.5万元，其中部门预算项目支出87.5万元，专项预算支出2350万元”），或先列各项再写“共计/合计”，
    各项之和应等于总数。括号里的再分项不计入。

    容差按写出的位数：所列各项中有写到小数的，写成整数的金额按准确数计（“30万元”就是 30.00 万元）。
    一句话被截断、没有写完的不核对。只看项目支出自评报告。"""
    if ev.kind != PROJECT:
        return look.result()
    doc = report_text(look)
    for listed in _listings(doc.text):
        comparison = _compare(listed.total.amount, [p.amount for p in listed.parts])
        terms = " + ".join(_said(p) for p in listed.parts)
        evidence: dict[str, Any] = {
            "stated": listed.total.amount,
            "computed": comparison.computed,
            "difference": comparison.difference,
            "tolerance": comparison.tolerance,
            "parts": len(listed.parts),
        }
        told = f"“{_words(listed.total)}”{wan(listed.total.amount)}，所列各项之和 {wan(comparison.computed)}（{terms}）"
        place = doc.place(listed.at)
        if comparison.verdict == "equal":
            look.passed()
        elif comparison.verdict == "rounding":
            look.info(f"{told}，相差在四舍五入容差 {wan(comparison.tolerance)} 以内。", evidence=evidence, **place)
        else:
            look.fail(
                f"{told}：合计比各项之和{gap(comparison.difference)}，超出四舍五入容差 {wan(comparison.tolerance)}。"
                "请核对合计或各项金额，或补上未列出的项目。",
                evidence=evidence,
                **place,
            )
    return look.result()


def _words(figure: Figure) -> str:
    """What a figure is, in the report's words, at most 16 characters: "下达**河县2023年中央水利发展资金"."""
    label = re.sub(r"\s+", "", figure.label).strip(",，:：;；、")
    return label[-16:] if label else "金额"


def _said(figure: Figure) -> str:
    """A figure as the report states it, for a message: "中小河流治理工程 1435万元"."""
    return f"{_words(figure)} {wan(figure.amount)}"


# an allocation document: its issuer's abbreviation, year and number ("呼财农指【2023】41号")
_DOCUMENT = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{1,8})[〔【\[(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕】\])）]\s*(?P<no>\d{1,4})\s*号")


@rule("document-amount-differs", "cross_check", "warning", "同一文件下达的金额两处写法不一")
def check_document_amount_differs(ev: Evaluation, look: Look) -> CheckResult:
    """项目报告按文件列出下达的资金（“某财农指〔2023〕41号……下达资金5万元”）。同一文号在两处所跟的金额不同，
    两处至少有一处写错了文号或金额。取文号之后同一句中的第一个金额比较；只看项目支出自评报告。"""
    if ev.kind != PROJECT:
        return look.result()
    doc = report_text(look)
    text = doc.text
    first: dict[tuple[str, str, str], tuple[Figure, int]] = {}
    for match in _DOCUMENT.finditer(text):
        end = text.find("。", match.end())
        found = figures(text[match.end() : end if end >= 0 else len(text)])
        if not found:
            continue
        # the issuer's abbreviation ends in its last two characters (呼财农指, 青财教): the words before it vary
        key = (match["issuer"][-2:], match["year"], match["no"])
        number = f"{match['issuer'][-2:]}〔{match['year']}〕{match['no']}号"
        if key not in first:
            first[key] = (found[0], match.start())
            continue
        before, at = first[key]
        amount = found[0].amount
        if amount == before.amount:
            look.passed()
            continue
        line = doc.place(at)["line"]
        earlier = f"第 {line} 行" if line is not None else "前文"
        look.fail(
            f"文件{number}下达的金额两处不同：{earlier}为 {wan(before.amount)}，此处为 {wan(amount)}，"
            f"后者比前者{gap(amount - before.amount)}。请核对文号或金额。",
            evidence={"document": number, "first": before.amount, "again": amount, "difference": amount - before.amount},
            **doc.place(match.start()),
        )
    return look.result()
