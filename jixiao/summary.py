"""A short Chinese account of what an import read: who, when, the key figures, counts, what is missing, and
the figures it could not read.

Printed by `jixiao import --format text` and by `make run`, so a preparer sees at a glance what jixiao
understood of a report and what it could not place.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model import Evaluation

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


def summary_text(evaluation: Evaluation, name: str) -> str:
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
    missing = [label for label, get in _KEY_FIELDS if get(e) is None]
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
