"""Indicators: targets missing or not measurable, actual values missing, targets missed or far exceeded.

Each indicator is assessed once per run (`assessments`, shared through `look.once`) and every rule of
the family reads that assessment: an indicator with a figure but no target, a target with no actual
figure, a target missed, an actual far above its target. The annual goals (年度绩效目标) are looked at for
whether they can be measured at all.

A miss the report itself admits (an indicator's 偏差原因, or a line saying 未完成 / 未达到 that names it)
is only worth knowing; a miss the figures show while the text says nothing of it is probably a
misstatement, either of the figure or of the claim that the goals were met. The lines that admit a miss
(`miss_lines`) are shared with the scoring family.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from jixiao.checks.registry import Look, rule
from jixiao.checks.text import heading_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation, Indicator, Measure
from jixiao.core.money import round_half_up

HUNDRED = Decimal(100)

# a date-like target or actual ("12月31日前完成", "12月26日"): compared as (month, day), never as a number
_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# a target written with words instead of a sign
_AT_MOST = re.compile(r"≤|<=|不超过|不高于|不多于|以内|以下|之内|控制在|低于")
_AT_LEAST = re.compile(r"≥|>=|不少于|不低于|以上|至少|高于|超过")
_NEXT_YEAR = "次年"

# an aim that sets no standard one could check, when no figure or clear criterion comes with it
_VAGUE = re.compile(
    r"平稳可控|总体可控|清朗|进一步|不断|持续|稳步|努力|积极|切实|加强|推进|深化|强化|巩固|营造|做好|健全|完善|"
    r"全力|大力|着力|逐步"
)
# a completion criterion a reader can check without a figure
_CLEAR = re.compile(
    r"按时|按期|如期|准时|完成率|全覆盖|全部|足额|不发生|未发生|零发生|零事故|无重大|杜绝|通过.{0,4}验收|达标|合格|"
    r"每(?:年|半年|季度?|月|周|日)|[一二两三四五六七八九十百千]+(?:次|个|项|期|场|批|座|套|人|家|名|篇|条|份|台|件|所|户)"
)
_YEAR = re.compile(r"\d{4}\s*年度?")
_DIGIT = re.compile(r"\d")

# a line that admits a miss: not after 无 / 不存在 ("无未完成"), not a label ("未完成原因分析", "未完成的绩效目标：无")
_MISS = re.compile(
    r"(?:未能?|没有|尚未)(?:完成|达到|达标|实现)(?<!无未..)(?<!无未能..)(?<!不存在未..)"
    r"(?!原因|情况|的(?:绩效)?(?:目标|指标)[。.:：]?\s*(?:无|没有)?[。.]?\s*$)"
)
# left out of an indicator's name before it is looked for in the report's words
_NAME_NOISE = re.compile(r"[\s“”\"'‘’（）()①-⑩:：]")
# _MISS over a whole body at once: it matches within one line, and a match there is a match of _MISS in that line
# (its look-behinds cannot reach past a line break, and where its look-ahead would, it also ends at the line's end)
_MISS_LINES = re.compile(_MISS.pattern, re.MULTILINE)


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to build, and one is built per indicator
class Assessment:
    """How one indicator stands: its status and, where target and actual are figures, the comparison."""

    index: int
    indicator: Indicator
    # met | far_above | missed | no_target | no_actual | bound_only | not_a_figure | units_differ | qualitative
    status: str
    direction: str | None = None  # the comparator the target means, stated or implied
    percent: Decimal | None = None  # actual as a percent of the target


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to build
class MissLine:
    text: str  # the whole line
    line: int | None
    section: str | None

    @property
    def excerpts(self) -> list[str]:
        """Each admission with the clause before it: "完成抽检560批次，未达到600批次的目标"."""
        return [excerpt(self.text, m.start(), m.end()) for m in _MISS.finditer(self.text)]


_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]")


def excerpt(text: str, start: int, end: int) -> str:
    """The clause holding text[start:end] and the clause before it, at most 80 characters."""
    # only clause ends within the characters kept can move the cut: the last two before start among the 61
    # before it, the first after end among the 20 after it
    before = [m.start() for m in _CLAUSE_END.finditer(text, max(start - 61, 0), start)]
    first = before[-2] + 1 if len(before) >= 2 else 0
    after = _CLAUSE_END.search(text, end, end + 20)
    return text[max(first, start - 60) : after.start() if after is not None else end + 20].strip(" ：:")


def path(index: int, part: str = "") -> str:
    return f"performance.indicators[{index}]{'.' + part if part else ''}"


def shown(measure: Measure) -> str:
    """A target or an actual as written, without stray spaces."""
    return measure.text.strip()


# whether an actual meets its target, by the comparator the target means; "=" (and anything unknown): a count
# or rate above an exact target is not a miss (far above is its own rule)
_MEETS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
_CEILINGS = ("<=", "<")


def _assess(index: int, indicator: Indicator, over: Decimal) -> Assessment | None:
    if indicator.not_applicable:
        return None
    target, actual = indicator.target, indicator.actual
    if target is None:
        if actual is None:
            return None
        if actual.comparator is not None:
            return Assessment(index, indicator, "bound_only")
        if actual.value is not None:
            return Assessment(index, indicator, "no_target")
        return None  # a description of an effect, not a figure: nothing to hold it against
    if actual is None:
        return Assessment(index, indicator, "no_actual")
    text = target.text
    target_date = _DATE.search(text) if "月" in text else None
    if target_date is not None:
        actual_date = _DATE.search(actual.text)
        if actual_date is None:
            return Assessment(index, indicator, "qualitative")  # "按时完成" against a deadline
        # a deadline ("12月31日前", "不超过6月30日") unless the target says "no earlier than"
        later = _AT_LEAST.search(text) is not None and _AT_MOST.search(text) is None
        direction = ">=" if later and "前" not in text else "<="
        due = (int(target_date.group(1)), int(target_date.group(2)))
        done = (int(actual_date.group(1)), int(actual_date.group(2)))
        met = done >= due if direction == ">=" else done <= due
        if _NEXT_YEAR in actual.text and _NEXT_YEAR not in text:  # "次年1月15日" is after "12月31日前"
            met = direction == ">="
        return Assessment(index, indicator, "met" if met else "missed", direction)
    planned = target.value
    if planned is None:
        return Assessment(index, indicator, "qualitative")
    if actual.comparator is not None:
        return Assessment(index, indicator, "bound_only")
    done_value = actual.value
    if done_value is None:
        return Assessment(index, indicator, "not_a_figure")
    unit = target.unit
    if unit and actual.unit and unit != actual.unit:
        return Assessment(index, indicator, "units_differ")
    comparator = target.comparator
    direction = comparator if comparator is not None else ("<=" if _AT_MOST.search(text) else ">=")
    if not _MEETS.get(direction, operator.ge)(done_value, planned):
        return Assessment(index, indicator, "missed", direction, _percent(done_value, planned))
    # actual ≥ over% of target, without a division for the indicators that are not
    if direction not in _CEILINGS and planned > 0 and done_value * HUNDRED >= planned * over:
        return Assessment(index, indicator, "far_above", direction, _percent(done_value, planned))
    return Assessment(index, indicator, "met", direction)


def _percent(actual: Decimal, target: Decimal) -> Decimal | None:
    return round_half_up(actual * HUNDRED / target) if target > 0 else None


_ASSESSED = "indicator.assessments"  # the run's shared (assessments, their statuses)


def _assess_all(look: Look) -> tuple[list[Assessment], set[str]]:
    over = look.settings.over_achievement
    found: list[Assessment] = []
    statuses: set[str] = set()
    for i, ind in enumerate(look.ev.performance.indicators):
        a = _assess(i, ind, over)
        if a is not None:
            found.append(a)
            statuses.add(a.status)
    return found, statuses


def _assessed(look: Look) -> tuple[list[Assessment], set[str]]:
    """Every indicator's assessment and the set of their statuses, computed once per run: a rule whose
    statuses are absent is done without going through the list."""
    return cast(tuple[list[Assessment], set[str]], look.once(_ASSESSED, _assess_all, look))


def _failing(look: Look, passing: frozenset[str], failing: frozenset[str]) -> list[Assessment]:
    """The assessments whose status is one of `failing`, in order; a pass is recorded when any indicator's
    status is one of `passing`. Empty at once when the report lists no indicators or none fails: most
    rules end there without going through the list."""
    if not look.ev.performance.indicators:
        return []
    found, statuses = _assessed(look)
    if not statuses.isdisjoint(passing):
        look.passed()
    if statuses.isdisjoint(failing):
        return []
    return [a for a in found if a.status in failing]


def assessments(look: Look) -> list[Assessment]:
    """Every indicator's assessment, computed once per run."""
    return _assessed(look)[0]


