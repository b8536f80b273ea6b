"""Arithmetic: totals against their parts, stated shares and rates recomputed.

Only parts stated beside a total are summed: a report that lists 财政拨款 alone under 收入合计 is compared
with that one part, and a missing part is never read as zero.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.checks.registry import Look, rule
from jixiao.checks.relations import ratio_relation, sum_relation
from jixiao.core.findings import CheckResult
from jixiao.core.model import ClassAmount, Evaluation


def _parts(ev: Evaluation, base: str, names: tuple[str, ...]) -> list[tuple[str, Decimal | None]]:
    node = ev
    for step in base.split("."):
        node = getattr(node, step)
    return [(f"{base}.{n}", getattr(node, n)) for n in names]


def _items(path: str, items: list[ClassAmount]) -> list[tuple[str, Decimal | None]]:
    return [(f"{path}[{i}]", item.amount) for i, item in enumerate(items)]


@rule("income-total", "arithmetic", "error", "收入合计与各项收入之和不符")
def check_income_total(ev: Evaluation, look: Look) -> CheckResult:
    """收入合计应等于财政拨款收入、事业收入、经营收入、其他收入之和（报告所列各项）。

    只把报告在收入合计旁实际写出的来源相加；没写的来源不当作 0。相差在四舍五入容差以内时只作提示。"""
    sum_relation(look, "budget.income.total", _parts(ev, "budget.income", ("fiscal", "business", "operating", "other")))
    return look.result()
