"""The scoring engine: an evaluation and a rulebook give a scorecard; the engine only follows the rulebook.

Per 三级 indicator: its weight (stated, or spread by the engine), the direction its target reads as, the
score and how it was reached, in Chinese ("480 ÷ 500 × 10 = 9.60"). Then 预算执行率 (全年执行数 ÷ 全年预算数 ×
its weight, the rate counted at most up to the rulebook's cap), the total, any cap of the total by the
execution rate, and the grade by the rulebook's bands (lower bound inclusive).

When the evaluation states no weights (a report whose 自评表 is not attached), the scorecard is
PROVISIONAL: each 一级 weight is spread evenly over that level's scorable 三级 indicators (the remainder of
the rounding to cents goes to the first ones, so the shares sum exactly to the 一级 weight), and every
assumption is recorded. A blank is never a zero: what cannot be scored is listed with the reason and
left out of the points assessed; the total is given over the points assessed and scaled to 100.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar, cast

from jixiao.core.model import Evaluation, Indicator
from jixiao.core.money import round_half_up
from jixiao.scoring.rulebook import Level1, QualitativeBand, Rulebook
from jixiao.scoring.scorecard import ExecutionScore, IndicatorScore, LevelScore, Method, Scorecard
from jixiao.scoring.targets import Reading, read_measure

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
T = TypeVar("T")
_ON_TIME = re.compile(r"按时|按期|如期|提前|准时")


def fmt(value: Decimal) -> str:
    """A decimal as written, never in exponent form."""
    return format(value, "f")


def pct(share: Decimal) -> str:
    """A share (1.3) as a percent without trailing zeros ("130")."""
    return format((share * HUNDRED).normalize(), "f")


def _text(measure_value: Decimal, unit: str | None) -> str:
    return f"{fmt(measure_value)}{unit or ''}"


# ------------------------------------------------------------------------------------------------ rulebook helpers


_DERIVED: dict[tuple[str, int], tuple[Rulebook, Any]] = {}


def _derived(rulebook: Rulebook, what: str, make: Callable[[Rulebook], T]) -> T:
    """`make(rulebook)`, kept per rulebook (rulebooks are frozen): lookups a scoring makes per indicator."""
    kept = _DERIVED.get((what, id(rulebook)))
    if kept is not None and kept[0] is rulebook:
        return cast(T, kept[1])
    made = make(rulebook)
    if len(_DERIVED) > 64:
        _DERIVED.clear()
    _DERIVED[(what, id(rulebook))] = (rulebook, made)
    return made


def _level_keys(rulebook: Rulebook) -> list[tuple[str, Level1]]:
    """Every name and alias of the 一级 levels, longest first."""
    return _derived(
        rulebook,
        "level keys",
        lambda book: sorted(
            ((key, level) for level in book.weights.level1 for key in (level.name, *level.aliases)),
            key=lambda pair: -len(pair[0]),
        ),
    )


def level_of(
    rulebook: Rulebook, level1: str | None, keys: list[tuple[str, Level1]] | None = None
) -> Level1 | None:
    """The rulebook's 一级 a report's 一级指标 name belongs to (by name or alias, the longest match first)."""
    if not level1:
        return None
    text = "".join(level1.split())
    for key, level in keys if keys is not None else _level_keys(rulebook):
        if key and key in text:
            return level
    return None


def grade_for(rulebook: Rulebook, total: Decimal) -> str:
    """The label of the band `total` falls in; bands are listed highest first and their lower bound is inclusive."""
    for band in rulebook.grades.bands:
        if total >= band.min_total:
            return band.label
    return rulebook.grades.bands[-1].label


def normalise_grade(rulebook: Rulebook, text: str | None) -> str | None:
    """A grade as a report writes it ("优秀", "“优”") as the rulebook's label; None when it is none of them."""
    if text is None:
        return None
    plain = re.sub(r"[\s“”\"'‘’「」『』（）()]", "", text)
    plain = re.sub(r"(?:等次|等级|档次)$", "", plain)
    for band in rulebook.grades.bands:
        if plain == band.label or plain in band.aliases:
            return band.label
    return None


def band_of(rulebook: Rulebook, text: str | None) -> QualitativeBand | None:
    """The qualitative option a text names: the longest option it contains (部分达成… before 达成…)."""
    if not text:
        return None
    plain = _SPACE.sub("", text)
    for option, band in _longest_first(rulebook):
        if option in plain:
            return band
    return None


