"""The importer reads performance indicators in the forms reports write them: tiny inline reports as fixtures.

Prose clauses (a target with its comparator and the actual that follows, a target with no actual, a line
that carries its own 二级指标 label) and the indicator rows of a 项目支出绩效自评表 published one cell per
line or one row per line.
"""

from __future__ import annotations

from jixiao.core.model import Evaluation, Indicator
from jixiao.io.document import SourceDocument
from jixiao.io.load import import_document

PROSE = (
    "2024年度青石县林业局部门整体支出绩效自评报告\n"
    "一、部门基本情况\n青石县林业局负责全县林业工作。\n"
    "二、部门整体支出绩效情况\n（一）绩效指标完成情况\n1、产出指标完成情况。\n"
)


def _import(text: str) -> Evaluation:
    return import_document(SourceDocument.from_text("inline.txt", "txt", text))


def _prose(*lines: str) -> Evaluation:
    return _import(PROSE + "\n".join(lines) + "\n")


def _named(evaluation: Evaluation, name: str) -> Indicator:
    [indicator] = [i for i in evaluation.performance.indicators if i.name == name]
    return indicator


def _s(value: object) -> str | None:
    return None if value is None else str(value)


# --- prose ----------------------------------------------------------------------------------------------


def test_a_target_with_a_comparator_and_the_actual_that_follows_make_one_indicator() -> None:
    evaluation = _prose("护林巡查里程≥1500公里,实际巡查1480.5公里。")
    [patrol] = evaluation.performance.indicators
    assert patrol.name == "护林巡查里程"
    assert patrol.target is not None and patrol.actual is not None
    assert (patrol.target.comparator, _s(patrol.target.value), patrol.target.unit) == (">=", "1500", "公里")
    assert (_s(patrol.actual.value), patrol.actual.unit) == ("1480.5", "公里")


def test_each_target_and_actual_pair_of_a_statement_becomes_its_own_indicator() -> None:
    evaluation = _prose("防火检查站点≥12个,实际设置12个;巡护车辆≥3台,实际投入4台。")
    assert [
        (i.name, _s(i.target.value if i.target else None)) for i in evaluation.performance.indicators
    ] == [
        ("防火检查站点", "12"),
        ("巡护车辆", "3"),
    ]
    assert _s(_named(evaluation, "巡护车辆").actual.value) == "4"  # type: ignore[union-attr]


def test_a_line_that_opens_with_its_own_label_gives_the_second_level() -> None:
    evaluation = _prose("数量指标:护林巡查里程≥1500公里,实际巡查1480.5公里。")
    patrol = _named(evaluation, "护林巡查里程")
    assert (patrol.level1, patrol.level2) == ("产出指标", "数量指标")


def test_a_satisfaction_line_with_only_a_target_keeps_the_target_and_no_actual() -> None:
    text = PROSE + "2、效益指标完成情况。\n(3)满意度指标(服务对象满意度指标):林农满意度大于年度指标值≥90%。\n"
    [satisfaction] = _import(text).performance.indicators
    assert (satisfaction.level1, satisfaction.name) == ("满意度指标", "林农满意度")
    assert satisfaction.target is not None and satisfaction.actual is None
    assert (satisfaction.target.comparator, _s(satisfaction.target.value), satisfaction.target.unit) == (
        ">=",
        "90",
        "%",
    )


def test_a_target_word_with_no_figure_after_it_is_not_read_as_a_target() -> None:
    evaluation = _prose("其中护林巡查里程未达到年度目标,按完成比例扣减0.5分。")
    assert [i for i in evaluation.performance.indicators if i.target is not None] == []


def test_the_paired_indicator_cites_its_line_and_section() -> None:
    evaluation = _prose("护林巡查里程≥1500公里,实际巡查1480.5公里。")
    for path in (
        "performance.indicators[0]",
        "performance.indicators[0].target",
        "performance.indicators[0].actual",
    ):
        location = evaluation.sources[path]
        assert (location.file, location.line, location.section) == ("inline.txt", 7, "1、产出指标完成情况。")


# --- the 自评表, one cell per line ------------------------------------------------------------------------

TABLE_TOP = "2024年度青石县林业局项目支出绩效自评表\n项目名称 |\n森林防火专项 |\n绩效指标 |\n"
HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "分值",
    "得分",
    "偏差原因",
]
TABLE_END = ["合计", "100", "", "", "评价结论", "已按要求完成。"]


def _cells(*cells: str) -> str:
    """A table as a web page publishes it: one cell per line, each ending in '|', an empty cell a bare '|'."""
    return "".join(f"{c} |\n" if c else "|\n" for c in cells)


def _table(*rows: list[str]) -> Evaluation:
    return _import(TABLE_TOP + _cells(*HEADER, *[c for row in rows for c in row], *TABLE_END))


def test_a_table_row_with_empty_actual_and_score_cells_keeps_its_target_and_weight() -> None:
    evaluation = _table(["产出指标", "数量指标", "防火巡查覆盖率", "≥", "95", "%", "", "40", "", ""])
    [row] = evaluation.performance.indicators
    assert (row.level1, row.level2, row.name) == ("产出指标", "数量指标", "防火巡查覆盖率")
    assert row.target is not None
    assert (row.target.text, row.target.comparator, _s(row.target.value), row.target.unit) == (
        "≥95%",
        ">=",
        "95",
        "%",
    )
    assert row.actual is None and row.score is None and _s(row.weight) == "40"


