"""The rulebook: weights, formulas, caps, bands and labels as data, each rule with its source and evidence.

A rulebook is YAML validated against `Rulebook` (its JSON Schema: `Rulebook.model_json_schema()`), with
`extra="forbid"` everywhere so a misspelt key is an error, not a silently ignored rule. Evidence levels
follow `domain/rules.md`: K (known from the official text), V (verified in a source), V-2 (seen in
vendor code or a secondary source), I (our inference), N (not found).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml.error import YAMLError

from jixiao.core.errors import InputError
from jixiao.core.model import PROJECT, EvaluationKind
from jixiao.core.text_yaml import text_yaml

Evidence = Literal["K", "V", "V-2", "I", "N"]
BUNDLED = Path(__file__).resolve().parent / "rulebooks"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(_Strict):
    """Where a rule comes from and how sure we are of it."""

    source: str = Field(description="the document, article or system the rule comes from")
    evidence: Evidence = Field(description="K / V / V-2 / I / N, as in domain/rules.md")
    note: str = Field(default="", description="what the rule rests on, in Chinese; for I, the inference made")


class Level1(_Strict):
    """A 一级指标 and its weight: 产出指标 50, 效益指标 30, 满意度指标 10 by default."""

    name: str = Field(description="as written in reports: 产出指标 / 效益指标 / 满意度指标")
    aliases: list[str] = Field(default_factory=list, description="other spellings: 产出, 服务对象满意度指标 …")
    weight: Decimal


class Weights(Cited):
    level1: list[Level1]
    execution: Decimal = Field(description="预算执行率's weight (10 by default)")

    @property
    def total(self) -> Decimal:
        return sum((level.weight for level in self.level1), self.execution)


class Quantitative(Cited):
    """How 正向 / 反向 / 等于 targets are scored (rules.md §3.2, §3.3)."""

    reverse_formula: Literal["vendor", "ratio"] = Field(
        description="反向 (≤x) below target: vendor = (1 − (actual − target) / target) × weight, 0 from 2 × target; "
        "ratio = target ÷ actual × weight"
    )
    zero_target: Literal["all_or_nothing"] = Field(
        default="all_or_nothing", description="target 0 with ≤0 or =0: full marks when actual ≤ 0, else 0"
    )


class QualitativeBand(_Strict):
    option: str = Field(description="the option string of the dropdown, e.g. 达成年度指标")
    aliases: list[str] = Field(default_factory=list, description="how forms also write it: 达成预期指标 …")
    min_share: Decimal = Field(description="lowest score as a share of the weight, inclusive (e.g. 0.8)")
    max_share: Decimal = Field(description="highest score as a share of the weight")
    max_inclusive: bool = Field(description="whether max_share itself belongs to the band")


class Qualitative(Cited):
    bands: list[QualitativeBand]


class Execution(Cited):
    """预算执行率 = 全年执行数 ÷ 全年预算数; its score = min(rate, cap) × weight."""

    cap: Decimal = Field(default=Decimal("1"), description="the rate counted at most (1 = 100%)")


class OverAchievement(Cited):
    threshold: Decimal = Field(description="actual ÷ target at or above which the indicator is far above target (1.3)")
    explanation_required: bool = True
    deduction: Decimal | None = Field(default=None, description="points deducted from the indicator, e.g. 2; None: none")


class TotalCap(_Strict):
    """While execution is below `below` (and at or above the next cap's bound), the total is at most `max_total`."""

    below: Decimal = Field(description="execution rate as a percent, exclusive upper bound, e.g. 80")
    max_total: Decimal


class Caps(Cited):
    by_execution: list[TotalCap] = Field(default_factory=list, description="empty: no caps")


class Grade(_Strict):
    label: str = Field(description="优 / 良 / 中 / 差, or 好 / 较好 / 一般 / 差 …")
    min_total: Decimal = Field(description="inclusive lower bound of the total")
    aliases: list[str] = Field(default_factory=list, description="how reports write it: 优秀 for 优 …")


class Grades(Cited):
    bands: list[Grade] = Field(description="highest first")

    @model_validator(mode="after")
    def _ordered(self) -> Grades:
        bounds = [band.min_total for band in self.bands]
        if bounds != sorted(bounds, reverse=True):
            raise ValueError("grade bands must be listed from the highest to the lowest min_total")
        return self


class Rounding(_Strict):
    places: int = 2
    mode: Literal["half_up"] = "half_up"


class Rulebook(_Strict):
    id: str = Field(description="stable id, e.g. mof-2020, hunan-2023")
    title: str
    description: str = ""
    kind: EvaluationKind | None = Field(
        default=None, description="the kind of evaluation it is written for (部门整体 / 项目支出); none: either"
    )
    weights: Weights
    quantitative: Quantitative
    qualitative: Qualitative
    execution: Execution
    over_achievement: OverAchievement
    caps: Caps
    grades: Grades
    rounding: Rounding = Rounding()


def bundled_rulebooks() -> list[str]:
    return list(_bundled_ids())


@cache
def _bundled_ids() -> tuple[str, ...]:
    """The shipped rulebooks are part of the package: listed once, not globbed on every check run."""
    return tuple(sorted(path.stem for path in BUNDLED.glob("*.yaml")))


DEFAULT_RULEBOOK = "hunan-2023"
DEFAULT_PROJECT_RULEBOOK = "mof-2020-project"


def default_rulebook(kind: EvaluationKind | None) -> str:
    """The bundled rulebook an evaluation is scored by when none is named: the national project rules for a
    项目支出 evaluation, the Hunan department rules otherwise."""
    return DEFAULT_PROJECT_RULEBOOK if kind == PROJECT else DEFAULT_RULEBOOK


def rulebook_for(chosen: Rulebook | None, kind: EvaluationKind | None) -> Rulebook:
    """The rulebook named (on the command line, in a batch), else the bundled default of the evaluation's kind."""
    return chosen if chosen is not None else load_rulebook(default_rulebook(kind))


# ------------------------------------------------------------------------------------------------ loading


_ERROR_TYPES = {
    "missing": "缺少必填项",
    "decimal_parsing": "不是数字",
    "decimal_type": "不是数字",
    "int_parsing": "不是整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "dict_type": "应为键值表",
    "model_type": "应为键值表",
    "model_attributes_type": "应为键值表",
}


def _where(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "（根）"


def _chinese(error: Any) -> str:
    """One pydantic error as a Chinese sentence naming the key."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return f"未知的键“{_where(loc)}”（可能拼写有误；评分规则不认识的键一律不接受）"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"“{_where(loc)}”的值{_shown(error.get('input'))}不在可选值之内，应为 {expected}"
    if kind == "missing":  # its input is the mapping that lacks the key: nothing to show
        return f"“{_where(loc)}”{_ERROR_TYPES[kind]}"
    if kind in _ERROR_TYPES:
        return f"“{_where(loc)}”{_ERROR_TYPES[kind]}（读到：{_shown(error.get('input'))}）"
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error.get("msg", "")))
        if "highest to the lowest" in message:
            return f"“{_where(loc)}”的等级须按 min_total 从高到低排列"
        return f"“{_where(loc)}”的值不对：{message}"
    return f"“{_where(loc)}”：{error.get('msg', kind)}"


_SHOWN_CHARS = 40
_MAX_RULEBOOK_BYTES = 1024 * 1024


def _shown(value: Any) -> str:
    """What was read where a value was wanted, in a few words: a scalar as written (cut when long), a list or
    a mapping by its kind alone. Never the whole of it: YAML aliases can make a small file hold a structure
    of billions of items (an "alias bomb"), which written out would exhaust the machine."""
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一个键值表"
    shown = repr(value) if value is None or isinstance(value, bool | int | float | Decimal | str) else type(value).__name__
    return shown if len(shown) <= _SHOWN_CHARS else shown[:_SHOWN_CHARS] + "…"


def parse_rulebook(text: str, name: str = "<rulebook>") -> Rulebook:
    """A rulebook from YAML text; `InputError` with Chinese sentences when the YAML or its keys are wrong."""
    try:
        data = text_yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark is not None else "某处"
        raise InputError(name, f"评分规则文件不是有效的 YAML（{where}）：{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputError(name, "评分规则文件应是一个键值表（id、title、weights……），而不是空文件或列表")
    try:
        return Rulebook.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(_chinese(e) for e in exc.errors())
        raise InputError(name, f"评分规则有 {exc.error_count()} 处错误：{problems}") from None


@cache
def _bundled(rulebook_id: str) -> Rulebook:
    path = BUNDLED / f"{rulebook_id}.yaml"
    return parse_rulebook(path.read_text(encoding="utf-8"), str(path))


def load_rulebook(name_or_path: str | Path) -> Rulebook:
    """A bundled rulebook by id ("mof-2020", "hunan-2023") or a rulebook YAML file by path."""
    text = str(name_or_path)
    if isinstance(name_or_path, str) and text in bundled_rulebooks():
        return _bundled(text)
    path = Path(name_or_path)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        try:
            if path.stat().st_size > _MAX_RULEBOOK_BYTES:  # a rulebook is a few KB, read by a pure-Python parser
                raise InputError(text, f"评分规则文件过大（超过 {_MAX_RULEBOOK_BYTES // 1024} KB），不像一份评分规则")
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(text, f"无法读取评分规则文件：{exc.strerror or exc}") from None
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(text, "评分规则文件不是 UTF-8 编码") from None
        return parse_rulebook(content, text)
    known = "、".join(bundled_rulebooks())
    raise InputError(text, f"没有名为“{text}”的评分规则。内置的有：{known}；也可以给出一个 .yaml 文件的路径")
