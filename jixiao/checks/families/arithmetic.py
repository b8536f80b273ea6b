"""Arithmetic: totals against their parts, stated shares and rates recomputed, a count times its unit price.

Only parts stated beside a total are summed: a report that lists 财政拨款 alone under 收入合计 is compared
with that one part, and a missing part is never read as zero.
"""

from __future__ import annotations

import re
from decimal import Decimal
from operator import attrgetter
from typing import Any

from jixiao.checks.labels import label
from jixiao.checks.registry import Look, rule
from jixiao.checks.relations import ratio_relation, sum_relation
from jixiao.checks.text import report_text
from jixiao.checks.tolerance import half_unit
from jixiao.core.findings import CheckResult
from jixiao.core.model import ClassAmount, Evaluation, StaffCount

Parts = list[tuple[str, Decimal | None]]


def _fields(base: str, *names: str) -> tuple[tuple[str, str], ...]:
    """(path, field name) of each part under `base`, made once at import."""
    return tuple((f"{base}.{n}", n) for n in names)


def _parts(node: Any, fields: tuple[tuple[str, str], ...]) -> Parts:
    return [(path, getattr(node, name)) for path, name in fields]


_INCOME = _fields("budget.income", "fiscal", "business", "operating", "other")
_EXPENDITURE = _fields("budget.expenditure", "basic", "project", "operating")
_BASIC = _fields("budget.expenditure", "personnel", "public")
_FISCAL = _fields("budget.fiscal_expenditure", "basic", "project")


def _named(items: list[ClassAmount]) -> Parts:
    """Parts labelled by their own names ('通用设备'), so the message lists what was added."""
    return [(item.name, item.amount) for item in items]


@rule("income-total", "arithmetic", "error", "收入合计与各项收入之和不符")
def check_income_total(ev: Evaluation, look: Look) -> CheckResult:
    """收入合计应等于财政拨款收入、事业收入、经营收入、其他收入之和。

    没写出的来源不当作 0：合计大于所写各项之和时给出警告并指出未写出的来源；所写各项之和超过合计则是错误。
    相差在四舍五入容差以内时只作提示。"""
    income = ev.budget.income
    if income.total is not None:
        sum_relation(look, "budget.income.total", _parts(income, _INCOME))
    return look.result()


@rule("expenditure-total", "arithmetic", "error", "支出合计与基本、项目、经营支出之和不符")
def check_expenditure_total(ev: Evaluation, look: Look) -> CheckResult:
    """支出合计应等于基本支出、项目支出、经营支出之和。没写基本支出而写了人员经费和公用经费时，以两者之和
    作基本支出。经营支出未写出时按未说明处理，不当作 0。"""
    spending = ev.budget.expenditure
    if spending.total is None:
        return look.result()
    parts = _parts(spending, _EXPENDITURE)
    if spending.basic is None and spending.personnel is not None and spending.public is not None:
        parts[0] = ("人员经费+公用经费", spending.personnel + spending.public)
    sum_relation(look, "budget.expenditure.total", parts)
    return look.result()


@rule("basic-personnel-public", "arithmetic", "error", "基本支出与人员经费、公用经费之和不符")
def check_basic_personnel_public(ev: Evaluation, look: Look) -> CheckResult:
    """基本支出由人员经费和公用经费组成，两者都写出时，其和应等于基本支出。"""
    spending = ev.budget.expenditure
    if spending.basic is not None:
        sum_relation(look, "budget.expenditure.basic", _parts(spending, _BASIC), require_all=True)
    return look.result()


@rule("fiscal-total-parts", "arithmetic", "error", "财政拨款支出与其基本、项目支出之和不符")
def check_fiscal_total_parts(ev: Evaluation, look: Look) -> CheckResult:
    """财政拨款支出应等于其中的基本支出与项目支出之和。"""
    fiscal = ev.budget.fiscal_expenditure
    if fiscal.total is not None:
        sum_relation(look, "budget.fiscal_expenditure.total", _parts(fiscal, _FISCAL))
    return look.result()


