"""The project reports and 项目支出绩效自评表 of the corpus: what a careful reader writes down from each, and the
inconsistencies a reader finds in each, reported.

One test per file. Each reads the file as published (its `# source` header stripped) and compares what was
imported with the values written in the text: the kind, the project, its funds (in 万元, at the precision
written; amounts printed in 元 converted exactly), the indicators with their weights and scores where the
table prints them, and the total. Where a text is too damaged to read a value (digits run together by OCR,
a table cut off), the value is expected to be absent, not guessed; the comment says why.

The second half holds, per file, the findings a reader's notes call for (`../shared/corpus/README.md`), and
says what was decided where the notes and the text differ.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from tests import support


@cache
def imported(prefix: str) -> Evaluation:
    name = next(p.name for p in support.corpus_files() if p.name.startswith(prefix))
    return support.corpus_evaluation(name)


@cache
def checked(prefix: str) -> CheckReport:
    return run_checks(imported(prefix))


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def budget(ev: Evaluation) -> tuple[str | None, ...]:
    """(年初预算数, 全年预算数, 全年执行数, 执行率 as stated), each as written."""
    b = ev.budget
    return text(b.initial), text(b.adjusted), text(b.executed), text(b.execution_rate)


def funds(ev: Evaluation) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(f.source, text(f.initial), text(f.adjusted), text(f.executed)) for f in ev.project.funds]


def indicators(ev: Evaluation) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    """(三级指标, 指标值, 实际完成值, 分值, 得分) of each indicator, as written."""
    return [
        (
            ind.name,
            ind.target.text if ind.target else None,
            ind.actual.text if ind.actual else None,
            text(ind.weight),
            text(ind.score),
        )
        for ind in ev.performance.indicators
    ]


def scores(ev: Evaluation) -> tuple[str | None, ...]:
    """(预算执行率 分值, its 得分, 总分 分值, 总分 得分, 自评等级) as the report states them."""
    s = ev.self_assessment
    return text(s.execution_weight), text(s.execution_score), text(s.weight_total), text(s.score), s.grade


def rules(prefix: str, severity: str | None = None) -> set[str]:
    return {f.rule for f in checked(prefix).findings if severity is None or f.severity == severity}


def of(prefix: str, rule: str) -> list[Any]:
    return [f for f in checked(prefix).findings if f.rule == rule]


# ---------------------------------------------------------------------------------------------- what is read


def test_013_a_third_party_evaluation_of_project_funds_states_no_figure_in_its_stored_part() -> None:
    ev = imported("013")
    assert ev.kind == "项目支出"  # 乡村振兴项目资金绩效评价报告
    assert ev.unit.name == "隆回县人居环境指挥部"
    assert budget(ev) == (None, None, None, None)
    assert ev.performance.indicators == []


def test_031_a_school_s_special_fund_reads_its_funds_rate_score_and_grade() -> None:
    ev = imported("031")
    assert ev.kind == "项目支出"
    assert ev.project.name == "教育专项工作经费"  # the line in brackets under the title
    # "财政资金总额16.20万元，全部为县级配套资金，拨付使用16.20万元，预算执行率100%"
    assert budget(ev) == (None, "16.20", "16.20", "100")
    assert text(ev.project.received_rate) == "100"  # "资金到位率为100%"
    assert scores(ev) == (None, None, None, "100", "优秀")
    assert [i[0] for i in indicators(ev)][-1] == "学校满意度"


def test_033_sichuan_s_unfilled_table_reads_its_project_funds_and_weights() -> None:
    ev = imported("033")
    assert ev.kind == "项目支出"
    assert (ev.project.code, ev.project.name) == ("51000021R000000019951", "工资性支出")
    assert (ev.project.department, ev.project.implementer) == ("青神县发展和改革局本级", "青神县发展和改革局")
    assert budget(ev) == ("238.93", "251.89", "251.89", "100.00")
    # 财政资金 is the 财政拨款; 财政专户管理资金 and 单位资金 (all 0.00) are other money; 其他资金 is blank
    assert funds(ev) == [
        ("财政拨款", "238.93", "251.89", "251.89"),
        ("其他资金", "0.00", "0.00", "0.00"),
        ("其他资金", "0.00", "0.00", "0.00"),
    ]
    assert indicators(ev) == [("发放(缴纳)覆盖率", "=100%", None, "60", None), ("足额保障率(参保率)", "=100%", None, "30", None)]
    # 预算执行情况(10分); the 合计 row's 100 is the weights' total (10 + 60 + 30); no score is filled in
    assert scores(ev) == ("10", None, "100", None, None)


def test_036_a_central_transfer_reads_its_funds_by_source_and_their_execution() -> None:
    ev = imported("036")
    assert ev.project.name == "中央自然灾害资金"
    assert budget(ev) == (None, "10441", "9265.353442", None)
    assert funds(ev) == [("上级补助", None, "8353", "7177.373442"), ("本级安排", None, "2088", "2087.98")]
    assert (text(ev.project.received), text(ev.project.received_rate)) == ("10441", "100")
    assert indicators(ev)[1] == ("飞机飞行时长", "≥928小时", "909.93小时", None, None)


def test_038_a_linking_fund_states_its_budget_and_never_its_spending() -> None:
    ev = imported("038")
    assert ev.project.name == "衔接资金"
    assert budget(ev) == (None, "105", None, None)
    assert text(ev.project.received) == "105"  # "105万元已全部到位"


def test_050_a_table_run_together_with_spaces_reads_its_zero_total_row_and_its_indicators() -> None:
    ev = imported("050")
    assert (ev.kind, ev.fiscal_year) == ("项目支出", 2022)
    assert ev.project.name == "委托业务项目"
    # "219-池州市…" and "219001-池州…": the codes before the names are not part of them
    assert ev.project.department == ev.project.implementer == ev.unit.name == "池州市贵池区棠溪镇人民政府"
    # the 年度资金总额 row prints "0 0 0 10 0 0": budget, execution, rate and score all 0, weight 10
    assert budget(ev) == ("0", "0", "0", "0")
    assert funds(ev) == [("财政拨款", "90", "89.974", "89.974")]
    assert scores(ev)[:2] == ("10", "0")
    assert ev.performance.targets[0].startswith("本项目共申请预算资金90万元")
    assert ev.performance.achievements[0].startswith("本项目共完成预算资金89.97万元")
    assert indicators(ev)[:2] == [
        ("基建工程委托业务项目数量", "≥50个", "50", "8", "8"),
        ("委托业务报告合格率", "≥100百分比", "100", "8", "8"),
    ]
    assert indicators(ev)[5] == ("单项业务成本", "符合相关规定", "达成预期指标", "10", "10")
    assert len(indicators(ev)) == 9  # cut inside 满意度指标 ("公众满"): no 满意度 row, no 总分
    assert sum(Decimal(i[3] or 0) for i in indicators(ev)) == 80
    assert scores(ev)[2:] == (None, None, None)


def test_053_a_masked_water_fund_report_names_its_fund_and_states_no_project_total() -> None:
    ev = imported("053")
    assert ev.project.name == "中央水利发展资金"
    # three allocations (2263, 791, 5) under three documents and no total of them: none is the budget
    assert budget(ev) == (None, None, None, None)


def test_055_a_provincial_transfer_reads_its_total_execution_and_rate() -> None:
    ev = imported("055")
    assert ev.project.name == "中央农业生产和水利救灾资金转移支付"
    assert budget(ev) == (None, "6800", "4132.8", "60.78")  # "共计6800万元", "资金已执行4132.8万元"


def test_057_a_table_in_yuan_reads_its_funds_converted_and_its_nine_scored_indicators() -> None:
    ev = imported("057")
    assert (ev.kind, ev.fiscal_year) == ("项目支出", 2022)
    assert ev.project.name == "义务教育营养改善计划专项资金"
    assert (ev.project.department, ev.project.implementer) == ("永德县教育体育局", "永德县明朗中学")
    assert ev.unit.name == "永德县明朗中学"  # the 实施单位 reports, not its 主管部门
    # 387664.62 元 twice under three columns: the 执行率 100% and 得分 10 place them under 全年预算数 and
    # 全年执行数; 年初预算数 is left unread
    assert budget(ev) == (None, "38.766462", "38.766462", "100")
    assert ev.sources["budget.adjusted"].original_unit == "元"
    assert funds(ev) == [("财政拨款", None, "38.766462", "38.766462")]
    assert indicators(ev) == [
        ("学生受资助人数", "≥735人次", "735人次", "10", "10"),
        ("营养改善计划覆盖率", "≥100%", "100%", "10", "10"),
        ("资金到位及时率", "≥100%", "100%", "10", "7"),
        ("生均补助标准达标率", "=100%", "100%", "10", "10"),
        ("减轻贫困学生家庭经济负担", "有效", "有效", "10", "10"),
        ("政策知晓率", "=100%", "98%", "10", "9"),
        ("促进学校教育事业健康发展", "≥100%", "100%", "10", "10"),
        ("学生满意度", "≥95%", "100%", "10", "10"),
        ("家长满意度", "≥95%", "100%", "10", "10"),
    ]
    assert scores(ev) == ("10", "10", "100", "96", "优")
    assert ev.performance.targets == ev.performance.achievements == ["确保每一个学生都能享受到国家政策福利,改善学生体质"]


def test_060_a_science_bureau_reads_its_project_budget() -> None:
    ev = imported("060")
    assert budget(ev)[:2] == (None, "2455.5")  # "项目资金总预算为2455.5万元"
    assert ev.project.name is None  # the page's title is the essay site's ("项目绩效自评报告1")


def test_062_a_road_project_reads_the_total_of_its_three_batches() -> None:
    ev = imported("062")
    assert budget(ev)[:2] == (None, "6222.4")  # "合计批复总投资6222.4万元"


def test_064_a_provincial_disability_fund_states_no_figure_in_its_stored_part() -> None:
    ev = imported("064")
    assert ev.project.name == "残疾人事业发展补助资金(省对下转移支付)项目"
    assert budget(ev) == (None, None, None, None)


def test_066_a_civil_affairs_transfer_reads_the_total_of_its_fourteen_items() -> None:
    ev = imported("066")
    assert ev.unit.name == "忠县民政局"
    assert budget(ev)[:2] == (None, "3580.69")  # "共计下达中央、市级转移支付资金3580.69万元"


def test_068_a_relief_reserve_reads_its_spending_and_funds_received_in_yuan() -> None:
    ev = imported("068")
    assert ev.project.name == "城乡临时救助备用金"  # the line under the title
    # "到位资金14280元", "已兑现…救助资金14280元": 1.4280 万元, the four digits written kept
    assert budget(ev) == (None, None, "1.4280", None)
    assert text(ev.project.received) == "1.4280"
    assert ev.sources["project.received"].original_unit == "元"


def test_070_a_border_subsidy_reads_its_budget_spending_and_rate() -> None:
    ev = imported("070")
    assert ev.kind == "项目支出"  # told by its outline: (一)项目概况
    assert budget(ev) == (None, "495.56", "495.56", "100")


def test_074_an_ocr_table_reads_its_header_and_total_and_leaves_its_run_together_figures_unread() -> None:
    ev = imported("074")
    assert ev.kind == "项目支出"
    assert ev.project.name == "渔业成品油价格改革补贴"
    assert (ev.project.department, ev.project.implementer) == ("区市场监督管理局", "农业科")
    # "年度财政资金总额1.561.56120": 预算 1.56, 执行 1.56, 执行率 1 and 得分 20 run together; which digits
    # belong to which cell cannot be known from the text, so none is read
    assert budget(ev) == (None, None, None, None)
    assert scores(ev) == ("20", None, None, "100", None)  # 得分(20分*执行率); 总分100
    assert ev.performance.indicators == []  # the indicator rows are OCR debris ("出标产指数量指标补贴渔船数6620")


# ---------------------------------------------------------------------------------------------- what is found


def test_031_its_grade_score_and_execution_agree() -> None:
    assert rules("031", "error") == set()
    assert checked("031").outcomes["self-grade-out-of-band"] == "pass"  # 100 is 优秀
    assert checked("031").outcomes["execution-rate-stated"] == "pass"  # 16.20 ÷ 16.20


def test_033_weights_add_up_and_the_unfilled_scores_are_reported() -> None:
    assert checked("033").outcomes["weights-total"] == "pass"  # 60 + 30 + 10 = 100
    assert {"scores-missing", "template-unfilled-table"} <= rules("033")
    # Sichuan's table gives 产出 60 and no 满意度: other 一级 weights than 财预〔2020〕10号's, said as a warning
    assert {f.evidence["level"] for f in of("033", "level-weights")} == {"产出指标", "满意度指标"}


def test_036_its_funds_by_source_and_received_rate_agree_and_the_missed_hours_are_reported() -> None:
    outcomes = checked("036").outcomes
    assert outcomes["project-funds-by-source"] == outcomes["funds-received-rate"] == "pass"
    assert outcomes["stated-parts-sum"] == "pass"  # 8353 + 2088 = 10441; 7177.373442 + 2087.98 = 9265.353442
    assert [f.evidence["actual"] for f in of("036", "indicator-target-missed")] == ["909.93小时"]
    assert {f.rule for f in checked("036").findings if f.category == "arithmetic" and f.severity == "error"} == set()


def test_050_the_zero_total_row_and_the_uses_adding_to_89_99_are_errors() -> None:
    # the 年度资金总额 row reads 0 0 0 while 本年财政拨款 reads 90 / 89.974 / 89.974: each column disagrees
    assert sorted(f.evidence["stated"] for f in of("050", "project-funds-by-source")) == ["0", "0", "0"]
    assert {f.evidence["computed"] for f in of("050", "project-funds-by-source")} == {"90", "89.974"}
    # 30 + 30 + 29.99 = 89.99 against the 89.97 completed (the 90 applied for adds up)
    [parts] = [f for f in of("050", "stated-parts-sum") if f.severity == "error"]
    assert (parts.evidence["stated"], parts.evidence["computed"]) == ("89.97", "89.99")
    # cut off inside 满意度指标: 80 of the indicators' points and 10 for execution, so a warning, not an error
    [short] = of("050", "weights-total")
    assert short.severity == "warning" and short.evidence["total"] == "90"


def test_053_the_components_adding_to_2253_and_the_41_document_stated_twice_are_reported() -> None:
    [parts] = of("053", "stated-parts-sum")
    assert (parts.severity, parts.evidence["stated"], parts.evidence["computed"]) == ("error", "2263", "2253")
    [document] = of("053", "document-amount-differs")
    assert (document.evidence["first"], document.evidence["again"]) == ("5", "6")
    assert "numbering-sequence" in rules("053", "error")  # the text starts at (三)


def test_055_062_066_their_listed_allocations_add_up() -> None:
    for prefix in ("055", "062", "066"):
        assert checked(prefix).outcomes["stated-parts-sum"] == "pass", prefix
        assert rules(prefix, "error") == set(), prefix


def test_057_the_scores_add_up_to_96_and_the_unexplained_deductions_are_reported() -> None:
    outcomes = checked("057")
    assert outcomes.outcomes["self-score-not-sum"] == "pass"  # 86 + 10 = 96
    assert outcomes.outcomes["weights-total"] == "pass"  # 9 × 10 + 10 = 100
    assert outcomes.outcomes["self-grade-out-of-band"] == "pass"  # 96 is 优
    assert outcomes.outcomes["execution-score-stated"] == "pass"  # 100% of 10
    # 资金到位及时率 met its ≥100% yet scored 7; 政策知晓率 98% of =100% scores 9.80 by the ratio, not 9
    assert {(f.evidence["indicator"], f.evidence["computed"], f.severity) for f in of("057", "indicator-score-by-rule")} == {
        ("资金到位及时率", "10.00", "warning"),
        ("政策知晓率", "9.80", "warning"),
    }
    assert {f.evidence["indicator"] for f in of("057", "deviation-reason-missing")} == {"资金到位及时率", "政策知晓率"}
    # 产出 40 and 满意度 20 are not 财预〔2020〕10号's 50 and 10: said, as a bureau may set its own
    assert {f.evidence["level"] for f in of("057", "level-weights")} == {"产出指标", "满意度指标"}
    assert "amount-unit-converted" in rules("057")  # 387664.62 元
    assert rules("057", "error") == set()


def test_060_the_two_kinds_of_spending_fall_18_short_of_the_total_budget() -> None:
    [parts] = of("060", "stated-parts-sum")
    assert (parts.evidence["stated"], parts.evidence["computed"], parts.evidence["difference"]) == ("2455.5", "2437.5", "18.0")
    # the list of 部门预算项目 breaks off after 68.5 of its 87.5: a sentence cut off is not checked
    assert len(of("060", "stated-parts-sum")) == 1


def test_068_070_074_state_nothing_the_checker_can_hold_against_itself() -> None:
    # 068's garbled dates ("220211231日") and "500/年" without a unit, 070's 州 unit saying 市级财政 and its
    # missing tables, 074's title naming another project (长江禁捕) than its 项目名称: outside the families
    for prefix in ("068", "070", "074"):
        assert rules(prefix, "error") == set(), prefix
    assert "amount-unit-converted" in rules("068")  # 14280 元
