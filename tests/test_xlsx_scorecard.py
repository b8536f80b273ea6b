"""The 部门整体支出绩效自评表 in Excel: written by jixiao, read back, edited as a unit would, and refused when broken.

`hand_evaluation()` and `hand_scorecard()` build by hand a complete form (stated weights and scores, a full
budget) and are shared with the other `test_xlsx_*` files; `seed_scorecard()` is a provisional card for
the seed, whose report states no weights.
"""

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from jixiao.checks import run_checks
from jixiao.cli import app
from jixiao.core.errors import ExitCode, InputError
from jixiao.core.model import Evaluation, Indicator, Measure
from jixiao.io.load import load_report
from jixiao.io.readers import read_document
from jixiao.io.scorecard_form import META_SHEET, QUALITATIVE_OPTIONS
from jixiao.io.xlsx_reader import read_scorecard_xlsx
from jixiao.render.xlsx import scorecard_xlsx_bytes, write_scorecard_xlsx
from jixiao.scoring.scorecard import ExecutionScore, IndicatorScore, Scorecard
from tests.support import seed_path

D = Decimal
COMPARED = ("unit.name", "fiscal_year", "budget.initial", "budget.adjusted", "budget.executed")


def _m(
    text: str, comparator: str | None = None, value: str | None = None, unit: str | None = None
) -> Measure:
    return Measure(text=text, comparator=comparator, value=D(value) if value else None, unit=unit)  # type: ignore[arg-type]


def hand_evaluation() -> Evaluation:
    indicators = [
        Indicator(
            level1="产出指标",
            level2="数量指标",
            name="网络安全培训人次",
            target=_m("≥500人次", ">=", "500", "人次"),
            actual=_m("480人次", None, "480", "人次"),
            weight=D("20"),
            score=D("19.20"),
            deviation="培训期间部分人员因公外出，下年度增开补训班次。",
        ),
        Indicator(
            level1="产出指标",
            level2="时效指标",
            name="舆情处置时长",
            target=_m("≤5天", "<=", "5", "天"),
            actual=_m("6天", None, "6", "天"),
            weight=D("20"),
            score=D("16.00"),
            deviation="个别事件研判耗时较长。",
        ),
        Indicator(
            level1="产出指标",
            level2="质量指标",
            name="网络执法规范化",
            target=_m("达成年度指标"),
            actual=_m("部分达成年度指标并具有一定效果"),
            weight=D("10"),
            score=D("7.00"),
        ),
        Indicator(
            level1="效益指标",
            level2="社会效益",
            name="网络环境改善",
            target=_m("明显改善"),
            actual=_m("明显改善"),
            weight=D("30"),
            score=D("27.00"),
        ),
        Indicator(level1="效益指标", level2="生态效益", name="生态效益", not_applicable=True),
        Indicator(
            level1="满意度指标",
            level2="服务对象满意度",
            name="群众满意度",
            target=_m("≥90%", ">=", "90", "%"),
            actual=_m("92%", None, "92", "%"),
            weight=D("10"),
            score=D("10.00"),
        ),
    ]
    return Evaluation.model_validate(
        {
            "kind": "部门整体",
            "unit": {"name": "某某县委网络安全和信息化委员会办公室"},
            "fiscal_year": 2023,
            "budget": {"initial": D("120.00"), "adjusted": D("145.00"), "executed": D("125.00")},
            "performance": {
                "targets": ["确保网络安全不发生重大事故", "每季度开展一次网宣活动"],
                "achievements": ["全年未发生重大网络安全事故", "按季度完成网宣活动4次"],
                "indicators": indicators,
            },
            "self_assessment": {"grade": "良", "score": D("87.82")},
        }
    )


def _scored(ev: Evaluation, index: int, method: str, computation: str, **extra: Any) -> IndicatorScore:
    ind = ev.performance.indicators[index]
    return IndicatorScore(
        index=index,
        level1=ind.level1,
        level2=ind.level2,
        name=ind.name,
        target=ind.target.text if ind.target else None,
        actual=ind.actual.text if ind.actual else None,
        weight=extra.pop("weight", ind.weight),
        weight_assumed=extra.pop("weight_assumed", False),
        score=extra.pop("score", ind.score),
        method=method,
        computation=computation,  # type: ignore[arg-type]
        stated_score=ind.score,
        **extra,
    )


