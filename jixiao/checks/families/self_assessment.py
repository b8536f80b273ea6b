"""Scoring, second part: the unit's own scores and grade held against the rulebook and the computed scorecard.

A score above its weight, full marks for a target the figures show was missed, a qualitative score
outside its band, a stated total that is not the sum of the stated scores or that the weights cannot
reach, a self grade outside the band of its own score, and a self grade that differs from the grade the
engine computes (said to be provisional when the weights had to be assumed).

The rulebook is `Settings.rulebook` when the settings carry one, else the default for the evaluation's kind
(`hunan-2023` for 部门整体, `mof-2020-project` for 项目支出); the scorecard is
computed once per run (its figures only: `tally`) and shared by every rule here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from jixiao.checks.registry import Look, rule
from jixiao.checks.tolerance import half_unit
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
    level_of,
    normalise_grade,
    readings_of,
    score_execution,
    score_measures,
    tally,
)
from jixiao.scoring.rulebook import Rulebook, default_rulebook, load_rulebook
from jixiao.scoring.targets import Reading

ZERO = Decimal(0)
ROUNDING = Decimal("0.01")  # a difference this small is what rounding each score to cents can explain
_COMPUTED = ("positive", "reverse", "equal", "zero_target", "deadline")


def rulebook_of(look: Look) -> Rulebook:
    chosen = look.settings.rulebook or default_rulebook(look.ev.kind)
    return cast(Rulebook, look.once("scoring.rulebook", _rulebook, chosen))


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
    """自评总分 = 各项三级指标得分之和 + 预算执行率得分。各项都有得分时核对：自评表列了预算执行率得分的用所列
    得分，否则能算出执行率得分的（写了全年预算数和全年执行数）用算出的，总分应正好等于两者之和，仅差 0.01 分的
    只作提示；都没有的，总分减去指标得分之和应在 0 至执行率分值之间，超出则必有一处写错，在此之内则无法确定。"""
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
    # the 自评表's own 预算执行率 得分 where it states one (whether it follows the rate is its own rule's)
    stated_execution = ev.self_assessment.execution_score
    execution_score = stated_execution if stated_execution is not None else execution.score
    how = "（自评表所列）" if stated_execution is not None else f"（{execution.computation}）"
    evidence: dict[str, object] = {"score": stated, "indicators_sum": parts, "execution_score": execution_score}
    if execution_score is not None:
        expected = parts + execution_score
        difference = stated - expected
        if difference == 0:
            look.passed()
            return look.result()
        told = (
            f"自评总分 {fmt(stated)}，而各项指标得分之和 {fmt(parts)}{_terms(scored)} 加预算执行率得分 {fmt(execution_score)}"
            f"{how}为 {fmt(expected)}，总分{'多' if difference > 0 else '少'} {fmt(abs(difference))} 分"
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


_TERMS_AT_MOST = 12  # indicators whose scores a message lists one by one


def _terms(rows: list[tuple[int, Any]], part: str = "score") -> str:
    """"（A 20 + B 9.60 + …）": each indicator's figure, so the one that is off can be seen; none for a long table."""
    if len(rows) > _TERMS_AT_MOST:
        return ""
    return "（" + " + ".join(f"{ind.name} {fmt(getattr(ind, part))}" for _, ind in rows) + "）"


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


# ------------------------------------------------------------------------------------------------ the table's weights


def _weighted(ev: Evaluation) -> list[tuple[int, Any]]:
    return [(i, ind) for i, ind in enumerate(ev.performance.indicators) if ind.weight is not None and not ind.not_applicable]


def _weights(ev: Evaluation, rulebook: Rulebook) -> tuple[Decimal, Decimal, str, Decimal, str] | None:
    """(the weights' sum with the rate's, the rate's weight, whose it is, the full points, what they are), for a
    table that lists weights; None for one that lists none."""
    weighted = _weighted(ev)
    if not weighted:
        return None
    stated = ev.self_assessment.execution_weight
    execution = stated if stated is not None else rulebook.weights.execution
    whose = "自评表所列" if stated is not None else f"评分规则“{rulebook.id}”的"
    total = sum((ind.weight for _, ind in weighted), ZERO) + execution
    full = ev.self_assessment.weight_total
    if full is not None:
        return total, execution, whose, full, "总分栏所列分值"
    return total, execution, whose, rulebook.weights.total, f"评分规则“{rulebook.id}”的满分"


