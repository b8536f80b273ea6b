"""Execution rules: the budget execution rate, computed from what the report states, and what the text says of it."""

from __future__ import annotations

from functools import partial
from typing import Any

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from tests import support

MINE = support.rules_of("execution")

seed = partial(support.seed_checks, MINE)
corpus = partial(support.corpus_checks, rules=MINE)


def report(execution: str, problems: str) -> CheckReport:
    """A tiny 部门整体 report of our own: its budget execution line and its 存在的问题."""
    text = (
        "2024年度青石县文化馆部门整体支出绩效自评报告\n"
        "一、部门基本情况\n青石县文化馆为公益一类事业单位。\n"
        "六、部门整体支出绩效情况\n（一）预算执行情况\n" + execution + "\n"
        "七、存在的问题及原因分析\n" + problems + "\n八、下一步改进措施\n加强演出组织。\n"
    )
    return run_checks(support.import_text(text), rules=MINE)


def built(data: dict[str, Any]) -> CheckReport:
    return run_checks(Evaluation.model_validate(data), rules=MINE)


of = support.findings_of


LOW = "全年预算数（调整后）120.00万元，全年执行数90.00万元。"


# --- the seed -------------------------------------------------------------------------------------------


def test_it_reports_that_the_seed_execution_cannot_be_computed_without_the_full_year_budget() -> None:
    assert seed().outcomes["budget-execution-rate"] == "insufficient_data"
    [finding] = of(seed(), "budget-execution-rate")
    assert finding.severity == "warning"
    assert "全年预算数" in finding.message and "无法计算预算执行率" in finding.message
    assert finding.evidence["missing"] == "budget.adjusted"
    assert finding.evidence["executed"] == "239.67"  # the 支出合计 stands for the 全年执行数
    assert finding.location.section == "六、部门整体支出绩效情况"


# --- tiny reports of our own ---------------------------------------------------------------------------


def test_it_computes_the_rate_from_the_full_year_budget_and_the_amount_executed() -> None:
    found = report("全年预算数（调整后）120.00万元，全年执行数108.00万元。", "演出场地不足。")
    assert found.outcomes["budget-execution-rate"] == "pass"
    assert found.outcomes["execution-low-unexplained"] == "pass"


def test_it_warns_when_low_execution_meets_a_problems_section_saying_none() -> None:
    [finding] = of(report(LOW, "无。"), "execution-low-unexplained")
    assert finding.severity == "warning"
    assert finding.evidence["rate"] == "75.00" and finding.evidence["threshold"] == "90"
    assert finding.location.text == "无。"


def test_it_reads_no_problems_for_now_as_none() -> None:
    assert report(LOW, "暂无问题。").outcomes["execution-low-unexplained"] == "fail"


def test_it_accepts_low_execution_when_problems_are_stated() -> None:
    found = report(LOW, "部分演出因场地维修推迟到次年，资金未能按期支付。")
    assert found.outcomes["execution-low-unexplained"] == "pass"


def test_it_warns_of_execution_above_the_full_year_budget() -> None:
    found = built({"budget": {"adjusted": "100.00", "executed": "112.50"}})
    [finding] = of(found, "budget-execution-rate")
    assert finding.severity == "warning"
    assert finding.evidence["rate"] == "112.50" and finding.evidence["excess"] == "12.50"


def test_it_warns_of_a_project_that_spent_more_than_its_budget() -> None:
    found = built({"budget": {"projects": [{"name": "送戏下乡", "budget": "30.00", "spent": "31.20"}]}})
    [finding] = of(found, "budget-execution-rate")
    assert finding.location.field == "budget.projects[0].spent"
    assert finding.evidence["rate"] == "104.00"


def test_it_flags_a_project_execution_rate_that_does_not_follow_from_its_figures() -> None:
    found = built(
        {
            "budget": {
                "projects": [
                    {"name": "送戏下乡", "budget": "30.00", "spent": "27.00", "execution_rate": "95.00"}
                ]
            }
        }
    )
    [finding] = of(found, "project-execution-rate")
    assert finding.severity == "error"
    assert finding.evidence["computed"] == "90.00"


