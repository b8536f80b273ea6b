"""The rulebook: weights, formulas, caps, bands and labels as data, each rule with its source and evidence.

A rulebook is YAML validated against `Rulebook` (its JSON Schema: `Rulebook.model_json_schema()`), with
`extra="forbid"` everywhere so a misspelt key is an error, not a silently ignored rule. Evidence levels
follow `domain/rules.md`: K (known from the official text), V (verified in a source), V-2 (seen in
vendor code or a secondary source), I (our inference), N (not found).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Evidence = Literal["K", "V", "V-2", "I", "N"]
BUNDLED = Path(__file__).resolve().parent / "rulebooks"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(_Strict):
    """Where a rule comes from and how sure we are of it."""

    source: str = Field(description="the document, article or system the rule comes from")
    evidence: Evidence = Field(description="K / V / V-2 / I / N, as in domain/rules.md")


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
    weights: Weights
    quantitative: Quantitative
    qualitative: Qualitative
    execution: Execution
    over_achievement: OverAchievement
    caps: Caps
    grades: Grades
    rounding: Rounding = Rounding()


def bundled_rulebooks() -> list[str]:
    return sorted(path.stem for path in BUNDLED.glob("*.yaml"))