def miss_lines(look: Look) -> list[MissLine]:
    """Lines of the report that say a target was not met (未完成, 未达到 …), computed once per run."""

    def compute() -> list[MissLine]:
        ev = look.ev
        found: list[MissLine] = []
        sections = ev.outline.sections
        for section in sections:
            body = section.text
            if "未" not in body and "没" not in body:  # every admission has one: most bodies are done here
                continue
            last = -1  # the line last taken: a line's admissions come together
            for admission in _MISS_LINES.finditer(body):
                begin = body.rfind("\n", 0, admission.start()) + 1
                if begin == last:
                    continue
                last = begin
                end = body.find("\n", begin)
                line = body[begin : end if end >= 0 else len(body)]
                rows = section.lines
                number = rows[body.count("\n", 0, begin)] if len(rows) == body.count("\n") + 1 else None
                found.append(MissLine(line, number, heading_text(section)))
        if not sections:
            # an evaluation built from data, not imported: its own words are these lists
            for source, items in (
                ("performance.achievements", ev.performance.achievements),
                ("problems", ev.problems),
            ):
                found.extend(MissLine(t, None, source) for t in items if _MISS.search(t))
        for i, ind in enumerate(ev.performance.indicators):
            if ind.deviation and _MISS.search(ind.deviation):
                found.append(MissLine(ind.deviation, None, path(i, "deviation")))
        return found

    result: list[MissLine] = look.once("indicator.miss_lines", compute)
    return result


