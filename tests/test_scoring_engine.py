"""The engine: the worked examples of the issue, caps, labels, provisional scoring and the seed."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao.io import load_report
from jixiao.scoring.engine import apply_cap, grade_for, readings_of, scorable, score, score_measures, spread
from jixiao.scoring.rulebook import Rulebook, load_rulebook
from jixiao.scoring.scorecard import IndicatorScore, Scorecard
from jixiao.scoring.targets import read_text
from tests import support
from tests.test_scoring_fixtures import bureau, evaluation, full_marks, indicator


def mof() -> Rulebook:
    return load_rulebook("mof-2020")


def one(target: str, actual: str, weight: str, rulebook: Rulebook | None = None, stated: str | None = None) -> IndicatorScore:
    card = score(evaluation(indicator("测试指标", target, actual, weight, stated)), rulebook or mof())
    return card.indicators[0]


@cache
def seed() -> Scorecard:
    return score(load_report(support.seed_path()), load_rulebook("hunan-2023"))


# --- worked examples under mof-2020 ----------------------------------------------------------------


def test_a_positive_target_missed_scores_actual_over_target_times_weight() -> None:
    scored = one("≥500", "480", "10")
    assert (str(scored.score), scored.method) == ("9.60", "positive")
    assert scored.computation == "480 ÷ 500 × 10 = 9.60"


def test_a_positive_target_met_scores_the_full_weight() -> None:
    assert one("≥500", "520", "10").score == Decimal("10.00")


def test_a_reverse_target_missed_scores_8_00_with_the_vendor_formula() -> None:
    scored = one("≤5", "6", "10")
    assert scored.score == Decimal("8.00")
    assert scored.computation == "(1 − (6 − 5) ÷ 5) × 10 = 8.00"


def test_a_reverse_target_missed_scores_8_33_with_target_over_actual() -> None:
    scored = one("≤5", "6", "10", bureau())
    assert scored.score == Decimal("8.33")
    assert scored.computation == "5 ÷ 6 × 10 = 8.33"


def test_a_reverse_actual_at_twice_the_target_scores_zero_with_the_vendor_formula() -> None:
    assert one("≤5", "10", "10").score == Decimal("0.00")


def test_a_zero_target_missed_scores_zero() -> None:
    scored = one("≤0", "1", "10")
    assert (scored.score, scored.method) == (Decimal("0.00"), "zero_target")


def test_a_zero_target_met_scores_the_full_weight() -> None:
    assert one("=0", "0", "10").score == Decimal("10.00")


def test_a_qualitative_partly_met_score_inside_its_band_is_accepted() -> None:
    for stated in ("3.00", "3.99"):
        scored = one("达成年度指标", "部分达成年度指标并具有一定效果", "5", stated=stated)
        assert (scored.score, scored.method) == (Decimal(stated), "qualitative")


def test_a_qualitative_partly_met_score_outside_3_to_4_is_refused() -> None:
    for stated in ("2.99", "4.00", "5.00"):
        scored = one("达成年度指标", "部分达成年度指标并具有一定效果", "5", stated=stated)
        assert scored.score is None and "[3.00, 4.00)" in (scored.reason or "")


def test_a_qualitative_indicator_without_a_stated_score_cannot_be_scored() -> None:
    scored = one("达成年度指标", "达成年度指标", "5")
    assert scored.score is None and "没有自评得分" in (scored.reason or "")


def test_execution_125_of_145_with_weight_10_scores_8_62() -> None:
    card = score(evaluation(*full_marks(), adjusted="145.00", executed="125.00"), mof())
    assert (card.execution.score, card.execution.rate) == (Decimal("8.62"), Decimal("86.21"))
    assert card.execution.computation == "125.00 ÷ 145.00 × 10 = 8.62"


def test_execution_above_the_budget_counts_as_100_percent_and_is_flagged() -> None:
    card = score(evaluation(*full_marks(), adjusted="100", executed="103"), mof())
    assert (card.execution.score, card.execution.over_budget) == (Decimal("10.00"), True)


def test_execution_without_a_full_year_budget_is_insufficient_data_never_zero() -> None:
    card = score(evaluation(*full_marks(), executed="125.00"), mof())
    assert (card.execution.status, card.execution.score) == ("insufficient_data", None)
    assert card.assessed_weight == Decimal("90.00") and card.scaled_total == Decimal("100.00")


def test_a_total_of_89_99_is_liang_and_90_00_is_you() -> None:
    assert (grade_for(mof(), Decimal("89.99")), grade_for(mof(), Decimal("90.00"))) == ("良", "优")


def test_a_complete_table_is_graded_on_its_total() -> None:
    card = score(evaluation(*full_marks(), adjusted="145.00", executed="125.00"), mof())
    assert (card.total, card.grade, card.scaled_total, card.provisional) == (Decimal("98.62"), "优", None, False)


def test_far_above_target_asks_an_explanation_without_deduction_under_mof() -> None:
    scored = one("≥3套", "5套", "10")
    assert scored.over_achieved and scored.score == Decimal("10.00") and scored.deduction is None


# --- a bureau's own rulebook ----------------------------------------------------------------------


def test_execution_at_65_percent_caps_a_total_of_85_at_79() -> None:
    assert [str(v) for v in apply_cap(bureau(), Decimal("65"), Decimal("85.00"))] == ["79.00", "79.00"]


def test_execution_at_80_percent_caps_nothing() -> None:
    assert apply_cap(bureau(), Decimal("80"), Decimal("85.00")) == (Decimal("85.00"), None)


def test_the_cap_is_applied_to_a_scored_evaluation() -> None:
    card = score(evaluation(*full_marks(), adjusted="100", executed="65"), bureau())
    assert (card.total_before_cap, card.cap, card.total) == (Decimal("96.50"), Decimal("79.00"), Decimal("79.00"))


def test_the_same_totals_get_the_bureaus_own_labels() -> None:
    own = bureau()
    assert [grade_for(own, Decimal(t)) for t in ("90.00", "89.99", "79.99", "59.99")] == ["好", "较好", "一般", "差"]


def test_far_above_target_loses_2_points_under_the_bureaus_rulebook() -> None:
    scored = one("≥3套", "5套", "10", bureau())
    assert (scored.score, scored.deduction) == (Decimal("8.00"), Decimal("2.00"))


# --- provisional scoring --------------------------------------------------------------------------


def test_without_weights_each_level_weight_is_spread_over_its_scorable_indicators() -> None:
    card = score(
        evaluation(
            indicator("甲", "≥10次", "10次"),
            indicator("乙", "≥10次", "10次"),
            indicator("丙", "≥10次", "10次"),
            indicator("丁", None, "10次"),
        ),
        mof(),
    )
    assert [i.weight for i in card.indicators] == [Decimal("16.67"), Decimal("16.67"), Decimal("16.66"), None]
    assert card.provisional and all(i.weight_assumed for i in card.indicators[:3])


def test_not_applicable_indicators_get_no_provisional_weight() -> None:
    card = score(evaluation(indicator("甲", "≥10次", "10次"), indicator("乙", "≥1次", "1次", not_applicable=True)), mof())
    assert [i.weight for i in card.indicators] == [Decimal("50.00"), None]


@given(st.integers(min_value=1, max_value=60), st.decimals(min_value=1, max_value=100, places=2))
def test_provisional_shares_of_a_weight_sum_exactly_to_it(count: int, weight: Decimal) -> None:
    assert sum(spread(weight, count)) == weight


@given(st.lists(st.sampled_from(["产出指标", "效益指标", "满意度指标"]), min_size=1, max_size=25))
def test_provisional_weights_of_each_level_sum_exactly_to_its_weight(levels: list[str]) -> None:
    card = score(evaluation(*(indicator(f"指标{i}", "≥1次", "1次", level1=lv) for i, lv in enumerate(levels))), mof())
    for level in mof().weights.level1:
        if level.name in levels:
            shares = [i.weight for i in card.indicators if i.level1 == level.name]
            assert sum(w for w in shares if w is not None) == level.weight


# --- the seed under hunan-2023 --------------------------------------------------------------------


def test_the_seed_is_scored_provisionally() -> None:
    card = seed()
    assert card.provisional and card.rulebook == "hunan-2023"
    assert any("暂评" in a for a in card.assumptions)


def test_the_seeds_execution_rate_is_insufficient_data() -> None:
    execution = seed().execution
    assert (execution.status, execution.score, execution.rate) == ("insufficient_data", None, None)
    assert "全年预算数" in execution.computation


def test_the_seeds_network_equipment_is_flagged_far_above_target() -> None:
    [equipment] = [i for i in seed().indicators if i.name == "网络系统设备"]
    assert equipment.over_achieved and any("远超指标值" in n for n in equipment.notes)


def test_the_seeds_indicators_without_a_target_are_listed_with_the_reason() -> None:
    reasons = {i.name: i.reason for i in seed().unscored}
    assert reasons["财政供养人员控制率"] == "没有年度指标值" and "不适用" in (reasons["经济效益"] or "")


def test_the_seed_is_assessed_on_the_points_it_allows_and_scaled_to_100() -> None:
    card = seed()
    assert (card.assessed_weight, card.total, card.scaled_total) == (Decimal("50.00"), Decimal("50.00"), Decimal("100.00"))


def test_the_seeds_provisional_grade_is_compared_with_its_self_grade_you() -> None:
    card = seed()
    assert (card.self_grade, card.grade) == ("优", "优")


# --- the worked example of docs/rulebooks.md ------------------------------------------------------


def _documented() -> list[dict[str, object]]:
    return [
        indicator("开展公益演出场次", "≥20场", "21场", "40"),
        indicator("图书采购套数", "3套", "5套", "10"),
        indicator("运行费用", "≤5万元", "6万元", "30", level1="效益指标"),
        indicator("群众满意度", "≥90%", "95%", "10", level1="满意度指标"),
    ]


def test_the_documented_example_is_capped_at_79_and_graded_yiban_under_the_bureaus_rulebook() -> None:
    card = score(evaluation(*_documented(), adjusted="100.00", executed="65.00"), bureau())
    assert [str(i.score) for i in card.indicators] == ["40.00", "8.00", "25.00", "10.00"]
    assert (str(card.total_before_cap), str(card.total), card.grade) == ("89.50", "79.00", "一般")


def test_the_documented_example_scores_90_50_and_you_under_mof_2020() -> None:
    card = score(evaluation(*_documented(), adjusted="100.00", executed="65.00"), mof())
    assert (str(card.total), card.cap, card.grade) == ("90.50", None, "优")


# --- the provisional test of each indicator ------------------------------------------------------------

_FIGURES = st.sampled_from(["0", "1", "3", "4", "5.5", "95", "100", "-2", "0.5"])
_UNITS = st.sampled_from(["", "%", "个", "次", "万元", "天"])
_BEFORE = st.sampled_from(["", "≥", "≤", "=", ">", "<", "不低于", "不超过", "控制在"])
_WORDS = st.sampled_from(
    ["达成年度指标", "部分达成年度指标", "未达成年度指标", "按时完成", "如期", "年底前完成", "效果明显", "好", "较好", ""]
)
_DATES = st.sampled_from(["12月31日前", "6月30日前", "次年3月完成", "11月20日", "次年1月15日", "10月底前"])
MEASURE_TEXTS = st.one_of(st.builds(lambda c, f, u: f"{c}{f}{u}", _BEFORE, _FIGURES, _UNITS), _WORDS, _DATES)
STATED = st.one_of(st.none(), st.sampled_from([Decimal(x) for x in ("0", "0.5", "0.85", "1", "1.5", "4", "-1")]))


@given(st.one_of(st.none(), MEASURE_TEXTS), st.one_of(st.none(), MEASURE_TEXTS), STATED)
def test_the_provisional_test_agrees_with_scoring_for_a_weight_of_1(
    target: str | None, actual: str | None, stated: Decimal | None
) -> None:
    readings = (None if target is None else read_text(target), None if actual is None else read_text(actual))
    for rulebook in (mof(), load_rulebook("hunan-2023"), bureau()):
        scored = score_measures(rulebook, *readings, Decimal(1), stated)
        assert scorable(rulebook, *readings, stated) is (scored.score is not None), (target, actual, stated, scored)


def test_the_provisional_test_agrees_with_scoring_on_every_indicator_of_the_seed_example_and_corpus() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "qingshan_nongye_2024.txt"
    evaluations = [
        load_report(support.seed_path()),
        load_report(example),
        *(support.corpus_evaluation(p.name) for p in support.corpus_files()),
    ]
    indicators = [ind for ev in evaluations for ind in ev.performance.indicators]
    assert len(indicators) >= 40
    for ind, readings in zip(indicators, readings_of(indicators), strict=True):
        for rulebook in (mof(), load_rulebook("hunan-2023")):
            scored = score_measures(rulebook, *readings, Decimal(1), ind.score)
            assert scorable(rulebook, *readings, ind.score) is (scored.score is not None), ind.name
