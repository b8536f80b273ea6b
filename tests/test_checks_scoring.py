"""Scoring rules, first part: a grade with nothing behind it, a top grade over missed targets, empty score cells."""

from __future__ import annotations

from functools import partial
from typing import Any

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from tests import support

# the scoring rules read the indicator family's shared assessment, so both families run
MINE = support.rules_of("scoring", "indicator")

seed = partial(support.seed_checks, MINE)
corpus = partial(support.corpus_checks, rules=MINE)


def report(performance: str, conclusion: str) -> CheckReport:
    """A tiny 部门整体 report of our own: its indicators and the sentence that gives its grade."""
    text = (
        "2024年度青石县文化馆部门整体支出绩效自评报告\n"
        "一、部门基本情况\n青石县文化馆为公益一类事业单位。\n"
        "六、部门整体支出绩效情况\n（一）绩效指标完成情况\n1、产出指标完成情况。\n（1）数量指标。\n"
        + performance
        + "\n"
        "七、存在的问题及原因分析\n演出场地不足。\n"
        "九、部门整体支出绩效自评结果拟应用和公开情况\n" + conclusion + "\n"
    )
    return run_checks(support.import_text(text), rules=MINE)


def built(data: dict[str, Any]) -> CheckReport:
    return run_checks(Evaluation.model_validate(data), rules=MINE)


of = support.findings_of


MISSED = "开展公益演出场次：年度指标值≥20场，实际完成18场。"
MET = "开展公益演出场次：年度指标值≥20场，实际完成21场。"


# --- the seed -------------------------------------------------------------------------------------------


def test_it_flags_the_seed_grade_you_that_has_no_score_behind_it() -> None:
    [finding] = of(seed(), "self-grade-unsupported")
    assert finding.severity == "warning"
    assert finding.evidence["grade"] == "优" and finding.evidence["score"] is None
    assert finding.location.field == "self_assessment.grade" and finding.location.line is not None


def test_the_seed_states_no_missed_target_under_its_top_grade() -> None:
    assert seed().outcomes["top-grade-with-missed-targets"] == "pass"


# --- tiny reports of our own ---------------------------------------------------------------------------


def test_it_accepts_a_grade_given_with_its_score() -> None:
    found = report(MET, "自评得分96.50分，自评等级为“优”。")
    assert found.outcomes["self-grade-unsupported"] == "pass"


def test_it_warns_of_a_top_grade_over_a_missed_indicator_with_no_score() -> None:
    [finding] = of(report(MISSED, "自评等级为“优”。"), "top-grade-with-missed-targets")
    assert finding.severity == "warning"
    assert "开展公益演出场次" in finding.message and finding.evidence["missed"] == "1"


def test_it_warns_of_full_marks_and_a_top_grade_over_a_missed_indicator() -> None:
    [finding] = of(report(MISSED, "自评得分100分，自评等级为“优秀”。"), "top-grade-with-missed-targets")
    assert finding.evidence["score"] == "100"


def test_it_leaves_a_top_grade_with_a_reduced_score_to_the_scoring_rulebook() -> None:
    found = report(MISSED, "自评得分95分，自评等级为“优”。")
    assert found.outcomes["top-grade-with-missed-targets"] == "pass"


def test_it_reads_a_miss_admitted_in_words_under_a_top_grade() -> None:
    found = built(
        {
            "performance": {"achievements": ["全年送戏下乡30场，未完成36场的计划"]},
            "self_assessment": {"grade": "优"},
        }
    )
    [finding] = of(found, "top-grade-with-missed-targets")
    assert "未完成36场的计划" in finding.message


def test_it_does_not_read_no_unmet_targets_as_a_miss() -> None:
    found = built(
        {
            "performance": {"achievements": ["各项目标均已完成，无未完成的目标"]},
            "self_assessment": {"grade": "优"},
        }
    )
    assert found.outcomes["top-grade-with-missed-targets"] == "pass"


def test_it_leaves_a_grade_below_the_top_alone() -> None:
    found = report(MISSED, "自评等级为“良”。")
    assert found.outcomes["top-grade-with-missed-targets"] == "not_applicable"


def test_it_flags_weights_with_every_score_cell_empty() -> None:
    found = built(
        {
            "performance": {
                "indicators": [
                    {
                        "name": "发放覆盖率",
                        "weight": "60",
                        "target": {"text": "=100%", "value": "100", "unit": "%"},
                    },
                    {
                        "name": "足额保障率",
                        "weight": "30",
                        "target": {"text": "=100%", "value": "100", "unit": "%"},
                    },
                ]
            }
        }
    )
    [finding] = of(found, "scores-missing")
    assert finding.evidence["weights"] == "90" and finding.evidence["weighted"] == "2"


def test_it_accepts_weights_with_their_scores() -> None:
    found = built({"performance": {"indicators": [{"name": "发放覆盖率", "weight": "60", "score": "60"}]}})
    assert found.outcomes["scores-missing"] == "pass"


# --- the corpus -----------------------------------------------------------------------------------------


def test_corpus_031_grade_excellent_is_backed_by_its_score_of_100_and_no_target_is_missed() -> None:
    # 031 says 未完成的绩效目标：无 (a heading followed by 无): not an admission of a miss
    found = corpus("031_changning_1xiao_project_2023.txt")
    assert found.outcomes["self-grade-unsupported"] == "pass"
    assert found.outcomes["top-grade-with-missed-targets"] == "pass"


def test_corpus_033_weights_with_empty_score_and_actual_cells_are_reported() -> None:
    found = corpus("033_qingshen_fgj_project_table_2023.txt")
    assert len(of(found, "scores-missing")) == 1
    assert len(of(found, "indicator-actual-missing")) == 2


def test_the_example_grade_you_with_its_reduced_score_gets_no_scoring_finding() -> None:
    found = run_checks(load_report(support.ROOT / "examples" / "qingshan_nongye_2024.txt"), rules=MINE)
    assert [f for f in found.findings if f.category == "scoring"] == []
    assert found.outcomes["self-grade-unsupported"] == "pass"
