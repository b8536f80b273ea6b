"""Arithmetic and cross-check rules on the seed, on tiny reports of our own, and on the corpus."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from tests import support

seed = support.seed_checks
_corpus = support.corpus_checks


def _report(text: str) -> CheckReport:
    return run_checks(support.import_text(text))


_of = support.findings_of


# --- the seed: what is correct stays quiet ------------------------------------------------------------


def test_seed_economic_classes_add_up_to_the_fiscal_total() -> None:
    # 76.82 + 108.88 + 31.42 + 22.55 = 239.67
    assert seed().outcomes["fiscal-by-economic"] == "pass"
    assert _of(seed(), "fiscal-by-economic") == []


def test_seed_general_equipment_share_88_34_is_right() -> None:
    # 19.92 / 22.55 = 88.34%; the only share findings are the two that name no whole (账面固定资产总额)
    assert all("通用设备" not in f.message for f in _of(seed(), "share"))


def test_seed_furniture_share_11_66_is_right() -> None:
    # 2.63 / 22.55 = 11.66%
    assert all("家具" not in f.message for f in _of(seed(), "share"))


def test_seed_staff_control_rate_54_55_is_right() -> None:
    # 6 / 11 = 54.55%
    assert seed().outcomes["staff-control-rate"] == "pass"


def test_seed_establishment_11_is_6_plus_5_and_staff_6_is_3_plus_3() -> None:
    assert seed().outcomes["staffing-by-kind"] == "pass"
    assert _of(seed(), "staffing-by-kind") == []


def test_seed_capital_spending_equals_assets_acquired() -> None:
    # 其他资本性支出 22.55 = 配置固定资产 22.55
    assert seed().outcomes["capital-vs-acquired"] == "pass"


def test_seed_income_and_expenditure_sums_hold() -> None:
    for rule in ("income-total", "expenditure-total", "fiscal-total-parts", "acquisitions-total", "income-vs-expenditure"):
        assert seed().outcomes[rule] == "pass", rule


def test_seed_has_no_arithmetic_or_cross_check_error() -> None:
    assert [f for f in seed().findings if f.category in {"arithmetic", "cross_check"} and f.severity == "error"] == []


def test_seed_total_assets_against_current_plus_fixed_net_is_a_warning_naming_the_gap() -> None:
    [finding] = _of(seed(), "assets-total")
    assert finding.severity == "warning"
    assert finding.evidence["total"] == "52.90" and finding.evidence["computed"] == "36.00"
    assert finding.evidence["difference"] == "16.90"
    assert "未列出的其他资产" in finding.message
    assert finding.location.line == 62 and finding.location.section == "四、国有资本经营预算支出情况"


def test_seed_shares_of_an_unstated_book_value_are_insufficient_not_passed() -> None:
    assert seed().outcomes["share"] == "insufficient_data"
    assert {f.severity for f in _of(seed(), "share")} == {"info"}


# --- tiny reports of our own ----------------------------------------------------------------------------

HEAD = "青山县测试局2023年度部门整体支出绩效自评报告\n二、一般公共预算支出情况\n"


def test_it_flags_income_sources_that_exceed_the_total() -> None:
    report = _report(HEAD + "2023年度收入合计80.00万元，其中：财政拨款收入70.00万元，其他收入20.00万元。\n")
    [finding] = _of(report, "income-total")
    assert finding.severity == "error"
    assert "80.00万元" in finding.message and "90.00万元" in finding.message and "少 10.00万元" in finding.message


def test_a_total_above_its_stated_parts_is_a_warning_naming_the_missing_parts() -> None:
    report = _report(HEAD + "2023年度支出合计100.00万元，其中：基本支出60.00万元。\n")
    [finding] = _of(report, "expenditure-total")
    assert finding.severity == "warning"
    assert "项目支出" in finding.message and "多 40.00万元" in finding.message


def test_a_difference_rounding_explains_is_info() -> None:
    report = _report(HEAD + "2023年度收入合计10.01万元，其中：财政拨款收入3.34万元，事业收入3.33万元，其他收入3.33万元。\n")
    [finding] = _of(report, "income-total")
    assert finding.severity == "info" and "四舍五入" in finding.message
    assert report.outcomes["income-total"] == "pass"


def test_it_recomputes_a_stated_share() -> None:
    report = _report(HEAD + "2023年度支出合计200.00万元，其中：基本支出150.00万元，占70%；项目支出50.00万元，占25%。\n")
    messages = [f.message for f in _of(report, "share") if f.severity == "error"]
    assert any(m.startswith("基本支出占比写为 70%") and "75.00%" in m for m in messages)
    assert not any(m.startswith("项目支出占比") for m in messages)  # 50 / 200 = 25%: right


def test_a_wrong_staffing_split_is_an_error_with_both_counts() -> None:
    ev = Evaluation.model_validate(
        {"staffing": {"authorized_total": 12, "authorized_by_kind": [{"kind": "行政", "count": 6}, {"kind": "事业", "count": 5}]}}
    )
    [finding] = _of(run_checks(ev), "staffing-by-kind")
    assert finding.severity == "error"
    assert "12人" in finding.message and "11人" in finding.message


def test_kinds_of_staff_named_by_themselves_after_a_total_are_its_parts() -> None:
    # "公务员" and "工勤人员" say neither 编制 nor 实有: after "其中" they are parts of the total just stated
    ev = support.import_text(HEAD + "本馆核定编制15人。2023年末实有在编人员14人，其中公务员11人，工勤人员3人。\n")
    assert ev.staffing.actual_total == 14
    assert [(k.kind, k.count) for k in ev.staffing.actual_by_kind] == [("公务员", 11), ("工勤", 3)]
    assert run_checks(ev).outcomes["staffing-by-kind"] == "pass"


def test_a_head_count_after_qizhong_is_a_part_not_the_unit_s_total() -> None:
    ev = support.import_text(HEAD + "本馆人员情况如下，其中，馆本部在职人员9人，修复中心在职人员4人。\n")
    assert ev.staffing.actual_total is None


def test_basic_spending_is_personnel_plus_public_when_both_are_stated() -> None:
    ev = Evaluation.model_validate(
        {"budget": {"expenditure": {"basic": "50.00", "personnel": "30.00", "public": "21.00"}}}
    )
    [finding] = _of(run_checks(ev), "basic-personnel-public")
    assert finding.severity == "error" and "51.00万元" in finding.message


def test_assets_classes_above_the_total_are_an_error() -> None:
    ev = Evaluation.model_validate({"assets": {"total": "30.00", "current": "10.00", "fixed_net": "25.00"}})
    [finding] = _of(run_checks(ev), "assets-total")
    assert finding.severity == "error"


def test_capital_spending_that_differs_from_assets_acquired_is_a_warning() -> None:
    ev = Evaluation.model_validate(
        {
            "budget": {"fiscal_expenditure": {"by_economic": [{"name": "资本性支出", "amount": "30.00"}]}},
            "assets": {"acquired": "22.00"},
        }
    )
    [finding] = _of(run_checks(ev), "capital-vs-acquired")
    assert finding.severity == "warning" and "多 8.00万元" in finding.message


def test_a_blank_is_not_zero_for_the_checks() -> None:
    ev = Evaluation.model_validate({"budget": {"income": {"total": "50.00"}}})
    report = run_checks(ev)
    assert report.outcomes["income-total"] == "not_applicable"
    assert report.outcomes["income-vs-expenditure"] == "not_applicable"


# --- the corpus --------------------------------------------------------------------------------------


def test_corpus_001_spending_above_budget_income_with_no_carry_over_is_reported() -> None:
    # 预算收入 69.06 against 支出 76.36 and 结余结转 0: 7.30 more went out, and no 上年结转 is stated.
    # A warning, not an error: the text may simply not mention a carry-over (its 其他资金来源 21.31 is one).
    [finding] = _of(_corpus("001_zhuzhou_hetang_fulian_2022.txt"), "income-vs-expenditure")
    assert finding.severity == "warning"
    assert finding.evidence["difference"] == "-7.30" and "上年结转" in finding.message


def test_corpus_002_unprinted_project_spending_is_a_warning_not_an_error() -> None:
    # 157.71 spent, 基本支出 148.26; 项目支出 was cut off before it was printed: the gap 9.45 may be it.
    [finding] = _of(_corpus("002_anon_district_fulian_2024.txt"), "expenditure-total")
    assert finding.severity == "warning" and finding.evidence["difference"] == "9.45"


def test_corpus_010_personnel_public_and_projects_add_up_but_spending_exceeds_income() -> None:
    report = _corpus("010_nanxian_zhengxie_2021.txt")
    # 434.89 + 77.4 + 286.83 = 799.12 holds; 799.12 against 收入 792.22 with no carry-over does not
    assert report.outcomes["expenditure-total"] == "pass"
    [finding] = _of(report, "income-vs-expenditure")
    assert finding.severity == "warning" and finding.evidence["difference"] == "-6.90"


def test_corpus_036_six_decimal_amounts_are_compared_at_their_precision() -> None:
    report = _corpus("036_yunnan_zaihai_project_2022.txt")
    assert [f for f in report.findings if f.category == "arithmetic" and f.severity == "error"] == []
    [finding] = _of(report, "income-vs-expenditure")
    assert Decimal(finding.evidence["difference"] or "0") == Decimal("1175.646558")


# The arithmetic and cross-check errors on the corpus, each read against the text: 050's 年度资金总额 row prints
# 0 / 0 / 0 under its 财政拨款 row's 90 / 89.974 / 89.974, and its uses 30 + 30 + 29.99 = 89.99 against the 89.97
# completed; 053's components add to 2253 against the 2263 allocated; 060's 87.5 + 2350 = 2437.5 against the
# total 2455.5. On every other file each total we can read holds or lacks a part the text never printed.
ARITHMETIC_ERRORS: dict[str, set[str]] = {
    "050_chizhou_tangxizhen_weituo_2022_project_table.txt": {"project-funds-by-source", "stated-parts-sum"},
    "053_huhehaote_masked_county_shuili_2023_project.txt": {"stated-parts-sum"},
    "060_mianyang_kjj_2021_project.txt": {"stated-parts-sum"},
}


def test_corpus_files_have_no_arithmetic_error_a_reader_would_dispute() -> None:
    errors = {
        path.name: {f.rule for f in _corpus(path.name).findings if f.category in {"arithmetic", "cross_check"} and f.severity == "error"}
        for path in support.corpus_files()
    }
    assert {name: rules for name, rules in errors.items() if rules} == ARITHMETIC_ERRORS


def test_our_example_report_passes_every_arithmetic_and_cross_check() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "qingshan_nongye_2024.txt"
    report = run_checks(load_report(example))
    assert [f for f in report.findings if f.category in {"arithmetic", "cross_check"} and f.severity != "info"] == []


# --- the same figure stated twice ---------------------------------------------------------------------

TWICE = """2023年度青石县档案馆部门整体支出绩效自评报告
一、部门基本情况
本馆内设2个股室：办公室、保管股。
二、一般公共预算支出情况
2023年度共发生支出118.00万元，其中：基本支出{first}万元，占84.75%；项目支出18.00万元，占15.25%。
六、部门整体支出绩效情况
全年预算数（调整后）120.50万元，全年执行数118.00万元。基本支出{again}万元，主要用于人员工资和日常运转。
"""


def test_a_figure_stated_twice_with_two_values_is_an_error_naming_both_places() -> None:
    [finding] = _of(_report(TWICE.format(first="100.00", again="98.00")), "figure-stated-twice")
    assert finding.severity == "error"
    assert finding.location.line == 7 and finding.location.section == "六、部门整体支出绩效情况"
    assert "第 5 行为 100.00万元" in finding.message and "第 7 行为 98.00万元" in finding.message
    assert (finding.evidence["first"], finding.evidence["again"], finding.evidence["label"]) == ("100.00", "98.00", "基本支出")


def test_a_figure_stated_twice_at_two_precisions_is_only_noted() -> None:
    [finding] = _of(_report(TWICE.format(first="100.04", again="100.0")), "figure-stated-twice")
    assert finding.severity == "info" and "四舍五入" in finding.message  # 100.0 stands for 99.95 … 100.05


def test_a_figure_stated_twice_alike_is_no_finding() -> None:
    report = _report(TWICE.format(first="100.00", again="100.0"))
    assert _of(report, "figure-stated-twice") == []


def test_the_rows_of_a_table_are_not_one_figure_stated_again() -> None:
    # 033's 预算执行 table gives 年初预算 for 总额, 财政资金, 财政专户管理资金 and 单位资金: four figures
    assert support.corpus_evaluation("033_qingshen_fgj_project_table_2023.txt").restated == []
    for path in [support.seed_path(), *support.corpus_files()]:
        evaluation = support.import_text(support.strip_corpus_header(path.read_text(encoding="utf-8")))
        assert evaluation.restated == [], path.name


# --- a count times its unit price against the stated total -------------------------------------------

PRICED = "2023年度青石县档案馆部门整体支出绩效自评报告\n一、部门基本情况\n本馆内设2个股室：办公室、保管股。\n六、部门整体支出绩效情况\n{line}\n"


def _priced(line: str) -> CheckReport:
    return run_checks(support.import_text(PRICED.format(line=line)), rules=["unit-price-times-count"])


def test_a_total_that_is_not_count_times_unit_price_is_an_error_with_the_product() -> None:
    [finding] = _of(_priced("采购档案柜10台，单价0.50万元，合计6.00万元。"), "unit-price-times-count")
    assert finding.severity == "error" and finding.location.line == 5
    assert "10台 × 0.50万元 = 5.00万元" in finding.message and "多 1.00万元" in finding.message


def test_a_price_per_head_in_yuan_against_a_total_in_wanyuan_passes_when_it_holds() -> None:
    assert _priced("培训200人次，人均费用500元，共计10万元。").outcomes["unit-price-times-count"] == "pass"
    assert _priced("采购扫描仪3台，每台1.2万元，共3.6万元。").outcomes["unit-price-times-count"] == "pass"


def test_a_product_within_the_rounding_of_the_written_price_is_only_noted() -> None:
    [finding] = _of(_priced("采购档案柜10台，单价0.5万元，合计5.2万元。"), "unit-price-times-count")
    assert finding.severity == "info"  # 0.5 stands for 0.45 … 0.55: ten of them 4.5 … 5.5


def test_a_rate_per_person_per_month_is_not_a_unit_price() -> None:
    report = _priced("发放补助120人，每人每月200元，共计2.88万元。")
    assert report.outcomes["unit-price-times-count"] == "not_applicable"


def test_a_head_count_stated_twice_with_two_values_is_an_error_in_people() -> None:
    text = TWICE.format(first="100.00", again="100.00").replace(
        "本馆内设2个股室：办公室、保管股。", "本馆实有人数11人。"
    ) + "七、存在的问题及原因分析\n本馆实有人数12人，人手紧张。\n"
    [finding] = _of(_report(text), "figure-stated-twice")
    assert finding.severity == "error" and "11人" in finding.message and "12人" in finding.message
