"""The unit family: amounts converted from 元 or 亿元, units mixed in one statement, precision finer than 分,
figures left unread, amounts that cannot be negative."""

from pathlib import Path

import pytest

from jixiao.checks import run_checks
from jixiao.core.findings import Finding
from jixiao.core.model import Evaluation
from jixiao.io.load import load_report
from tests import support

FAMILY = support.rules_of("unit")


def evaluation_of(text: str) -> Evaluation:
    return support.import_text(text, "inline.txt")



def findings(ev: Evaluation, rule: str | None = None) -> list[Finding]:
    return support.findings_of(run_checks(ev, rules=FAMILY), rule)


def report(body: str) -> str:
    return (
        "2023年度\n青石县农业农村局部门整体支出绩效自评报告\n2024年3月1日\n"
        f"一、部门基本情况\n青石县农业农村局为县人民政府工作部门。\n二、一般公共预算支出情况\n{body}\n"
    )


def test_the_family_has_its_rules() -> None:
    assert FAMILY == [
        "amount-finer-than-fen",
        "amount-unit-converted",
        "figure-unread",
        "mixed-units-in-statement",
        "negative-amount",
    ]


def test_it_finds_nothing_to_say_about_the_seeds_units() -> None:
    assert findings(load_report(support.seed_path())) == []


def test_it_finds_nothing_to_say_about_the_units_of_our_example() -> None:
    assert findings(load_report(support.ROOT / "examples" / "qingshan_nongye_2024.txt")) == []


def test_it_notes_an_amount_written_in_yuan_with_its_converted_value() -> None:
    ev = evaluation_of(report("2023年度共发生支出11800000元，其中：基本支出9000000元，项目支出2800000元。"))
    found = {f.location.field: f for f in findings(ev, "amount-unit-converted")}
    total = found["budget.expenditure.total"]
    assert total.severity == "info"
    assert total.evidence == {
        "original_unit": "元",
        "written": "11800000",
        "converted": "1180.0000",
        "converted_unit": "万元",
    }
    assert "11800000元" in total.message and "1180.0000万元" in total.message


def test_it_notes_an_amount_written_in_yi_yuan_with_its_converted_value() -> None:
    ev = evaluation_of(report("2023年度共取得收入合计1.2亿元，其中：财政拨款收入1.2亿元。"))
    found = {f.location.field: f for f in findings(ev, "amount-unit-converted")}
    assert found["budget.income.total"].evidence["converted"] == "12000"
    assert found["budget.income.total"].evidence["written"] == "1.2"


def test_it_warns_when_one_sentence_mixes_yuan_and_wanyuan() -> None:
    ev = evaluation_of(report("2023年度共发生支出1180000元，其中：基本支出900000元，项目支出28.00万元。"))
    [finding] = findings(ev, "mixed-units-in-statement")
    assert finding.severity == "warning"
    assert finding.evidence == {"yuan": "1180000、900000", "wanyuan": "28.00", "yiyuan": ""}
    assert finding.location.line == 7


def test_it_does_not_count_a_unit_price_in_yuan_as_mixing() -> None:
    ev = evaluation_of(
        report("按每人每月200元的标准发放补助，共发放12.00万元；管护费按30元/亩计算，合计36.00万元。")
    )
    assert findings(ev, "mixed-units-in-statement") == []
    assert run_checks(ev, rules=FAMILY).outcomes["mixed-units-in-statement"] == "pass"


def test_it_warns_on_an_amount_finer_than_one_fen() -> None:
    ev = evaluation_of(report("2023年度共发生支出1180.1234567万元，其中基本支出1000.00万元。"))
    [finding] = findings(ev, "amount-finer-than-fen")
    assert finding.severity == "warning"
    assert finding.evidence == {"written": "1180.1234567万元", "decimals": "7"}


