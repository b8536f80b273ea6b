"""What scoring produces: a scorecard per evaluation and rulebook, every number with how it was reached."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Method = Literal["positive", "reverse", "equal", "zero_target", "qualitative", "stated", "unscored"]


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


class ExecutionScore(_Value):
    initial: Decimal | None = Field(description="年初预算数")
    adjusted: Decimal | None = Field(description="全年预算数 (A)")
    executed: Decimal | None = Field(description="全年执行数 (B)")
    rate: Decimal | None = Field(description="B ÷ A × 100, percent")
    weight: Decimal
    score: Decimal | None
    status: Literal["scored", "insufficient_data"]
    computation: str


class Scorecard(_Value):
    rulebook: str
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
