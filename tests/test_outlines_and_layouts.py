"""Reports written to other outlines and laid out in other ways are read as the Hunan outline is.

Tiny reports of our own, one form each: decimal numbering (1. / 1.1 / 1.1.1, and "1 " at the top), a numeral
followed by a space instead of 、 ("一 部门概况"), headings with a colon and their body after it on the same
line, tables flattened one cell per line or with "|", a cover form of label and value cells, a signature block
under the last section, dates in their usual forms, and the self-assessment score and grade wherever stated.
"""

from __future__ import annotations

from jixiao.checks import run_checks
from jixiao.core.model import Evaluation
from tests import support

TITLE = "青石县档案馆2023年度部门整体支出绩效自评报告"


def _import(*lines: str) -> Evaluation:
    return support.import_text("\n".join([TITLE, *lines]) + "\n")


def _headings(ev: Evaluation) -> list[tuple[int, str | None, str, str | None]]:
    return [(s.level, s.numbering, s.title, s.key) for s in ev.outline.sections]


def _errors(ev: Evaluation, *rules: str) -> list[str]:
    report = run_checks(ev, rules=list(rules))
    return [f.message for f in report.findings if f.severity == "error"]


# ---------------------------------------------------------------------------------------------- decimal numbering

DECIMAL = (
    "1. 部门基本情况",
    "1.1 部门职能",
    "负责全县档案的收集和保管。",
    "1.2 机构设置及人员情况",
    "本馆核定编制12人，实有人数11人。",
    "1.2.1 内设机构",
    "本馆内设2个股室：办公室、保管股。",
    "2. 一般公共预算支出情况",
    "2.1 收支情况",
    "2023年度收入合计120.50万元，支出合计118.00万元。",
)


def test_a_decimal_outline_nests_its_headings_by_their_dots() -> None:
    ev = _import(*DECIMAL)
    assert [(level, numbering) for level, numbering, _, _ in _headings(ev)] == [
        (1, "1."), (2, "1.1"), (2, "1.2"), (3, "1.2.1"), (1, "2."), (2, "2.1"),
    ]
    assert [key for *_, key in _headings(ev)][:3] == ["basic_info", "functions", "org"]
    assert (ev.staffing.authorized_total, ev.staffing.actual_total) == (12, 11)
    assert ev.unit.internal_bodies == ["办公室", "保管股"]


def test_a_decimal_outline_is_numbered_in_its_own_scheme_not_as_a_misnumbered_one() -> None:
    assert _errors(_import(*DECIMAL), "heading-numbering", "numbering-sequence") == []


def test_a_decimal_heading_skipped_is_reported_in_decimal_numbers() -> None:
    skipped = [line.replace("1.2", "1.3") for line in DECIMAL]
    [message] = _errors(_import(*skipped), "numbering-sequence")
    assert "“1.1”之后是“1.3”" in message and "缺少“1.2”" in message


def test_a_decimal_outline_may_number_its_top_level_without_a_dot() -> None:
    ev = _import(*(line.replace("1. ", "1 ").replace("2. ", "2 ") for line in DECIMAL))
    assert [(level, numbering, title) for level, numbering, title, _ in _headings(ev)][::4] == [
        (1, "1", "部门基本情况"), (1, "2", "一般公共预算支出情况"),
    ]
    assert _errors(ev, "heading-numbering", "numbering-sequence") == []


def test_a_figure_starting_a_line_is_no_top_heading_of_a_decimal_outline() -> None:
    ev = _import(*DECIMAL, "3 个股室已完成档案数字化。")
    assert [title for _, _, title, _ in _headings(ev)][-1] == "收支情况"


# ---------------------------------------------------------------------------------------------- a numeral and a space


def test_a_numeral_followed_by_a_space_numbers_a_heading_and_is_said_to_lack_its_mark() -> None:
    ev = _import("一 部门基本情况", "本馆核定编制12人。", "二 一般公共预算支出情况", "2023年度收入合计120.50万元。")
    assert _headings(ev) == [(1, "一", "部门基本情况", "basic_info"), (1, "二", "一般公共预算支出情况", "general_budget")]
    findings = run_checks(ev, rules=["heading-numbering"]).findings
    assert [(f.severity, f.evidence["expected"]) for f in findings] == [("warning", "一、"), ("warning", "二、")]


def test_a_numeral_and_a_space_before_ordinary_words_is_no_heading() -> None:
    ev = _import("一、部门基本情况", "三 公经费支出为零。")
    assert [title for _, _, title, _ in _headings(ev)] == ["部门基本情况"]


# ---------------------------------------------------------------------------------------------- headings with a colon