_SPACE = re.compile(r"\s+")


def _longest_first(rulebook: Rulebook) -> list[tuple[str, QualitativeBand]]:
    """Every option string of the qualitative bands (aliases too) with its band, longest first."""
    return _derived(
        rulebook,
        "bands",
        lambda book: sorted(
            ((option, band) for band in book.qualitative.bands for option in (band.option, *band.aliases)),
            key=lambda pair: -len(pair[0]),
        ),
    )


def band_bounds(rulebook: Rulebook, band: QualitativeBand, weight: Decimal) -> tuple[Decimal, Decimal, bool]:
    """The band's scores for this weight: (low inclusive, high, whether high is inclusive), each rounded."""
    places = rulebook.rounding.places
    return (
        round_half_up(weight * band.min_share, places),
        round_half_up(weight * band.max_share, places),
        band.max_inclusive,
    )


def in_band(rulebook: Rulebook, band: QualitativeBand, weight: Decimal, score: Decimal) -> bool:
    low, high, inclusive = band_bounds(rulebook, band, weight)
    return low <= score and (score <= high if inclusive else score < high)


def _bounds_text(low: Decimal, high: Decimal, inclusive: bool) -> str:
    return f"[{fmt(low)}, {fmt(high)}{']' if inclusive else ')'}"


def cap_for(rulebook: Rulebook, rate: Decimal) -> Decimal | None:
    """The highest total allowed at this execution rate (a percent), or None when no cap applies."""
    caps = [cap.max_total for cap in rulebook.caps.by_execution if rate < cap.below]
    return min(caps) if caps else None


def apply_cap(rulebook: Rulebook, rate: Decimal | None, total: Decimal) -> tuple[Decimal, Decimal | None]:
    """The total after the execution cap, and the cap when it lowered the total (else None)."""
    if rate is None:
        return total, None
    cap = cap_for(rulebook, rate)
    if cap is not None and total > cap:
        capped = round_half_up(cap, rulebook.rounding.places)
        return capped, capped
    return total, None


def spread(weight: Decimal, count: int, places: int = 2) -> list[Decimal]:
    """`weight` shared evenly among `count` indicators, in units of 0.01; the cents left over by the
    rounding go one each to the first shares (largest remainder, ties in order), so the shares sum exactly."""
    if count <= 0:
        return []
    unit = Decimal(1).scaleb(-places)
    units = int((weight / unit).to_integral_value())
    base, left = divmod(units, count)
    return [(Decimal(base + (1 if i < left else 0)) * unit).quantize(unit) for i in range(count)]


# ------------------------------------------------------------------------------------------------ one indicator


@dataclass(slots=True)
class Scored:
    """How one indicator scores for a given weight (a score of None: it cannot be scored; `reason` says why)."""

    method: Method
    score: Decimal | None = None
    # how the score was reached, in words, made only when asked for: a check of the grade never asks
    explain: Callable[[], str] | None = None
    reason: str | None = None
    over_achieved: bool = False
    deduction: Decimal | None = None
    band: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def computation(self) -> str:
        """How the score was reached, in Chinese: "480 ÷ 500 × 10 = 9.60"."""
        return self.explain() if self.explain is not None else ""


def _stated_or(reason: str, weight: Decimal, stated: Decimal | None, places: int) -> Scored:
    """An indicator the rulebook cannot score by itself: the unit's own score where it is within the weight."""
    if stated is not None and ZERO <= stated <= weight:
        return Scored(
            "stated",
            round_half_up(stated, places),
            lambda: f"{reason}，采用自评得分 {fmt(stated)}",
            notes=[f"{reason}，得分采用单位自评"],
        )
    if stated is not None:
        return Scored("unscored", reason=f"{reason}；自评得分 {fmt(stated)} 不在 0 至分值 {fmt(weight)} 之间")
    return Scored("unscored", reason=reason)


