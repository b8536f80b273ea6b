"""Checks of a stated self-assessment (category scoring): scores, totals and grades against the rulebook."""

from __future__ import annotations

from functools import partial

from jixiao.checks import Settings, run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from tests import support
from tests.test_scoring_fixtures import bureau, evaluation, full_marks, indicator

MINE = support.rules_of("scoring")


def checked(ev: Evaluation, settings: Settings | None = None) -> CheckReport:
    return run_checks(ev, settings, rules=MINE)


of = support.findings_of
seed = partial(support.seed_checks, MINE)


def scored(*rows: tuple[str, str, str, str, str], **more: str) -> Evaluation:
    """Indicators as (一级, target, actual, weight, score)."""
    return evaluation(
        *(indicator(f"指标{i}", t, a, w, s, level1=lv) for i, (lv, t, a, w, s) in enumerate(rows)), **more
    )


FULL = (("产出指标", "≥20场", "21场", "50", "50"), ("效益指标", "≥5000人次", "5200人次", "30", "30"),
        ("满意度指标", "≥90%", "95%", "10", "10"))  # fmt: skip


def test_a_score_above_its_weight_is_an_error() -> None:
    [finding] = of(checked(scored(("产出指标", "≥20场", "21场", "10", "12"))), "indicator-score-above-weight")
    assert finding.severity == "error" and finding.location.field == "performance.indicators[0].score"
    assert finding.evidence == {"indicator": "指标0", "score": "12", "weight": "10"}


def test_a_score_within_its_weight_passes() -> None:
    assert checked(scored(("产出指标", "≥20场", "21场", "10", "10"))).outcomes["indicator-score-above-weight"] == "pass"


def test_full_marks_for_a_missed_target_is_an_error_with_the_score_due() -> None:
    [finding] = of(checked(scored(("产出指标", "≥500", "480", "10", "10"))), "full-marks-for-missed-target")
    assert finding.severity == "error" and finding.evidence["computed"] == "9.60"
    assert "480 ÷ 500 × 10 = 9.60" in finding.message


def test_full_marks_for_a_met_target_passes() -> None:
    assert checked(scored(("产出指标", "≥500", "520", "10", "10"))).outcomes["full-marks-for-missed-target"] == "pass"


def test_a_qualitative_score_outside_its_band_is_an_error() -> None:
    ev = scored(("效益指标", "有效提升", "部分达成年度指标并具有一定效果", "5", "4.00"))
    [finding] = of(checked(ev), "qualitative-score-out-of-band")
    assert (finding.evidence["low"], finding.evidence["high"]) == ("3.00", "4.00")


def test_a_stated_total_that_is_not_the_sum_is_an_error() -> None:
    ev = scored(*FULL, adjusted="145.00", executed="125.00", total="99.62")
    [finding] = of(checked(ev), "self-score-not-sum")
    assert finding.severity == "error" and finding.evidence["expected"] == "98.62"


def test_a_stated_total_equal_to_the_sum_passes() -> None:
    ev = scored(*FULL, adjusted="145.00", executed="125.00", total="98.62")
    assert checked(ev).outcomes["self-score-not-sum"] == "pass"


def test_a_total_below_the_sum_of_the_indicator_scores_is_an_error_even_without_execution_data() -> None:
    [finding] = of(checked(scored(*FULL, total="85.00")), "self-score-not-sum")
    assert finding.severity == "error" and "小于" in finding.message


def test_a_total_the_weights_cannot_reach_is_an_error() -> None:
    [finding] = of(checked(scored(*FULL, total="101.00")), "self-score-unreachable")
    assert finding.evidence == {"score": "101.00", "reachable": "100"}


def test_a_self_grade_outside_the_band_of_its_own_score_is_an_error() -> None:
    [finding] = of(checked(scored(*FULL, grade="优", total="89.99")), "self-grade-out-of-band")
    assert finding.evidence["expected"] == "良"


def test_a_self_grade_written_as_youxiu_matches_the_band_you() -> None:
    assert checked(scored(*FULL, grade="“优秀”", total="90.00")).outcomes["self-grade-out-of-band"] == "pass"


def test_the_bureaus_labels_are_used_when_the_settings_name_its_rulebook() -> None:
    report = checked(scored(*FULL, grade="好", total="95.00"), Settings(rulebook=bureau()))
    assert report.outcomes["self-grade-out-of-band"] == "pass"


def test_a_self_grade_that_differs_from_the_computed_one_is_an_error_when_complete() -> None:
    ev = scored(("产出指标", "≥500", "350", "50", "50"), *FULL[1:], adjusted="100", executed="100", grade="优")
    [finding] = of(checked(ev), "self-grade-differs-from-computed")
    assert finding.severity == "error" and finding.evidence["computed"] == "良"


def test_the_seeds_self_grade_you_agrees_with_its_provisional_grade() -> None:
    assert seed().outcomes["self-grade-differs-from-computed"] == "pass"
    assert of(seed(), "self-grade-differs-from-computed") == []


def test_a_provisional_grade_that_differs_is_only_a_warning_and_says_so() -> None:
    ev = evaluation(indicator("演出场次", "≥20场", "10场"), grade="优")
    [finding] = of(checked(ev), "self-grade-differs-from-computed")
    assert finding.severity == "warning" and "暂评" in finding.message and finding.evidence["computed"] == "差"


def test_full_marks_of_a_complete_table_pass_every_scoring_check() -> None:
    ev = evaluation(*full_marks(), adjusted="100", executed="100", grade="优", total="100.00")
    report = checked(ev)
    assert not [f for f in report.findings if f.severity != "info"]
