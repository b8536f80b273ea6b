"""The checks of a project evaluation's own figures, each on a tiny evaluation that states the relation.

Funds by source against the year's total, the funds received against the rate stated, a total in the text
against the parts listed with it, one allocation document with two amounts, the table's weights against the
total and the rulebook's 一级 weights, an indicator's score against the ratio rule, the 预算执行率 score against
the rate, a deduction with no 偏差原因, the stated execution score in the total, 生均 × 学生数, low execution
with "无" problems, and a figure the prose states otherwise than the table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.checks import run_checks
from jixiao.core.findings import Finding
from jixiao.core.model import Evaluation
from jixiao.io.extract_performance import parse_measure
from tests.support import import_text


def project(**parts: Any) -> Evaluation:
    """A 项目支出 evaluation: 48.00 budgeted, 47.52 executed, and whatever `parts` add or replace."""
    data: dict[str, Any] = {
        "kind": "项目支出",
        "unit": {"name": "青山县第一中学"},
        "fiscal_year": 2024,
        "project": {"name": "生均公用经费"},
        "budget": {"initial": Decimal("48.00"), "adjusted": Decimal("48.00"), "executed": Decimal("47.52")},
    }
    for key, value in parts.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return Evaluation.model_validate(data)


def findings(ev: Evaluation, rule: str) -> list[Finding]:
    report = run_checks(ev, rules=[rule])
    return [f for f in report.findings if f.rule == rule]


def outcome(ev: Evaluation, rule: str) -> str:
    return run_checks(ev, rules=[rule]).outcomes[rule]


def line(source: str, adjusted: str, executed: str, label: str | None = None) -> dict[str, Any]:
    return {"source": source, "label": label, "adjusted": Decimal(adjusted), "executed": Decimal(executed)}


def indicator(name: str, target: str, actual: str, weight: str, score: str, level1: str = "产出指标", **more: Any) -> dict[str, Any]:
    """An indicator as the importer gives it: each measure read (comparator, value, unit) from its text."""
    return {
        "level1": level1,
        "name": name,
        "target": parse_measure(target),
        "actual": parse_measure(actual),
        "weight": Decimal(weight),
        "score": Decimal(score),
        **more,
    }


# ---------------------------------------------------------------------------------------------- funds


def test_funds_by_source_that_add_up_to_the_total_pass() -> None:
    ev = project(project={"funds": [line("财政拨款", "46.00", "45.52"), line("其他资金", "2.00", "2.00")]})
    assert outcome(ev, "project-funds-by-source") == "pass"


def test_a_total_that_is_not_the_sum_of_its_sources_is_an_error_with_both_sides() -> None:
    ev = project(project={"funds": [line("财政拨款", "46.00", "45.52"), line("其他资金", "2.00", "1.00")]})
    [finding] = findings(ev, "project-funds-by-source")
    assert finding.severity == "error"
    assert "年度资金总额（全年执行数） 47.52万元" in finding.message and "46.52万元" in finding.message
    assert finding.evidence["difference"] == "1.00"
    assert finding.location.field == "budget.executed"


def test_a_fiscal_grant_split_into_its_two_parts_is_checked_against_them() -> None:
    ev = project(
        project={
            "funds": [
                line("财政拨款", "48.00", "47.52", "当年财政拨款"),
                line("上级补助", "30.00", "30.00", "中央补助"),
                line("本级安排", "17.00", "17.52", "县级配套"),
            ]
        }
    )
    [finding] = findings(ev, "project-funds-by-source")
    assert finding.location.field == "project.funds[0].adjusted"
    assert "当年财政拨款（全年预算数）" in finding.message


def test_the_funds_received_and_the_rate_stated_agree() -> None:
    ev = project(project={"received": Decimal("48.00"), "received_rate": Decimal("100.00")})
    assert outcome(ev, "funds-received-rate") == "pass"
    ev = project(project={"received": Decimal("45.60"), "received_rate": Decimal("100.00")})
    [finding] = findings(ev, "funds-received-rate")
    assert finding.severity == "error" and finding.evidence["computed"] == "95.00"


# ---------------------------------------------------------------------------------------------- the text

TITLE = "青山县第一中学2024年度生均公用经费项目支出绩效自评报告\n一、项目基本情况\n"


def test_parts_listed_with_a_total_that_add_up_pass() -> None:
    ev = import_text(TITLE + "全年下达资金48.00万元。其中：公用经费30.00万元，维修经费18.00万元。\n")
    assert outcome(ev, "stated-parts-sum") == "pass"


def test_parts_that_do_not_add_up_to_their_total_are_an_error_naming_each() -> None:
    ev = import_text(TITLE + "全年下达资金48.00万元。其中：公用经费30.00万元，维修经费16.00万元。\n")
    [finding] = findings(ev, "stated-parts-sum")
    assert finding.severity == "error"
    assert "公用经费 30.00万元 + 维修经费 16.00万元" in finding.message
    assert finding.evidence["difference"] == "2.00"
    assert finding.location.line == 3


def test_a_whole_amount_beside_one_in_cents_is_taken_as_exact() -> None:
    # 30 + 29.99 = 59.99 against 59.97: rounding the total and 29.99 to cents explains at most 0.01
    ev = import_text(TITLE + "共支出59.97万元。其中：30万元用于维修，29.99万元用于设备。\n")
    [finding] = findings(ev, "stated-parts-sum")
    assert finding.severity == "error" and finding.evidence["tolerance"] == "0.010"


def test_a_total_after_its_parts_and_a_bracketed_sub_part_are_read_as_written() -> None:
    text = "一批投资300万元（其中设备100万元），二批投资200万元，合计投资500万元。\n"
    assert outcome(import_text(TITLE + text), "stated-parts-sum") == "pass"


def test_a_sentence_the_text_breaks_off_inside_is_not_checked() -> None:
    ev = import_text(TITLE + "全年下达资金48.00万元。其中：公用经费30.00万元，维修经费\n")
    assert outcome(ev, "stated-parts-sum") == "not_applicable"


def test_a_department_report_s_sentences_are_left_to_the_structured_sums() -> None:
    ev = import_text("某局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n收入48.00万元。其中：财政拨款40.00万元，其他收入2.00万元。\n")
    assert outcome(ev, "stated-parts-sum") == "not_applicable"


def test_one_allocation_document_cited_with_two_amounts_is_a_warning() -> None:
    text = (
        "县财政局青财教〔2024〕12号文件下达资金30万元。\n"
        "根据青财教〔2024〕12号文件，下达维修经费32万元。\n"
    )
    [finding] = findings(import_text(TITLE + text), "document-amount-differs")
    assert finding.severity == "warning"
    assert "财教〔2024〕12号" in finding.message and "第 3 行为 30万元" in finding.message


# ---------------------------------------------------------------------------------------------- weights and scores


def full_table(**changes: Any) -> Evaluation:
    """产出 50, 效益 30, 满意度 10 and 执行率 10: every target met, every score in full, 总分 100."""
    rows = [
        indicator("在校学生人数", "≥600人", "612人", "30", "30"),
        indicator("公用经费拨付及时率", "≥95%", "100%", "20", "20"),
        indicator("学校正常运转", "达成年度指标", "达成年度指标", "30", "27", level1="效益指标", deviation="两处屋面维修延至次年"),
        indicator("师生满意度", "≥90%", "96%", "10", "10", level1="满意度指标"),
    ]
    for n, change in changes.items():
        rows[int(n.removeprefix("row"))] |= change
    return project(
        budget={"adjusted": Decimal("48.00"), "executed": Decimal("48.00")},
        performance={"indicators": rows},
        self_assessment={
            "execution_weight": Decimal("10"),
            "execution_score": Decimal("10.00"),
            "weight_total": Decimal("100"),
            "score": Decimal("97.00"),
            "grade": "优",
        },
    )


SCORING = ["weights-total", "level-weights", "indicator-score-by-rule", "execution-score-stated", "self-score-not-sum"]


def test_a_consistent_table_passes_every_scoring_rule() -> None:
    report = run_checks(full_table(), rules=SCORING)
    assert report.findings == []
    assert set(report.outcomes.values()) == {"pass"}


def test_weights_that_do_not_add_up_to_the_total_are_an_error() -> None:
    [finding] = findings(full_table(row0={"weight": Decimal("25")}), "weights-total")
    assert finding.severity == "error"
    assert "共 95 分" in finding.message and "总分栏所列分值为 100 分" in finding.message


def test_weights_short_of_100_with_no_total_stated_may_be_a_table_cut_off() -> None:
    ev = full_table()
    ev.self_assessment.weight_total = None
    ev.performance.indicators.pop()
    [finding] = findings(ev, "weights-total")
    assert finding.severity == "warning" and "表格不完整" in finding.message


def test_a_level_weighted_otherwise_than_the_rulebook_is_a_warning_naming_it() -> None:
    ev = full_table(row1={"weight": Decimal("10")}, row3={"weight": Decimal("20")})
    ev.performance.indicators[3].score = Decimal("20")
    got = {f.evidence["level"]: f.severity for f in findings(ev, "level-weights")}
    assert got == {"产出指标": "warning", "满意度指标": "warning"}


def test_a_met_target_scored_below_its_weight_is_a_warning() -> None:
    [finding] = findings(full_table(row1={"score": Decimal("17")}), "indicator-score-by-rule")
    assert finding.severity == "warning" and finding.evidence["computed"] == "20.00"


def test_a_missed_target_scored_above_the_ratio_rule_is_an_error() -> None:
    [finding] = findings(full_table(row0={"actual": parse_measure("540人"), "score": Decimal("29")}), "indicator-score-by-rule")
    assert finding.severity == "error"
    assert "540 ÷ 600 × 30 = 27.00" in finding.message


def test_a_score_written_with_fewer_places_within_rounding_of_the_ratio_is_only_noted() -> None:
    # 595 ÷ 600 × 30 = 29.75; "29.8" is that rounded to one place
    [noted] = findings(full_table(row0={"actual": parse_measure("595人"), "score": Decimal("29.8")}), "indicator-score-by-rule")
    assert noted.severity == "info"


def test_full_marks_for_a_missed_target_are_left_to_their_own_rule() -> None:
    ev = full_table(row0={"actual": parse_measure("594人")})  # still scored 30 of 30
    assert findings(ev, "indicator-score-by-rule") == []
    [finding] = findings(ev, "full-marks-for-missed-target")
    assert finding.evidence["computed"] == "29.70"


def test_the_execution_score_stated_is_held_against_the_rate() -> None:
    ev = project(self_assessment={"execution_weight": Decimal("10"), "execution_score": Decimal("9.90")})
    assert outcome(ev, "execution-score-stated") == "pass"  # 47.52 ÷ 48.00 × 10 = 9.90
    [finding] = findings(project(self_assessment={"execution_score": Decimal("9.50")}), "execution-score-stated")
    assert finding.severity == "error" and finding.evidence["computed"] == "9.90"
    [rounded] = findings(project(self_assessment={"execution_score": Decimal("10")}), "execution-score-stated")
    assert rounded.severity == "info"  # 9.90 written as a whole 10
    [over] = findings(project(self_assessment={"execution_weight": Decimal("10"), "execution_score": Decimal("12")}), "execution-score-stated")
    assert "超过其分值 10" in over.message


def test_the_total_counts_the_execution_score_the_table_states() -> None:
    ev = full_table()
    ev.self_assessment.execution_score = Decimal("9.00")
    [finding] = findings(ev, "self-score-not-sum")
    assert "预算执行率得分 9.00（自评表所列）" in finding.message and finding.evidence["expected"] == "96.00"


def test_a_deduction_with_no_deviation_reason_is_a_warning() -> None:
    assert outcome(full_table(), "deviation-reason-missing") == "pass"  # the 27 of 30 says why
    [finding] = findings(full_table(row2={"deviation": None}), "deviation-reason-missing")
    assert finding.severity == "warning" and "得分 27 低于分值 30" in finding.message


def test_an_actual_far_above_its_target_with_no_deviation_reason_is_a_warning() -> None:
    [finding] = findings(full_table(row0={"actual": parse_measure("800人")}), "deviation-reason-missing")
    assert "为指标值 ≥600人 的 133.33%" in finding.message


def test_a_qualitative_score_in_the_form_s_own_wording_is_held_to_its_band() -> None:
    ev = full_table(row2={"actual": parse_measure("达成预期指标"), "score": Decimal("20")})
    [finding] = findings(ev, "qualitative-score-out-of-band")
    assert "[24.00, 30.00]" in finding.message


# ---------------------------------------------------------------------------------------------- the text and the table


def test_a_per_pupil_cost_times_the_pupils_is_held_against_the_amount() -> None:
    ok = import_text(TITLE + "本年度在校学生612人，生均公用经费标准800元，合计48.96万元。\n")
    assert outcome(ok, "unit-price-times-count") == "pass"
    [finding] = findings(import_text(TITLE + "本年度在校学生612人，生均公用经费标准800元，合计49.96万元。\n"), "unit-price-times-count")
    assert "612人 × 800元 = 48.96万元" in finding.message


def test_low_execution_of_a_project_with_no_problem_named_is_a_warning() -> None:
    text = TITLE + "项目资金总额48.00万元，实际支出38.40万元。\n二、存在的问题及原因分析\n暂无问题。\n"
    [finding] = findings(import_text(text), "execution-low-unexplained")
    assert finding.severity == "warning" and finding.evidence["rate"] == "80.00"


def test_the_prose_and_the_table_stating_one_figure_two_ways_is_an_error() -> None:
    text = (
        TITLE + "全年执行数46.00万元。\n附：项目支出绩效自评表\n项目名称\t生均公用经费\n"
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t48.00\t48.00\t47.52\t10\t99.00%\t9.90\n"
    )
    [finding] = findings(import_text(text), "figure-stated-twice")
    assert "全年执行数（自评表）" in finding.message and finding.evidence["difference"] == "-1.52"
