"""Scoring, second part: the unit's own scores and grade held against the rulebook and the computed scorecard.

A score above its weight, full marks for a target the figures show was missed, a qualitative score
outside its band, a stated total that is not the sum of the stated scores or that the weights cannot
reach, a self grade outside the band of its own score, and a self grade that differs from the grade the
engine computes (said to be provisional when the weights had to be assumed).

The rulebook is `Settings.rulebook` when the settings carry one, else `hunan-2023`; the scorecard is
computed once per run (its figures only: `tally`) and shared by every rule here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from jixiao.checks.registry import Look, rule
from jixiao.core.findings import CheckResult, Severity
from jixiao.core.model import Evaluation
from jixiao.core.money import round_half_up
from jixiao.scoring.engine import (
    Tally,
    band_bounds,
    band_of,
    fmt,
    grade_for,
    in_band,
    normalise_grade,
    readings_of,
    score_execution,
    score_measures,
    tally,
)
from jixiao.scoring.rulebook import DEFAULT_RULEBOOK, Rulebook, load_rulebook
from jixiao.scoring.targets import Reading

ZERO = Decimal(0)
ROUNDING = Decimal("0.01")  # a difference this small is what rounding each score to cents can explain
_COMPUTED = ("positive", "reverse", "equal", "zero_target", "deadline")


def rulebook_of(look: Look) -> Rulebook:
    return cast(Rulebook, look.once("scoring.rulebook", _rulebook, look.settings.rulebook or DEFAULT_RULEBOOK))


def _rulebook(chosen: Any) -> Rulebook:
    """A loaded rulebook as given, or the one a bundled id or a YAML path names."""
    return chosen if isinstance(chosen, Rulebook) else load_rulebook(chosen)


def readings_of_run(look: Look) -> list[tuple[Reading | None, Reading | None]]:
    """Each indicator's target and actual as the engine reads them, once per run."""
    return cast(list, look.once("scoring.readings", readings_of, look.ev.performance.indicators))


def tally_of(look: Look) -> Tally:
    """The engine's figures for this run (its grade and totals), without the scorecard's models and words."""
    rulebook = rulebook_of(look)
    return cast(Tally, look.once("scoring.tally", lambda: tally(look.ev, rulebook, readings_of_run(look))))


def _path(index: int, part: str = "") -> str:
    return f"performance.indicators[{index}]{'.' + part if part else ''}"


@rule("indicator-score-above-weight", "scoring", "error", "指标得分超过其分值")
def check_indicator_score_above_weight(ev: Evaluation, look: Look) -> CheckResult:
    """每项三级指标的得分不能超过它的分值（权重）：完成得再好也只得满分，超额完成不加分。
    得分大于分值的，表中必有一处写错。"""
    for i, ind in enumerate(ev.performance.indicators):
        if ind.score is None or ind.weight is None:
            continue
        if ind.score <= ind.weight:
            look.passed()
            continue
        look.fail(
            f"指标“{ind.name}”得分 {fmt(ind.score)}，超过其分值 {fmt(ind.weight)}（多 {fmt(ind.score - ind.weight)} 分）。"
            "得分最多为分值。",
            at=_path(i, "score"),
            evidence={"indicator": ind.name, "score": ind.score, "weight": ind.weight},
        )
    return look.result()


@rule("full-marks-for-missed-target", "scoring", "error", "未达到指标值却给了满分")
def check_full_marks_for_missed_target(ev: Evaluation, look: Look) -> CheckResult:
    """实际完成值未达到指标值的定量指标，按评分规则应扣分（正向按 完成值 ÷ 指标值 × 分值，反向按规则的公式），
    不能得满分。得分等于分值而数字显示未完成的，给出错误，并写出按规则应得的分数。"""
    rulebook = rulebook_of(look)
    for i, ind in enumerate(ev.performance.indicators):
        if ind.score is None or ind.weight is None or ind.not_applicable or ind.score != ind.weight:
            continue
        if ind.target is None or ind.actual is None:
            continue
        target, actual = readings_of_run(look)[i]
        computed = score_measures(rulebook, target, actual, ind.weight)
        if computed.method not in _COMPUTED or computed.score is None:
            continue  # only where the figures decide
        if computed.score >= round_half_up(ind.weight, rulebook.rounding.places):
            look.passed()
            continue
        look.fail(
            f"指标“{ind.name}”指标值 {ind.target.text.strip()}，实际完成 {ind.actual.text.strip()}，未达到指标值，"
            f"却得了满分 {fmt(ind.weight)}；按评分规则“{rulebook.id}”应得 {fmt(computed.score)} 分"
            f"（{computed.computation}）。",
            at=_path(i, "score"),
            evidence={
                "indicator": ind.name,
                "target": ind.target.text.strip(),
                "actual": ind.actual.text.strip(),
                "score": ind.score,
                "weight": ind.weight,
                "computed": computed.score,
                "rulebook": rulebook.id,
            },
        )
    return look.result()


