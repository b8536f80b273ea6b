"""How amounts are written: converted from 元 or 亿元, units mixed inside one statement, precision finer than
分, figures that could not be read, and amounts that cannot be negative.

The model holds money in 万元; the importer converts 元 and 亿元 exactly and remembers the unit written
(`sources[path].original_unit`), and keeps each figure it could not read with confidence in
`Evaluation.unread` instead of guessing. The text rules scan the joined report text once per pattern and
only do Python work on hits: most reports write every amount in 万元.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from operator import attrgetter

from pydantic import BaseModel

from jixiao.checks.labels import label, wan
from jixiao.checks.registry import Look, place_of, rule
from jixiao.checks.relations import value
from jixiao.checks.text import report_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation
from jixiao.io.numerals import AMOUNT, UNIT_NAMES

_SHIFT_BACK = {"元": 4, "亿元": -4, "千元": 1, "亿": -4}
_ORIGINAL_UNIT = attrgetter("original_unit")


@rule("amount-unit-converted", "unit", "info", "金额原以元或亿元写出，已换算为万元")
def check_amount_unit_converted(ev: Evaluation, look: Look) -> CheckResult:
    """报告的金额统一以万元核对。原文以“元”或“亿元”写出的金额在导入时按小数点移位换算为万元，不增减任何数字。

    此处逐项提示换算后的数值，便于与原文对照；换算本身不是错误。"""
    sources = ev.sources
    if not any(map(_ORIGINAL_UNIT, sources.values())):  # in C: most reports write every amount in 万元
        return look.result()
    for path, source in sources.items():
        unit = source.original_unit
        if not unit:
            continue
        amount = value(ev, path)
        if not isinstance(amount, Decimal):
            continue
        written = amount.scaleb(_SHIFT_BACK[unit]) if unit in _SHIFT_BACK else None
        if written is not None and _SHIFT_BACK[unit] < 0:
            # 1.2亿元 was stored as 12000 万元: its written decimals are not known, show it without trailing zeros
            written = written.normalize()
            written = written.quantize(Decimal(1)) if written == written.to_integral_value() else written
        as_written = f"{format(written, 'f')}{unit}" if written is not None else f"以“{unit}”写出"
        look.info(
            f"{label(path)}原文为 {as_written}，已按小数点移位换算为 {wan(amount)}，核对均按万元进行。",
            at=path,
            evidence={
                "original_unit": unit,
                "written": written,
                "converted": amount,
                "converted_unit": "万元",
            },
        )
    return look.result()


# a plain 元 amount (万元 and 亿元 have a character between the digits and 元); 元 first keeps the scan fast
_YUAN = re.compile(r"元(?:(?<=\d元)|(?<=\d 元))")
_PER_UNIT_AFTER = ("/", "／", "每")
_PER_UNIT_BEFORE = re.compile(r"每|标准|单价|均价|人均|户均|亩均")
_BOUNDARY = "。;；\n"


def _sentence_span(text: str, offset: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, offset) for c in _BOUNDARY) + 1
    ends = [e for e in (text.find(c, offset) for c in _BOUNDARY) if e >= 0]
    return start, min(ends) if ends else len(text)


@rule("mixed-units-in-statement", "unit", "warning", "同一句中金额单位混用")
def check_mixed_units_in_statement(ev: Evaluation, look: Look) -> CheckResult:
    """同一句话里有的金额以“元”、有的以“万元”（或“亿元”）写出，读者相加或比较时容易按同一单位计算而出错。

    单价、标准（“每人每月200元”“500元/亩”）与总额并列是常见写法，不算混用。"""
    doc = report_text(look)
    text = doc.text
    first = _YUAN.search(text) if "元" in text else None  # `finditer` costs more to start than this scan
    if not first:
        return look.result()
    checked = -1  # the end of the last sentence looked at: several 元 amounts share one sentence
    for hit in _YUAN.finditer(text, first.start()):
        if hit.start() < checked:
            continue
        start, end = _sentence_span(text, hit.start())
        checked = end
        amounts: list[tuple[str, str]] = []
        for match in AMOUNT.finditer(text, start, end):
            if match["unit"] in UNIT_NAMES:  # a bare 万 or 亿 may count people as well as money
                continue
            before = max(start, match.start() - 6)
            if text.startswith(_PER_UNIT_AFTER, match.end()) or _PER_UNIT_BEFORE.search(
                text, before, match.start()
            ):
                continue
            amounts.append((match["num"], match["unit"]))
        units = {unit for _, unit in amounts}
        if "元" not in units or len(units) == 1:
            look.passed()
            continue
        listed = "、".join(f"{number}{unit}" for number, unit in amounts)
        look.fail(
            f"同一句中金额单位不统一：{listed}。以“元”和“{'、'.join(sorted(units - {'元'}))}”混写的金额容易被误加，"
            f"请统一为万元（或注明换算）。",
            evidence={
                "yuan": "、".join(n for n, u in amounts if u == "元"),
                "wanyuan": "、".join(n for n, u in amounts if u == "万元"),
                "yiyuan": "、".join(n for n, u in amounts if u == "亿元"),
            },
            **doc.place(start),
        )
    return look.result()


# finer than one 分 (0.01 元): 元 with 3+ decimals, 万元 with 7+, 亿元 with 11+
# finer than one 分 (0.01 元): 元 with 3+ decimals, 万元 with 7+, 亿元 with 11+; "." first keeps the scan fast
_DECIMALS = re.compile(r"\.(\d{3,})\s*(亿元|万元|元)")
_FEN_PLACES = {"元": 2, "万元": 6, "亿元": 10}
_INTEGER_PART = re.compile(r"\d[\d,]*$")


@rule("amount-finer-than-fen", "unit", "warning", "金额精度细于分")
def check_amount_finer_than_fen(ev: Evaluation, look: Look) -> CheckResult:
    """金额最小单位是分（0.01元），即万元的小数点后第6位。写到更细的位数（元的第3位小数、万元的第7位小数）
    多是单位写错（把元数标成万元）或计算结果未取整，应核对。

    万元写到6位小数（精确到分）是正确的写法，不提示。单价（“0.52元/度”）不算。"""
    doc = report_text(look)
    text = doc.text
    # a search first: `finditer` costs more to start than this scan, which most reports end with
    first = _DECIMALS.search(text) if "元" in text and "." in text else None
    for match in _DECIMALS.finditer(text, first.start()) if first else ():
        if len(match[1]) <= _FEN_PLACES[match[2]] or text.startswith(_PER_UNIT_AFTER, match.end()):
            continue
        integer = _INTEGER_PART.search(text, max(0, match.start() - 20), match.start())
        if not integer:
            continue
        written = text[integer.start() : match.end()]
        look.fail(
            f"金额“{written}”写到小数点后 {len(match[1])} 位，细于1分（元最多2位小数，万元最多6位），请核对金额单位或取整。",
            evidence={"written": written, "decimals": len(match[1])},
            **doc.place(integer.start()),
        )
    if not look.findings and text and not text.isspace():  # as text.strip(), without copying the report
        look.passed()
    return look.result()


@rule("figure-unread", "unit", "warning", "有数字未予读取")
def check_figure_unread(ev: Evaluation, look: Look) -> CheckResult:
    """金额或百分比的写法有歧义时（逗号不在千分位上如“1,30.5万元”，数字中间夹着空格如“23 9.67万元”，
    写成区间如“200-300万元”），jixiao 无法确定它的数值，因此不读取、不猜测，而在此列出原文和原因；
    数值超出可处理范围的数字，以及自评表中损坏的 jixiao 记录，也在此列出。依赖这些数字的核对按缺少该数处理。
    请改为规范写法（如“1305.50万元”或“1,305.50万元”）或核对原文后重新导入。"""
    for n, unread in enumerate(ev.unread):
        what = f"“{unread.text}”未能读取：" if unread.text else ""
        advice = "请改为规范写法（如 1305.50万元）后重新导入。" if unread.text and unread.field is None else ""
        look.fail(
            f"{what}{unread.reason}。{advice}",
            at=f"unread[{n}]",
            evidence={"written": unread.text, "field": unread.field, "reason": unread.reason},
            **place_of(unread.source),
        )
    if not ev.unread:
        look.passed()
    return look.result()


# amounts that may be below zero: a balance carried over or forward; shares and rates are no amounts
_MAY_BE_NEGATIVE = frozenset({"carried_over", "carried_forward", "execution_rate"})


def _amounts(node: object, path: str) -> Iterator[tuple[str, Decimal, object]]:
    """Every money amount under a part of the evaluation: its path, its value and the model that holds it."""
    if isinstance(node, list):
        for n, item in enumerate(node):
            yield from _amounts(item, f"{path}[{n}]")
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, Decimal):
                if not name.endswith("share") and name not in _MAY_BE_NEGATIVE:
                    yield f"{path}.{name}", value, node
            elif isinstance(value, BaseModel | list):
                yield from _amounts(value, f"{path}.{name}")


def _amount_name(path: str, holder: object) -> str:
    """'budget.projects[1].spent' of a project named 网络安全 → 项目“网络安全”的支出."""
    if "[" not in path:
        return label(path)
    head, _, field = path.rpartition(".")
    name = getattr(holder, "name", None)
    what = {"budget": "预算", "spent": "支出", "amount": "金额"}.get(field, field)
    return f"{label(head)}“{name}”的{what}" if name else f"{label(head)}的{what}"


@rule("negative-amount", "unit", "error", "收入、支出、预算或合计为负数")
def check_negative_amount(ev: Evaluation, look: Look) -> CheckResult:
    """收入、支出、预算数、执行数及其各项，资产和“三公”经费，都不会小于零。读到负数，多是原文在金额前写了
    减号（“为-239.67万元”“−239.67万元”），或把减少额写成了金额。结转结余可以为负，不在此列。"""
    for root in ("budget", "assets", "three_public"):
        for path, amount, holder in _amounts(getattr(ev, root), root):
            if amount >= 0:
                look.passed()
                continue
            look.fail(
                f"{_amount_name(path, holder)}为 {wan(amount)}，是负数；收入、支出、预算和执行数不会小于零。"
                "请核对原文金额前的减号或破折号。",
                at=path,
                evidence={"value": amount},
            )
    return look.result()