def test_a_heading_with_its_body_after_a_colon_is_a_heading_over_that_body() -> None:
    ev = _import(
        "一、部门基本情况：",
        "（一）部门职能：负责全县档案的收集和保管。",
        "（二）机构设置及人员情况:本馆内设2个股室：办公室、保管股。核定编制12人，实有人数11人。",
        "二、一般公共预算支出情况：2023年度收入合计120.50万元。",
    )
    assert [(numbering, title) for _, numbering, title, _ in _headings(ev)] == [
        ("一、", "部门基本情况:"), ("(一)", "部门职能:"), ("(二)", "机构设置及人员情况:"), ("二、", "一般公共预算支出情况:"),
    ]
    assert ev.outline.sections[1].text == "负责全县档案的收集和保管。"
    assert (ev.staffing.authorized_total, ev.staffing.actual_total, len(ev.unit.internal_bodies)) == (12, 11, 2)
    assert str(ev.budget.income.total) == "120.50"
    assert ev.sources["budget.income.total"].section == "二、一般公共预算支出情况:"


def test_an_item_with_a_figure_after_its_colon_stays_an_item() -> None:
    ev = _import("一、部门基本情况", "1、收入:120.50万元。")
    assert [title for _, _, title, _ in _headings(ev)] == ["部门基本情况"]


# ---------------------------------------------------------------------------------------------- flattened tables


def test_a_header_row_and_a_value_row_in_pipes_pair_each_header_with_its_value() -> None:
    ev = _import("一、部门基本情况", "本馆人员情况如下：", "| 编制数 | 实有人数 |", "| 12 | 11 |")
    assert (ev.staffing.authorized_total, ev.staffing.actual_total) == (12, 11)
    assert ev.sources["staffing.actual_total"].line == 5


def test_a_header_row_and_a_value_row_one_cell_per_line_with_blank_lines_between_pair_alike() -> None:
    ev = _import("一、部门基本情况", "", "编制数", "", "2023年实际在职人数", "", "12", "", "11", "")
    assert (ev.staffing.authorized_total, ev.staffing.actual_total) == (12, 11)


def test_a_table_s_row_label_column_holds_no_values() -> None:
    cells = ["项目(万元)", "年初预算数", "全年预算数", "全年执行数", "合计", "100.00", "120.50", "118.00"]
    ev = _import("二、一般公共预算支出情况", *cells)
    assert [str(v) for v in (ev.budget.initial, ev.budget.adjusted, ev.budget.executed)] == ["100.00", "120.50", "118.00"]


def test_a_table_row_under_a_unit_in_an_open_bracket_is_read_in_that_unit() -> None:
    ev = _import("二、一般公共预算支出情况", "年度预算申请", "(万元", "年初预算数", "全年预算数", "全年执行数", "年度资金总额",
                 "100.00", "120.50", "118.00", "按收入性质分:120.50", "按支出性质分:118.00", "其中:基本支出:100.00")
    assert [str(v) for v in (ev.budget.initial, ev.budget.adjusted, ev.budget.executed)] == ["100.00", "120.50", "118.00"]
    assert [str(v) for v in (ev.budget.income.total, ev.budget.expenditure.total)] == ["120.50", "118.00"]
    assert str(ev.budget.expenditure.basic) == "100.00"


def test_a_row_with_fewer_values_than_headers_is_left_unread() -> None:
    # the 年初预算数 cell is empty and leaves no line: which value stands under which header cannot be known
    cells = ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "年度资金总额", "120.50", "118.00"]
    ev = _import("二、一般公共预算支出情况", *cells)
    assert (ev.budget.initial, ev.budget.adjusted, ev.budget.executed) == (None, None, None)


def test_a_figure_labelled_with_another_year_is_not_this_year_s() -> None:
    ev = _import("二、一般公共预算支出情况", "2022年支出合计100.00万元，2023年支出合计118.00万元，增加18.00万元。")
    assert str(ev.budget.expenditure.total) == "118.00"


def test_a_table_s_columns_of_other_years_give_this_year_nothing_of_theirs() -> None:
    cells = ["经费控制情况(万元)", "2022年决算数", "2023年预算数", "2023年决算数", "支出合计:", "874.20", "308.17", "1025.20"]
    ev = _import("二、一般公共预算支出情况", *cells)
    assert ev.budget.expenditure.total is None  # the row's 2023 决算 is not labelled 支出合计: nothing is guessed


# ---------------------------------------------------------------------------------------------- dates


def _dated(date: str, *, label: str = "报告日期：") -> Evaluation:
    return support.import_text(f"{TITLE}\n{label}{date}\n一、部门基本情况\n本馆核定编制12人。\n")


def test_a_report_date_is_read_in_each_of_its_usual_forms() -> None:
    forms = ("2024年3月17日", "2024年03月17日", "2024.3.17", "2024-03-17", "2024/3/17", "二〇二四年三月十七日", "二○二四年三月十七日")
    for written in forms:
        ev = _dated(written)
        assert (str(ev.report_date), ev.report_month) == ("2024-03-17", None), written


