"""Facts stated twice, compared by meaning, and each figure read in its scope.

The same quantity given in two places under different words (核定编制 in the text and 编制数 in a table, a
project's budget where its funds are listed and again where its results are), staff on the books above the
approved establishment, the year's execution against the spending, the listed projects against the unit's
project spending; and a project's figures in a department's report, which are that project's, never the
unit's. Tiny reports of our own, one behaviour each, and the corpus file that shows it.
"""

from __future__ import annotations

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from tests import support

_of = support.findings_of
TITLE = "青石县档案馆2023年度部门整体支出绩效自评报告"


def _import(*lines: str) -> Evaluation:
    return support.import_text("\n".join([TITLE, *lines]) + "\n")


def _checked(*lines: str) -> CheckReport:
    return run_checks(_import(*lines))


def _built(data: dict[str, object]) -> CheckReport:
    return run_checks(Evaluation.model_validate(data))


# ---------------------------------------------------------------------------------------------- one quantity, two words

STAFF = ("一、部门基本情况", "本馆核定编制{text}人，实有人数11人。", "编制数", "实有人数", "{table}", "11")


def _staff(text: str, table: str) -> CheckReport:
    return _checked(*(line.format(text=text, table=table) for line in STAFF))


def test_the_establishment_stated_in_the_text_and_otherwise_in_a_table_is_a_warning_naming_both() -> None:
    [finding] = _of(_staff("12", "13"), "figure-stated-otherwise")
    assert finding.severity == "warning"
    assert (finding.evidence["first"], finding.evidence["again"]) == ("12", "13")
    assert finding.evidence["first_label"].endswith("核定编制") and finding.evidence["label"] == "编制数"
    assert "在第 3 行写作“本馆核定编制”12人" in finding.message and "在第 6 行写作“编制数”13人" in finding.message
    assert finding.location.line == 6


def test_the_establishment_stated_alike_in_the_text_and_a_table_is_no_finding() -> None:
    assert _of(_staff("12", "12"), "figure-stated-otherwise") == []


def test_the_year_s_budget_under_two_names_with_two_values_is_a_warning() -> None:
    report = _checked(
        "二、一般公共预算支出情况",
        "全年预算数120.00万元，全年执行数118.00万元。",
        "六、部门整体支出绩效情况",
        "本年调整后预算数121.00万元，预算执行率97.52%。",
    )
    [finding] = _of(report, "figure-stated-otherwise")
    assert (finding.evidence["first"], finding.evidence["again"]) == ("120.00", "121.00")
    assert "前者比后者少 1.00万元" in finding.message


def test_the_rows_of_a_budget_table_are_parts_not_the_year_s_budget_stated_again() -> None:
    table = (
        "六、部门整体支出绩效情况",
        "| 资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 |",
        "| 合计 | 100.00 | 120.00 | 118.00 |",
        "| 财政拨款 | 90.00 | 110.00 | 108.00 |",
    )
    assert _import(*table).restated == []  # the row 财政拨款 is a part of the 合计
    # the prose against the 合计 row is the same quantity under other words
    [again] = _import(*table, "全年预算数121.00万元。").restated
    assert (again.field, again.first_label, str(again.value)) == ("budget.adjusted", "合计:全年预算数", "121.00")


def test_two_words_for_two_different_quantities_are_not_compared() -> None:
    # 收入合计 and 支出合计 are two quantities: only the fields of one quantity are compared across words
    report = _checked("二、一般公共预算支出情况", "收入合计120.00万元，支出合计118.00万元。")
    assert _of(report, "figure-stated-otherwise") == []


# ---------------------------------------------------------------------------------------------- staff above establishment


def test_staff_on_the_books_above_the_establishment_is_a_warning_with_both_numbers() -> None:
    [finding] = _of(_checked("一、部门基本情况", "本馆核定编制10人，实有在编人员12人。"), "staff-above-establishment")
    assert finding.severity == "warning"
    assert "实有人数 12人" in finding.message and "核定编制 10人" in finding.message and "多 2人" in finding.message
    assert finding.evidence == {"authorized": "10", "actual": "12", "excess": "2"}


def test_staff_within_the_establishment_passes() -> None:
    report = _checked("一、部门基本情况", "本馆核定编制12人，实有在编人员12人。")
    assert report.outcomes["staff-above-establishment"] == "pass"


def test_058_has_fifty_in_post_against_an_establishment_of_46() -> None:
    [finding] = _of(support.corpus_checks("058_hengshan_guantangxiang_2023_table.txt"), "staff-above-establishment")
    assert finding.evidence == {"authorized": "46", "actual": "50", "excess": "4"}


# ---------------------------------------------------------------------------------------------- execution and spending


