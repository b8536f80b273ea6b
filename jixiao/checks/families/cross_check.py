"""Cross-checks: sections that must agree, and the same quantity stated twice with two values.

These relations hold in a 决算 but a report may leave a term out (another asset class, a carry-over it
does not mention), so a mismatch where a term may be missing is a warning that names the missing term;
it is an error only when every term was stated.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from jixiao.checks.labels import gap, label, wan
from jixiao.checks.registry import Look, rule
from jixiao.checks.relations import value
from jixiao.checks.tolerance import Comparison, compare_equal, compare_sum
from jixiao.core.findings import CheckResult
from jixiao.core.model import PROJECT, Evaluation, Restatement

_CAPITAL = "资本性支出"


@rule("capital-vs-acquired", "cross_check", "warning", "资本性支出与本年配置资产不一致")
def check_capital_vs_acquired(ev: Evaluation, look: Look) -> CheckResult:
    """财政拨款支出中的资本性支出（经济分类 310、309 及“其他资本性支出”）通常就是本年购置、配置的资产，
    两处金额应一致；不一致时请说明差额（如基建工程、无形资产）。"""
    capital = [
        (i, item) for i, item in enumerate(ev.budget.fiscal_expenditure.by_economic) if _CAPITAL in item.name
    ]
    acquired = ev.assets.acquired
    if not capital or acquired is None or any(item.amount is None for _, item in capital):
        return look.result()
    spent = sum((item.amount for _, item in capital if item.amount is not None), Decimal(0))
    if spent == acquired:  # the common case: settled before any words are made
        look.passed()
        return look.result()
    comparison = compare_equal(spent, acquired)
    names = "、".join(item.name for _, item in capital)
    evidence = {"capital": spent, "acquired": acquired, "difference": comparison.difference}
    at = f"budget.fiscal_expenditure.by_economic[{capital[0][0]}]"
    if comparison.verdict == "equal":
        look.passed()
    elif comparison.verdict == "rounding":
        look.info(f"{names} {wan(spent)} 与本年配置资产 {wan(acquired)} 相差在四舍五入容差以内。", at=at, evidence=evidence)
    else:
        look.fail(
            f"{names} {wan(spent)} 与本年配置资产 {wan(acquired)} 不一致：资本性支出比配置资产"
            f"{gap(comparison.difference)}（容差 {format(comparison.tolerance, 'f')}万元）。请核对或说明差额。",
            at=at,
            evidence=evidence,
        )
    return look.result()


@rule("income-vs-expenditure", "cross_check", "error", "收入、支出与结转结余不平衡")
def check_income_vs_expenditure(ev: Evaluation, look: Look) -> CheckResult:
    """收入合计 + 上年结转 = 支出合计 + 年末结转结余。四项都写出而不平衡是错误；
    支出超过收入却没有说明上年结转（或收入超过支出却没有说明结余）时给出警告，指出缺的是哪一项。"""
    income = ev.budget.income
    spending = ev.budget.expenditure
    if income.total is None or spending.total is None:
        return look.result()
    carried_over, carried_forward = income.carried_over, spending.carried_forward
    inflow = income.total + (carried_over or 0)
    outflow = spending.total + (carried_forward or 0)
    if inflow == outflow:  # the common case: settled before any words are made
        look.passed()
        return look.result()
    comparison = compare_sum(inflow, [outflow])
    evidence = {
        "income": income.total,
        "carried_over": carried_over,
        "expenditure": spending.total,
        "carried_forward": carried_forward,
        "difference": comparison.difference,
        "tolerance": comparison.tolerance,
    }
    sides = (
        f"收入合计 {wan(income.total)}" + (f" + 上年结转 {wan(carried_over)}" if carried_over is not None else "")
        + f"，支出合计 {wan(spending.total)}"
        + (f" + 结余结转 {wan(carried_forward)}" if carried_forward is not None else "")
    )
    if comparison.verdict == "equal":
        look.passed()
        return look.result()
    if comparison.verdict == "rounding":
        look.info(f"{sides}，相差在四舍五入容差以内。", at="budget.expenditure.total", evidence=evidence)
        return look.result()
    short = comparison.difference < 0  # more went out than came in
    missing = carried_over is None if short else carried_forward is None
    text = f"{sides}：收入方比支出方{gap(comparison.difference)}（容差 {format(comparison.tolerance, 'f')}万元）"
    if missing:
        term = "上年结转结余" if short else "年末结转结余"
        look.fail(
            f"{text}，报告未说明{term}，收支无法平衡。请补充{term}或核对收支数。",
            at="budget.expenditure.total",
            evidence=evidence,
            severity="warning",
        )
    else:
        look.fail(f"{text}，收支不平衡。", at="budget.expenditure.total", evidence=evidence)
    return look.result()


_ASSET_CLASSES = (("assets.current", "current"), ("assets.fixed_net", "fixed_net"))


@rule("assets-total", "cross_check", "warning", "资产总额与各类资产之和不一致")
def check_assets_total(ev: Evaluation, look: Look) -> CheckResult:
    """资产总额 = 流动资产 + 固定资产净值 + 其他各类资产（在建工程、无形资产、对外投资……）。
    报告只列出流动资产和固定资产时，差额可能来自未列出的类别，因此给出警告并写明缺少什么；
    各类之和超过总额则不可能正确。"""
    assets = ev.assets
    total = assets.total
    if total is None:
        return look.result()
    stated = [(path, getattr(assets, name)) for path, name in _ASSET_CLASSES if getattr(assets, name) is not None]
    if not stated:
        return look.result()
    if total == sum((v for _, v in stated), Decimal(0)):  # the common case: settled before any words are made
        look.passed()
        return look.result()
    comparison = compare_sum(total, [v for _, v in stated])
    terms = " + ".join(f"{label(p)} {wan(v)}" for p, v in stated)
    evidence = {"total": total, "computed": comparison.computed, "difference": comparison.difference}
    evidence.update({label(p): v for p, v in stated})
    if comparison.verdict == "equal":
        look.passed()
    elif comparison.verdict == "rounding":
        look.info(f"资产总额 {wan(total)} 与 {terms} 相差在四舍五入容差以内。", at="assets.total", evidence=evidence)
    elif comparison.difference > 0:
        look.fail(
            f"资产总额 {wan(total)}，而 {terms} = {wan(comparison.computed)}，总额{gap(comparison.difference)}。"
            f"差额 {wan(comparison.difference)} 应是未列出的其他资产（如在建工程、无形资产、对外投资），"
            "报告没有说明；请列出其他资产类别或核对总额。",
            at="assets.total",
            evidence=evidence,
        )
    else:
        look.fail(
            f"资产总额 {wan(total)} 小于 {terms} = {wan(comparison.computed)}，"
            f"总额{gap(comparison.difference)}：各类资产之和不能超过总额。",
            at="assets.total",
            evidence=evidence,
            severity="error",
        )
    return look.result()


@rule("projects-vs-project-spending", "cross_check", "warning", "所列项目支出之和与项目支出总额不一致")
def check_projects_vs_project_spending(ev: Evaluation, look: Look) -> CheckResult:
    """报告逐个列出项目且个数与所称项目数相符时，各项目实际支出之和应等于项目支出总额。没有写明项目个数时，
    所列的可能只是部分项目：各项目实际支出之和超过项目支出总额才不可能正确，这时给出警告。"""
    projects = ev.budget.projects
    total = ev.budget.expenditure.project
    if not projects or total is None or ev.budget.projects_stated not in (None, len(projects)):
        return look.result()
    if any(p.spent is None for p in projects):
        look.insufficient()
        return look.result()
    comparison = compare_sum(total, [p.spent for p in projects if p.spent is not None])
    evidence = {"stated": total, "computed": comparison.computed, "difference": comparison.difference}
    if ev.budget.projects_stated is None and comparison.verdict == "mismatch" and comparison.difference > 0:
        look.insufficient()  # perhaps some of the projects: only a sum above the total says something
        return look.result()
    if comparison.verdict == "mismatch":
        look.fail(
            f"项目支出 {wan(total)}，所列 {len(projects)} 个项目实际支出之和 {wan(comparison.computed)}，"
            f"项目支出总额比各项目之和{gap(comparison.difference)}（容差 {format(comparison.tolerance, 'f')}万元）。",
            at="budget.expenditure.project",
            evidence=evidence,
        )
    else:
        look.passed()
    return look.result()


@rule("figure-stated-twice", "cross_check", "error", "同一项数字两处写法不一")
def check_figure_stated_twice(ev: Evaluation, look: Look) -> CheckResult:
    """同一项数字在报告中以同样的称谓写了两次（如两处都写“收入合计”），数值却不同：两处必有一处有误。
    导入时以第一次写出的为准；这里把两处都指出来，不判断哪一处对。两处相差在各自写法的四舍五入容差以内
    （“239.67”与“239.7”）只作提示。"""
    for again, stated in _restatements(ev, same_words=True):
        _compare_restated(
            look,
            again,
            stated,
            f"“{again.label}”{stated.before}写为 {stated.first_shown}，{stated.shown}写为 {stated.again_shown}",
            f"“{again.label}”写了两次，数值不同：{stated.before}为 {stated.first_shown}，{stated.shown}为 "
            f"{stated.again_shown}，前者比后者{gap(stated.comparison.difference, stated.unit)}。两处应是同一个数，"
            "请核对哪一处有误。",
        )
    return look.result()


@rule("figure-stated-otherwise", "cross_check", "warning", "同一数量在两处以不同称谓写出，数值不一")
def check_figure_stated_otherwise(ev: Evaluation, look: Look) -> CheckResult:
    """同一个数量在报告中两处以不同的称谓写出，数值却不同：正文的“核定编制”与表格的“编制数”，正文的“实有人数”
    与表格的“在职人数”，项目资金部分的“项目总预算”与绩效部分的“全年预算数”，“全年执行数”与“实际支出”；
    部门报告中同一个项目在项目支出部分列出的预算、实际支出与绩效部分再写的数。表格中只有合计行是整个数量，
    其他行（“财政拨款”）是它的一部分，不拿来比较。两处称谓不同，也可能所指口径不同，所以作为警告，指出两处，
    请核对是同一个数写错了，还是口径不同需要写明。两处相差在写法的四舍五入容差以内只作提示。"""
    for again, stated in _restatements(ev, same_words=False):
        said = (
            f"{label(again.field)}在{stated.before}写作“{again.first_label}”{stated.first_shown}，"
            f"在{stated.shown}写作“{again.label}”{stated.again_shown}"
        )
        _compare_restated(
            look,
            again,
            stated,
            said,
            f"{said}，前者比后者{gap(stated.comparison.difference, stated.unit)}。两处说的应是同一个数，"
            "请核对哪一处有误；若两处口径不同，请写明。",
        )
    return look.result()


class _Stated(NamedTuple):
    """A figure's first statement and its restatement, compared and worded for a message."""

    first: Decimal
    comparison: Comparison
    unit: str  # 人 or 万元
    before: str  # where the first statement stands: "第 5 行"
    shown: str  # where the restatement stands
    first_shown: str  # "100.00万元"
    again_shown: str