@rule("fiscal-by-economic", "arithmetic", "error", "财政拨款支出与按经济分类各项之和不符")
def check_fiscal_by_economic(ev: Evaluation, look: Look) -> CheckResult:
    """按支出经济分类列出的各项（工资福利支出、商品和服务支出……）之和应等于财政拨款支出。"""
    _fiscal_classes(look, ev.budget.fiscal_expenditure.by_economic, "财政拨款支出（按经济分类）")
    return look.result()


@rule("fiscal-by-function", "arithmetic", "error", "财政拨款支出与按功能分类各项之和不符")
def check_fiscal_by_function(ev: Evaluation, look: Look) -> CheckResult:
    """按支出功能分类列出的各类（一般公共服务支出……）之和应等于财政拨款支出。"""
    _fiscal_classes(look, ev.budget.fiscal_expenditure.by_function, "财政拨款支出（按功能分类）")
    return look.result()


def _fiscal_classes(look: Look, items: list[ClassAmount], what: str) -> None:
    """财政拨款支出 against the classes listed of one classification (a list that may be given in part)."""
    if items:
        sum_relation(look, "budget.fiscal_expenditure.total", _named(items), what=what, open_list=True)


@rule("acquisitions-total", "arithmetic", "error", "本年配置资产与按类别配置之和不符")
def check_acquisitions_total(ev: Evaluation, look: Look) -> CheckResult:
    """本年配置的固定资产总额应等于按资产类别（通用设备、家具用具……）配置金额之和。"""
    if ev.assets.acquisitions:
        sum_relation(look, "assets.acquired", _named(ev.assets.acquisitions), open_list=True)
    return look.result()


@rule("staffing-by-kind", "arithmetic", "error", "人员总数与分类人数之和不符")
def check_staffing_by_kind(ev: Evaluation, look: Look) -> CheckResult:
    """编制数应等于各类编制（行政、事业、工勤……）之和；实有人数应等于各类实有人数之和。"""
    staffing = ev.staffing
    for path, total, items in (
        ("staffing.authorized_total", staffing.authorized_total, staffing.authorized_by_kind),
        ("staffing.actual_total", staffing.actual_total, staffing.actual_by_kind),
    ):
        if total is not None and items:
            _sum_people(look, path, total, items)
    return look.result()


def _sum_people(look: Look, total_path: str, total: int, items: list[StaffCount]) -> None:
    # people are counted, not rounded: compare as exact integers
    computed = sum(item.count for item in items)
    if total == computed:
        look.passed()
        return
    terms = " + ".join(f"{item.kind} {item.count}人" for item in items)
    difference = total - computed
    look.fail(
        f"{label(total_path)} {total}人 与分类人数之和 {computed}人 不符（{terms}）："
        f"总数比分类之和{'多' if difference > 0 else '少'} {abs(difference)}人。",
        at=total_path,
        evidence={"stated": total, "computed": computed, "difference": difference},
    )


# (the object, its whole, the parts whose `<part>_share` is a stated share of that whole)
_SHARE_SPECS: list[tuple[str, str, tuple[str, ...]]] = [
    ("budget.income", "total", ("fiscal", "business", "operating", "other")),
    ("budget.expenditure", "total", ("basic", "project", "operating")),
    ("budget.fiscal_expenditure", "total", ("basic", "project")),
    ("assets", "fixed_book", ("self_used", "in_use")),
]
# the same, resolved once: (getter of the object, whole's path and field, per part: share field, its path,
# the part's path and field)
_SHARES = [
    (
        attrgetter(base),
        f"{base}.{whole}",
        whole,
        tuple((f"{part}_share", f"{base}.{part}_share", f"{base}.{part}", part) for part in parts),
    )
    for base, whole, parts in _SHARE_SPECS
]
# (a list of items each with its own share, the path of that list, the whole they are shares of)
_LISTED_SHARES = [
    (attrgetter(path), path, attrgetter(whole), whole)
    for path, whole in (
        ("budget.fiscal_expenditure.by_function", "budget.fiscal_expenditure.total"),
        ("budget.fiscal_expenditure.by_economic", "budget.fiscal_expenditure.total"),
        ("assets.acquisitions", "assets.acquired"),
    )
]