def score_measures(
    rulebook: Rulebook,
    target: Reading | None,
    actual: Reading | None,
    weight: Decimal,
    stated: Decimal | None = None,
) -> Scored:
    """Score one indicator's target and actual under the rulebook, for this weight."""
    places = rulebook.rounding.places
    if target is None:
        return _stated_or("没有年度指标值", weight, stated, places)
    if actual is None:
        return _stated_or("没有实际完成值", weight, stated, places)
    if target.direction == "定性":
        return _qualitative(rulebook, actual, weight, stated)
    if target.direction == "期限":
        return _deadline(target, actual, weight, stated, places)
    assert target.value is not None
    if actual.date is not None or actual.value is None:
        band = band_of(rulebook, actual.text)
        if band is not None:
            return _qualitative(rulebook, actual, weight, stated)
        return _stated_or(f"指标值是数字，实际完成值“{actual.text}”却没有数字", weight, stated, places)
    if actual.comparator is not None:
        return _stated_or(f"实际完成值“{actual.text}”只写了界限，不是实际完成的数", weight, stated, places)
    if target.unit and actual.unit and target.unit != actual.unit:
        return _stated_or(
            f"指标值单位“{target.unit}”与实际完成值单位“{actual.unit}”不同", weight, stated, places
        )
    t, a = target.value, actual.value
    notes: list[str] = []
    if target.implied:
        notes.append(f"指标值“{target.text}”未写比较符，按“≥{_text(t, target.unit)}”（正向）计分")
    if t == 0 and target.direction in ("反向", "等于"):
        met = a <= 0
        score = weight if met else ZERO
        sign = "≤" if met else ">"
        verdict = "达到指标值，得满分" if met else "未达到，得 0 分"
        return Scored(
            "zero_target",
            round_half_up(score, places),
            lambda: f"指标值为 0：完成值 {fmt(a)} {sign} 0，{verdict} {fmt(round_half_up(score, places))}",
            notes=notes,
        )
    if target.direction == "反向":
        return _reverse(rulebook, t, a, weight, notes)
    # 正向, and 等于 with a target above 0 (scored as 正向, as the vendor does)
    method: Method = "equal" if target.direction == "等于" else "positive"
    if target.direction == "等于":
        notes.append("等于型指标（指标值大于 0）按正向计分")
    if t <= 0:
        if a >= t:
            return Scored(method, round_half_up(weight, places), lambda: f"{fmt(a)} ≥ {fmt(t)}，达到指标值，得满分 {fmt(weight)}", notes=notes)
        return _stated_or(f"指标值 {fmt(t)} 不大于 0，未达到时不能按比例计分", weight, stated, places)
    if a >= t:
        result = Scored(
            method,
            round_half_up(weight, places),
            lambda: f"{fmt(a)} ≥ {fmt(t)}，达到指标值，得满分 {fmt(round_half_up(weight, places))}",
            notes=notes,
        )
        return _over(rulebook, result, t, a, places)
    raw = round_half_up(a / t * weight, places)
    if raw < 0:
        notes.append("完成值为负，得分按 0 计")
        raw = round_half_up(ZERO, places)
    return Scored(method, raw, lambda: f"{fmt(a)} ÷ {fmt(t)} × {fmt(weight)} = {fmt(raw)}", notes=notes)


def _over(rulebook: Rulebook, result: Scored, t: Decimal, a: Decimal, places: int) -> Scored:
    rule = rulebook.over_achievement
    if a < t * rule.threshold:
        return result
    share = round_half_up(a / t * HUNDRED, places)
    result.over_achieved = True
    line = f"实际完成值为指标值的 {fmt(share)}%，达到或超过 {pct(rule.threshold)}%，属远超指标值"
    if rule.explanation_required:
        line += "，须说明偏差原因（指标值是否定得偏低）"
    result.notes.append(line)
    if rule.deduction is not None and result.score is not None:
        deducted = max(result.score - rule.deduction, ZERO)
        full, less, after, explain = result.score, rule.deduction, round_half_up(deducted, places), result.explain
        result.deduction = full - deducted
        result.explain = lambda: f"{explain() if explain else ''}；远超指标值扣 {fmt(less)} 分：{fmt(full)} − {fmt(less)} = {fmt(after)}"
        result.score = after
    return result