@rule("qualitative-score-out-of-band", "scoring", "error", "定性指标得分不在所选档位内")
def check_qualitative_score_out_of_band(ev: Evaluation, look: Look) -> CheckResult:
    """定性指标按三档打分：“达成年度指标”得分值的 80%（含）至 100%；“部分达成年度指标并具有一定效果”
    得 60%（含）至 80%；“未达成年度指标且效果较差”得 60% 以下（档位以评分规则为准）。
    所选档位与得分不相符的，给出错误。"""
    rulebook = rulebook_of(look)
    for i, ind in enumerate(ev.performance.indicators):
        if ind.score is None or ind.weight is None or ind.actual is None:
            continue
        band = band_of(rulebook, ind.actual.text)
        if band is None:
            continue
        if in_band(rulebook, band, ind.weight, ind.score):
            look.passed()
            continue
        low, high, inclusive = band_bounds(rulebook, band, ind.weight)
        bounds = f"[{fmt(low)}, {fmt(high)}{']' if inclusive else ')'}"
        look.fail(
            f"定性指标“{ind.name}”完成情况为“{band.option}”，分值 {fmt(ind.weight)}，该档得分应在 {bounds} 内，"
            f"自评得分却是 {fmt(ind.score)}。",
            at=_path(i, "score"),
            evidence={"indicator": ind.name, "option": band.option, "score": ind.score, "low": low, "high": high},
        )
    return look.result()


@rule("self-score-not-sum", "scoring", "error", "自评总分不等于各项得分之和")
def check_self_score_not_sum(ev: Evaluation, look: Look) -> CheckResult:
    """自评总分 = 各项三级指标得分之和 + 预算执行率得分。各项都有得分时核对：能算出执行率得分的（写了
    全年预算数和全年执行数），总分应正好等于两者之和，仅差 0.01 分的只作提示；算不出执行率得分的，
    总分减去指标得分之和应在 0 至执行率分值之间，超出则必有一处写错，在此之内则无法确定。"""
    stated = ev.self_assessment.score
    if stated is None:
        return look.result()
    rows = [(i, ind) for i, ind in enumerate(ev.performance.indicators) if not ind.not_applicable]
    scored = [(i, ind) for i, ind in rows if ind.score is not None]
    if not scored:
        return look.result()
    unscored = [ind.name for _, ind in rows if ind.score is None and (ind.weight is not None or ind.target is not None)]
    rulebook = rulebook_of(look)
    parts = sum((ind.score for _, ind in scored if ind.score is not None), ZERO)
    if unscored:
        look.insufficient(
            f"有 {len(unscored)} 项指标（如“{unscored[0]}”）没有得分，自评总分 {fmt(stated)} 是否等于各项之和无法核对。",
            at="self_assessment.score",
            evidence={"score": stated, "indicators_sum": parts, "unscored": len(unscored)},
        )
        return look.result()
    execution = score_execution(rulebook, ev.budget.initial, ev.budget.adjusted, ev.budget.executed)
    evidence: dict[str, object] = {"score": stated, "indicators_sum": parts, "execution_score": execution.score}
    if execution.score is not None:
        expected = parts + execution.score
        difference = stated - expected
        if difference == 0:
            look.passed()
            return look.result()
        told = (
            f"自评总分 {fmt(stated)}，而各项指标得分之和 {fmt(parts)} 加预算执行率得分 {fmt(execution.score)}"
            f"（{execution.computation}）为 {fmt(expected)}，总分{'多' if difference > 0 else '少'} {fmt(abs(difference))} 分"
        )
        evidence |= {"expected": expected, "difference": difference}
        if abs(difference) <= ROUNDING:
            look.info(f"{told}，在四舍五入的容差（0.01 分）以内。", at="self_assessment.score", evidence=evidence)
        else:
            look.fail(f"{told}。", at="self_assessment.score", evidence=evidence)
        return look.result()
    weight = rulebook.weights.execution
    rest = stated - parts
    evidence |= {"execution_weight": weight, "difference": rest}
    if rest < 0 or rest > weight:
        side = "小于各项指标得分之和" if rest < 0 else f"比各项指标得分之和多出 {fmt(rest)} 分，超过预算执行率的分值 {fmt(weight)}"
        look.fail(
            f"自评总分 {fmt(stated)}，各项指标得分之和为 {fmt(parts)}：总分{side}，不可能是“指标得分 + 执行率得分”。",
            at="self_assessment.score",
            evidence=evidence,
        )
    else:
        look.insufficient(
            f"自评总分 {fmt(stated)} 比各项指标得分之和 {fmt(parts)} 多 {fmt(rest)} 分，应是预算执行率得分；"
            f"{execution.computation}，无法核对。",
            at="self_assessment.score",
            evidence=evidence,
            severity="info",
        )
    return look.result()