def _restatements(ev: Evaluation, *, same_words: bool) -> Iterator[tuple[Restatement, _Stated]]:
    """The figures stated again under the same words (or under other words), each with its first statement."""
    for again in ev.restated:
        if (again.first_label is None) != same_words:
            continue
        first = value(ev, again.field)
        if first is None:
            continue
        first = Decimal(first)
        unit = "人" if again.field.startswith("staffing.") else "万元"
        where = ev.sources.get(again.field)
        yield again, _Stated(
            first,
            compare_equal(first, again.value),
            unit,
            f"第 {where.line} 行" if where is not None and where.line is not None else "前文",
            f"第 {again.source.line} 行" if again.source.line is not None else "此处",
            f"{format(first, 'f')}{unit}",
            f"{format(again.value, 'f')}{unit}",
        )


def _compare_restated(look: Look, again: Restatement, stated: _Stated, rounding: str, failure: str) -> None:
    """Pass, note a rounding-only difference (never for people, who are counted), or fail with `failure`."""
    comparison = stated.comparison
    evidence: dict[str, Any] = {
        "first": stated.first,
        "again": again.value,
        "difference": comparison.difference,
        "label": again.label,
    }
    if again.first_label is not None:
        evidence["first_label"] = again.first_label
    place = {"line": again.source.line, "section": again.source.section, "text": again.source.text}
    if comparison.verdict == "equal":
        look.passed()
    elif comparison.verdict == "rounding" and stated.unit != "人":
        look.info(f"{rounding}，相差在四舍五入容差以内。", at=again.field, evidence=evidence, **place)
    else:
        look.fail(failure, at=again.field, evidence=evidence, **place)


