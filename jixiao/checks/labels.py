"""Chinese names of the evaluation's fields, for messages a civil servant reads."""

from __future__ import annotations

import re
from decimal import Decimal

FIELD_LABELS: dict[str, str] = {
    "unit.name": "单位名称",
    "fiscal_year": "年度",
    "report_date": "报告日期",
    "unit.internal_bodies": "内设机构",
    "unit.subordinate_units": "下属单位",
    "staffing.authorized_total": "编制数",
    "staffing.authorized_by_kind": "分类编制数",
    "staffing.actual_total": "实有人数",
    "staffing.actual_by_kind": "分类实有人数",
    "staffing.funded": "财政供养人数",
    "staffing.retired": "离退休人数",
    "budget.initial": "年初预算数",
    "budget.adjusted": "全年预算数",
    "budget.executed": "全年执行数",
    "budget.execution_rate": "预算执行率",
    "budget.income.total": "收入合计",
    "budget.income.fiscal": "财政拨款收入",
    "budget.income.business": "事业收入",
    "budget.income.operating": "经营收入",
    "budget.income.other": "其他收入",
    "budget.income.carried_over": "上年结转",
    "budget.expenditure.total": "支出合计",
    "budget.expenditure.basic": "基本支出",
    "budget.expenditure.project": "项目支出",
    "budget.expenditure.operating": "经营支出",
    "budget.expenditure.personnel": "人员经费",
    "budget.expenditure.public": "公用经费",
    "budget.expenditure.carried_forward": "结余结转",
    "budget.fiscal_expenditure.total": "财政拨款支出",
    "budget.fiscal_expenditure.basic": "财政拨款基本支出",
    "budget.fiscal_expenditure.project": "财政拨款项目支出",
    "budget.fiscal_expenditure.by_function": "财政拨款支出（按功能分类）",
    "budget.fiscal_expenditure.by_economic": "财政拨款支出（按经济分类）",
    "budget.projects": "项目",
    "assets.total": "资产总额",
    "assets.current": "流动资产",
    "assets.fixed_net": "固定资产净值",
    "assets.fixed_book": "账面固定资产总额",
    "assets.acquired": "本年配置资产",
    "assets.acquisitions": "配置资产（按类别）",
    "assets.self_used": "自用固定资产",
    "assets.in_use": "在用资产",
    "assets.disposed": "处置资产",
    "three_public.total": "三公经费",
    "three_public.budget": "三公经费预算",
    "three_public.overseas": "因公出国（境）费",
    "three_public.vehicles": "公务用车购置及运行费",
    "three_public.reception": "公务接待费",
    "performance.indicators": "绩效指标",
    "performance.targets": "年度绩效目标",
    "problems": "存在的问题",
    "measures": "改进措施",
    "self_assessment.grade": "自评等级",
    "self_assessment.score": "自评得分",
    "self_assessment.execution_weight": "预算执行率分值",
    "self_assessment.execution_score": "预算执行率得分",
    "self_assessment.weight_total": "总分栏分值",
    "project.name": "项目名称",
    "project.funds": "项目资金（按来源）",
    "project.received": "资金到位数",
    "project.received_rate": "资金到位率",
}

_INDEX = re.compile(r"\[\d+\]")


def label(path: str) -> str:
    """The Chinese name of a field path; indexes are ignored ('budget.projects[2].spent' → 项目 …)."""
    bare = _INDEX.sub("", path)
    if bare in FIELD_LABELS:
        return FIELD_LABELS[bare]
    if bare.endswith("_share") and bare[: -len("_share")] in FIELD_LABELS:
        return FIELD_LABELS[bare[: -len("_share")]] + "占比"
    return bare


def wan(value: Decimal) -> str:
    """An amount as written, in 万元: '239.67万元'."""
    return f"{format(value, 'f')}万元"


def pct(value: Decimal) -> str:
    return f"{format(value, 'f')}%"


def gap(difference: Decimal, unit: str = "万元", more: str = "多", less: str = "少") -> str:
    """'多 0.67万元' / '少 0.67万元': the direction of stated − computed, never which side is wrong."""
    word = more if difference > 0 else less
    return f"{word} {format(abs(difference), 'f')}{unit}"
