"""A short Chinese account of what an import read: who, when, the key figures, counts, what is missing, and
the figures it could not read.

Printed by `jixiao import --format text` and by `make run`, so a preparer sees at a glance what jixiao
understood of a report and what it could not place.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model import PROJECT, Evaluation

_KEY_FIELDS = [
    ("单位名称", lambda e: e.unit.name),
    ("年度", lambda e: e.fiscal_year),
    ("报告日期", lambda e: e.report_date),
    ("核定编制", lambda e: e.staffing.authorized_total),
    ("实有人数", lambda e: e.staffing.actual_total),
    ("收入合计", lambda e: e.budget.income.total),
    ("支出合计", lambda e: e.budget.expenditure.total),
    ("全年预算数", lambda e: e.budget.adjusted),
    ("自评等级", lambda e: e.self_assessment.grade),
    ("自评得分", lambda e: e.self_assessment.score),
]


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} 万元"


def _value(value: object) -> str:
    return "—" if value is None else str(value)


_PROJECT_FIELDS = [
    ("单位名称", lambda e: e.unit.name),
    ("年度", lambda e: e.fiscal_year),
    ("项目名称", lambda e: e.project.name),
    ("全年预算数", lambda e: e.budget.adjusted),
    ("全年执行数", lambda e: e.budget.executed),
    ("自评等级", lambda e: e.self_assessment.grade),
    ("自评得分", lambda e: e.self_assessment.score),
]


def missing_fields(evaluation: Evaluation) -> list[str]:
    """The key fields of its kind the import could not read, by their Chinese labels (未读到 …)."""
    fields = _PROJECT_FIELDS if evaluation.kind == PROJECT else _KEY_FIELDS
    return [label for label, get in fields if get(evaluation) is None]


def summary_text(evaluation: Evaluation, name: str) -> str:
    if evaluation.kind == PROJECT:
        return _project_summary(evaluation, name)
    e = evaluation
    budget = e.budget
    lines = [
        f"== {name}",
        f"单位：{_value(e.unit.name)}" + (f"（简称 {e.unit.short_name}）" if e.unit.short_name else ""),
        f"年度：{_value(e.fiscal_year)}　报告日期：{_value(e.report_date)}　提纲：{_value(e.outline.kind)}",
        f"内设机构：{len(e.unit.internal_bodies)} 个　编制：{_value(e.staffing.authorized_total)}　"
        f"实有：{_value(e.staffing.actual_total)}　财政供养：{_value(e.staffing.funded)}",
        f"收入合计：{_money(budget.income.total)}（财政拨款 {_money(budget.income.fiscal)}）",
        f"支出合计：{_money(budget.expenditure.total)}（基本 {_money(budget.expenditure.basic)}，"
        f"项目 {_money(budget.expenditure.project)}）",
        f"财政拨款支出：{_money(budget.fiscal_expenditure.total)}（功能分类 {len(budget.fiscal_expenditure.by_function)} 项，"
        f"经济分类 {len(budget.fiscal_expenditure.by_economic)} 项）",
        f"年初预算数：{_money(budget.initial)}　全年预算数：{_money(budget.adjusted)}　全年执行数：{_money(budget.executed)}",
        f"资产总额：{_money(e.assets.total)}　项目：{len(budget.projects)} 个",
        f"绩效指标：{len(e.performance.indicators)} 个　年度目标：{len(e.performance.targets)} 条　"
        f"问题：{len(e.problems)} 条　改进措施：{len(e.measures)} 条",
        f"自评：等级 {_value(e.self_assessment.grade)}，得分 {_value(e.self_assessment.score)}",
    ]
    return _ending(e, lines)


def _project_summary(e: Evaluation, name: str) -> str:
    """The same account for a 项目支出 evaluation: the project, its funds, its table, instead of the unit's staff."""
    p, budget, s = e.project, e.budget, e.self_assessment
    weighted = sum(1 for ind in e.performance.indicators if ind.weight is not None)
    lines = [
        f"== {name}",
        f"项目支出绩效自评：{_value(p.name)}（主管部门 {_value(p.department)}，实施单位 {_value(p.implementer or e.unit.name)}）",
        f"年度：{_value(e.fiscal_year)}　报告日期：{_value(e.report_date)}　提纲：{_value(e.outline.kind)}",
        f"年初预算数：{_money(budget.initial)}　全年预算数：{_money(budget.adjusted)}　全年执行数：{_money(budget.executed)}",
        f"资金来源：{len(p.funds)} 项　到位资金：{_money(p.received)}　到位率：{_value(p.received_rate)}",
        f"绩效指标：{len(e.performance.indicators)} 个（列了分值的 {weighted} 个）　年度目标：{len(e.performance.targets)} 条　"
        f"问题：{len(e.problems)} 条　改进措施：{len(e.measures)} 条",
        f"自评：等级 {_value(s.grade)}，得分 {_value(s.score)}（预算执行率得分 {_value(s.execution_score)}）",
    ]
    return _ending(e, lines)


def _ending(e: Evaluation, lines: list[str]) -> str:
    """The account's lines, then the key fields not read and a few lines of the text the import could not place."""
    missing = missing_fields(e)
    if missing:
        lines.append("未读到：" + "、".join(missing))
    if e.unread:
        lines.append(f"未能读取的数字：{len(e.unread)} 处（写法有歧义，未予猜测；已保留在 unread）")
        lines.extend(
            f"  · 第 {u.source.line} 行“{u.text}”：{u.reason}" if u.source.line else f"  · “{u.text}”：{u.reason}"
            for u in e.unread[:5]
        )
    if e.outline.unplaced:
        lines.append(f"未能归入提纲的文字：{len(e.outline.unplaced)} 段（已保留在 outline.unplaced）")
        lines.extend(f"  · {text[:40]}{'…' if len(text) > 40 else ''}" for text in e.outline.unplaced[:5])
    return "\n".join(lines)