@rule("weights-total", "scoring", "error", "各项分值合计与总分不符")
def check_weights_total(ev: Evaluation, look: Look) -> CheckResult:
    """自评表各项三级指标的分值加预算执行率的分值，应等于总分栏所列的分值；总分栏没有写分值的，应等于评分规则
    的满分（通常 100 分）。合计与总分栏所写不同，或超过满分，必有一处写错；不足满分而总分栏没写分值的，可能有指标
    没有列出（或文字被截断），给出警告。只看列了分值的自评表。"""
    rulebook = rulebook_of(look)
    found = _weights(ev, rulebook)
    if found is None:
        return look.result()
    total, execution, whose, full, what = found
    weighted = _weighted(ev)
    count = len(weighted)
    evidence = {"weights": total - execution, "execution_weight": execution, "total": total, "full": full}
    if total == full:
        look.passed()
        return look.result()
    difference = total - full
    told = (
        f"{count} 项指标的分值之和 {fmt(total - execution)}{_terms(weighted, 'weight')} 加{whose}预算执行率分值 {fmt(execution)}，"
        f"共 {fmt(total)} 分，"
        f"而{what}为 {fmt(full)} 分，{'多' if difference > 0 else '少'} {fmt(abs(difference))} 分"
    )
    at = "self_assessment.weight_total" if ev.self_assessment.weight_total is not None else f"performance.indicators[{weighted[0][0]}].weight"
    if ev.self_assessment.weight_total is not None or difference > 0:
        look.fail(f"{told}。请核对各项分值。", at=at, evidence=evidence)
    else:
        look.fail(f"{told}：可能有指标没有列出，或表格不完整。", at=at, evidence=evidence, severity="warning")
    return look.result()


@rule("level-weights", "scoring", "warning", "一级指标分值与评分规则不同")
def check_level_weights(ev: Evaluation, look: Look) -> CheckResult:
    """财预〔2020〕10号 定的一级指标分值是产出 50、效益 30、满意度 10（另有预算执行率 10），特殊情况可以调整；湖南等地
    由通知固定各一级指标的总分（以评分规则为准）。自评表某一级指标下各项分值之和与评分规则不同的，给出警告；若主管
    部门或财政部门另定了分值，可不理会。只在各项分值合计等于满分（表格完整）时核对。"""
    rulebook = rulebook_of(look)
    found = _weights(ev, rulebook)
    if found is None or found[0] != found[3]:
        return look.result()
    sums = {level.name: ZERO for level in rulebook.weights.level1}
    first: dict[str, int] = {}
    for i, ind in _weighted(ev):
        level = level_of(rulebook, ind.level1)
        if level is not None:
            sums[level.name] += ind.weight
            first.setdefault(level.name, i)
    for level in rulebook.weights.level1:
        given = sums[level.name]
        if given == level.weight:
            look.passed()
            continue
        at = f"performance.indicators[{first[level.name]}].weight" if level.name in first else "performance.indicators"
        look.fail(
            f"{level.name}下各项分值之和为 {fmt(given)} 分，评分规则“{rulebook.id}”为 {fmt(level.weight)} 分"
            f"（{'多' if given > level.weight else '少'} {fmt(abs(given - level.weight))} 分）。若主管部门另定了分值可不理会，"
            "否则请按规则调整各项分值。",
            at=at,
            evidence={"level": level.name, "weights": given, "rulebook_weight": level.weight, "rulebook": rulebook.id},
        )
    return look.result()


