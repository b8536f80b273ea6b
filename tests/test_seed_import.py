"""Importing the reference report (../shared/seeds/) gives every value the foundation issue lists.

One test per group of facts; figures are compared as strings so the precision written is checked too.
"""

from decimal import Decimal

import pytest

from jixiao.core.model import Evaluation, Indicator
from jixiao.io import load_report
from tests import support


@pytest.fixture(scope="module")
def seed() -> Evaluation:
    return load_report(support.seed_path())


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _indicator(evaluation: Evaluation, fragment: str) -> Indicator:
    found = [i for i in evaluation.performance.indicators if fragment in i.name]
    assert len(found) == 1, [i.name for i in evaluation.performance.indicators]
    return found[0]


def test_it_reads_the_unit_its_short_name_year_and_date(seed: Evaluation) -> None:
    assert seed.unit.name == "中共辰溪县委网络安全和信息化委员会办公室"
    assert seed.unit.short_name == "中共辰溪县委网信办"
    assert seed.fiscal_year == 2023
    assert seed.report_date is not None and seed.report_date.isoformat() == "2024-03-14"


def test_it_reads_the_four_internal_bodies(seed: Evaluation) -> None:
    assert len(seed.unit.internal_bodies) == 4
    assert seed.unit.internal_bodies[0].startswith("综合股")
    assert seed.unit.internal_bodies[-1] == "网络安全应急指挥中心"


def test_it_reads_establishment_and_actual_staff_by_kind(seed: Evaluation) -> None:
    staffing = seed.staffing
    assert staffing.authorized_total == 11
    assert {(k.kind, k.count) for k in staffing.authorized_by_kind} == {("行政", 6), ("事业", 5)}
    assert staffing.actual_total == 6
    assert {(k.kind, k.count) for k in staffing.actual_by_kind} == {("行政", 3), ("事业", 3)}
    assert staffing.funded == 6


def test_it_reads_income_by_source_with_shares(seed: Evaluation) -> None:
    income = seed.budget.income
    assert _s(income.total) == "239.67"
    assert (_s(income.fiscal), _s(income.fiscal_share)) == ("239.67", "100")
    assert (_s(income.business), _s(income.operating), _s(income.other)) == ("0", "0", "0")


def test_it_reads_expenditure_as_basic_project_and_operating(seed: Evaluation) -> None:
    expenditure = seed.budget.expenditure
    assert _s(expenditure.total) == "239.67"
    assert (_s(expenditure.basic), _s(expenditure.project), _s(expenditure.operating)) == ("239.67", "0", "0")
    assert _s(expenditure.basic_share) == "100"


def test_it_reads_fiscal_expenditure_by_function_and_economic_class(seed: Evaluation) -> None:
    fiscal = seed.budget.fiscal_expenditure
    assert _s(fiscal.total) == "239.67"
    assert [(c.name, c.code, _s(c.amount)) for c in fiscal.by_function] == [("一般公共服务支出", "201", "239.67")]
    economic = {c.name: _s(c.amount) for c in fiscal.by_economic}
    assert economic == {
        "工资福利支出": "76.82",
        "商品和服务支出": "108.88",
        "对个人和家庭的补助支出": "31.42",
        "其他资本性支出": "22.55",
    }


def test_it_reads_which_other_budgets_are_stated_as_none(seed: Evaluation) -> None:
    assert seed.budget.government_fund is not None and seed.budget.government_fund.stated_none
    assert seed.budget.social_insurance is not None and seed.budget.social_insurance.stated_none
    # section 四 is headed 国有资本经营 but holds asset figures: the report states nothing of that budget
    assert seed.budget.state_capital is None


def test_it_reads_assets_acquisitions_use_and_disposals(seed: Evaluation) -> None:
    assets = seed.assets
    assert (_s(assets.total), _s(assets.current), _s(assets.fixed_net)) == ("52.90", "0", "36.00")
    assert _s(assets.acquired) == "22.55"
    assert [(a.name, _s(a.amount), _s(a.share)) for a in assets.acquisitions] == [
        ("通用设备", "19.92", "88.34"),
        ("家具、用具、装具及动植物", "2.63", "11.66"),
    ]
    assert (_s(assets.in_use), _s(assets.in_use_share)) == ("52.90", "100.00")
    assert _s(assets.disposed) == "0"