def _reverse(rulebook: Rulebook, t: Decimal, a: Decimal, weight: Decimal, notes: list[str]) -> Scored:
    places = rulebook.rounding.places
    if a <= t:
        full = round_half_up(weight, places)
        return Scored("reverse", full, lambda: f"{fmt(a)} ≤ {fmt(t)}，达到指标值，得满分 {fmt(full)}", notes=notes)
    if t < 0:
        return Scored("unscored", reason=f"指标值 {fmt(t)} 为负数，不能按反向公式计分", notes=notes)
    if rulebook.quantitative.reverse_formula == "ratio":
        raw = round_half_up(t / a * weight, places)
        return Scored("reverse", raw, lambda: f"{fmt(t)} ÷ {fmt(a)} × {fmt(weight)} = {fmt(raw)}", notes=notes)
    if a >= 2 * t:
        zero = round_half_up(ZERO, places)
        return Scored(
            "reverse", zero, lambda: f"完成值 {fmt(a)} 达到指标值 {fmt(t)} 的 2 倍，得 0 分", notes=notes
        )
    raw = round_half_up((1 - (a - t) / t) * weight, places)
    return Scored("reverse", raw, lambda: f"(1 − ({fmt(a)} − {fmt(t)}) ÷ {fmt(t)}) × {fmt(weight)} = {fmt(raw)}", notes=notes)


def _qualitative(rulebook: Rulebook, actual: Reading, weight: Decimal, stated: Decimal | None) -> Scored:
    band = band_of(rulebook, actual.text)
    places = rulebook.rounding.places
    if band is None:
        return _stated_or(
            f"定性指标的完成情况“{actual.text}”不是“{'”“'.join(b.option for b in rulebook.qualitative.bands)}”之一，"
            "无法定档",
            weight,
            stated,
            places,
        )
    low, high, inclusive = band_bounds(rulebook, band, weight)
    bounds = _bounds_text(low, high, inclusive)
    if stated is None:
        return Scored(
            "unscored",
            reason=f"定性指标（“{band.option}”，得分应在 {bounds} 内）没有自评得分，无法计分",
            band=band.option,
        )
    if in_band(rulebook, band, weight, stated):
        return Scored(
            "qualitative",
            round_half_up(stated, places),
            lambda: f"“{band.option}”档得分 {bounds}，自评 {fmt(stated)} 在档内，采用",
            band=band.option,
        )
    return Scored(
        "unscored",
        reason=f"自评得分 {fmt(stated)} 不在“{band.option}”档 {bounds} 内",
        band=band.option,
        notes=[f"自评得分 {fmt(stated)} 不在“{band.option}”档 {bounds} 内，请按档位重新打分"],
    )


def _deadline(target: Reading, actual: Reading, weight: Decimal, stated: Decimal | None, places: int) -> Scored:
    assert target.date is not None
    due = f"{target.date[0]}月{target.date[1]}日"
    full = round_half_up(weight, places)
    if actual.date is None:
        if _ON_TIME.search(actual.text):
            return Scored(
                "deadline",
                full,
                lambda: f"期限 {due}前，完成情况“{actual.text}”，按期完成，得满分 {fmt(full)}",
                notes=[f"完成情况“{actual.text}”没有日期，按其所写视为按期完成"],
            )
        return _stated_or(f"期限型指标的完成情况“{actual.text}”没有日期", weight, stated, places)
    late = actual.next_year and not target.next_year
    met = not late and actual.date <= target.date
    done = f"{'次年' if actual.next_year else ''}{actual.date[0]}月{actual.date[1]}日"
    if met:
        return Scored("deadline", full, lambda: f"期限 {due}前，{done}完成，按期完成，得满分 {fmt(full)}")
    return _stated_or(f"逾期完成（期限 {due}，{done}完成），评分规则没有逾期的计分办法", weight, stated, places)


def scorable(rulebook: Rulebook, target: Reading | None, actual: Reading | None, stated: Decimal | None) -> bool:
    """Whether `score_measures` gives a score for a weight of 1: the test a provisional scorecard makes of
    every indicator before it spreads the weights. It follows `score_measures` branch by branch without
    making a `Scored` and its words (tests hold the two equal); the words are made for the few that fail."""
    if target is None or actual is None:
        return _stated_scorable(stated)
    if target.direction == "定性":
        return _qualitative_scorable(rulebook, actual, stated)
    if target.direction == "期限":
        if actual.date is None:
            return _ON_TIME.search(actual.text) is not None or _stated_scorable(stated)
        assert target.date is not None
        met = not (actual.next_year and not target.next_year) and actual.date <= target.date
        return met or _stated_scorable(stated)
    if actual.date is not None or actual.value is None:
        if band_of(rulebook, actual.text) is not None:
            return _qualitative_scorable(rulebook, actual, stated)
        return _stated_scorable(stated)
    if actual.comparator is not None or (target.unit and actual.unit and target.unit != actual.unit):
        return _stated_scorable(stated)
    t, a = target.value, actual.value
    assert t is not None
    if t == 0 and target.direction in ("反向", "等于"):
        return True
    if target.direction == "反向":
        return a <= t or t >= 0
    return t > 0 or a >= t or _stated_scorable(stated)