def _grams(name: str) -> frozenset[str]:
    """What an admission must share with an indicator's name: the name itself when short, else any four
    characters of it in a row."""
    name = _NAME_NOISE.sub("", name)
    return frozenset({name} if len(name) <= 4 else {name[i : i + 4] for i in range(len(name) - 3)})


def _admitted(indicator: Indicator, look: Look) -> str | None:
    """Where the report admits this indicator's miss: a 未完成/未达到 clause sharing four characters with its
    name, the first such in the report."""
    first = _first_clauses(look)
    found = [first[gram] for gram in _grams(indicator.name) if gram in first]
    return min(found)[1] if found else None


def _first_clauses(look: Look) -> dict[str, tuple[int, str]]:
    """For each gram of an indicator's name, the first admission clause holding it, with its place in the
    report's order. One pass over the admissions, each clause (at most 80 characters) searched for every
    gram at once: not a pass over the report's lines for each indicator, whose number grows with them."""

    def compute() -> dict[str, tuple[int, str]]:
        wanted = set().union(*(_grams(ind.name) for ind in look.ev.performance.indicators))
        lengths = sorted({len(gram) for gram in wanted if gram})
        first: dict[str, tuple[int, str]] = {}
        order = 0
        for line in miss_lines(look):
            text = line.text
            for admission in _MISS.finditer(text):  # line.excerpts, one at a time
                clause = excerpt(text, admission.start(), admission.end())
                order += 1
                if "" in wanted:  # a name of punctuation alone: every clause holds it
                    first.setdefault("", (order, clause))
                for at in range(len(clause)):
                    for length in lengths:
                        gram = clause[at : at + length]
                        if gram in wanted and gram not in first:
                            first[gram] = (order, clause)
        return first

    return cast(dict[str, tuple[int, str]], look.once("indicator.first_clauses", compute))