def hand_scorecard(ev: Evaluation) -> Scorecard:
    return Scorecard(
        rulebook="mof-2020",
        provisional=False,
        indicators=[
            _scored(ev, 0, "positive", "480 ÷ 500 × 20 = 19.20"),
            _scored(ev, 1, "reverse", "(1 − (6 − 5) ÷ 5) × 20 = 16.00"),
            _scored(ev, 2, "qualitative", "部分达成：[6.00, 8.00)，自评 7.00"),
            _scored(ev, 3, "stated", "采用自评得分 27.00"),
            _scored(ev, 4, "unscored", "", weight=None, score=None, reason="报告称不适用，不参与评分"),
            _scored(ev, 5, "positive", "92 ≥ 90，满分 10.00"),
        ],
        execution=ExecutionScore(
            initial=D("120.00"),
            adjusted=D("145.00"),
            executed=D("125.00"),
            rate=D("86.21"),
            weight=D("10"),
            score=D("8.62"),
            status="scored",
            computation="125.00 ÷ 145.00 = 86.21%，86.21% × 10 = 8.62",
        ),
        assessed_weight=D("100"),
        total=D("87.82"),
        total_before_cap=D("87.82"),
        scaled_total=None,
        grade="良",
        self_grade="良",
        self_score=D("87.82"),
    )


def seed_scorecard(ev: Evaluation) -> Scorecard:
    """A provisional card as the engine would give the seed: 产出指标 50 spread over its two scorable indicators."""
    scored = {3: ("开展网评活动", "5 ≥ 4，满分 25.00"), 4: ("网络系统设备", "5 ≥ 3，满分 25.00")}
    indicators = []
    for i in range(len(ev.performance.indicators)):
        if i in scored:
            indicators.append(
                _scored(
                    ev,
                    i,
                    "positive",
                    scored[i][1],
                    weight=D("25.00"),
                    weight_assumed=True,
                    score=D("25.00"),
                    over_achieved=i == 4,
                )
            )
        else:
            indicators.append(_scored(ev, i, "unscored", "", reason="没有年度指标值"))
    return Scorecard(
        rulebook="hunan-2023",
        provisional=True,
        indicators=indicators,
        execution=ExecutionScore(
            initial=None,
            adjusted=None,
            executed=None,
            rate=None,
            weight=D("10"),
            score=None,
            status="insufficient_data",
            computation="全年预算数、全年执行数未载明，无法计算预算执行率",
        ),
        assessed_weight=D("50.00"),
        total=D("50.00"),
        total_before_cap=D("50.00"),
        scaled_total=D("100.00"),
        grade="优",
        self_grade="优",
        assumptions=["报告未列各项指标的分值，按一级指标分值平均分配（暂定）"],
    )


def compared(ev: Evaluation, mode: str = "json") -> dict[str, Any]:
    """The values the form carries: as JSON, every Decimal as its string; as Python, Decimals equal by value."""
    data = ev.model_dump(mode=mode)
    return {
        "unit.name": data["unit"]["name"],
        "fiscal_year": data["fiscal_year"],
        "budget": {k: data["budget"][k] for k in ("initial", "adjusted", "executed")},
        "performance": data["performance"],
        "self_assessment": data["self_assessment"],
    }


@pytest.fixture(scope="module")
def seed() -> Evaluation:
    return load_report(seed_path())


@pytest.fixture
def hand_file(tmp_path: Path) -> Path:
    ev = hand_evaluation()
    return write_scorecard_xlsx(ev, hand_scorecard(ev), tmp_path / "自评表.xlsx")


def _sheet(path: Path) -> Any:
    return openpyxl.load_workbook(path)["自评表"]


def _row_of(sheet: Any, name: str) -> int:
    return next(c.row for c in sheet["C"] if c.value == name)


def _label_row(sheet: Any, label: str) -> int:
    return next(c.row for c in sheet["A"] if c.value == label)


# ------------------------------------------------------------------------------ round trips


def test_a_complete_form_reads_back_with_the_same_values(hand_file: Path) -> None:
    back = read_scorecard_xlsx(hand_file)
    assert compared(back) == compared(hand_evaluation())
    assert back.budget.adjusted is not None and str(back.budget.adjusted) == "145.00"
    assert str(back.performance.indicators[0].score) == "19.20"