def test_a_filled_table_row_gives_its_actual_score_and_deviation() -> None:
    row = ["效益指标", "社会效益指标", "森林火灾受害率", "≤", "0.9", "‰", "0.5", "30", "30", "无偏差"]
    [indicator] = _table(row).performance.indicators
    assert indicator.actual is not None
    assert (indicator.actual.text, _s(indicator.actual.value), indicator.actual.unit) == ("0.5‰", "0.5", "‰")
    assert (_s(indicator.weight), _s(indicator.score), indicator.deviation) == ("30", "30", "无偏差")


def test_rows_that_leave_out_merged_level_cells_carry_the_levels_above() -> None:
    evaluation = _table(
        ["产出指标", "数量指标", "防火巡查覆盖率", "≥", "95", "%", "96", "20", "20", ""],
        ["瞭望塔建设数量", "=", "2", "座", "2", "20", "20", ""],
        ["时效指标", "项目完成时间", "≤", "12", "月", "12", "10", "10", ""],
    )
    levels = [(i.level1, i.level2, i.name) for i in evaluation.performance.indicators]
    assert levels == [
        ("产出指标", "数量指标", "防火巡查覆盖率"),
        ("产出指标", "数量指标", "瞭望塔建设数量"),
        ("产出指标", "时效指标", "项目完成时间"),
    ]


def test_a_row_whose_cells_do_not_fit_their_columns_ends_the_reading() -> None:
    evaluation = _table(
        ["产出指标", "数量指标", "防火巡查覆盖率", "≥", "95", "%", "96", "20", "20", ""],
        ["产出指标", "质量指标", "设备完好率", "≥", "90", "%", "92", "约二十", "", ""],
        ["效益指标", "社会效益指标", "森林火灾受害率", "≤", "0.9", "‰", "0.5", "30", "30", ""],
    )
    assert [i.name for i in evaluation.performance.indicators] == ["防火巡查覆盖率"]


def test_a_table_whose_empty_cells_are_not_marked_is_not_read() -> None:
    cells = [*HEADER, "产出指标", "数量指标", "防火巡查覆盖率", "≥", "95", "%", "40", *TABLE_END]
    evaluation = _import(TABLE_TOP + "".join(f"{c}\n" for c in cells if c))
    assert evaluation.performance.indicators == []


def test_each_table_value_cites_the_line_of_its_own_cell() -> None:
    evaluation = _table(["产出指标", "数量指标", "防火巡查覆盖率", "≥", "95", "%", "", "40", "", ""])
    first_row = 5 + len(HEADER)  # the title and three cells above the header, lines counted from 1
    sources = evaluation.sources
    assert (sources["performance.indicators[0]"].line, sources["performance.indicators[0]"].text) == (
        first_row + 2,
        "防火巡查覆盖率 |",
    )
    assert sources["performance.indicators[0].target"].line == first_row + 4
    assert sources["performance.indicators[0].weight"].line == first_row + 7
    assert "performance.indicators[0].actual" not in sources
    assert all(sources[p].file == "inline.txt" for p in sources if p.startswith("performance.indicators"))


def test_table_cells_under_an_indicator_heading_are_not_read_again_as_prose() -> None:
    text = PROSE + _cells(
        *HEADER, "产出指标", "数量指标", "防火巡查覆盖率", "≥", "95", "%", "96", "40", "40", ""
    )
    assert [i.name for i in _import(text).performance.indicators] == ["防火巡查覆盖率"]


# --- the 自评表, one row per line -------------------------------------------------------------------------


def test_a_table_with_one_row_per_line_is_read_and_a_row_with_merged_cells_left_out() -> None:
    text = (
        TABLE_TOP
        + " | ".join(HEADER)
        + "\n产出指标 | 数量指标 | 防火巡查覆盖率 | ≥ | 95 | % | 96 | 40 | 38 | 个别林区道路中断\n"
        + " |  | 瞭望塔建设数量 | = | 2 | 座 | 2 | 20 | 20 | \n"
        + "效益指标 | 社会效益指标 | 林区群众防火意识明显提高\n"
        + "合计 | 100 | 98\n"
    )
    evaluation = _import(text)
    assert [(i.level2, i.name, _s(i.score)) for i in evaluation.performance.indicators] == [
        ("数量指标", "防火巡查覆盖率", "38"),
        ("数量指标", "瞭望塔建设数量", "20"),
    ]
    assert evaluation.performance.indicators[0].deviation == "个别林区道路中断"


def test_a_table_drawn_with_outer_borders_is_read_without_its_border_cells() -> None:
    text = (
        TABLE_TOP
        + "| "
        + " | ".join(HEADER)
        + " |\n| 满意度指标 | 服务对象满意度指标 | 林农满意度 | ≥ | 90 | % | 93.5 | 10 | 10 |  |\n"
    )
    [indicator] = _import(text).performance.indicators
    assert (indicator.level1, indicator.name, indicator.deviation) == ("满意度指标", "林农满意度", None)
    assert indicator.actual is not None and _s(indicator.actual.value) == "93.5"


def test_a_third_level_name_that_reads_like_a_second_level_one_is_taken_as_the_name() -> None:
    evaluation = _table(
        ["满意度指标", "服务对象满意度指标", "林农满意度", "≥", "90", "%", "93", "5", "5", ""],
        ["服务对象满意度", "≥", "90", "%", "95", "5", "5", ""],
    )
    assert [(i.level2, i.name) for i in evaluation.performance.indicators] == [
        ("服务对象满意度指标", "林农满意度"),
        ("服务对象满意度指标", "服务对象满意度"),
    ]
