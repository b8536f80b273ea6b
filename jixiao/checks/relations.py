"""The relations most checks test: a total against its parts, a stated share or rate against its quotient.

Each helper looks at one place, records pass / fail / insufficient_data on the `Look`, and words the
finding the same way everywhere (STYLE.md 3): both sides, the difference and its direction, the unit and
the tolerance, never which side is wrong.
"""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from typing import Any

from jixiao.checks.labels import gap, label, pct, wan
from jixiao.checks.registry import Look
from jixiao.checks.tolerance import compare_ratio, compare_sum, percentage
from jixiao.core.model import Evaluation
from jixiao.core.paths import value_at


def value(ev: Evaluation, path: str) -> Any:
    """The value at a dotted path with indexes, or None where any step is absent."""
    return value_at(ev, path)


def sum_relation(
    look: Look,
    total_path: str,
    parts: list[tuple[str, Decimal | None]],
    *,
    what: str | None = None,
    unit: str = "万元",
    require_all: bool = False,
    open_list: bool = False,
) -> None:
    """A stated total against the sum of the parts stated with it.

    `parts` are (label or path, value). A part not stated is never read as zero. When every part is stated
    (and `open_list` is false), any mismatch is an error. When some may be missing — a part not stated, or a
    list the text may give only in part (`open_list`) — a total above the sum is a warning that names what
    may be missing, and a total below the sum is still an error: parts are never negative. With
    `require_all`, a missing part leaves the place insufficient instead. No total, or no part at all:
    nothing to compare, so the place is not counted.
    """
    total = value(look.ev, total_path)
    if total is None:
        return
    stated = [(name, v) for name, v in parts if v is not None]
    if not stated:
        return
    missing = [label(name) for name, v in parts if v is None] if len(stated) < len(parts) else []
    if require_all and missing:
        look.insufficient(
            f"{what or label(total_path)}无法核对：缺少{'、'.join(missing)}。", at=total_path, severity="info"
        )
        return
    amounts = [v for _, v in stated]
    if total == sum(amounts, Decimal(0)):  # the common case: no tolerance, no words needed
        look.passed()
        return
    comparison = compare_sum(total, amounts)
    terms = " + ".join(f"{label(n)} {_amount(v, unit)}" for n, v in stated)
    evidence: dict[str, Any] = {
        "stated": total,
        "computed": comparison.computed,
        "difference": comparison.difference,
        "tolerance": comparison.tolerance,
    }
    evidence.update({label(n): v for n, v in stated})
    name = what or label(total_path)
    tolerance = f"{format(comparison.tolerance, 'f')}{unit}"
    if comparison.verdict == "equal":
        look.passed()
    elif comparison.verdict == "rounding":
        look.info(
            f"{name} {_amount(total, unit)}，各项之和 {_amount(comparison.computed, unit)}（{terms}），"
            f"相差 {format(abs(comparison.difference), 'f')}{unit}，在四舍五入容差 {tolerance} 以内。",
            at=total_path,
            evidence=evidence,
        )
    elif comparison.difference > 0 and (missing or open_list):
        absent = f"未写出的{'、'.join(missing)}" if missing else "未列出的其他项目"
        look.fail(
            f"{name} {_amount(total, unit)}，所列各项之和 {_amount(comparison.computed, unit)}（{terms}），"
            f"合计比各项之和{gap(comparison.difference, unit)}（容差 {tolerance}）。差额可能是{absent}；"
            "请写出全部组成部分，或核对合计。",
            at=total_path,
            evidence=evidence,
            severity="warning",
        )
    else:
        look.fail(
            f"{name} {_amount(total, unit)} 与各项之和 {_amount(comparison.computed, unit)} 不符（{terms}）："
            f"合计比各项之和{gap(comparison.difference, unit)}，超出四舍五入容差 {tolerance}。",
            at=total_path,
            evidence=evidence,
        )


def _amount(amount: Decimal, unit: str) -> str:
    return wan(amount) if unit == "万元" else f"{format(amount, 'f')}{unit}"


def ratio_relation(
    look: Look,
    stated_path: str,
    part: tuple[str, Decimal | None],
    whole: tuple[str, Decimal | None],
    *,
    what: str | None = None,
    unit: str = "万元",
    stated: Decimal | None = None,
) -> None:
    """A stated percentage ("占 88.34%", "控制率 54.55%") against 100 × part ÷ whole.

    `stated` is given for a rate that is not a value of its own at `stated_path` (an indicator's actual)."""
    if stated is None:
        stated = value(look.ev, stated_path)
    (part_name, part_value), (whole_name, whole_value) = part, whole
    if stated is None:
        return
    if part_value is None or whole_value is None:
        missing = label(part_name) if part_value is None else label(whole_name)
        name = what or label(stated_path)
        look.insufficient(
            f"{name} {pct(stated)} 无法复核：未给出{missing}。", at=stated_path, severity="info"
        )
        return
    # the common case: no tolerance, no words needed
    computed = percentage(stated, part_value, whole_value)
    if computed == stated:
        look.passed()
        return
    name = what or label(stated_path)
    comparison = compare_ratio(stated, part_value, whole_value, computed)
    if comparison is None:
        look.insufficient(f"{name} {pct(stated)} 无法复核：{label(whole_name)}为 0。", at=stated_path)
        return
    formula = (
        f"{label(part_name)} {_amount(part_value, unit)} ÷ {label(whole_name)} {_amount(whole_value, unit)}"
    )
    evidence = {
        "stated": stated,
        "computed": comparison.computed,
        "difference": comparison.difference,
        "tolerance": comparison.tolerance,
        "part": part_value,
        "whole": whole_value,
    }
    if comparison.verdict == "equal":
        look.passed()
    elif comparison.verdict == "rounding":
        look.info(
            f"{name} {pct(stated)}，按 {formula} 计算为 {pct(comparison.computed)}，"
            f"相差在四舍五入容差 {_bound(comparison.tolerance)} 个百分点以内。",
            at=stated_path,
            evidence=evidence,
        )
    else:
        look.fail(
            f"{name}写为 {pct(stated)}，按 {formula} 计算应为 {pct(comparison.computed)}，"
            f"所写比计算{gap(comparison.difference, '个百分点')}（容差 {_bound(comparison.tolerance)} 个百分点）。",
            at=stated_path,
            evidence=evidence,
        )


def _bound(tolerance: Decimal) -> str:
    """A quotient's tolerance as a reader takes it in: two significant digits, rounded up so that it never
    reads tighter than it is (0.01054401… → 0.011); the evidence keeps it whole."""
    if tolerance <= 0:
        return format(tolerance, "f")
    return format(tolerance.quantize(Decimal(1).scaleb(tolerance.adjusted() - 1), rounding=ROUND_UP), "f")
