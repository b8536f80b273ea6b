"""Section 六: annual targets and what was achieved, and the indicators with their targets and actuals.

Indicators are read from the clauses under the 产出 / 效益 / 满意度 headings. The forms seen in real
reports: "指标名：年度指标值≥95%，实际完成98%", "网络系统设备3套，实际完成5套", "指标名，实际完成值54.55%",
"“三公经费”变动率≤0", "A、B、C…均…达100%", and a qualitative sentence under 社会效益. A value with a
comparator but no actual ("≤0") is kept as written: whether it can be checked is the checker's question.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.core.money import parse_decimal
from jixiao.io.context import Context
from jixiao.io.extract_narrative import items

_LEVEL1 = {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标"}
_LEVEL2 = {
    "quantity": "数量指标",
    "quality": "质量指标",
    "timeliness": "时效指标",
    "cost": "成本指标",
    "economic": "经济效益",
    "social": "社会效益",
    "ecological": "生态效益",
    "sustainable": "可持续影响",
}
_UNITS = (
    "%|‰|万元|元|万亩|万人次|万人|万册|万株|万头|人次|次|套|个|项|篇|家|户|天|日|小时|件|场|期|条|台|辆|册|份|所|座"
    "|公里|千米|平方米|米|公顷|亩|吨|头|只|株|架|人|分|年|月|批次|批|处|部|轮|名|张|课时|节|起|宗|例|间|km|m"
)
_CMP_WORDS = {
    "≥": ">=", ">=": ">=", "不低于": ">=", "不少于": ">=", "大于等于": ">=", "以上": ">=",
    "≤": "<=", "<=": "<=", "不高于": "<=", "不超过": "<=", "小于等于": "<=", "以内": "<=",
    "=": "=", "＝": "=", "等于": "=", ">": ">", "<": "<", "大于": ">", "小于": "<",
}
_CMP = "≥|≤|>=|<=|不低于|不少于|不高于|不超过|大于等于|小于等于|等于|大于|小于|=|>|<"
_MEASURE = re.compile(rf"(?P<cmp>{_CMP})?(?P<val>\d+(?:\.\d+)?)(?P<unit>{_UNITS})?")
_ACTUAL_SPLIT = re.compile(r"[,;]?(?:实际)?(?:完成值|完成|达到|达成|实现)(?:值)?(?:为)?[:]?(?=[≥≤=<>]?\d)")
_TARGET_WORDS = re.compile(r"[,:]?(?:年度)?(?:指标值|目标值|目标)(?:为)?[:]?")
_RATE_TAIL = re.compile(r"(?:均)?(?:已)?(?:达到|达|为)$")
_NOT_APPLICABLE = re.compile(r"^不适用|^无$")


def extract_performance(ctx: Context) -> None:
    _targets(ctx)
    for i in ctx.body("output", "benefit", "satisfaction"):
        keys = ctx.keys(i)
        level1 = next((_LEVEL1[k] for k in reversed(keys) if k in _LEVEL1), None)
        level2 = next((_LEVEL2[k] for k in reversed(keys) if k in _LEVEL2), None)
        if level1 is None and level2 in {"经济效益", "社会效益", "生态效益", "可持续影响"}:
            level1 = "效益指标"
        _indicator_line(ctx, i, level1, level2)


def _targets(ctx: Context) -> None:
    for i in ctx.body("performance", "targets"):
        text = ctx.text(i)
        head, sep, rest = text.partition(":")
        if not sep or len(head) > 40:
            continue
        if re.search(r"绩效目标$", head) and not ctx.get("performance.targets"):
            for item in _numbered(rest):
                ctx.append("performance.targets", item, i)
        elif re.search(r"(实际)?完成情况$", head) and not ctx.get("performance.achievements"):
            for item in _numbered(rest):
                ctx.append("performance.achievements", item, i)


def _numbered(text: str) -> list[str]:
    parts = re.split(r"(?:^|(?<=[;。,]))\s*\d{1,2}[:、.](?!\d)", text)
    cleaned = [p.strip(" ;,。") for p in parts]
    return [p for p in cleaned if p]


def _measure(text: str) -> dict[str, Any] | None:
    text = text.strip(" ,;。")
    match = _MEASURE.search(text)
    if not match:
        return {"text": text} if text else None
    value = parse_decimal(match["val"])
    comparator = _CMP_WORDS.get(match["cmp"] or "")
    return {"text": text, "comparator": comparator, "value": value, "unit": match["unit"]}


def _add(ctx: Context, i: int, indicator: dict[str, Any]) -> None:
    n = ctx.append("performance.indicators", indicator, i)
    for part in ("target", "actual"):
        if indicator.get(part):
            ctx.cite(f"performance.indicators[{n}].{part}", i)


def _indicator_line(ctx: Context, i: int, level1: str | None, level2: str | None) -> None:
    text = ctx.text(i)
    if _NOT_APPLICABLE.match(text):
        _add(ctx, i, {"level1": level1, "level2": level2, "name": level2 or "未命名指标", "not_applicable": True})
        return
    clauses = [c for c in re.split(r"[;。]", text) if c.strip()]
    numeric = [c for c in clauses if re.search(r"\d", c)]
    if not numeric:
        # a qualitative statement: the indicator is the sub-heading it sits under
        _add(ctx, i, {"level1": level1, "level2": level2, "name": level2 or "定性指标", "actual": {"text": text}})
        return
    for clause in numeric:
        _clause(ctx, i, clause, level1, level2)


def _clause(ctx: Context, i: int, clause: str, level1: str | None, level2: str | None) -> None:
    clause = re.sub(r"^\d{4}年(?:度)?", "", clause.strip(" ,"))
    if "," in clause and re.search(r"均", clause):
        _shared_value(ctx, i, clause, level1, level2)
        return
    name, actual_text = clause, None
    split = _ACTUAL_SPLIT.search(clause)
    if split:
        name, actual_text = clause[: split.start()], clause[split.end() :]
        actual_text = re.split(r"[,;]", actual_text)[0]
    target: dict[str, Any] | None = None
    target_match = _TARGET_WORDS.search(name)
    if target_match:
        target = _measure(name[target_match.end() :])
        name = name[: target_match.start()]
    else:
        tail = re.search(rf"(?P<m>(?:{_CMP})?\d+(?:\.\d+)?(?:{_UNITS})?)(?:数)?$", name)
        if tail:
            if actual_text is None:
                # "满意度率达88%" is what was achieved; "“三公经费”变动率≤0" keeps its comparator as written
                actual_text = tail["m"]
            else:
                target = _measure(tail["m"])
            name = name[: tail.start()]
    if actual_text is None:
        # "…预算成本控制率100%，未超预算支出": the figure sits mid-clause
        inner = re.search(r"(?P<name>[\u4e00-\u9fff“”\"]+?)(?:达|为)?(?P<m>\d+(?:\.\d+)?%)", clause)
        if not inner:
            return
        name, actual_text = inner["name"], inner["m"]
    name = _clean_name(name)
    if not name:
        return
    indicator: dict[str, Any] = {"level1": level1, "level2": level2, "name": name}
    if target:
        indicator["target"] = target
    indicator["actual"] = _measure(actual_text)
    _add(ctx, i, indicator)


def _shared_value(ctx: Context, i: int, clause: str, level1: str | None, level2: str | None) -> None:
    """'A、B、C，均已符合…达100%': one actual value for every name listed."""
    names_part, _, rest = clause.partition(",")
    value = re.search(r"\d+(?:\.\d+)?%", rest)
    for name in names_part.split("、"):
        name = _clean_name(name)
        if name and value:
            _add(ctx, i, {"level1": level1, "level2": level2, "name": name, "actual": _measure(value[0])})


def _clean_name(name: str) -> str:
    name = name.strip(" ,:;").rsplit(",", 1)[-1]  # "12月31号前按要求落实,完成及时性": the name is the last clause
    name = re.sub(r"^(?:其中|全年|本年度|年度)[:,]?", "", name.strip(" ,:;"))
    name = _RATE_TAIL.sub("", name)
    if name.endswith("度率"):
        name = name[:-1]
    return name.strip(" ,:;")


__all__ = ["extract_performance", "items"]