def test_it_accepts_money_to_six_decimals_of_wanyuan_in_corpus_036() -> None:
    # 036 gives 7177.373442 and 9265.353442 万元: six decimals of 万元 is exact to the 分, not an error
    ev = support.corpus_evaluation("036_yunnan_zaihai_project_2022.txt")
    assert str(ev.budget.expenditure.total) == "9265.353442"
    assert findings(ev) == []
    assert run_checks(ev, rules=FAMILY).outcomes["amount-finer-than-fen"] == "pass"


# Error-severity findings of the unit family per corpus file: none (the family reports warnings and info
# only). No corpus file writes money in 元 or 亿元 inside a statement (044/046 only name a 决算表 "(单位:元)"
# attachment), so nothing is converted either.
PINNED_ERRORS: dict[str, set[str]] = {}


@pytest.mark.parametrize("path", support.corpus_files(), ids=lambda p: p.name[:3])
def test_the_unit_errors_on_each_corpus_file_are_the_reviewed_ones(path: Path) -> None:
    errors = {f.rule for f in findings(support.corpus_evaluation(path.name)) if f.severity == "error"}
    assert errors == PINNED_ERRORS.get(path.name, set())


def test_a_figure_left_unread_is_a_warning_with_what_was_written_and_why() -> None:
    ev = evaluation_of(report("2023年度共取得收入合计1,30.5万元，其中：财政拨款收入100.00万元。"))
    [finding] = findings(ev, "figure-unread")
    assert finding.severity == "warning"
    assert finding.evidence["written"] == "1,30.5万元"
    assert "千分位" in finding.evidence["reason"]  # type: ignore[operator]
    assert "“1,30.5万元”未能读取" in finding.message
    assert (finding.location.line, finding.location.field) == (7, "unread[0]")
    assert finding.location.section == "二、一般公共预算支出情况"


def test_a_report_whose_figures_all_read_passes_the_unread_rule() -> None:
    ev = evaluation_of(report("2023年度共取得收入合计1,305.20万元。"))
    assert findings(ev, "figure-unread") == []
    assert run_checks(ev, rules=FAMILY).outcomes["figure-unread"] == "pass"


def test_a_negative_total_is_an_error_naming_the_figure() -> None:
    ev = evaluation_of(report("2023年度共发生支出为-118.00万元，其中：基本支出100.00万元。"))
    [finding] = findings(ev, "negative-amount")
    assert finding.severity == "error"
    assert finding.location.field == "budget.expenditure.total"
    assert finding.evidence == {"value": "-118.00"}
    assert finding.message.startswith("支出合计为 -118.00万元，是负数")


def test_a_negative_project_budget_names_the_project() -> None:
    ev = evaluation_of(report("（三）项目支出情况\n（1）档案数字化项目：预算为−36.00万元，实际支出30.00万元。"))
    [finding] = findings(ev, "negative-amount")
    assert finding.location.field == "budget.projects[0].budget"
    assert "项目“档案数字化项目”的预算为 -36.00万元" in finding.message


def test_a_negative_balance_carried_forward_is_no_finding() -> None:
    ev = evaluation_of(report("2023年度共发生支出118.00万元，年末结转结余为-2.00万元。"))
    assert str(ev.budget.expenditure.carried_forward) == "-2.00"
    assert findings(ev, "negative-amount") == []
    assert run_checks(ev, rules=FAMILY).outcomes["negative-amount"] == "pass"


def test_a_dash_after_a_label_gives_no_negative_amount() -> None:
    ev = evaluation_of(report("2023年度共发生支出—118.00万元，其中：基本支出-100.00万元。"))
    assert (str(ev.budget.expenditure.total), str(ev.budget.expenditure.basic)) == ("118.00", "100.00")
    assert findings(ev, "negative-amount") == []


def test_a_bare_wan_counting_people_is_no_mixing_with_yuan() -> None:
    ev = evaluation_of(report("全年服务群众1.2万，发放慰问金5000元。"))
    assert findings(ev, "mixed-units-in-statement") == []
