"""The fictional example report `examples/qingshan_nongye_2024.txt` imports to the figures it states.

The example (2024年度青山县农业农村局部门整体支出绩效自评报告) is written by us in the register of the Hunan
reference report, with every figure reconciled. These tests parse nothing themselves: they load the file
through `jixiao.io.load_report` and compare each imported value with the value written in the text.
Money and percentages are compared both as numbers and with `str()`, so the precision the author wrote
("0.00", "97.29") must survive the import.

The last test checks that the expected values below are themselves consistent (sums, shares, rates), so a
wrong constant here cannot hide a wrong import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.io import load_report
from tests.support import ROOT

EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"

UNIT_NAME = "青山县农业农村局"
TITLE = "2024年度青山县农业农村局部门整体支出绩效自评报告"
INTERNAL_BODIES = [
    "办公室",
    "规划财务股",
    "乡村产业发展股",
    "种植业管理股",
    "畜牧兽医水产股",
    "农村合作经济经营管理股",
    "法规与执法监督股",
]

# (amount, share) as written in section 二
INCOME_TOTAL = "1784.88"
INCOME = {
    "fiscal": ("1736.58", "97.29"),
    "business": ("0.00", "0.00"),
    "operating": ("0.00", "0.00"),
    "other": ("48.30", "2.71"),
}
EXPENDITURE_TOTAL = "1762.15"
EXPENDITURE = {"basic": ("986.42", "55.98"), "project": ("775.73", "44.02"), "operating": ("0.00", "0.00")}
PERSONNEL, PUBLIC, CARRIED_FORWARD = "831.65", "154.77", "22.73"

FISCAL_TOTAL = "1721.36"
FISCAL = {"basic": ("986.42", "57.30"), "project": ("734.94", "42.70")}
BY_FUNCTION = {
    "农林水": ("1452.87", "84.40"),
    "社会保障和就业": ("156.34", "9.08"),
    "卫生健康": ("52.61", "3.06"),
    "住房保障": ("59.54", "3.46"),
}
BY_ECONOMIC = {
    "工资福利支出": "768.25",
    "商品和服务支出": "402.16",
    "对个人和家庭的补助支出": "496.75",
    "资本性支出": "54.20",
}

# name fragment: (budget, spent, execution rate)
PROJECTS = {
    "高标准农田建后管护": ("360.00", "348.62", "96.84"),
    "农业社会化服务及产业发展扶持": ("300.00", "296.45", "98.82"),
    "动物防疫与农产品质量安全监管": ("135.00", "130.66", "96.79"),
}

BUDGET_INITIAL, BUDGET_ADJUSTED, BUDGET_EXECUTED, EXECUTION_RATE = "1598.40", "1812.60", "1762.15", "97.22"
BASIC_ADJUSTED, PROJECT_ADJUSTED = "1017.60", "795.00"

ASSETS_TOTAL, ASSETS_CURRENT, ASSETS_FIXED_NET = "1268.45", "412.37", "856.08"
ACQUIRED = "54.20"
ACQUISITIONS = {
    "通用设备": ("38.60", "71.22"),
    "专用设备": ("12.40", "22.88"),
    "家具、用具、装具及动植物": ("3.20", "5.90"),
}
SELF_USED, SELF_USED_SHARE, IN_USE, IN_USE_SHARE, DISPOSED = "1324.60", "100.00", "1298.10", "98.00", "18.76"

THREE_PUBLIC = {
    "total": "14.86",
    "budget": "16.00",
    "overseas": "0.00",
    "vehicles": "9.52",
    "reception": "5.34",
}

# indicator name: (comparator, value, unit) of the target, and (value, unit) of the actual
INDICATORS = {
    "高标准农田建后管护面积": ((">=", "1.20", "万亩"), ("1.26", "万亩")),
    "农业社会化服务托管面积": ((">=", "3.50", "万亩"), ("3.62", "万亩")),
    "农业实用技术培训场次": ((None, "12", "次"), ("14", "次")),
    "培训高素质农民人数": ((">=", "400", "人次"), ("452", "人次")),
    "农产品质量安全例行监测抽检批次": ((">=", "600", "批次"), ("560", "批次")),
    "财政供养人员控制率": (("<=", "100", "%"), ("92.11", "%")),
    "重大动物疫病强制免疫密度": ((">=", "90", "%"), ("96.30", "%")),
    "农产品质量安全监测合格率": ((">=", "98", "%"), ("99.20", "%")),
    "惠农补贴资金兑付准确率": (("=", "100", "%"), ("100", "%")),
    "惠农补贴发放及时率": ((">=", "95", "%"), ("100", "%")),
    "三公经费支出": (("<=", "16.00", "万元"), ("14.86", "万元")),
    "项目支出成本": (("<=", "795.00", "万元"), ("775.73", "万元")),
    "服务对象满意度": ((">=", "90", "%"), ("95.60", "%")),
}
MISSED = "农产品质量安全例行监测抽检批次"

SCORE, GRADE = "99.39", "优"
SCORE_PARTS = {"预算执行率": "9.72", "产出指标": "49.67", "效益指标": "30.00", "满意度指标": "10.00"}


# ---------------------------------------------------------------------------------------------- helpers


def _pct(part: str | Decimal, whole: str | Decimal) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _same(actual: Decimal | None, expected: str) -> None:
    """Equal as a number and written with the same precision."""
    assert actual is not None, f"expected {expected}, got None"
    assert actual == Decimal(expected)
    assert str(actual) == expected


def _find(items: Iterable[Any], fragment: str, attr: str = "name") -> Any:
    """The one item whose `attr` contains `fragment`."""
    found = [item for item in items if fragment in (getattr(item, attr) or "")]
    assert len(found) == 1, f"{fragment!r}: {[getattr(item, attr) for item in items]}"
    return found[0]


@pytest.fixture(scope="module")
def report() -> Any:
    return load_report(Path(EXAMPLE))


# ---------------------------------------------------------------------------------------------- tests


def test_unit_year_and_date(report: Any) -> None:
    assert report.unit.name == UNIT_NAME
    assert report.title == TITLE
    assert report.fiscal_year == 2024
    assert report.report_date == dt.date(2025, 3, 20)


def test_outline_has_the_ten_sections_in_order(report: Any) -> None:
    numbers = [s.numbering for s in report.outline.sections if s.level == 1]
    assert numbers == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"]


def test_internal_bodies(report: Any) -> None:
    assert report.unit.internal_bodies == INTERNAL_BODIES
    assert report.unit.internal_bodies_stated == 7


def test_staffing(report: Any) -> None:
    staffing = report.staffing
    assert staffing.authorized_total == 38
    assert {s.kind: s.count for s in staffing.authorized_by_kind} == {"行政": 12, "事业": 24, "工勤": 2}
    assert staffing.actual_total == 35
    assert {s.kind: s.count for s in staffing.actual_by_kind} == {"行政": 11, "事业": 22, "工勤": 2}
    assert staffing.funded == 35
    assert staffing.retired == 16


def test_key_tasks(report: Any) -> None:
    assert len(report.key_tasks) == 4
    assert "高标准农田" in report.key_tasks[0]


def test_income(report: Any) -> None:
    income = report.budget.income
    _same(income.total, INCOME_TOTAL)
    for field, (amount, share) in INCOME.items():
        _same(getattr(income, field), amount)
        _same(getattr(income, f"{field}_share"), share)


def test_expenditure(report: Any) -> None:
    expenditure = report.budget.expenditure
    _same(expenditure.total, EXPENDITURE_TOTAL)
    for field, (amount, share) in EXPENDITURE.items():
        _same(getattr(expenditure, field), amount)
        _same(getattr(expenditure, f"{field}_share"), share)
    _same(expenditure.personnel, PERSONNEL)
    _same(expenditure.public, PUBLIC)
    _same(expenditure.carried_forward, CARRIED_FORWARD)


def test_fiscal_expenditure(report: Any) -> None:
    fiscal = report.budget.fiscal_expenditure
    _same(fiscal.total, FISCAL_TOTAL)
    for field, (amount, share) in FISCAL.items():
        _same(getattr(fiscal, field), amount)
        _same(getattr(fiscal, f"{field}_share"), share)
    assert len(fiscal.by_function) == len(BY_FUNCTION)
    for name, (amount, share) in BY_FUNCTION.items():
        line = _find(fiscal.by_function, name)
        _same(line.amount, amount)
        _same(line.share, share)
    assert len(fiscal.by_economic) == len(BY_ECONOMIC)
    for name, amount in BY_ECONOMIC.items():
        _same(_find(fiscal.by_economic, name).amount, amount)


def test_projects(report: Any) -> None:
    budget = report.budget
    assert budget.projects_stated == 3
    assert len(budget.projects) == 3
    for name, (planned, spent, rate) in PROJECTS.items():
        project = _find(budget.projects, name)
        _same(project.budget, planned)
        _same(project.spent, spent)
        _same(project.execution_rate, rate)
        assert project.purpose
    assert "强制免疫疫苗" in (_find(budget.projects, "动物防疫").purpose or "")


def test_other_budgets_stated_none(report: Any) -> None:
    for field in ("government_fund", "state_capital", "social_insurance"):
        other = getattr(report.budget, field)
        assert other is not None, field
        assert other.stated_none is True, field
        assert other.amount is None, field


def test_budget_execution(report: Any) -> None:
    _same(report.budget.initial, BUDGET_INITIAL)
    _same(report.budget.adjusted, BUDGET_ADJUSTED)
    _same(report.budget.executed, BUDGET_EXECUTED)


def test_assets(report: Any) -> None:
    assets = report.assets
    _same(assets.total, ASSETS_TOTAL)
    _same(assets.current, ASSETS_CURRENT)
    _same(assets.fixed_net, ASSETS_FIXED_NET)
    _same(assets.acquired, ACQUIRED)
    assert len(assets.acquisitions) == len(ACQUISITIONS)
    for name, (amount, share) in ACQUISITIONS.items():
        line = _find(assets.acquisitions, name)
        _same(line.amount, amount)
        _same(line.share, share)
    _same(assets.self_used, SELF_USED)
    _same(assets.self_used_share, SELF_USED_SHARE)
    _same(assets.in_use, IN_USE)
    _same(assets.in_use_share, IN_USE_SHARE)
    _same(assets.disposed, DISPOSED)


def test_three_public(report: Any) -> None:
    for field, amount in THREE_PUBLIC.items():
        _same(getattr(report.three_public, field), amount)


def test_performance_targets_and_achievements(report: Any) -> None:
    performance = report.performance
    assert len(performance.targets) == 4
    assert len(performance.achievements) == 4
    assert "600批次" in performance.targets[2]
    assert "560批次" in performance.achievements[2]


def test_quantitative_indicators(report: Any) -> None:
    indicators = report.performance.indicators
    for name, ((comparator, value, unit), (actual_value, actual_unit)) in INDICATORS.items():
        indicator = _find(indicators, name)
        assert indicator.target is not None, name
        assert indicator.target.comparator == comparator, name
        _same(indicator.target.value, value)
        assert indicator.target.unit == unit, name
        assert indicator.actual is not None, name
        _same(indicator.actual.value, actual_value)
        assert indicator.actual.unit == actual_unit, name
    missed = _find(indicators, MISSED)
    assert "产出" in (missed.level1 or "")
    assert "数量" in (missed.level2 or "")
    assert "满意度" in (_find(indicators, "服务对象满意度").level1 or "")


def test_time_and_qualitative_indicators(report: Any) -> None:
    indicators = report.performance.indicators
    timely = _find(indicators, "项目资金支付完成时间")
    assert timely.target is not None
    assert "12月31日前" in timely.target.text
    assert timely.actual is not None
    assert "12月26日" in timely.actual.text
    ecological = [i for i in indicators if "生态" in i.name + (i.level2 or "")]
    assert ecological, [i.name for i in indicators]
    assert all(i.not_applicable for i in ecological)


def test_problems_measures_and_missed_indicator(report: Any) -> None:
    assert len(report.problems) == 3
    assert len(report.measures) == 3
    assert "抽检" in report.problems[0]
    assert "抽检" in report.measures[0]
    assert report.other_matters == "无。"
    assert report.results_use is not None
    assert "门户网站" in report.results_use


def test_self_assessment(report: Any) -> None:
    assert report.self_assessment.grade == GRADE
    _same(report.self_assessment.score, SCORE)


def test_expected_values_are_consistent() -> None:
    """The constants above reconcile, as the example's text does (no import involved)."""
    d = Decimal
    assert sum(d(a) for a, _ in INCOME.values()) == d(INCOME_TOTAL)
    assert all(_pct(a, INCOME_TOTAL) == d(s) for a, s in INCOME.values())
    assert sum(d(a) for a, _ in EXPENDITURE.values()) == d(EXPENDITURE_TOTAL)
    assert all(_pct(a, EXPENDITURE_TOTAL) == d(s) for a, s in EXPENDITURE.values())
    assert d(PERSONNEL) + d(PUBLIC) == d(EXPENDITURE["basic"][0])
    assert d(INCOME_TOTAL) - d(EXPENDITURE_TOTAL) == d(CARRIED_FORWARD)
    assert sum(d(a) for a, _ in FISCAL.values()) == d(FISCAL_TOTAL)
    assert all(_pct(a, FISCAL_TOTAL) == d(s) for a, s in FISCAL.values())
    assert sum(d(a) for a, _ in BY_FUNCTION.values()) == d(FISCAL_TOTAL)
    assert all(_pct(a, FISCAL_TOTAL) == d(s) for a, s in BY_FUNCTION.values())
    assert sum(d(a) for a in BY_ECONOMIC.values()) == d(FISCAL_TOTAL)
    assert sum(d(s) for _, s, _ in PROJECTS.values()) == d(EXPENDITURE["project"][0])
    assert sum(d(b) for b, _, _ in PROJECTS.values()) == d(PROJECT_ADJUSTED)
    assert all(_pct(s, b) == d(r) for b, s, r in PROJECTS.values())
    assert d(BASIC_ADJUSTED) + d(PROJECT_ADJUSTED) == d(BUDGET_ADJUSTED)
    assert d(BUDGET_EXECUTED) == d(EXPENDITURE_TOTAL)
    assert _pct(BUDGET_EXECUTED, BUDGET_ADJUSTED) == d(EXECUTION_RATE)
    assert d(ASSETS_CURRENT) + d(ASSETS_FIXED_NET) == d(ASSETS_TOTAL)
    assert d(BY_ECONOMIC["资本性支出"]) == d(ACQUIRED)
    assert sum(d(a) for a, _ in ACQUISITIONS.values()) == d(ACQUIRED)
    assert all(_pct(a, ACQUIRED) == d(s) for a, s in ACQUISITIONS.values())
    assert _pct(IN_USE, SELF_USED) == d(IN_USE_SHARE)
    parts = ("overseas", "vehicles", "reception")
    assert sum(d(THREE_PUBLIC[p]) for p in parts) == d(THREE_PUBLIC["total"])
    assert INDICATORS["三公经费支出"][0][1] == THREE_PUBLIC["budget"]
    assert INDICATORS["三公经费支出"][1][0] == THREE_PUBLIC["total"]
    assert INDICATORS["项目支出成本"][0][1] == PROJECT_ADJUSTED
    assert INDICATORS["项目支出成本"][1][0] == EXPENDITURE["project"][0]
    assert _pct(35, 38) == d(INDICATORS["财政供养人员控制率"][1][0])
    # scoring: 10 × execution rate, the missed indicator (weight 5) scored pro rata, everything else full
    execution_score = (d(BUDGET_EXECUTED) / d(BUDGET_ADJUSTED) * 10).quantize(
        d("0.01"), rounding=ROUND_HALF_UP
    )
    assert execution_score == d(SCORE_PARTS["预算执行率"])
    missed_score = (d(560) / d(600) * 5).quantize(d("0.01"), rounding=ROUND_HALF_UP)
    assert d(50) - (d(5) - missed_score) == d(SCORE_PARTS["产出指标"])
    assert sum(d(v) for v in SCORE_PARTS.values()) == d(SCORE)
    assert d(SCORE) >= 90
