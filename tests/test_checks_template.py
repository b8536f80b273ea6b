"""Template rules (instructions and placeholders left in, fields left empty) on the seed, on tiny reports of
our own, and on the corpus."""

from __future__ import annotations

from functools import partial

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from tests import support

TEMPLATE = support.rules_of("template")

COVER = "2023年度示例县档案馆部门整体支出绩效自评报告\n"


def _report(text: str) -> CheckReport:
    return run_checks(support.import_text(text), rules=TEMPLATE)


_corpus = partial(support.corpus_checks, rules=TEMPLATE)


_of = support.findings_of


# --- the seed ---------------------------------------------------------------------------------------------


def test_seed_date_written_with_spaces_is_a_date_not_a_placeholder() -> None:
    # the cover's "2024年 3 月 14 日"
    report = run_checks(load_report(support.seed_path()), rules=TEMPLATE)
    assert report.findings == []
    assert report.outcomes["template-placeholder"] == "pass"


# --- tiny reports -----------------------------------------------------------------------------------------


def test_it_flags_a_word_limit_left_in_a_heading() -> None:
    found = _of(
        _report(COVER + "摘要（1000字以内）\n一、部门概况\n本馆为公益一类事业单位。\n"),
        "template-instruction",
    )
    assert [(f.evidence["instruction"], f.location.line) for f in found] == [("(1000字以内)", 2)]


def test_it_says_when_the_heading_with_the_instruction_has_no_text() -> None:
    found = _of(
        _report(COVER + "摘要（1000字以内）\n一、部门概况\n本馆为公益一类事业单位。\n"),
        "template-instruction",
    )
    assert "没有正文" in found[0].message


def test_it_flags_an_automatic_index_number_note() -> None:
    found = _of(
        _report(COVER + "索引号：索引号自动生成\n一、部门概况\n本馆为公益一类事业单位。\n"),
        "template-instruction",
    )
    assert [f.evidence["instruction"] for f in found] == ["索引号自动生成"]


def test_it_flags_a_fill_in_note_in_brackets() -> None:
    found = _of(_report(COVER + "一、部门概况\n（此处填写部门职能）\n"), "template-instruction")
    assert [f.evidence["instruction"] for f in found] == ["(此处填写部门职能)"]


def test_a_sentence_that_names_the_reference_outline_is_not_an_instruction() -> None:
    report = _report(COVER + "一、部门概况\n本报告按财政局印发的参考提纲编写，填写说明已逐项对照。\n")
    assert _of(report, "template-instruction") == []


def test_the_verb_fill_in_ordinary_text_is_not_an_instruction() -> None:
    report = _report(COVER + "一、部门概况\n本馆按要求填报了年度统计报表，并填写了资产卡片。\n")
    assert _of(report, "template-instruction") == []


def test_it_flags_xx_left_for_a_name() -> None:
    found = _of(
        _report(COVER + "部门（单位）名称：XX县档案馆\n一、部门概况\n本馆为公益一类事业单位。\n"),
        "template-placeholder",
    )
    assert [(f.evidence["placeholder"], f.location.line) for f in found] == [("XX", 2)]


def test_words_and_codes_with_an_x_are_not_placeholders() -> None:
    text = (
        COVER + "一、部门概况\n本馆购置X光安检机1台，旧电脑为Windows XP系统，统一社会信用代码12345678-X。\n"
    )
    assert _of(_report(text), "template-placeholder") == []


def test_it_flags_a_date_with_no_digits() -> None:
    found = _of(
        _report(COVER + "填报日期：    年  月  日\n一、部门概况\n本馆为公益一类事业单位。\n"),
        "template-placeholder",
    )
    assert [f.location.line for f in found] == [2]
    assert "日期" in found[0].message


def test_birth_date_as_a_word_is_not_a_placeholder() -> None:
    text = COVER + "一、部门概况\n人事档案须载明出生年月日和参加工作时间。\n"
    assert _of(_report(text), "template-placeholder") == []


def test_it_warns_of_a_form_label_with_nothing_after_it() -> None:
    found = _of(
        _report(COVER + "一、部门概况\n本馆为公益一类事业单位。\n联系人：\n联系电话：\n"),
        "template-empty-field",
    )
    assert [(f.severity, f.evidence["field"]) for f in found] == [
        ("warning", "联系人"),
        ("warning", "联系电话"),
    ]


def test_a_label_whose_value_stands_on_the_next_line_is_not_empty() -> None:
    assert _of(_report(COVER + "一、部门概况\n联系人：\n王明\n"), "template-empty-field") == []


def test_a_reviewers_field_left_for_the_reviewer_is_not_flagged() -> None:
    assert (
        _of(
            _report(COVER + "主管部门审核意见：\n财政部门审核意见：\n一、部门概况\n无。\n"),
            "template-empty-field",
        )
        == []
    )


def test_it_flags_an_indicator_table_whose_results_are_all_blank() -> None:
    ev = Evaluation.model_validate(
        {
            "performance": {
                "indicators": [
                    {"name": "档案数字化页数", "target": {"text": "≥10万页"}, "weight": "20"},
                    {"name": "服务对象满意度", "target": {"text": "≥90%"}, "weight": "10"},
                ]
            }
        }
    )
    found = _of(run_checks(ev, rules=TEMPLATE), "template-unfilled-table")
    assert [(f.severity, f.evidence["indicators"]) for f in found] == [("error", "2")]


def test_an_indicator_table_with_one_result_filled_is_left_to_the_indicator_rules() -> None:
    ev = Evaluation.model_validate(
        {
            "performance": {
                "indicators": [
                    {"name": "档案数字化页数", "weight": "20", "actual": {"text": "11万页"}},
                    {"name": "服务对象满意度", "weight": "10"},
                ]
            }
        }
    )
    assert run_checks(ev, rules=TEMPLATE).outcomes["template-unfilled-table"] == "pass"


# --- the corpus -------------------------------------------------------------------------------------------


def test_025_left_the_reference_outline_label_in() -> None:
    found = _of(_corpus("025_pingquan_jcy_2023.txt"), "template-instruction")
    assert [(f.severity, f.evidence["instruction"], f.location.line) for f in found] == [
        ("error", "参考提纲", 10)
    ]


def test_033_published_its_table_with_the_template_instructions_in_place() -> None:
    # 评价结论 / 存在问题 / 改进措施 still hold the "(200字以内)" instructions, as do two other cells; the
    # 项目负责人 / 财务负责人 fields are blank; every row of the indicator table has its weight but an empty
    # 完成值 and 得分: the table was published unfilled.
    report = _corpus("033_qingshen_fgj_project_table_2023.txt")
    assert [f.location.line for f in _of(report, "template-instruction")] == [19, 38, 103, 105, 107]
    assert [f.evidence["field"] for f in _of(report, "template-empty-field")] == ["项目负责人", "财务负责人"]
    assert [f.severity for f in _of(report, "template-unfilled-table")] == ["error"]


def test_044_left_the_summary_word_limit_in_with_no_summary() -> None:
    found = _of(_corpus("044_xundian_xwb_2023.txt"), "template-instruction")
    assert [(f.evidence["instruction"], f.location.line) for f in found] == [("(2000字以内)", 32)]
    assert "没有正文" in found[0].message