def test_the_seed_reads_back_with_the_same_values(seed: Evaluation, tmp_path: Path) -> None:
    path = write_scorecard_xlsx(seed, seed_scorecard(seed), tmp_path / "seed.xlsx")
    back = read_scorecard_xlsx(path)
    assert compared(back) == compared(seed)
    assert back.unit.name == "中共辰溪县委网络安全和信息化委员会办公室"
    assert back.fiscal_year == 2023
    assert back.self_assessment.grade == "优"


def test_weights_jixiao_spread_show_on_the_form_but_do_not_read_back_as_stated(
    seed: Evaluation, tmp_path: Path
) -> None:
    path = write_scorecard_xlsx(seed, seed_scorecard(seed), tmp_path / "seed.xlsx")
    sheet = _sheet(path)
    row = _row_of(sheet, "网络系统设备")
    assert sheet[f"F{row}"].value == 25 and sheet[f"F{row}"].font.i
    back = read_scorecard_xlsx(path)
    assert back.performance.indicators[4].weight is None
    assert back.performance.indicators[4].score is None


def test_a_blank_budget_stays_blank_and_is_not_read_as_zero(seed: Evaluation, tmp_path: Path) -> None:
    path = write_scorecard_xlsx(seed, seed_scorecard(seed), tmp_path / "seed.xlsx")
    sheet = _sheet(path)
    row = _label_row(sheet, "年度资金总额")
    assert [sheet[f"{c}{row}"].value for c in "BCD"] == [None, None, None]
    back = read_scorecard_xlsx(path)
    assert (back.budget.initial, back.budget.adjusted, back.budget.executed) == (None, None, None)
    assert back.self_assessment.score is None


def test_values_read_back_cite_their_sheet_and_cell(hand_file: Path) -> None:
    back = read_scorecard_xlsx(hand_file)
    sheet = _sheet(hand_file)
    row = _row_of(sheet, "舆情处置时长")
    where = back.sources["performance.indicators[1].score"]
    assert (where.file, where.sheet, where.cell, where.text) == (str(hand_file), "自评表", f"G{row}", "16")
    assert back.sources["budget.adjusted"].cell == f"C{_label_row(sheet, '年度资金总额')}"
    assert back.sources["performance.targets[1]"].text == "每季度开展一次网宣活动"