@rule("share", "arithmetic", "error", "所写占比与金额之比不符")
def check_share(ev: Evaluation, look: Look) -> CheckResult:
    """每个“占 x%”都按 部分 ÷ 整体 × 100 重新计算：收入来源占收入合计，基本/项目/经营支出占支出合计，
    功能分类、经济分类各项占财政拨款支出，配置资产各类别占本年配置总额，在用、自用资产占账面固定资产总额。

    容差由所写位数决定：金额和百分比的四舍五入能解释的差异只作提示。整体未写出时无法复核。"""
    for node_of, whole_path, whole_name, parts in _SHARES:
        node = node_of(ev)
        for share_name, share_path, part_path, part_name in parts:
            share = getattr(node, share_name)
            if share is not None:
                whole = (whole_path, getattr(node, whole_name))
                ratio_relation(look, share_path, (part_path, getattr(node, part_name)), whole, stated=share)
    for items_of, path, whole_of, whole_path in _LISTED_SHARES:
        for i, item in enumerate(items_of(ev)):
            if item.share is not None:
                ratio_relation(
                    look,
                    f"{path}[{i}].share",
                    (item.name, item.amount),
                    (whole_path, whole_of(ev)),
                    what=f"{item.name}占比",
                    stated=item.share,
                )
    return look.result()


_CONTROL_RATE = ("财政供养人员控制率", "人员控制率", "编制控制率")


@rule("staff-control-rate", "arithmetic", "error", "财政供养人员控制率与人数之比不符")
def check_staff_control_rate(ev: Evaluation, look: Look) -> CheckResult:
    """财政供养人员控制率 = 财政供养（实有）人数 ÷ 核定编制数 × 100%，按报告所写人数重新计算。"""
    people = ev.staffing.funded if ev.staffing.funded is not None else ev.staffing.actual_total
    people_path = "staffing.funded" if ev.staffing.funded is not None else "staffing.actual_total"
    for i, indicator in enumerate(ev.performance.indicators):
        if (
            not indicator.name.endswith(_CONTROL_RATE)
            or indicator.actual is None
            or indicator.actual.value is None
        ):
            continue
        if indicator.actual.unit != "%":
            continue
        ratio_relation(
            look,
            f"performance.indicators[{i}].actual",
            (people_path, _decimal(people)),
            ("staffing.authorized_total", _decimal(ev.staffing.authorized_total)),
            what=indicator.name,
            unit="人",
            stated=indicator.actual.value,
        )
    return look.result()


def _decimal(n: int | None) -> Decimal | None:
    return None if n is None else Decimal(n)


# "采购电脑10台，单价0.50万元，合计5.00万元", "培训200人次，人均费用500元，共计10万元": a count, the price of
# one, and the total, in one sentence. The scan starts at the price's word (a literal), the count is looked
# for just before it and the total just after; a price per the count's own measure word ("10台…每台") or
# per head (人均), never a rate per person per month ("每人每月200元"), which no count multiplies alone.
# A school's 生均 (per pupil) counts its pupils: "在校学生612人，生均公用经费标准800元，合计48.96万元".
_MEASURES = "个台套件人次名户亩辆场期批本份册项座处所生"
_PRICE = re.compile(
    rf"(?:单价|人均|户均|亩均|生均|每(?P<per>[{_MEASURES}]{{1,2}}))(?:[\u4e00-\u9fff]{{0,4}}?(?:费用|金额|标准|补助|成本|经费))?为?"
    r"(?P<price>\d+(?:\.\d+)?)(?P<unit>万元|元)"
)
_COUNT = re.compile(rf"(?P<n>\d+)(?P<measure>[{_MEASURES}]{{1,2}})(?!\d)")
_TOTAL = re.compile(r"(?:共计|合计|总计|总额|总金额|共)为?(?P<total>\d+(?:\.\d+)?)(?P<unit>亿元|万元|元)")
_TO_YUAN = {"元": 0, "万元": 4, "亿元": 8}
_HEAD_OF = {"人均": ("人", "人次", "名"), "户均": ("户",), "亩均": ("亩",), "生均": ("人", "名", "生")}
# a price per head counts any word for heads: "每人" beside "30名", "每生" beside "612人"
_SAME_HEAD = {"人": ("人", "名", "人次"), "名": ("人", "名", "人次"), "生": ("人", "名", "生")}
_SENTENCE_BREAK = re.compile(r"[。;\n]")


