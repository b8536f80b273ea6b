"""What scoring produces: a scorecard per evaluation and rulebook, every number with how it was reached."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Method = Literal["positive", "reverse", "equal", "zero_target", "qualitative", "deadline", "stated", "unscored"]


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndicatorScore(_Value):
    index: int = Field(description="into evaluation.performance.indicators")
    level1: str | None
    level2: str | None
    name: str
    target: str | None = Field(description="年度指标值 as written")
    actual: str | None = Field(description="实际完成值 as written")
    weight: Decimal | None
    weight_assumed: bool = Field(description="the weight was spread by the engine (provisional), not stated")
    score: Decimal | None = Field(description="None: could not be scored (see `reason`)")
    method: Method
    computation: str = Field(description="how the score was reached, in Chinese: 480 ÷ 500 × 10 = 9.60")
    reason: str | None = Field(default=None, description="why it could not be scored, in Chinese")
    over_achieved: bool = False
    stated_score: Decimal | None = Field(default=None, description="the unit's own score, when the report gives one")
    direction: str | None = Field(default=None, description="正向 / 反向 / 等于 / 定性 / 期限, as the target reads")
    deduction: Decimal | None = Field(default=None, description="points taken off for being far above target")
    band: str | None = Field(default=None, description="the qualitative option the actual value reads as")
    notes: list[str] = Field(default_factory=list, description="what the scorer should know, in Chinese")


class ExecutionScore(_Value):
    initial: Decimal | None = Field(description="年初预算数")
    adjusted: Decimal | None = Field(description="全年预算数 (A)")
    executed: Decimal | None = Field(description="全年执行数 (B)")
    rate: Decimal | None = Field(description="B ÷ A × 100, percent")
    weight: Decimal
    score: Decimal | None
    status: Literal["scored", "insufficient_data"]
    computation: str
    over_budget: bool = Field(default=False, description="全年执行数 above 全年预算数: needs an explanation")


class LevelScore(_Value):
    """One 一级指标: its weight under the rulebook, how many 三级 were scored, their weights and scores.

    Frozen: a level without any indicator reads the same on every scorecard, and the engine shares it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    weight: Decimal = Field(description="the 一级 weight of the rulebook")
    indicators: int = Field(description="三级 indicators under it (不适用 ones included)")
    scored: int = Field(description="三级 indicators that could be scored")
    assessed_weight: Decimal = Field(description="the weights of the scored ones")
    score: Decimal = Field(description="the sum of their scores")


class Scorecard(_Value):
    rulebook: str
    file: str | None = Field(default=None, description="the report scored, when scored from a file")
    provisional: bool = Field(description="weights were not stated and were spread by the engine")
    indicators: list[IndicatorScore] = Field(default_factory=list)
    execution: ExecutionScore
    assessed_weight: Decimal = Field(description="points that could be assessed")
    total: Decimal = Field(description="the sum of the scores, after any cap")
    total_before_cap: Decimal
    cap: Decimal | None = Field(default=None, description="the cap applied by the execution rate, if any")
    scaled_total: Decimal | None = Field(description="total ÷ assessed weight × 100, when not all 100 points could be assessed")
    grade: str | None = Field(description="the label of the band of the total (scaled when partial)")
    self_grade: str | None = Field(default=None, description="the unit's own grade as written")
    self_score: Decimal | None = None
    assumptions: list[str] = Field(default_factory=list, description="every assumption made, in Chinese")
    full_weight: Decimal = Field(default=Decimal(100), description="the points of the whole table under the rulebook")
    levels: list[LevelScore] = Field(default_factory=list, description="per 一级指标, in the rulebook's order")

    @property
    def unscored(self) -> list[IndicatorScore]:
        """The indicators that could not be scored (each with its `reason`)."""
        return [ind for ind in self.indicators if ind.score is None]

    @property
    def complete(self) -> bool:
        """Whether every point of the table could be assessed (so the total needs no scaling)."""
        return self.assessed_weight == self.full_weight