def test_a_report_date_in_the_cell_under_its_label_is_read() -> None:
    assert str(_dated("2024.3.17", label="报告日期\n").report_date) == "2024-03-17"


def test_a_date_naming_only_its_month_is_kept_as_the_report_month_and_no_day_is_made_up() -> None:
    for written in ("二〇二四年三月", "2024年3月"):
        ev = _dated(written)
        assert (ev.report_date, ev.report_month) == (None, "2024-03"), written
        assert ev.sources["report_month"].line == 2


def test_a_report_month_inside_the_fiscal_year_is_an_error_as_a_date_would_be() -> None:
    [finding] = run_checks(_dated("二〇二三年十二月"), rules=["report-date-before-year-end"]).findings
    assert finding.severity == "error" and finding.location.field == "report_month"
    assert finding.evidence == {"fiscal_year": "2023", "report_month": "2023-12"}


def test_a_bare_date_under_a_page_s_own_date_label_is_no_report_date() -> None:
    ev = support.import_text(f"[ 成文日期 ]\n2025-05-30\n{TITLE}\n一、部门基本情况\n本馆核定编制12人。\n")
    assert (ev.report_date, ev.report_month) == (None, None)


# ---------------------------------------------------------------------------------------------- cover and signature


def test_a_cover_form_of_label_and_value_cells_gives_its_values() -> None:
    ev = support.import_text(
        "2023年度部门整体支出绩效自评报告\n部门（单位）名称\n青石县档案馆\n预 算 编 码\n906099\n评价机构\n青石县档案馆自评工作组\n"
        "联系人\n李明\n联系电话\n0731-1234567\n报告日期\n2024年3月17日\n一、部门基本情况\n本馆核定编制12人。\n"
    )
    assert (ev.unit.name, ev.unit.budget_code, ev.evaluator) == ("青石县档案馆", "906099", "青石县档案馆自评工作组")
    assert (ev.unit.contact, ev.unit.phone, str(ev.report_date)) == ("李明", "0731-1234567", "2024-03-17")
    assert ev.sources["unit.contact"].line == 9


def test_a_signature_block_under_the_last_section_gives_the_unit_s_full_name_and_the_date() -> None:
    ev = support.import_text(
        "县档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本馆核定编制12人。\n十、其他需要说明的情况\n无。\n"
        "\n青石县档案馆（盖章）\n2024.3.18\n"
    )
    assert (ev.unit.name, ev.unit.short_name, str(ev.report_date)) == ("青石县档案馆", "县档案馆", "2024-03-18")
    assert (ev.sources["unit.name"].line, ev.sources["report_date"].line) == (7, 8)


# ---------------------------------------------------------------------------------------------- score and grade


def test_the_self_assessment_score_and_grade_are_read_from_a_closing_sentence() -> None:
    ev = _import("十、其他需要说明的情况", "无。经综合评价，本馆部门整体支出绩效自评得分92.5分，综合评定等级为良。")
    assert (str(ev.self_assessment.score), ev.self_assessment.grade) == ("92.5", "良")


def test_the_self_assessment_score_is_read_from_its_own_line_without_the_word_points() -> None:
    ev = _import("十、其他需要说明的情况", "自评得分：92.5", "自评等级：良")
    assert (str(ev.self_assessment.score), ev.self_assessment.grade) == ("92.5", "良")


def test_the_score_in_a_self_assessment_table_s_funds_row_is_not_the_report_s_score() -> None:
    # the 年度资金总额 row's 自评得分 scores the budget's execution (10 of 10), not the whole report
    ev = _import(
        "六、部门整体支出绩效情况",
        "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 自评得分 |",
        "| 年度资金总额 | 100.00 | 120.00 | 120.00 | 10 | 100% | 10 |",
    )
    assert str(ev.budget.executed) == "120.00"
    assert ev.self_assessment.score is None


def test_an_award_named_with_a_grade_word_is_no_self_grade() -> None:
    assert _import("一、部门基本情况", "本馆被评定为优秀单位。").self_assessment.grade is None


def test_the_total_row_of_a_score_table_gives_the_weights_total_and_the_score() -> None:
    ev = _import(
        "六、部门整体支出绩效情况",
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
        "| 产出指标 | 数量指标 | 档案接收数量 | ≥1000卷 | 1200卷 | 50 | 50 |",
        "| 效益指标 | 社会效益指标 | 档案利用服务 | 有效 | 有效 | 40 | 35 |",
        "| 合计 | | | | | 90 | 85 |",
    )
    assert (str(ev.self_assessment.weight_total), str(ev.self_assessment.score)) == ("90", "85")
    assert ev.sources["self_assessment.score"].line == 6