def test_the_year_s_execution_above_the_spending_is_a_warning_with_the_difference() -> None:
    report = _checked("二、一般公共预算支出情况", "支出合计110.00万元。", "六、部门整体支出绩效情况", "全年执行数118.00万元。")
    [finding] = _of(report, "executed-vs-expenditure")
    assert finding.severity == "warning"
    assert (finding.evidence["executed"], finding.evidence["expenditure"], finding.evidence["difference"]) == (
        "118.00",
        "110.00",
        "8.00",
    )


def test_the_year_s_execution_equal_to_the_spending_passes() -> None:
    report = _checked("二、一般公共预算支出情况", "支出合计118.00万元。", "六、部门整体支出绩效情况", "全年执行数118.00万元。")
    assert report.outcomes["executed-vs-expenditure"] == "pass"


def test_a_project_s_execution_is_its_spending_and_is_not_compared_again() -> None:
    report = _built({"kind": "项目支出", "budget": {"executed": "30.00", "expenditure": {"total": "31.00"}}})
    assert report.outcomes["executed-vs-expenditure"] == "not_applicable"


def test_058_executes_2030_12_but_spends_1925_67_by_nature() -> None:
    [finding] = _of(support.corpus_checks("058_hengshan_guantangxiang_2023_table.txt"), "executed-vs-expenditure")
    assert (finding.evidence["executed"], finding.evidence["expenditure"], finding.evidence["difference"]) == (
        "2030.12",
        "1925.67",
        "104.45",
    )


# ---------------------------------------------------------------------------------------------- projects listed


def _projects(*spent: str, stated: int | None = None) -> CheckReport:
    projects = [{"name": f"项目{n}", "budget": s, "spent": s} for n, s in enumerate(spent, start=1)]
    return _built({"budget": {"projects_stated": stated, "projects": projects, "expenditure": {"project": "50.00"}}})


def test_listed_projects_spending_more_than_the_project_total_is_a_warning_even_without_a_count() -> None:
    [finding] = _of(_projects("30.00", "25.00"), "projects-vs-project-spending")
    assert finding.severity == "warning" and finding.evidence["computed"] == "55.00"


def test_listed_projects_spending_less_than_the_total_without_a_count_may_be_some_of_them() -> None:
    report = _projects("30.00", "15.00")
    assert _of(report, "projects-vs-project-spending") == []
    assert report.outcomes["projects-vs-project-spending"] == "insufficient_data"


def test_all_the_projects_counted_spending_less_than_the_total_is_a_warning() -> None:
    [finding] = _of(_projects("30.00", "15.00", stated=2), "projects-vs-project-spending")
    assert finding.evidence["computed"] == "45.00"


# ---------------------------------------------------------------------------------------------- a figure in its scope

ONE_PROJECT = (
    "二、一般公共预算支出情况",
    "全年预算数120.00万元，全年执行数118.00万元，预算执行率98.33%。",
    "六、部门整体支出绩效情况",
    "档案数字化项目全年预算数20.00万元，全年执行数19.00万元，执行率95.00%。",
)


def test_a_project_s_budget_and_rate_in_a_department_s_report_are_the_project_s() -> None:
    ev = _import(*ONE_PROJECT)
    assert (str(ev.budget.adjusted), str(ev.budget.executed), str(ev.budget.execution_rate)) == ("120.00", "118.00", "98.33")
    [project] = ev.budget.projects
    assert (project.name, str(project.budget), str(project.spent), str(project.execution_rate)) == (
        "档案数字化项目",
        "20.00",
        "19.00",
        "95.00",
    )
    assert ev.restated == []


def test_a_project_s_budget_read_first_never_becomes_the_unit_s() -> None:
    # the project's sentence comes first: the unit's rate is not "corrected" to 20.00 ÷ … nor its budget set
    ev = _import("一、部门整体支出绩效情况", ONE_PROJECT[3], ONE_PROJECT[1])
    assert (str(ev.budget.adjusted), str(ev.budget.execution_rate)) == ("120.00", "98.33")
    assert [f for f in run_checks(ev).findings if f.severity == "error"] == []


def test_the_unit_s_own_spending_on_projects_is_no_project() -> None:
    ev = _import("二、一般公共预算支出情况", "支出合计118.00万元，其中基本支出100.00万元，项目支出18.00万元。")
    assert str(ev.budget.expenditure.project) == "18.00" and ev.budget.projects == []


def test_a_project_s_amount_stated_otherwise_where_its_results_are_is_a_warning() -> None:
    report = _checked(
        "五、项目支出情况",
        "（1）档案数字化项目：预算20.00万元，实际支出19.00万元，执行率95.00%。",
        "六、部门整体支出绩效情况",
        "档案数字化项目全年执行数18.00万元，完成馆藏档案扫描。",
    )
    [finding] = _of(report, "figure-stated-otherwise")
    assert finding.location.field == "budget.projects[0].spent"
    assert (finding.evidence["first"], finding.evidence["again"]) == ("19.00", "18.00")
    assert "档案数字化项目的实际支出" in finding.message