def test_it_accepts_a_project_execution_rate_that_follows_from_its_figures() -> None:
    found = built(
        {
            "budget": {
                "projects": [
                    {"name": "送戏下乡", "budget": "30.00", "spent": "27.00", "execution_rate": "90.00"}
                ]
            }
        }
    )
    assert found.outcomes["project-execution-rate"] == "pass"


def test_a_stated_overall_rate_that_does_not_follow_from_the_figures_is_an_error_naming_both() -> None:
    found = report("全年预算数（调整后）120.00万元，全年执行数90.00万元，预算执行率80.00%。", "执行偏慢。")
    [finding] = of(found, "execution-rate-stated")
    assert finding.severity == "error"
    assert (finding.evidence["stated"], finding.evidence["computed"]) == ("80.00", "75.00")
    assert "120.00万元" in finding.message and "90.00万元" in finding.message
    assert "容差 0.0" in finding.message and len(finding.message.split("容差 ")[1]) < 16  # a tolerance to read


def test_a_stated_overall_rate_that_follows_from_the_figures_passes() -> None:
    found = report("全年预算数（调整后）120.00万元，全年执行数90.00万元，预算执行率为75%。", "执行偏慢。")
    assert found.outcomes["execution-rate-stated"] == "pass"


def test_a_stated_overall_rate_without_its_figures_cannot_be_checked() -> None:
    found = built({"budget": {"execution_rate": "98.50"}})
    assert found.outcomes["execution-rate-stated"] == "insufficient_data"
    [finding] = of(found, "execution-rate-stated")
    assert finding.severity == "info" and "全年执行数" in finding.message


def test_it_does_not_ask_a_report_cut_off_before_its_performance_part_for_the_rate() -> None:
    # income and spending stated, then the text ends: the rate may well be stated further on
    found = built(
        {"kind": "部门整体", "budget": {"income": {"total": "50.00"}, "expenditure": {"total": "48.00"}}}
    )
    assert found.outcomes["budget-execution-rate"] == "not_applicable"


def test_a_project_report_uses_the_funds_made_available_as_its_budget() -> None:
    found = built(
        {"kind": "项目支出", "budget": {"income": {"total": "200"}, "expenditure": {"total": "150"}}}
    )
    [finding] = of(found, "execution-low-unexplained")
    assert finding.evidence["rate"] == "75.00" and finding.evidence["budget"] == "200"


# --- the corpus -----------------------------------------------------------------------------------------


def test_corpus_038_spending_never_stated_makes_execution_insufficient_data() -> None:
    found = corpus("038_haikou_xiuying_shuiwu_project_2022.txt")
    assert found.outcomes["budget-execution-rate"] == "insufficient_data"
    [finding] = of(found, "budget-execution-rate")
    assert "执行数" in finding.message and finding.evidence["budget"] == "105"
    assert finding.evidence["executed"] is None


def test_corpus_036_execution_of_88_74_percent_is_computed_and_noted_as_low() -> None:
    # 9265.353442 / 10441 = 88.74%, as the report states; the text is cut off before any 存在的问题, so
    # the low rate is only noted. (The central funds' own 7177.373442 / 8353 = 85.93% is not imported:
    # the model has no per-source execution.)
    found = corpus("036_yunnan_zaihai_project_2022.txt")
    assert found.outcomes["budget-execution-rate"] == "pass"
    [finding] = of(found, "execution-low-unexplained")
    assert finding.severity == "info" and finding.evidence["rate"] == "88.74"


def test_corpus_033_execution_of_251_89_of_251_89_passes() -> None:
    assert corpus("033_qingshen_fgj_project_table_2023.txt").outcomes["budget-execution-rate"] == "pass"


def test_corpus_031_execution_of_16_20_of_16_20_passes() -> None:
    found = corpus("031_changning_1xiao_project_2023.txt")
    assert found.outcomes["budget-execution-rate"] == "pass"
    assert found.outcomes["execution-rate-stated"] == "pass"  # "预算执行率100%", as computed
    assert found.findings == []


def test_the_example_execution_of_97_22_percent_passes_every_execution_rule() -> None:
    found = run_checks(load_report(support.ROOT / "examples" / "qingshan_nongye_2024.txt"), rules=MINE)
    assert found.findings == []
    assert {found.outcomes[r] for r in MINE} == {"pass"}