@rule("staff-above-establishment", "cross_check", "warning", "实有人数超过核定编制")
def check_staff_above_establishment(ev: Evaluation, look: Look) -> CheckResult:
    """实有（在编、在职）人数不应超过核定编制数。超过时给出警告并写明两个数：可能是超编，也可能实有人数中
    含编外聘用、借调人员，或两个数口径不同；请核对并在报告中说明。"""
    staffing = ev.staffing
    authorized, actual = staffing.authorized_total, staffing.actual_total
    if authorized is None or actual is None:
        return look.result()
    if actual <= authorized:
        look.passed()
        return look.result()
    look.fail(
        f"实有人数 {actual}人 超过核定编制 {authorized}人，多 {actual - authorized}人："
        "请核对是否超编，或说明实有人数中含编外、借调人员等口径差异。",
        at="staffing.actual_total",
        evidence={"authorized": authorized, "actual": actual, "excess": actual - authorized},
    )
    return look.result()


@rule("executed-vs-expenditure", "cross_check", "warning", "全年执行数与支出合计不一致")
def check_executed_vs_expenditure(ev: Evaluation, look: Look) -> CheckResult:
    """部门整体支出的全年执行数就是本年的支出（决算）数，应与支出合计（自评表的“按支出性质分”）一致。
    不一致时给出警告，写明两个数与差额：可能是某处写错，也可能执行数只计了财政拨款，请写明口径。"""
    executed, spent = ev.budget.executed, ev.budget.expenditure.total
    if ev.kind == PROJECT or executed is None or spent is None:
        return look.result()
    comparison = compare_equal(executed, spent)
    evidence = {"executed": executed, "expenditure": spent, "difference": comparison.difference}
    if comparison.verdict == "equal":
        look.passed()
    elif comparison.verdict == "rounding":
        look.info(f"全年执行数 {wan(executed)} 与支出合计 {wan(spent)} 相差在四舍五入容差以内。", at="budget.executed", evidence=evidence)
    else:
        look.fail(
            f"全年执行数 {wan(executed)}，支出合计 {wan(spent)}：执行数比支出{gap(comparison.difference)}。"
            "全年执行数应是本年的支出数，请核对两处，或写明执行数的口径。",
            at="budget.executed",
            evidence=evidence,
        )
    return look.result()
