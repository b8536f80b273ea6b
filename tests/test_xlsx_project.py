"""A 项目支出绩效自评表 a unit filled in Excel itself, in the national layout: read by its labels.

The workbook is built here cell by cell as a unit's would be (merged label cells, 项目资金 in 元, the 执行率 and
its 得分 typed as numbers, a 总分 typed), with no record of jixiao's: every value is read from its cell.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jixiao.checks import run_checks
from jixiao.io import load_report


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    rows = [
        ["项目支出绩效自评表"],
        ["（2024年度）"],
        ["项目名称", None, "校园安全防护设施建设"],
        ["主管部门", None, "青山县教育局", None, "实施单位", "青山县第一中学"],
        ["项目资金（元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 120000, 120000, 114000, 10, "95.00%", 9.5],
        [None, "其中：当年财政拨款", 120000, 120000, 114000, "—", None, "—"],
        [None, "上年结转资金", None, None, None, "—", None, "—"],
        [None, "其他资金", None, None, None, "—", None, "—"],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "完成校园围墙和监控设施改造", None, None, "围墙改造完成，监控设施完成90%"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "新增监控点位", "≥40个", "36个", 30, 27, "4个点位的线路待次年施工"],
        [None, None, "时效指标", "完工时间", "12月31日前", "12月20日", 20, 20, None],
        [None, "效益指标", "社会效益指标", "校园安全事故", "≤0起", "0起", 30, 30, None],
        [None, "满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "95%", 10, 10, None],
        ["总分", None, None, None, None, None, 100, 96.5, None],
        ["自评等级", "优"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A3:B3")
    sheet.merge_cells("A4:B4")
    path = tmp_path_factory.mktemp("hand") / "project.xlsx"
    book.save(path)
    return path


def test_a_hand_filled_form_reads_its_project_and_funds_in_wanyuan(form: Path) -> None:
    ev = load_report(form)
    assert ev.kind == "项目支出"
    assert (ev.project.name, ev.project.department, ev.project.implementer) == ("校园安全防护设施建设", "青山县教育局", "青山县第一中学")
    assert ev.unit.name == "青山县第一中学" and ev.fiscal_year == 2024
    # 120000 元 is 12.0000 万元: every digit written kept, the point moved four places
    assert [str(v) for v in (ev.budget.initial, ev.budget.adjusted, ev.budget.executed)] == ["12.0000", "12.0000", "11.4000"]
    assert ev.sources["budget.executed"].original_unit == "元" and ev.sources["budget.executed"].cell == "E6"
    assert str(ev.budget.execution_rate) == "95.00"
    [fiscal, carried, other] = ev.project.funds
    assert (fiscal.source, str(fiscal.executed)) == ("财政拨款", "11.4000")
    assert (carried.source, carried.adjusted, other.source) == ("上年结转", None, "其他资金")


def test_a_hand_filled_form_reads_its_scores_and_total_as_typed(form: Path) -> None:
    ev = load_report(form)
    s = ev.self_assessment
    assert (s.execution_weight, s.execution_score, s.weight_total, s.grade) == (Decimal(10), Decimal("9.5"), Decimal(100), "优")
    assert s.score == Decimal("96.50")  # 总分 recomputed from the scores: 87 + 9.50
    first = ev.performance.indicators[0]
    assert (first.name, str(first.weight), str(first.score)) == ("新增监控点位", "30", "27")
    assert ev.performance.indicators[0].deviation == "4个点位的线路待次年施工"


def test_a_hand_filled_form_is_checked_like_any_project_evaluation(form: Path) -> None:
    report = run_checks(load_report(form))
    assert [f for f in report.findings if f.severity == "error"] == []
    assert report.outcomes["execution-score-stated"] == "pass"  # 11.4000 ÷ 12.0000 × 10 = 9.50
    assert report.outcomes["weights-total"] == "pass"  # 90 + 10
    # 36 of ≥40: 36 ÷ 40 × 30 = 27.00, as scored
    assert report.outcomes["indicator-score-by-rule"] == "pass"