def _stated_scorable(stated: Decimal | None) -> bool:
    return stated is not None and ZERO <= stated <= ONE


def _qualitative_scorable(rulebook: Rulebook, actual: Reading, stated: Decimal | None) -> bool:
    band = band_of(rulebook, actual.text)
    if band is None:
        return _stated_scorable(stated)
    return stated is not None and in_band(rulebook, band, ONE, stated)


# ------------------------------------------------------------------------------------------------ execution


def score_execution(
    rulebook: Rulebook, initial: Decimal | None, adjusted: Decimal | None, executed: Decimal | None
) -> ExecutionScore:
    """预算执行率 = 全年执行数 ÷ 全年预算数; its score = min(rate, cap) × weight. Missing data: insufficient, never 0."""
    weight = rulebook.weights.execution
    places = rulebook.rounding.places
    missing = [name for name, value in (("全年预算数", adjusted), ("全年执行数", executed)) if value is None]
    if missing:
        return ExecutionScore(
            initial=initial, adjusted=adjusted, executed=executed, rate=None, weight=weight, score=None,
            status="insufficient_data",
            computation=f"{'、'.join(missing)}未载明，无法计算预算执行率（不按 0 或 100% 计）",
        )  # fmt: skip
    assert adjusted is not None and executed is not None
    if adjusted == 0:
        return ExecutionScore(
            initial=initial, adjusted=adjusted, executed=executed, rate=None, weight=weight, score=None,
            status="insufficient_data", computation="全年预算数为 0，无法计算预算执行率",
        )  # fmt: skip
    ratio = executed / adjusted
    rate = round_half_up(ratio * HUNDRED, places)
    cap = rulebook.execution.cap
    if ratio > cap:
        score = round_half_up(cap * weight, places)
        computation = (
            f"{fmt(executed)} ÷ {fmt(adjusted)} = {fmt(rate)}%，超过 {pct(cap)}%，"
            f"按 {pct(cap)}% 计：{fmt(weight)} × {pct(cap)}% = {fmt(score)}"
        )
    else:
        score = round_half_up(ratio * weight, places)
        computation = f"{fmt(executed)} ÷ {fmt(adjusted)} × {fmt(weight)} = {fmt(score)}"
    return ExecutionScore(
        initial=initial, adjusted=adjusted, executed=executed, rate=rate, weight=weight, score=score,
        status="scored", computation=computation, over_budget=executed > adjusted,
    )  # fmt: skip


# ------------------------------------------------------------------------------------------------ the whole


def readings_of(indicators: list[Indicator]) -> list[tuple[Reading | None, Reading | None]]:
    """Each indicator's target and actual as read (None where not written)."""
    return [
        (
            read_measure(ind.target) if ind.target is not None else None,
            read_measure(ind.actual) if ind.actual is not None else None,
        )
        for ind in indicators
    ]


@dataclass(slots=True)
class Tally:
    """A scorecard's figures without its models and words: what `score` dresses as a `Scorecard`, and all a
    check of the grade needs (per indicator its level, readings, weight and result)."""

    provisional: bool
    levels: list[Level1 | None]
    readings: list[tuple[Reading | None, Reading | None]]
    weights: list[Decimal | None]  # stated, or spread when provisional (None: no weight)
    results: list[Scored | None]  # None: not put to the rulebook (不适用, no 一级, no weight)
    execution: ExecutionScore
    assessed_weight: Decimal
    total_before_cap: Decimal
    total: Decimal  # after any cap
    cap: Decimal | None
    scaled_total: Decimal | None
    grade: str | None
    full_weight: Decimal

    @property
    def complete(self) -> bool:
        return self.assessed_weight == self.full_weight


def _full_weight(rulebook: Rulebook) -> Decimal:
    return rulebook.weights.total