def _yuan(amount: str, unit: str) -> tuple[Decimal, Decimal]:
    """An amount as written, in 元, with half its last written digit (the rounding it may hide)."""
    written = Decimal(amount)
    return written.scaleb(_TO_YUAN[unit]), half_unit(written).scaleb(_TO_YUAN[unit])


def _written_like(value: Decimal, written: str) -> str:
    """`value` at the places `written` has ("5.00" beside "6.00"), or in full where those would round it."""
    at = value.quantize(Decimal(written))
    return format(at if at == value else value.normalize(), "f")


@rule("unit-price-times-count", "arithmetic", "error", "数量乘单价与所写合计不符")
def check_unit_price_times_count(ev: Evaluation, look: Look) -> CheckResult:
    """同一句话写出了数量、单价（或人均、生均、每台……的金额）和合计时，数量 × 单价应等于合计
    （“采购电脑10台，单价0.50万元，合计5.00万元”；项目支出中常见的“在校学生612人，生均公用经费800元，合计
    48.96万元”“资助学生30名，每人补助500元，共计1.50万元”）。单价和合计的四舍五入能解释的差异只作提示。
    “每人每月200元”这类按人按月的标准不是单价，不核对。"""
    doc = report_text(look)
    text = doc.text
    if "单价" not in text and "均" not in text and "每" not in text:
        return look.result()
    for price in _PRICE.finditer(text):
        start = max(price.start() - 30, 0)
        breaks = list(_SENTENCE_BREAK.finditer(text, start, price.start()))
        start = breaks[-1].end() if breaks else start
        counts = list(_COUNT.finditer(text, start, price.start()))
        stop = _SENTENCE_BREAK.search(text, price.end())
        total = _TOTAL.search(text, price.end(), min(stop.start() if stop else len(text), price.end() + 30))
        if not counts or total is None:
            continue
        count = counts[-1]
        word = price[0][:2]
        if price["per"] is not None and count["measure"] not in _SAME_HEAD.get(price["per"], (price["per"],)):
            continue  # "10台…每人": not the price of what was counted
        if word in _HEAD_OF and count["measure"] not in _HEAD_OF[word]:
            continue
        n = int(count["n"])
        (each, each_half), (whole, whole_half) = _yuan(price["price"], price["unit"]), _yuan(total["total"], total["unit"])
        computed = n * each
        tolerance = n * each_half + whole_half  # the count is exact
        if computed == whole:
            look.passed()
            continue
        difference = whole - computed
        shown = _written_like(computed.scaleb(-_TO_YUAN[total["unit"]]), total["total"])
        stated = f"{total['total']}{total['unit']}"
        evidence = {"count": n, "price": price["price"], "total": total["total"], "computed": shown}
        formula = f"{n}{count['measure']} × {price['price']}{price['unit']} = {shown}{total['unit']}"
        place = doc.place(price.start())
        if abs(difference) <= tolerance:
            look.info(f"{formula}，所写合计 {stated}，相差在四舍五入容差以内。", evidence=evidence, **place)
            continue
        gap_shown = _written_like(abs(difference).scaleb(-_TO_YUAN[total["unit"]]), total["total"])
        look.fail(
            f"数量乘单价与合计不符：{formula}，所写合计为 {stated}，"
            f"合计比乘积{'多' if difference > 0 else '少'} {gap_shown}{total['unit']}。请核对数量、单价或合计。",
            evidence=evidence,
            **place,
        )
    return look.result()