@rule("self-score-unreachable", "scoring", "error", "自评总分超过满分")
def check_self_score_unreachable(ev: Evaluation, look: Look) -> CheckResult:
    """自评总分不能超过全部分值之和：表中列了分值的，为各项指标分值之和加预算执行率分值；没有列分值的，
    为评分规则的满分（通常 100 分）。超过的，总分必有误。"""
    stated = ev.self_assessment.score
    if stated is None:
        return look.result()
    rulebook = rulebook_of(look)
    weights = [ind.weight for ind in ev.performance.indicators if ind.weight is not None and not ind.not_applicable]
    if weights:
        reachable = sum(weights, ZERO) + rulebook.weights.execution
        basis = f"各项指标分值之和 {fmt(sum(weights, ZERO))} 加预算执行率分值 {fmt(rulebook.weights.execution)}"
    else:
        reachable = rulebook.weights.total
        basis = f"评分规则“{rulebook.id}”的满分"
    evidence = {"score": stated, "reachable": reachable}
    if stated <= reachable:
        look.passed()
        return look.result()
    look.fail(
        f"自评总分 {fmt(stated)} 超过了{basis}（共 {fmt(reachable)} 分），多 {fmt(stated - reachable)} 分。",
        at="self_assessment.score",
        evidence=evidence,
    )
    return look.result()


@rule("self-grade-out-of-band", "scoring", "error", "自评等级与自评得分所在档次不符")
def check_self_grade_out_of_band(ev: Evaluation, look: Look) -> CheckResult:
    """自评等级由自评总分所在的分数段决定（默认 优 ≥90、良 ≥80、中 ≥60、差 <60，下限含本数，以评分规则为准）。
    报告写的等级与它自己写的总分所在档次不符的，给出错误。"""
    grade, stated = ev.self_assessment.grade, ev.self_assessment.score
    if grade is None or stated is None:
        return look.result()
    rulebook = rulebook_of(look)
    label = normalise_grade(rulebook, grade)
    expected = grade_for(rulebook, stated)
    evidence = {"grade": grade, "score": stated, "expected": expected, "rulebook": rulebook.id}
    if label is None:
        labels = "、".join(band.label for band in rulebook.grades.bands)
        look.insufficient(
            f"自评等级“{grade}”不是评分规则“{rulebook.id}”的等级（{labels}）之一，无法核对。",
            at="self_assessment.grade",
            evidence=evidence,
        )
        return look.result()
    if label == expected:
        look.passed()
        return look.result()
    look.fail(
        f"自评得分 {fmt(stated)} 分应为“{expected}”，报告却自评为“{grade}”（评分规则“{rulebook.id}”）。",
        at="self_assessment.grade",
        evidence=evidence,
    )
    return look.result()


@rule("self-grade-differs-from-computed", "scoring", "warning", "自评等级与按评分规则计算的等级不同")
def check_self_grade_differs_from_computed(ev: Evaluation, look: Look) -> CheckResult:
    """按评分规则逐项计算得分和等级，与报告的自评等级比较。报告没有列分值时是暂评（一级指标分值平均分给
    可计分的三级指标）；只能评定部分分值时按折算为百分制的得分定等级。两者都只供参考，消息中注明。

    完整、非暂评的计算结果与自评等级不同时给出错误；暂评或部分评定的不同给出警告。`jixiao score`
    列出暂评等级与自评等级，供对照。"""
    grade = ev.self_assessment.grade
    if grade is None:
        return look.result()
    rulebook = rulebook_of(look)
    card = tally_of(look)
    evidence: dict[str, object] = {
        "grade": grade,
        "computed": card.grade,
        "total": card.total,
        "scaled_total": card.scaled_total,
        "assessed_weight": card.assessed_weight,
        "provisional": card.provisional,
        "rulebook": rulebook.id,
    }
    if card.grade is None:
        look.insufficient(
            f"按评分规则“{rulebook.id}”没有一项能够评分，无法核对自评等级“{grade}”。",
            at="self_assessment.grade",
            evidence=evidence,
        )
        return look.result()
    label = normalise_grade(rulebook, grade)
    kind = "暂评" if card.provisional else "计算"
    if card.complete:
        basis = f"{kind}得分 {fmt(card.total)} 分"
    else:
        basis = (
            f"{kind}得分 {fmt(card.total)} 分（只评定了 {fmt(card.assessed_weight)} 分，"
            f"折算为百分制 {fmt(card.scaled_total or ZERO)} 分）"
        )
    caveat = "；暂评假定了各项分值，仅供参考" if card.provisional else ""
    if label == card.grade:
        look.passed()
        return look.result()
    severity: Severity = "error" if not card.provisional and card.complete else "warning"
    look.fail(
        f"自评等级为“{grade}”，而按评分规则“{rulebook.id}”的{basis}，等级应为“{card.grade}”{caveat}。",
        at="self_assessment.grade",
        evidence=evidence,
        severity=severity,
    )
    return look.result()