def test_it_reads_the_four_annual_targets_and_achievements(seed: Evaluation) -> None:
    assert len(seed.performance.targets) == 4
    assert "平稳可控" in seed.performance.targets[0]
    assert len(seed.performance.achievements) == 4
    assert "网宣活动" in seed.performance.achievements[3]


def test_it_reads_quantity_indicators_with_their_targets(seed: Evaluation) -> None:
    control = _indicator(seed, "财政供养人员控制率")
    assert control.target is None and control.actual is not None
    assert (_s(control.actual.value), control.actual.unit) == ("54.55", "%")
    change = _indicator(seed, "三公经费”变动率")
    assert change.actual is not None and change.actual.text == "≤0" and change.actual.comparator == "<="
    review = _indicator(seed, "网评活动")
    assert review.target is not None and review.actual is not None
    assert (_s(review.target.value), review.target.unit, _s(review.actual.value)) == ("4", "次", "5")
    devices = _indicator(seed, "网络系统设备")
    assert devices.target is not None and devices.actual is not None
    assert (_s(devices.target.value), devices.target.unit, _s(devices.actual.value)) == ("3", "套", "5")


def test_it_reads_the_five_quality_indicators_at_100_percent(seed: Evaluation) -> None:
    quality = [i for i in seed.performance.indicators if i.level2 == "质量指标"]
    assert [i.name for i in quality] == ["政府采购执行率", "公务卡刷卡率", "固定资产利用率", "经费使用准确性", "专项资金发放到位率"]
    assert all(i.actual is not None and _s(i.actual.value) == "100" and i.target is None for i in quality)


def test_it_reads_timeliness_cost_and_satisfaction(seed: Evaluation) -> None:
    timely = _indicator(seed, "完成及时性")
    cost = _indicator(seed, "预算成本控制率")
    satisfaction = _indicator(seed, "满意度")
    assert timely.level2 == "时效指标" and cost.level2 == "成本指标"
    assert satisfaction.level1 == "满意度指标"
    for indicator, value in ((timely, "100"), (cost, "100"), (satisfaction, "88")):
        assert indicator.actual is not None and _s(indicator.actual.value) == value


def test_it_keeps_benefit_indicators_not_applicable_or_qualitative(seed: Evaluation) -> None:
    benefits = {i.level2: i for i in seed.performance.indicators if i.level1 == "效益指标"}
    assert benefits["经济效益"].not_applicable and benefits["生态效益"].not_applicable
    social = benefits["社会效益"]
    assert social.actual is not None and social.actual.value is None and "净化网络环境" in social.actual.text


def test_it_reads_four_problems_one_measure_and_the_self_grade(seed: Evaluation) -> None:
    assert len(seed.problems) == 4
    assert seed.problems[0].startswith("绩效评价管理制度尚不健全")
    assert len(seed.measures) == 1
    assert seed.self_assessment.grade == "优"
    assert seed.self_assessment.score is None


def test_every_value_keeps_its_source_line_and_quoted_text(seed: Evaluation) -> None:
    source = seed.sources["budget.fiscal_expenditure.by_economic[1].amount"]
    assert source.file == str(support.seed_path())
    assert source.line is not None and source.text is not None
    assert "108.88" in source.text
    lines = support.seed_path().read_text(encoding="utf-8").splitlines()
    assert lines[source.line - 1].strip() == source.text
    assert source.section == "(一)基本支出情况"
    staff = seed.sources["staffing.authorized_total"]
    assert staff.section is not None and "机构设置及人员情况" in staff.section


def test_it_follows_the_hunan_ten_section_outline_and_keeps_the_numbering_as_written(seed: Evaluation) -> None:
    top = [s for s in seed.outline.sections if s.level == 1]
    assert [s.key for s in top] == [
        "basic_info", "general_budget", "government_fund", "state_capital", "social_insurance",
        "performance", "problems", "measures", "results_use", "other",
    ]  # fmt: skip
    assert top[0].numbering == "1、"  # misnumbered in the report; the checker reports it
    assert seed.outline.kind == "hunan-10"
    state_capital = next(s for s in top if s.key == "state_capital")
    assert "资产总额" in state_capital.text


def test_nothing_in_the_seed_is_left_unplaced(seed: Evaluation) -> None:
    assert seed.outline.unplaced == []
    assert "附件4" in seed.outline.preamble