def tally(
    ev: Evaluation, rulebook: Rulebook, readings: list[tuple[Reading | None, Reading | None]] | None = None
) -> Tally:
    """Score an evaluation under a rulebook, figures only: weights, each indicator's result, total, cap, grade.

    `readings` are the indicators' `readings_of`, when the caller has read them already."""
    places = rulebook.rounding.places
    indicators = ev.performance.indicators
    if readings is None:
        readings = readings_of(indicators)
    keys = _level_keys(rulebook)
    by_name: dict[str | None, Level1 | None] = {}  # a report names few 一级: look each name up once
    for ind in indicators:
        if ind.level1 not in by_name:
            by_name[ind.level1] = level_of(rulebook, ind.level1, keys)
    levels = [by_name[ind.level1] for ind in indicators]
    provisional = not any(ind.weight is not None for ind in indicators if not ind.not_applicable)

    # the weight of each indicator: stated, or spread over the scorable ones of its 一级 (provisional)
    weights: list[Decimal | None] = [ind.weight for ind in indicators]
    if provisional and indicators:  # without indicators there is nothing to spread
        weights = [None] * len(indicators)
        can_score = [
            levels[i] is not None and not ind.not_applicable and scorable(rulebook, *readings[i], ind.score)
            for i, ind in enumerate(indicators)
        ]
        for level in rulebook.weights.level1:
            members = [i for i in range(len(indicators)) if can_score[i] and levels[i] is level]
            for i, share in zip(members, spread(level.weight, len(members), places), strict=True):
                weights[i] = share

    results: list[Scored | None] = []
    assessed = total = ZERO
    for i, ind in enumerate(indicators):
        weight = weights[i]
        if ind.not_applicable or levels[i] is None or weight is None:
            results.append(None)
            continue
        result = score_measures(rulebook, *readings[i], weight, ind.score)
        results.append(result)
        if result.score is not None:
            assessed += weight
            total += result.score

    execution = score_execution(rulebook, ev.budget.initial, ev.budget.adjusted, ev.budget.executed)
    if execution.score is not None:
        assessed += execution.weight
        total += execution.score
    total = round_half_up(total, places)
    assessed = round_half_up(assessed, places)
    full = _derived(rulebook, "total", _full_weight)
    scaled: Decimal | None = None
    cap: Decimal | None = None
    final = total
    grade: str | None = None
    if assessed == full:
        final, cap = apply_cap(rulebook, execution.rate, total)
        grade = grade_for(rulebook, final)
    elif assessed > 0:
        scaled = round_half_up(total / assessed * HUNDRED, places)
        scaled, cap = apply_cap(rulebook, execution.rate, scaled)
        grade = grade_for(rulebook, scaled)
    return Tally(
        provisional=provisional, levels=levels, readings=readings, weights=weights, results=results,
        execution=execution, assessed_weight=assessed, total_before_cap=total, total=final, cap=cap,
        scaled_total=scaled, grade=grade, full_weight=full,
    )  # fmt: skip


def _provisional_words(rulebook: Rulebook) -> tuple[str, list[str]]:
    """What a provisional scorecard assumes, in words that depend on the rulebook alone: the headline, and
    per 一级 the line for a level without any scorable 三级 (most reports state no indicators at all)."""
    headline = (
        f"报告未列各项指标的分值（自评表未附），按评分规则“{rulebook.id}”暂评：各一级指标的分值平均分配给"
        "其下可计分的三级指标（有指标值和实际完成值且能按规则计分的；不适用的不参与），"
        "尾差按最大余数法分给排在前面的指标；暂评结果仅供参考"
    )
    unassessed = [f"{level.name} {fmt(level.weight)} 分：没有可计分的三级指标，未评" for level in rulebook.weights.level1]
    return headline, unassessed


def _empty_levels(rulebook: Rulebook) -> list[LevelScore]:
    """Per 一级, its score when the report states no indicator under it."""
    return [
        LevelScore(name=level.name, weight=level.weight, indicators=0, scored=0, assessed_weight=ZERO, score=ZERO)
        for level in rulebook.weights.level1
    ]