@rule("indicator-score-by-rule", "scoring", "error", "定量指标得分与评分规则算出的不符")
def check_indicator_score_by_rule(ev: Evaluation, look: Look) -> CheckResult:
    """定量指标按评分规则计分：达到指标值得满分；未达到的，正向指标得 完成值 ÷ 指标值 × 分值，反向指标按规则的公式
    （财预〔2020〕10号 及评分规则）。自评得分高于规则算出的，是错误；低于的给出警告（单位可能另有扣分的理由，如
    远超指标值的偏离度扣分，应在偏差原因中写明）。容差按得分写出的位数：写成整数的得分允许四舍五入的 0.5 分。
    得分等于分值而未达到指标值的，由“未达到指标值却给了满分”一条报告，这里不重复。"""
    rulebook = rulebook_of(look)
    for i, ind in enumerate(ev.performance.indicators):
        if ind.score is None or ind.weight is None or ind.not_applicable or ind.target is None or ind.actual is None:
            continue
        target, actual = readings_of_run(look)[i]
        computed = score_measures(rulebook, target, actual, ind.weight)
        if computed.method not in _COMPUTED or computed.score is None:
            continue
        full = round_half_up(ind.weight, rulebook.rounding.places)
        if ind.score == ind.weight and computed.score < full:
            continue  # full marks for a missed target: its own rule
        difference = ind.score - computed.score
        evidence = {"indicator": ind.name, "score": ind.score, "computed": computed.score, "difference": difference, "rulebook": rulebook.id}
        if difference == 0:
            look.passed()
            continue
        told = (
            f"指标“{ind.name}”指标值 {ind.target.text.strip()}，实际完成 {ind.actual.text.strip()}，按评分规则“{rulebook.id}”"
            f"应得 {fmt(computed.score)} 分（{computed.computation}），自评得分 {fmt(ind.score)}，"
            f"{'多' if difference > 0 else '少'} {fmt(abs(difference))} 分"
        )
        if abs(difference) <= half_unit(ind.score):
            look.info(f"{told}，在得分写法的四舍五入容差以内。", at=_path(i, "score"), evidence=evidence)
        elif difference > 0:
            look.fail(f"{told}。请按规则重新计分。", at=_path(i, "score"), evidence=evidence)
        else:
            look.fail(
                f"{told}。若另有扣分的理由，请在偏差原因中写明。", at=_path(i, "score"), evidence=evidence, severity="warning"
            )
    return look.result()


@rule("execution-score-stated", "scoring", "error", "预算执行率得分与执行率不符")
def check_execution_score_stated(ev: Evaluation, look: Look) -> CheckResult:
    """自评表预算执行率一栏的得分 = 执行率（全年执行数 ÷ 全年预算数）× 该栏分值，执行率超过 100% 的按 100% 计（以
    评分规则为准）；得分不能超过分值。所写得分与算出的不同给出错误，只差得分写法的四舍五入的只作提示。全年预算数
    或全年执行数没有写出的，无法核对。"""
    stated = ev.self_assessment.execution_score
    if stated is None:
        return look.result()
    rulebook = rulebook_of(look)
    weight = ev.self_assessment.execution_weight
    weight = weight if weight is not None else rulebook.weights.execution
    at = "self_assessment.execution_score"
    if stated > weight:
        look.fail(
            f"预算执行率得分 {fmt(stated)} 超过其分值 {fmt(weight)}（多 {fmt(stated - weight)} 分）：执行率超过 100% 也只得满分。",
            at=at,
            evidence={"score": stated, "weight": weight},
        )
        return look.result()
    adjusted, executed = ev.budget.adjusted, ev.budget.executed
    if adjusted is None or executed is None or adjusted == 0:
        look.insufficient(
            f"预算执行率得分写为 {fmt(stated)}，但全年预算数、全年执行数未写全（或预算数为 0），无法核对。",
            at=at,
            evidence={"score": stated, "adjusted": adjusted, "executed": executed},
            severity="info",
        )
        return look.result()
    cap = rulebook.execution.cap
    counted = min(executed / adjusted, cap)
    computed = round_half_up(counted * weight, rulebook.rounding.places)
    difference = stated - computed
    evidence = {"score": stated, "computed": computed, "difference": difference, "adjusted": adjusted, "executed": executed, "weight": weight}
    if difference == 0:
        look.passed()
        return look.result()
    told = (
        f"预算执行率得分写为 {fmt(stated)}，按 {fmt(executed)} ÷ {fmt(adjusted)} × {fmt(weight)}"
        f"{'（执行率超过 100% 按 100% 计）' if executed / adjusted > cap else ''} 应为 {fmt(computed)}，"
        f"{'多' if difference > 0 else '少'} {fmt(abs(difference))} 分"
    )
    if abs(difference) <= max(half_unit(stated), ROUNDING):
        look.info(f"{told}，在得分写法的四舍五入容差以内。", at=at, evidence=evidence)
    else:
        look.fail(f"{told}。", at=at, evidence=evidence)
    return look.result()
