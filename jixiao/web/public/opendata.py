"""The region's published figures: one schema for CSV and JSON, documented in docs/open-data.md (a test
holds the two the same). Only published evaluations appear; a blank is empty (CSV) or null (JSON)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jixiao.web.common.paths import flatten
from jixiao.web.evaluations.models import Evaluation


@dataclass(frozen=True)
class Column:
    name: str  # the CSV header and the JSON key
    title: str  # Chinese, for the documentation
    kind: str  # string | integer | decimal | date
    get: Callable[[Evaluation, dict[str, Any]], Any]


def _path(path: str) -> Callable[[Evaluation, dict[str, Any]], Any]:
    return lambda e, flat: flat.get(path)


def _dec(value: Any) -> str | None:
    return None if value is None else format(value, "f")


COLUMNS = [
    Column("region", "地区", "string", lambda e, _: e.unit.region.name),
    Column("unit", "单位名称", "string", lambda e, _: e.unit.name),
    Column("fiscal_year", "评价年度", "integer", lambda e, _: e.fiscal_year),
    Column("kind", "自评类型", "string", lambda e, _: e.kind),
    Column("report_date", "报告日期", "date", _path("report_date")),
    Column("budget_initial", "年初预算数（万元）", "decimal", _path("budget.initial")),
    Column("budget_adjusted", "全年预算数（万元）", "decimal", _path("budget.adjusted")),
    Column("budget_executed", "全年执行数（万元）", "decimal", _path("budget.executed")),
    Column("execution_rate", "预算执行率（%，由评分计算）", "decimal", lambda e, _: _dec(e.execution_rate)),
    Column("income_total", "收入合计（万元）", "decimal", _path("budget.income.total")),
    Column("expenditure_total", "支出合计（万元）", "decimal", _path("budget.expenditure.total")),
    Column("expenditure_basic", "基本支出（万元）", "decimal", _path("budget.expenditure.basic")),
    Column("expenditure_project", "项目支出（万元）", "decimal", _path("budget.expenditure.project")),
    Column("self_score", "自评得分", "decimal", _path("self_assessment.score")),
    Column("self_grade", "自评等级", "string", _path("self_assessment.grade")),
    Column("score", "评分得分（财政局评分规则）", "decimal", lambda e, _: _dec(e.score)),
    Column("grade", "评分等级", "string", lambda e, _: e.grade or None),
    Column("rulebook", "评分规则", "string", lambda e, _: e.rulebook or None),
]


def record(evaluation: Evaluation, data: dict[str, Any]) -> dict[str, Any]:
    flat = flatten(data)
    return {c.name: c.get(evaluation, flat) for c in COLUMNS}


def schema_markdown() -> str:
    """The documentation of the schema (docs/open-data.md is this text)."""
    lines = [
        "# 公开数据 / Open data",
        "",
        "每个地区每个年度已公开的绩效自评，以 CSV（UTF-8，带 BOM）和 JSON 两种格式提供，字段完全相同：",
        "",
        "- CSV：`/public/<地区代码>/<年度>/data.csv`，第一行为下表的字段名，空白表示报告未写明（不是零）。",
        "- JSON：`/public/<地区代码>/<年度>/data.json`，`{\"region\": …, \"fiscal_year\": …, \"schema\": \"jixiao-open-data/1\", \"records\": [...]}`，",
        "  每条记录的键为下表的字段名，未写明的为 `null`；金额与得分为十进制字符串（万元、分，保留原文精度）。",
        "",
        "| 字段 | 含义 | 类型 |",
        "|---|---|---|",
    ]
    lines += [f"| `{c.name}` | {c.title} | {c.kind} |" for c in COLUMNS]
    return "\n".join(lines) + "\n"


SCHEMA_ID = "jixiao-open-data/1"