def score(ev: Evaluation, rulebook: Rulebook) -> Scorecard:
    """Score an evaluation under a rulebook: per indicator, execution, total, cap, grade, every assumption."""
    done = tally(ev, rulebook)
    indicators = ev.performance.indicators
    levels, weights, provisional = done.levels, done.weights, done.provisional
    assumptions: list[str] = []
    if rulebook.kind is not None and ev.kind is not None and rulebook.kind != ev.kind:
        assumptions.append(
            f"评分规则“{rulebook.id}”是为{rulebook.kind}绩效自评制定的，本评价是{ev.kind}绩效自评，请核对所用的评分规则"
        )
    if provisional:
        headline, unassessed = _derived(rulebook, "provisional words", _provisional_words)
        assumptions.append(headline)
        for level, none_scorable in zip(rulebook.weights.level1, unassessed, strict=True):
            shares = [w for w, lv in zip(weights, levels, strict=True) if lv is level and w is not None]
            if shares:
                each = "、".join(sorted({fmt(s) for s in shares}, key=Decimal, reverse=True))
                assumptions.append(f"{level.name} {fmt(level.weight)} 分分给 {len(shares)} 项可计分指标，每项 {each} 分")
            else:
                assumptions.append(none_scorable)

    scores: list[IndicatorScore] = []
    for i, ind in enumerate(indicators):
        target, actual = done.readings[i]
        weight = weights[i]
        base = {
            "index": i,
            "level1": ind.level1,
            "level2": ind.level2,
            "name": ind.name,
            "target": ind.target.text if ind.target is not None else None,
            "actual": ind.actual.text if ind.actual is not None else None,
            "weight_assumed": provisional and weight is not None,
            "stated_score": ind.score,
            "direction": target.direction if target is not None else None,
        }
        result = done.results[i]
        if result is None:
            if ind.not_applicable:
                why = "报告称不适用，不参与评分"
            elif levels[i] is None:
                why = f"一级指标“{ind.level1}”不在评分规则之内" if ind.level1 else "没有一级指标，无法归入"
            elif provisional:
                why = score_measures(rulebook, target, actual, ONE, ind.score).reason or "无法计分"
            else:
                why = "没有分值"
            scores.append(IndicatorScore(**base, weight=weight, score=None, method="unscored", computation="", reason=why))
            continue
        scores.append(
            IndicatorScore(
                **base,
                weight=weight,
                score=result.score,
                method=result.method,
                computation=result.computation,
                reason=result.reason,
                over_achieved=result.over_achieved,
                deduction=result.deduction,
                band=result.band,
                notes=result.notes,
            )
        )
        if result.score is not None:
            assumptions.extend(f"“{ind.name}”：{note}" for note in result.notes if "未写比较符" in note or "视为" in note)

    execution = done.execution
    if execution.status != "scored":
        assumptions.append(f"预算执行率 {fmt(rulebook.weights.execution)} 分：{execution.computation}，未评")

    level_scores: list[LevelScore] = []
    for level, empty in zip(rulebook.weights.level1, _derived(rulebook, "empty levels", _empty_levels), strict=True):
        mine = [s for s, lv in zip(scores, levels, strict=True) if lv is level]
        if not mine:
            level_scores.append(empty)
            continue
        scored = [s for s in mine if s.score is not None and s.weight is not None]
        level_scores.append(
            LevelScore(
                name=level.name,
                weight=level.weight,
                indicators=len(mine),
                scored=len(scored),
                assessed_weight=sum((s.weight for s in scored if s.weight is not None), ZERO),
                score=sum((s.score for s in scored if s.score is not None), ZERO),
            )
        )

    assessed, full = done.assessed_weight, done.full_weight
    if done.scaled_total is not None:
        assumptions.append(
            f"只有 {fmt(assessed)} 分（满分 {fmt(full)} 分）能够评定，得 {fmt(done.total_before_cap)} 分，"
            f"折算为百分制 {fmt(done.scaled_total)} 分，等级按折算分评定"
        )
        if done.cap is not None:
            assumptions.append(f"执行率封顶按折算为百分制的得分适用：封顶 {fmt(done.cap)} 分")
    elif not done.complete:
        assumptions.append("没有任何一项能够评分，无法给出总分和等级")

    return Scorecard(
        rulebook=rulebook.id,
        provisional=provisional,
        indicators=scores,
        execution=execution,
        assessed_weight=assessed,
        total=done.total,
        total_before_cap=done.total_before_cap,
        cap=done.cap,
        scaled_total=done.scaled_total,
        grade=done.grade,
        self_grade=ev.self_assessment.grade,
        self_score=ev.self_assessment.score,
        assumptions=assumptions,
        full_weight=full,
        levels=level_scores,
    )
