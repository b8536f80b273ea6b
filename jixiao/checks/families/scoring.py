"""Scoring, first part: a grade with nothing behind it, and a top grade over targets the report says were missed.

The scores themselves (beyond weights, totals that do not add up, full marks for a missed target, a
grade that does not follow from the score) are the scoring rulebook's; here only what the report's own
words make doubtful. Missed targets come from the indicator family's shared assessment and from the
lines of the report that admit a miss (未完成, 未达到 …).
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.checks.families.indicator import assessments, miss_lines, shown
from jixiao.checks.registry import Look, rule
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation

FULL_MARKS = Decimal(100)
_TOP_GRADES = ("优", "优秀")


def _top(grade: str) -> bool:
    return grade.strip().strip("“”\"'「」") in _TOP_GRADES


@rule("self-grade-unsupported", "scoring", "warning", "自评等级没有得分支撑")
def check_self_grade_unsupported(ev: Evaluation, look: Look) -> CheckResult:
    """自评等级（优、良、中、差）由自评得分决定。报告写了等级，却既没有自评得分，各项指标也没有得分
    （所依据的自评表未附、未摘录），等级就无从核对，给出警告。请写明总分，或附上自评表。"""
    grade = ev.self_assessment.grade
    if grade is None:
        return look.result()
    if ev.self_assessment.score is not None or any(
        ind.score is not None for ind in ev.performance.indicators
    ):
        look.passed()
        return look.result()
    look.fail(
        f"自评等级写为“{grade}”，但报告没有自评得分，各项指标也没有得分，等级无从核对。"
        "请写明自评总分，或附上自评表的打分。",
        at="self_assessment.grade",
        evidence={"grade": grade, "score": None, "indicators": len(ev.performance.indicators)},
    )
    return look.result()


@rule("scores-missing", "scoring", "warning", "指标列了分值却没有得分")
def check_scores_missing(ev: Evaluation, look: Look) -> CheckResult:
    """自评表给各项指标列了分值（权重），得分栏却全部空着、也没有自评总分的，表是未填完的，
    自评结论没有依据。只要有一项得分或写了总分，就交由评分规则核对。"""
    weighted = [(i, ind) for i, ind in enumerate(ev.performance.indicators) if ind.weight is not None]
    if not weighted:
        return look.result()
    if ev.self_assessment.score is not None or any(
        ind.score is not None for ind in ev.performance.indicators
    ):
        look.passed()
        return look.result()
    total = sum((ind.weight for _, ind in weighted if ind.weight is not None), Decimal(0))
    look.fail(
        f"{len(weighted)} 项指标列了分值（合计 {format(total, 'f')} 分），得分却全部空着，也没有自评总分。"
        "请填写各项得分和总分。",
        at=f"performance.indicators[{weighted[0][0]}].score",
        evidence={"weighted": len(weighted), "weights": total, "score": None},
    )
    return look.result()


@rule("top-grade-with-missed-targets", "scoring", "warning", "有未完成的目标仍自评为优且未扣分")
def check_top_grade_with_missed_targets(ev: Evaluation, look: Look) -> CheckResult:
    """报告自己写明（或所列数字表明）有指标未达到指标值，自评等级仍为“优/优秀”，又没有写出扣分后的得分
    （没有总分，或总分是满分）时给出警告：未完成的指标应扣分，等级是否仍为优要看扣分后的总分。

    写了低于满分的总分的，扣分已体现，等级与得分是否相符由评分规则核对。"""
    grade = ev.self_assessment.grade
    if grade is None or not _top(grade):
        return look.result()
    score = ev.self_assessment.score
    if score is not None and score < FULL_MARKS:  # the deduction shows; whether it is enough is scoring's
        look.passed()
        return look.result()
    missed = [a for a in assessments(look) if a.status == "missed"]
    lines = miss_lines(look)
    if not missed and not lines:
        look.passed()
        return look.result()
    if missed:
        first = missed[0].indicator
        assert first.target is not None and first.actual is not None
        what = f"指标“{first.name}”指标值 {shown(first.target)}、实际完成 {shown(first.actual)}"
        if len(missed) > 1:
            what += f"等 {len(missed)} 项指标未达到指标值"
        else:
            what += "，未达到指标值"
    else:
        what = f"报告写有“{lines[0].excerpts[0]}”"
    scored = "自评得分却是满分 100 分" if score is not None else "报告又没有写扣分后的自评得分"
    look.fail(
        f"自评等级为“{grade}”，但{what}；{scored}。请核对扣分和等级。",
        at="self_assessment.grade",
        evidence={
            "grade": grade,
            "score": score,
            "missed": len(missed),
            "admitted_lines": len(lines),
        },
    )
    return look.result()
