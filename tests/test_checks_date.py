"""The date family: report date against the fiscal year, a year never stated or stated twice over, a date without marks."""

from pathlib import Path

import pytest

from jixiao.checks import run_checks
from jixiao.core.findings import Finding
from jixiao.core.model import Evaluation
from jixiao.io.load import load_report
from tests import support

FAMILY = support.rules_of("date")


def evaluation_of(text: str) -> Evaluation:
    return support.import_text(text, "inline.txt")



def findings(ev: Evaluation, rule: str | None = None) -> list[Finding]:
    return support.findings_of(run_checks(ev, rules=FAMILY), rule)


def report(title_year: str, date: str, body: str = "") -> str:
    return (
        f"{title_year}\n青石县农业农村局部门整体支出绩效自评报告\n部门（单位）名称：青石县农业农村局\n{date}\n"
        f"一、部门基本情况\n青石县农业农村局为县人民政府工作部门。\n二、一般公共预算支出情况\n{body}\n"
    )


def test_the_family_has_its_rules() -> None:
    assert FAMILY == [
        "fiscal-year-mismatch",
        "fiscal-year-missing",
        "report-date-before-year-end",
        "report-date-format",
    ]


def test_it_finds_nothing_wrong_with_the_seeds_dates() -> None:
    # the seed: fiscal year 2023, report dated 2024年 3 月 14 日, the year used consistently
    ev = load_report(support.seed_path())
    assert (ev.fiscal_year, ev.report_date.isoformat() if ev.report_date else None) == (2023, "2024-03-14")
    assert findings(ev) == []
    assert run_checks(ev, rules=FAMILY).outcomes["report-date-before-year-end"] == "pass"


def test_it_finds_nothing_wrong_with_the_dates_of_our_example() -> None:
    assert findings(load_report(support.ROOT / "examples" / "qingshan_nongye_2024.txt")) == []


def test_it_flags_a_report_dated_before_its_fiscal_year_ended() -> None:
    ev = evaluation_of(report("2023年度", "2023年11月20日"))
    [finding] = findings(ev, "report-date-before-year-end")
    assert finding.severity == "error"
    assert "2023-11-20" in finding.message and "2023-12-31" in finding.message
    assert finding.location.field == "report_date" and finding.location.line == 4


def test_it_flags_a_report_dated_on_the_last_day_of_its_fiscal_year() -> None:
    ev = evaluation_of(report("2023年度", "2023年12月31日"))
    assert [f.severity for f in findings(ev, "report-date-before-year-end")] == ["error"]


def test_it_accepts_a_report_dated_in_the_following_year() -> None:
    ev = evaluation_of(report("2023年度", "2024年1月5日"))
    assert findings(ev, "report-date-before-year-end") == []
    assert run_checks(ev, rules=FAMILY).outcomes["report-date-before-year-end"] == "pass"


def test_it_warns_when_a_report_is_dated_years_after_its_fiscal_year() -> None:
    ev = evaluation_of(report("2023年度", "2026年3月1日"))
    assert [f.severity for f in findings(ev, "report-date-before-year-end")] == ["warning"]


def test_it_flags_the_years_figures_stated_for_another_year() -> None:
    ev = evaluation_of(
        report("2023年度", "2024年3月1日", "2022年度共取得收入合计1200.50万元，其中财政拨款收入1200.50万元。")
    )
    [finding] = findings(ev, "fiscal-year-mismatch")
    assert finding.severity == "error"
    assert finding.evidence["stated_year"] == "2022" and finding.evidence["fiscal_year"] == "2023"
    assert finding.location.line == 8


def test_it_warns_when_the_body_names_another_years_department_evaluation() -> None:
    # "2022年度部门整体支出" in a 2023 report may be a copy-paste, or last year's evaluation cited: a warning
    body = "本年度继续做好2022年度部门整体支出绩效工作，全年支出1180.00万元。"
    ev = evaluation_of(report("2023年度", "2024年3月1日", body))
    assert [f.severity for f in findings(ev, "fiscal-year-mismatch")] == ["warning"]


def test_it_does_not_flag_other_years_in_citations_comparisons_and_plans() -> None:
    body = (
        "根据《关于开展2022年度部门整体支出绩效自评工作的通知》（青财绩〔2022〕5号）要求开展自评。\n"
        "2023年度共取得收入合计1200.50万元，较2022年度决算收入增加100.00万元。\n"
        "2024年度部门整体支出预算编制将更加细化。"
    )
    ev = evaluation_of(report("2023年度", "2024年3月1日", body))
    assert findings(ev, "fiscal-year-mismatch") == []
    assert run_checks(ev, rules=FAMILY).outcomes["fiscal-year-mismatch"] == "pass"


def test_it_warns_when_the_fiscal_year_is_never_stated() -> None:
    ev = evaluation_of(report("", "", "全年共发生支出1180.00万元。"))
    assert ev.fiscal_year is None
    [finding] = findings(ev, "fiscal-year-missing")
    assert finding.severity == "warning" and finding.location.field == "fiscal_year"


@pytest.mark.parametrize(
    "name", ["015_luxi_sifaju_2024.txt", "016_luxi_czj_2024.txt", "018_luxi_zfb_2024.txt"]
)
def test_it_warns_that_the_corpus_report_never_states_its_fiscal_year(name: str) -> None:
    # 015/016/018: 发布日期 2025-04 is page metadata; the text itself never names the year evaluated
    found = findings(support.corpus_evaluation(name))
    assert [(f.rule, f.severity) for f in found] == [("fiscal-year-missing", "warning")]


def test_it_warns_that_the_corpus_report_date_lost_its_year_month_and_day() -> None:
    # 040: "報告日期: 2023    5  31" is read as 2023-05-31, but 年/月/日 are gone
    [finding] = findings(support.corpus_evaluation("040_yueyangxian_xcb_2022.txt"), "report-date-format")
    assert finding.severity == "warning"
    assert finding.evidence == {"written": "2023    5  31", "read_as": "2023-05-31"}
    assert finding.location.line == 29


def test_it_accepts_a_report_date_written_with_its_marks() -> None:
    ev = evaluation_of(report("2023年度", "2024年 3 月 14 日"))
    assert findings(ev, "report-date-format") == []
    assert run_checks(ev, rules=FAMILY).outcomes["report-date-format"] == "pass"


# Error-severity findings of the date family per corpus file, reviewed by reading each text: none. The
# corpus years agree with themselves (other years are document numbers, cited notices or page metadata)
# and no stated report date falls inside its fiscal year (011: 2019-06-18 for 2018, 025: 2024-02-26 for
# 2023, 040: 2023-05-31 for 2022, 002: 2025-06-16 for 2024). 068's garbled dates ("220211231日") stand in its
# targets and results, not as the report date; 064's "02.01.2020" and 066's 成文日期 are the page's.
PINNED_ERRORS: dict[str, set[str]] = {}


def test_the_pinned_errors_name_corpus_files() -> None:
    names = {p.name for p in support.corpus_files()}
    assert set(PINNED_ERRORS) <= names and len(names) == 39


@pytest.mark.parametrize("path", support.corpus_files(), ids=lambda p: p.name[:3])
def test_the_date_errors_on_each_corpus_file_are_the_reviewed_ones(path: Path) -> None:
    errors = {f.rule for f in findings(support.corpus_evaluation(path.name)) if f.severity == "error"}
    assert errors == PINNED_ERRORS.get(path.name, set())