def test_a_form_copied_without_jixiaos_record_reads_from_its_cells(hand_file: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(hand_file)
    del workbook[META_SHEET]
    copy = tmp_path / "copy.xlsx"
    workbook.save(copy)
    back = read_scorecard_xlsx(copy)
    # each number as the cell shows it: a weight of 20 written as 20.00 is 20.00; and the 分值 of the 预算执行率
    # row, which jixiao's record would have said the evaluation did not state, is read as the form states it
    assert str(back.self_assessment.execution_weight) == "10.00"
    back.self_assessment.execution_weight = None
    assert compared(back, "python") == compared(hand_evaluation(), "python")
    assert str(back.performance.indicators[0].weight) == "20.00"


def test_a_weight_and_a_score_the_unit_enters_are_read_as_stated(seed: Evaluation, tmp_path: Path) -> None:
    path = write_scorecard_xlsx(seed, seed_scorecard(seed), tmp_path / "seed.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["自评表"]
    row = _row_of(sheet, "网络系统设备")
    sheet[f"F{row}"] = 15
    sheet[f"G{row}"] = 12.5
    workbook.save(path)
    back = read_scorecard_xlsx(path)
    indicator = back.performance.indicators[4]
    assert (str(indicator.weight), str(indicator.score)) == ("15.00", "12.50")
    # the total as the form computes it: 25.00 still shown for 开展网评活动, plus the 12.50 entered
    assert str(back.self_assessment.score) == "37.50"


def test_the_rate_jixiao_writes_is_a_formula_and_not_read_as_stated(hand_file: Path) -> None:
    sheet = _sheet(hand_file)
    assert str(sheet[f"F{_label_row(sheet, '年度资金总额')}"].value).startswith("=")
    assert read_scorecard_xlsx(hand_file).budget.execution_rate is None


@pytest.mark.parametrize(
    ("typed", "number_format", "read"),
    [
        (0.8621, "0.00%", "86.21"),
        (0.8621, "General", "86.21"),
        (86.2, "0.00", "86.20"),
        ("86.21%", "@", "86.21"),
    ],
)
def test_a_rate_the_unit_types_is_read_as_stated_in_percent(
    hand_file: Path, typed: object, number_format: str, read: str
) -> None:
    workbook = openpyxl.load_workbook(hand_file)
    sheet = workbook["自评表"]
    cell = sheet[f"F{_label_row(sheet, '年度资金总额')}"]
    cell.value, cell.number_format = typed, number_format
    workbook.save(hand_file)
    back = read_scorecard_xlsx(hand_file)
    assert str(back.budget.execution_rate) == read
    assert back.sources["budget.execution_rate"].cell == cell.coordinate


def test_a_score_under_a_rate_score_heading_is_not_a_stated_rate(hand_file: Path) -> None:
    workbook = openpyxl.load_workbook(hand_file)
    sheet = workbook["自评表"]
    row = _label_row(sheet, "年度资金总额")
    header = next(c for c in sheet[row - 1] if str(c.value or "").startswith("执行率"))
    header.value = "执行率得分"  # another template's column: the score of 执行率, not the rate
    sheet[f"{header.column_letter}{row}"] = 8.62
    workbook.save(hand_file)
    assert read_scorecard_xlsx(hand_file).budget.execution_rate is None


@pytest.mark.parametrize(("typed", "outcome"), [(0.8621, "pass"), (0.9, "fail")])
def test_a_typed_rate_is_checked_against_the_budget_it_stands_beside(
    hand_file: Path, typed: float, outcome: str
) -> None:
    workbook = openpyxl.load_workbook(hand_file)
    sheet = workbook["自评表"]
    cell = sheet[f"F{_label_row(sheet, '年度资金总额')}"]
    cell.value, cell.number_format = typed, "0.00%"
    workbook.save(hand_file)
    # 125.00 ÷ 145.00 = 86.21%
    assert run_checks(read_scorecard_xlsx(hand_file), rules=["execution-rate-stated"]).outcomes == {
        "execution-rate-stated": outcome
    }


def test_the_total_is_recomputed_from_the_scores_never_taken_from_the_total_cell(hand_file: Path) -> None:
    workbook = openpyxl.load_workbook(hand_file)
    sheet = workbook["自评表"]
    sheet[f"G{_row_of(sheet, '网络安全培训人次')}"] = 18
    total = _label_row(sheet, "总分")
    sheet[f"G{total}"] = 99  # a stale value where the formula was
    workbook.save(hand_file)
    back = read_scorecard_xlsx(hand_file)
    # 18.00 + 16.00 + 7.00 + 27.00 + 10.00 + 125.00 ÷ 145.00 × 10 (8.62)
    assert str(back.self_assessment.score) == "86.62"


def test_a_target_typed_as_a_formula_reads_as_the_text_typed(hand_file: Path) -> None:
    workbook = openpyxl.load_workbook(hand_file)
    sheet = workbook["自评表"]
    row = _row_of(sheet, "群众满意度")
    sheet[f"D{row}"] = "=100%"  # what Excel makes of a target typed as =100%
    workbook.save(hand_file)
    target = read_scorecard_xlsx(hand_file).performance.indicators[5].target
    assert target is not None
    assert (target.text, target.comparator, str(target.value), target.unit) == ("=100%", "=", "100", "%")


def test_a_target_written_with_an_equals_sign_is_text_not_a_formula(tmp_path: Path) -> None:
    ev = hand_evaluation()
    ev.performance.indicators[5].target = _m("=100%", "=", "100", "%")
    path = write_scorecard_xlsx(ev, hand_scorecard(ev), tmp_path / "eq.xlsx")
    cell = _sheet(path)[f"D{_row_of(_sheet(path), '群众满意度')}"]
    assert (cell.value, cell.data_type) == ("=100%", "s")
    assert read_scorecard_xlsx(path).performance.indicators[5].target == ev.performance.indicators[5].target


# ------------------------------------------------------------------------------ what a unit works with in Excel


def test_qualitative_rows_offer_the_three_options_as_a_dropdown(hand_file: Path) -> None:
    sheet = _sheet(hand_file)
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    cells = {str(ref) for dv in lists for ref in dv.sqref.ranges}
    assert cells == {f"E{_row_of(sheet, '网络执法规范化')}"}
    assert lists[0].formula1 == '"' + ",".join(QUALITATIVE_OPTIONS) + '"'
    assert QUALITATIVE_OPTIONS == (
        "达成年度指标",
        "部分达成年度指标并具有一定效果",
        "未达成年度指标且效果较差",
    )


def test_a_score_is_checked_against_its_weight(hand_file: Path) -> None:
    sheet = _sheet(hand_file)
    row = _row_of(sheet, "舆情处置时长")
    bounds = [
        dv for dv in sheet.data_validations.dataValidation if f"G{row}" in {str(r) for r in dv.sqref.ranges}
    ]
    assert [(dv.type, dv.operator, dv.formula1, dv.formula2) for dv in bounds] == [
        ("decimal", "between", "0", f"F{row}")
    ]


def test_the_execution_rate_its_score_and_the_total_are_formulas(hand_file: Path) -> None:
    sheet = _sheet(hand_file)
    x = _label_row(sheet, "年度资金总额")
    first, last = _row_of(sheet, "网络安全培训人次"), _row_of(sheet, "群众满意度")
    total = _label_row(sheet, "总分")
    assert sheet[f"F{x}"].value == f'=IF(AND(ISNUMBER(C{x}),ISNUMBER(D{x})),IF(C{x}=0,"",D{x}/C{x}),"")'
    assert sheet[f"G{x}"].value == f'=IF(AND(ISNUMBER(F{x}),ISNUMBER(E{x})),ROUND(MIN(F{x},1)*E{x},2),"")'
    assert (
        sheet[f"G{total}"].value
        == f'=IF(COUNT(G{first}:G{last},G{x})=0,"",ROUND(SUM(G{first}:G{last},G{x}),2))'
    )
    assert sheet[f"F{total}"].value == f'=IF(COUNT(F{first}:F{last},E{x})=0,"",SUM(F{first}:F{last},E{x}))'
    assert sheet[f"F{x}"].number_format == "0.00%"


def test_amounts_are_numbers_written_exactly_with_two_decimals(hand_file: Path) -> None:
    with zipfile.ZipFile(hand_file) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = _sheet(hand_file)
    x = _label_row(sheet, "年度资金总额")
    assert f'<c r="C{x}" s="' in xml and "<v>145</v>" in xml and "<v>19.2</v>" in xml
    assert sheet[f"C{x}"].value == 145 and sheet[f"C{x}"].number_format == "#,##0.00"
    assert sheet[f"G{_row_of(sheet, '网络安全培训人次')}"].number_format == "0.00"


def test_the_form_prints_on_a4_to_the_width_of_a_page_with_the_table_header_repeated(hand_file: Path) -> None:
    sheet = _sheet(hand_file)
    header = next(c.row for c in sheet["C"] if c.value == "三级指标")
    assert sheet.page_setup.paperSize == 9  # A4 in the OOXML paper size table
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.page_margins.left == pytest.approx(0.6) and sheet.page_margins.top == pytest.approx(0.75)
    assert sheet.print_area.endswith(f"$H${sheet.max_row}")


def test_the_form_has_its_blocks_headings_and_chinese_fonts(hand_file: Path) -> None:
    sheet = _sheet(hand_file)
    texts = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for heading in (
        "部门整体支出绩效自评表",
        "部门（单位）名称",
        "年度",
        "填报人",
        "联系电话",
        "填报日期",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
        "预期目标",
        "实际完成情况",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        "总分",
        "自评等级",
    ):
        assert heading in texts
    assert sheet["A1"].font.name == "宋体"
    assert "A1:H1" in {str(r) for r in sheet.merged_cells.ranges}
    produce = _row_of(sheet, "网络安全培训人次")
    assert f"A{produce}:A{produce + 2}" in {
        str(r) for r in sheet.merged_cells.ranges
    }  # 产出指标 down its rows
    assert sheet[f"C{produce}"].border.left.style == "thin"


def test_a_provisional_scorecard_says_so_at_the_top_and_on_every_page(
    seed: Evaluation, tmp_path: Path
) -> None:
    path = write_scorecard_xlsx(seed, seed_scorecard(seed), tmp_path / "seed.xlsx")
    sheet = _sheet(path)
    assert sheet["A2"].value.startswith("【暂定评分】")
    assert "暂定" in sheet.oddHeader.center.text
    hand = _sheet(
        Path(write_scorecard_xlsx(hand_evaluation(), hand_scorecard(hand_evaluation()), tmp_path / "h.xlsx"))
    )
    assert hand["A2"].value == "部门（单位）名称" and not hand.oddHeader.center.text


def test_the_notes_list_what_could_not_be_scored_and_the_indicator_far_above_target(
    seed: Evaluation, tmp_path: Path
) -> None:
    path = write_scorecard_xlsx(seed, seed_scorecard(seed), tmp_path / "seed.xlsx")
    texts = [c.value for c in _sheet(path)["A"] if isinstance(c.value, str)]
    assert any("财政供养人员控制率：未评分，没有年度指标值" in t for t in texts)
    assert any("网络系统设备：实际完成值远超年度指标值" in t for t in texts)
    assert any(t.startswith("数据不足") or "预算执行率：数据不足" in t for t in texts)


def test_the_workbook_is_also_given_as_bytes(tmp_path: Path) -> None:
    ev = hand_evaluation()
    data = scorecard_xlsx_bytes(ev, hand_scorecard(ev))
    assert data.startswith(b"PK\x03\x04")
    (tmp_path / "b.xlsx").write_bytes(data)
    assert compared(read_scorecard_xlsx(tmp_path / "b.xlsx")) == compared(ev)


# ------------------------------------------------------------------------------ reading any xlsx, and bad ones


def test_read_document_reads_an_xlsx_as_rows_of_cells_not_as_a_word_document(hand_file: Path) -> None:
    doc = read_document(hand_file)
    assert doc.kind == "xlsx"
    assert any(line.text.startswith("一级指标 | 二级指标 | 三级指标") for line in doc.lines)
    assert all(META_SHEET not in line.text and "format" not in line.text for line in doc.lines)


def test_an_xlsx_under_another_name_is_still_read_as_a_workbook(hand_file: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "自评表.bin"
    renamed.write_bytes(hand_file.read_bytes())
    assert read_document(renamed).kind == "xlsx"


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_scorecard_xlsx(path)
    return caught.value.message


def test_a_truncated_xlsx_gives_one_chinese_error(hand_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(hand_file.read_bytes()[:3000])
    assert "已损坏" in _error(broken)
    with pytest.raises(InputError, match="已损坏"):
        read_document(broken)


def test_an_xlsx_with_a_damaged_sheet_gives_one_chinese_error(hand_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(hand_file) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(
                item, data[: len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data
            )
    assert "已损坏" in _error(broken)


def test_a_word_document_named_xlsx_is_refused_in_chinese(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("部门整体支出绩效自评报告")
    path = tmp_path / "report.xlsx"
    document.save(path)
    assert "Word" in _error(path)


def test_an_encrypted_or_legacy_workbook_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    assert ".xls" in _error(path) and "另存为 .xlsx" in _error(path)


def test_a_legacy_xls_is_still_refused_by_read_document(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    with pytest.raises(InputError, match=r"不支持旧版 \.xls 格式"):
        read_document(path)


def test_a_workbook_that_is_not_a_form_says_so(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["科目", "金额"])
    workbook.active.append(["办公费", 12.5])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    assert "不是部门整体支出绩效自评表" in _error(path)


def test_an_indicator_row_without_a_name_is_refused_with_its_row(hand_file: Path) -> None:
    workbook = openpyxl.load_workbook(hand_file)
    sheet = workbook["自评表"]
    row = _row_of(sheet, "舆情处置时长")
    sheet[f"C{row}"] = None
    workbook.save(hand_file)
    assert f"第 {row} 行" in _error(hand_file) and "三级指标名称为空" in _error(hand_file)


def test_the_cli_exits_3_with_a_chinese_message_for_a_broken_xlsx(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = CliRunner().invoke(app, ["import", str(broken)])
    assert result.exit_code == ExitCode.UNREADABLE
    assert "已损坏" in result.output and "Traceback" not in result.output


def test_an_empty_xlsx_file_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "文件为空" in _error(path)


def test_jixiaos_record_sits_in_a_sheet_hidden_from_the_user() -> None:
    ev = hand_evaluation()
    workbook = openpyxl.load_workbook(io.BytesIO(scorecard_xlsx_bytes(ev, hand_scorecard(ev))))
    assert workbook[META_SHEET].sheet_state == "veryHidden"