def measurable(text: str) -> bool:
    """Whether a goal or target sets a standard one can check: a figure, or a clear completion criterion;
    failing that, whether it is free of the words of a vague aim (benefit of the doubt)."""
    if _VAGUE.search(text) is None:
        return True
    bare = _YEAR.sub("", text) if _DIGIT.search(text) else text  # "2023年" is not a figure of the goal
    return _DIGIT.search(bare) is not None or _CLEAR.search(bare) is not None


# the statuses each rule passes or fails on
_NO_TARGET = frozenset({"no_target", "bound_only"})
_COMPARABLE = frozenset({"met", "far_above", "missed", "qualitative", "units_differ"})
_NO_ACTUAL = frozenset({"no_actual", "bound_only", "not_a_figure"})
_REACHED = frozenset({"met", "far_above"})
_UNMET = frozenset({"missed", "units_differ"})
_MET, _FAR_ABOVE = frozenset({"met"}), frozenset({"far_above"})


def _fmt(value: Decimal, unit: str | None) -> str:
    return f"{format(value, 'f')}{unit or ''}"


# ------------------------------------------------------------------------------------------------ rules


@rule("indicator-target-missing", "indicator", "warning", "绩效指标有完成值但没有指标值")
def check_indicator_target_missing(ev: Evaluation, look: Look) -> CheckResult:
    """每项绩效指标应写明年度指标值（目标）和实际完成值。只写了完成值（如“满意度达88%”“刷卡率100%”）
    而没有指标值的，无法判断是否完成，自评得分也无从核对。

    只看写成数字的完成值；效益指标中只有文字描述、没有数字的，不在此列。报告称“不适用”的指标不检查。"""
    if not ev.performance.indicators:
        return look.result()
    found, statuses = _assessed(look)
    if not statuses <= _NO_TARGET:  # a bound with no target is a target with no actual: the next rule's
        look.passed()
    if "no_target" in statuses:
        for a in found:
            if a.status == "no_target":
                name, actual = a.indicator.name, a.indicator.actual
                assert actual is not None
                written = shown(actual)
                look.fail(
                    f"指标“{name}”写了实际完成值 {written}，但没有写年度指标值，"
                    "无法判断是否完成。请补充指标值（如“≥95%”“3套”）。",
                    at=path(a.index),
                    evidence={"indicator": name, "actual": written},
                )
    return look.result()


@rule("indicator-actual-missing", "indicator", "warning", "绩效指标没有可核对的实际完成值")
def check_indicator_actual_missing(ev: Evaluation, look: Look) -> CheckResult:
    """有指标值的绩效指标应写出实际完成值，且完成值应是一个实际数，才能与指标值比较。

    以下情形都无法核对：只写了指标值、完成值空着；完成值只写成“≤0”“≥95%”这样的界限（这是指标值的写法，
    不是实际完成了多少）；指标值是数字而完成值只有文字。"""
    for a in _failing(look, _COMPARABLE, _NO_ACTUAL):
        ind = a.indicator
        target = f"指标值为 {shown(ind.target)}，" if ind.target is not None else "没有写指标值，"
        if a.status == "no_actual":
            assert ind.target is not None
            look.fail(
                f"指标“{ind.name}”{target}但实际完成值空着，无法判断是否完成。请填写实际完成值。",
                at=path(a.index),
                evidence={"indicator": ind.name, "target": shown(ind.target), "actual": None},
            )
        elif a.status == "bound_only":
            assert ind.actual is not None
            look.fail(
                f"指标“{ind.name}”{target}完成情况只写了“{shown(ind.actual)}”，这是一个界限而不是实际完成的数，"
                "无法核对。请写出实际数值（如变动率 −3.2%）。",
                at=path(a.index, "actual"),
                evidence={
                    "indicator": ind.name,
                    "target": shown(ind.target) if ind.target else None,
                    "actual": shown(ind.actual),
                },
            )
        elif a.status == "not_a_figure":
            assert ind.target is not None and ind.actual is not None
            look.fail(
                f"指标“{ind.name}”指标值为 {shown(ind.target)}，实际完成值却只写了“{shown(ind.actual)}”，"
                "没有数字，无法判断是否达到。请写出实际完成的数值。",
                at=path(a.index, "actual"),
                evidence={"indicator": ind.name, "target": shown(ind.target), "actual": shown(ind.actual)},
            )
    return look.result()


