"""Scoring a 项目支出 evaluation under `mof-2020-project`: the worked examples of 财预〔2020〕10号's rules, exact.

The ratio rule (a missed quantitative target scores 完成值 ÷ 指标值 × 分值), the reverse rule, a target of
zero, the three qualitative bands (80% and 60% of the weight, the option words and the forms' own wording),
预算执行率 (B ÷ A × 10, counted at most 100%), and the grade bands with their lower bounds inclusive.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.model import Evaluation
from jixiao.scoring.engine import grade_for, score
from jixiao.scoring.rulebook import default_rulebook, load_rulebook
from jixiao.scoring.scorecard import IndicatorScore
from tests.test_scoring_fixtures import evaluation, indicator

PROJECT = load_rulebook("mof-2020-project")


def project(*indicators: dict[str, object], adjusted: str | None = None, executed: str | None = None) -> Evaluation:
    ev = evaluation(*indicators, adjusted=adjusted, executed=executed)
    return ev.model_copy(update={"kind": "项目支出"})


def one(target: str, actual: str, weight: str, stated: str | None = None) -> IndicatorScore:
    return score(project(indicator("测试指标", target, actual, weight, stated)), PROJECT).indicators[0]


def test_a_project_evaluation_is_scored_by_the_national_project_rules_unless_told_otherwise() -> None:
    assert default_rulebook("项目支出") == "mof-2020-project"
    assert default_rulebook("部门整体") == default_rulebook(None) == "hunan-2023"
    assert (PROJECT.kind, PROJECT.weights.total) == ("项目支出", Decimal(100))
    assert [(level.name, str(level.weight)) for level in PROJECT.weights.level1] == [
        ("产出指标", "50"), ("效益指标", "30"), ("满意度指标", "10"),
    ]  # fmt: skip
    assert str(PROJECT.weights.execution) == "10"


def test_the_hunan_project_rulebook_marks_every_number_it_infers() -> None:
    hunan = load_rulebook("hunan-2023-project")
    assert hunan.kind == "项目支出"
    for part in (hunan.weights, hunan.quantitative, hunan.qualitative, hunan.execution, hunan.grades):
        assert part.evidence == "I" and part.note


def test_a_missed_target_scores_actual_over_target_times_weight() -> None:
    scored = one("≥735人次", "700人次", "10")
    assert (str(scored.score), scored.computation) == ("9.52", "700 ÷ 735 × 10 = 9.52")


def test_a_met_target_scores_its_weight_and_more_scores_no_more() -> None:
    assert str(one("≥95%", "95%", "10").score) == "10.00"
    assert str(one("≥95%", "100%", "10").score) == "10.00"


def test_an_exact_target_above_zero_is_scored_as_at_least() -> None:
    scored = one("=100%", "98%", "10")
    assert (str(scored.score), scored.method) == ("9.80", "equal")


def test_a_cost_ceiling_overrun_scores_by_the_reverse_formula_and_nothing_at_twice_the_ceiling() -> None:
    scored = one("≤48万元", "50万元", "10")
    assert (str(scored.score), scored.computation) == ("9.58", "(1 − (50 − 48) ÷ 48) × 10 = 9.58")
    assert str(one("≤48万元", "96万元", "10").score) == "0.00"


def test_a_target_of_no_accident_scores_all_or_nothing() -> None:
    assert str(one("≤0起", "0起", "5").score) == "5.00"
    assert str(one("≤0起", "1起", "5").score) == "0.00"


@pytest.mark.parametrize(
    ("actual", "stated", "scored"),
    [
        ("达成年度指标", "8", "8.00"),  # the lower bound of 80% belongs to the band
        ("达成年度指标", "10", "10.00"),
        ("达成年度指标", "7.99", None),
        ("部分达成年度指标并具有一定效果", "6", "6.00"),
        ("部分达成年度指标并具有一定效果", "8", None),  # 80% is the band above's
        ("未达成年度指标且效果较差", "5.99", "5.99"),
        ("未达成年度指标且效果较差", "6", None),
        ("达成预期指标", "9", "9.00"),  # the forms' own wording of the same band
        ("部分达成预期指标", "7", "7.00"),
    ],
)
def test_a_qualitative_score_stands_inside_its_band_of_the_weight(actual: str, stated: str, scored: str | None) -> None:
    result = one("按时完成", actual, "10", stated)
    assert (str(result.score) if result.score is not None else None) == scored


def test_budget_execution_scores_b_over_a_times_ten_counted_at_most_in_full() -> None:
    card = score(project(adjusted="48.00", executed="47.52"), PROJECT)
    assert (str(card.execution.rate), str(card.execution.score)) == ("99.00", "9.90")
    assert card.execution.computation == "47.52 ÷ 48.00 × 10 = 9.90"
    over = score(project(adjusted="48.00", executed="50.00"), PROJECT).execution
    assert (str(over.score), over.over_budget) == ("10.00", True)


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90.00", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差")],
)
def test_the_grade_bands_include_their_lower_bounds(total: str, grade: str) -> None:
    assert grade_for(PROJECT, Decimal(total)) == grade


def test_a_project_scored_by_a_department_rulebook_says_so_in_its_assumptions() -> None:
    card = score(project(indicator("测试指标", "≥1", "1", "10")), load_rulebook("hunan-2023"))
    assert any("部门整体" in a and "项目支出" in a for a in card.assumptions)
    assert not any("部门整体" in a for a in score(project(indicator("测试指标", "≥1", "1", "10")), PROJECT).assumptions)