@rule("indicator-target-unmeasurable", "indicator", "warning", "绩效目标或指标值无法衡量")
def check_indicator_target_unmeasurable(ev: Evaluation, look: Look) -> CheckResult:
    """年度绩效目标和指标值应可衡量：有数字（“每季度一次”“≥95%”），或有明确的完成标准
    （“按时完成”“不发生重大事故”“通过验收”）。只有方向、没有标准的提法（“平稳可控”“网络空间清朗”
    “进一步提升”“加强……”）无法据以判断是否完成。

    定性指标值（如“有效提升”“按时完成”）不因是文字就算不可衡量，只有含糊的提法才提示。"""
    goals, indicators = ev.performance.targets, ev.performance.indicators
    if not goals and not indicators:
        return look.result()
    for i, goal in enumerate(goals):
        if measurable(goal):
            look.passed()
            continue
        look.fail(
            f"年度绩效目标“{goal}”没有数字，也没有明确的完成标准，无法衡量是否完成。"
            "请写成可核对的目标（数量、比率、时限或“不发生……”这样的标准）。",
            at=f"performance.targets[{i}]",
            evidence={"target": goal},
        )
    for i, ind in enumerate(indicators):
        target = ind.target
        if target is None or target.value is not None or ind.not_applicable:
            continue
        if measurable(target.text):
            look.passed()
            continue
        look.fail(
            f"指标“{ind.name}”的指标值“{shown(target)}”没有数字，也没有明确的完成标准，无法衡量是否完成。",
            at=path(i, "target"),
            evidence={"indicator": ind.name, "target": shown(target)},
        )
    return look.result()


@rule("indicator-target-missed", "indicator", "warning", "绩效指标未达到指标值")
def check_indicator_target_missed(ev: Evaluation, look: Look) -> CheckResult:
    """实际完成值未达到指标值（“≥928小时”只完成909.93小时；“≤16万元”却花了18万元）。

    报告自己写明了未完成及原因的（偏差原因栏，或某处写“未完成/未达到”并点到该指标），只作提示；
    数字显示未完成而报告只字未提、甚至称“较好完成”的，给出警告：数字或说法必有一处不对。
    指标值与完成值单位不同的不作比较。"""
    for a in _failing(look, _REACHED, _UNMET):
        ind = a.indicator
        if a.status == "units_differ":
            assert ind.target is not None and ind.actual is not None
            look.insufficient(
                f"指标“{ind.name}”指标值 {shown(ind.target)} 与实际完成值 {shown(ind.actual)} 单位不同，未作比较。",
                at=path(a.index),
                evidence={"indicator": ind.name, "target": shown(ind.target), "actual": shown(ind.actual)},
                severity="info",
            )
            continue
        target, actual = ind.target, ind.actual  # the status is "missed"
        assert target is not None and actual is not None
        shown_target, shown_actual = shown(target), shown(actual)
        evidence: dict[str, object] = {
            "indicator": ind.name,
            "target": shown_target,
            "actual": shown_actual,
            "comparator": a.direction,
        }
        told = f"指标“{ind.name}”指标值 {shown_target}，实际完成 {shown_actual}"
        if (
            target.value is not None
            and actual.value is not None
            and ("月" not in target.text or _DATE.search(target.text) is None)  # _DATE needs a 月
        ):
            difference = actual.value - target.value
            evidence["difference"] = difference
            evidence["percent"] = a.percent
            word = "多" if difference > 0 else "少"
            told += f"，比指标值{word} {_fmt(abs(difference), actual.unit or target.unit)}"
        said = ind.deviation or _admitted(ind, look)
        if said:
            evidence["admitted"] = said
            look.fail(
                f"{told}，未达到指标值；报告已说明（“{said}”）。",
                at=path(a.index),
                evidence=evidence,
                severity="info",
            )
        else:
            look.fail(
                f"{told}，未达到指标值，而报告没有写明该指标未完成及原因。请核对完成值，"
                "或在偏差原因、存在的问题中说明。",
                at=path(a.index),
                evidence=evidence,
            )
    return look.result()


@rule("indicator-far-above-target", "indicator", "warning", "实际完成值远超指标值")
def check_indicator_far_above_target(ev: Evaluation, look: Look) -> CheckResult:
    """实际完成值达到指标值的一定倍数以上（默认 130%，可由设置 over_achievement 调整）时提示核对。

    大幅超额完成通常说明指标值定得偏低（目标不够科学，未按“跳一跳够得着”设定），也可能是完成值写错
    或单位不一致；两者都应核对，所以是警告而不是提示。只对“≥”“>”“=”或未写比较符的数量型指标计算；
    “≤”类（成本、费用上限）花得少不在此列。"""
    threshold = look.settings.over_achievement
    for a in _failing(look, _MET, _FAR_ABOVE):
        ind = a.indicator
        assert ind.target is not None and ind.actual is not None and a.percent is not None
        look.fail(
            f"指标“{ind.name}”实际完成 {shown(ind.actual)}，为指标值 {shown(ind.target)} 的 {format(a.percent, 'f')}%，"
            f"达到或超过 {format(threshold, 'f')}% 的提示线：指标值可能定得偏低，或完成值有误，请核对。",
            at=path(a.index),
            evidence={
                "indicator": ind.name,
                "target": shown(ind.target),
                "actual": shown(ind.actual),
                "percent": a.percent,
                "threshold": threshold,
            },
        )
    return look.result()


_NO_REASON = re.compile(r"^[\s/／—\-－无]*$")


@rule("deviation-reason-missing", "indicator", "warning", "扣了分或远超指标值却没有写偏差原因")
def check_deviation_reason_missing(ev: Evaluation, look: Look) -> CheckResult:
    """自评表中得分低于分值（扣了分）的指标，以及实际完成值达到指标值一定倍数以上（默认 130%，可由设置
    over_achievement 调整）的指标，“偏差原因分析及改进措施”都应写明原因和措施（财预〔2020〕10号：未完成或偏离
    较大的，应分析原因、提出改进措施）。该栏空着（或只写“无”“/”）的给出警告。只看列了分值和得分的指标。"""
    if not any(ind.weight is not None and ind.score is not None for ind in ev.performance.indicators):
        return look.result()
    far_above = {a.index: a for a in assessments(look) if a.status == "far_above"}
    for i, ind in enumerate(ev.performance.indicators):
        if ind.weight is None or ind.score is None or ind.not_applicable:
            continue
        if ind.score < ind.weight:
            why = f"得分 {format(ind.score, 'f')} 低于分值 {format(ind.weight, 'f')}"
        elif i in far_above and ind.target is not None and ind.actual is not None:
            share = far_above[i].percent
            why = f"实际完成 {shown(ind.actual)} 为指标值 {shown(ind.target)} 的 {format(share, 'f') if share else '—'}%"
        else:
            look.passed()
            continue
        if ind.deviation is not None and not _NO_REASON.match(ind.deviation):
            look.passed()
            continue
        look.fail(
            f"指标“{ind.name}”{why}，“偏差原因分析及改进措施”却{'写的是“' + ind.deviation.strip() + '”' if ind.deviation else '空着'}。"
            "请写明原因和改进措施。",
            at=path(i, "deviation"),
            evidence={"indicator": ind.name, "score": ind.score, "weight": ind.weight, "deviation": ind.deviation},
        )
    return look.result()
